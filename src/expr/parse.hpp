// Parsing an expression's text into its syntax tree, with byte offsets for
// every node and syntax errors as values.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/text.hpp"
#include "expr/ast.hpp"

namespace shenpi::detail::expr {

/// Longer expression texts are rejected before parsing.
inline constexpr std::size_t kMaxExpressionLength = 64 * 1024;

struct ParsedExpression {
  ast::Chain tree;
  /// Byte offset of each position id that annotate_on_success recorded.
  std::vector<std::size_t> offsets;

  /// Where a node starts in the text; 0 for nodes without a position.
  std::size_t offset_of(const ast::x3::position_tagged& node) const;
};

struct SyntaxError {
  std::size_t offset = 0;
  std::string message;
};

/// Parses `text`; false with `error` filled when it is not an expression.
/// Never throws an X3 exception; only std::bad_alloc can escape.
bool parse_expression(std::string_view text, ParsedExpression& out, SyntaxError& error);

// Messages quote texts with detail::printable (base/text.hpp).
using detail::printable;

}  // namespace shenpi::detail::expr
