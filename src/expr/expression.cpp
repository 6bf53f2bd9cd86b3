// compile_expression: parse, check, lower. The one entry point of the
// module for the loader; it turns every failure into a diagnostic.
#include <exception>

#include <fmt/format.h>

#include "expr/compiled.hpp"
#include "expr/parse.hpp"
#include "expr/typed.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi::detail {

CompileResult compile_expression(std::string_view text, const TextOrigin& origin,
                                 const Scope& scope, StringTable& strings, FactType expected) {
  CompileResult result;
  result.type = expected;
  auto syntax_error = [&](std::size_t offset, std::string message) {
    result.diagnostics.push_back(
        make_diagnostic(codes::expr_syntax, origin.at(offset, text), std::move(message)));
  };
  try {
    if (text.size() > expr::kMaxExpressionLength) {
      syntax_error(0, fmt::format("expression too long ({} bytes; the limit is {})", text.size(),
                                  expr::kMaxExpressionLength));
      return result;
    }
    expr::ParsedExpression parsed;
    expr::SyntaxError error;
    if (!expr::parse_expression(text, parsed, error)) {
      syntax_error(error.offset, std::move(error.message));
      return result;
    }
    const expr::typed::Tree tree =
        expr::typed::check(parsed, text, origin, scope, expected, result.diagnostics);
    if (!tree.ok) return result;
    expr::typed::check_divisors(tree, text, origin, result.diagnostics);
    if (has_errors(result.diagnostics)) return result;
    result.program = expr::lower(tree, expected, strings);
  } catch (const std::exception& e) {
    // Only resource exhaustion gets here; report it rather than crash the loader.
    result.program = nullptr;
    syntax_error(0, fmt::format("expression could not be compiled: {}", e.what()));
  }
  return result;
}

namespace expr::typed {

std::optional<Tree> typed_tree(std::string_view text, const Scope& scope) {
  if (text.size() > expr::kMaxExpressionLength) return std::nullopt;
  ParsedExpression parsed;
  SyntaxError error;
  if (!parse_expression(text, parsed, error)) return std::nullopt;
  std::vector<Diagnostic> ignored;  // the loader reported these already
  Tree tree =
      check(parsed, text, TextOrigin::single(SourceLocation{}), scope, FactType::boolean, ignored);
  if (!tree.ok) return std::nullopt;
  return tree;
}

}  // namespace expr::typed

}  // namespace shenpi::detail
