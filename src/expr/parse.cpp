// Runs the X3 grammar and turns its failures into messages a rule author can
// act on ("expected an operand after 'and'", "unexpected ')'").
#include "expr/parse.hpp"

#include <functional>

#include <fmt/format.h>

#include "expr/grammar.hpp"

namespace shenpi::detail::expr {
namespace {

namespace x3 = boost::spirit::x3;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool is_word(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.';
}
bool is_operator(char c) {
  return c == '=' || c == '!' || c == '<' || c == '>' || c == '&' || c == '|';
}

/// X3 reports places before skipping spaces: move to the next token, or
/// stay right after the last one when nothing follows.
std::size_t next_token(std::string_view text, std::size_t pos) {
  std::size_t next = pos;
  while (next < text.size() && is_space(text[next])) ++next;
  return next < text.size() ? next : pos;
}

/// The token that starts at `pos`, for "unexpected '…'".
std::string_view token_at(std::string_view text, std::size_t pos) {
  std::size_t end = pos + 1;
  const char c = text[pos];
  if (is_word(c)) {
    while (end < text.size() && is_word(text[end])) ++end;
  } else if (is_operator(c)) {
    if (end < text.size() && is_operator(text[end])) ++end;
  } else if (static_cast<unsigned char>(c) >= 0x80U) {
    end = pos + std::max<std::size_t>(1, utf8_length(text.substr(pos)));
  }
  return text.substr(pos, end - pos);
}

/// The token that ends right before `pos` (spaces skipped), or empty.
std::string_view token_before(std::string_view text, std::size_t pos) {
  while (pos > 0 && is_space(text[pos - 1])) --pos;
  if (pos == 0) return {};
  std::size_t begin = pos - 1;
  const char c = text[begin];
  if (is_word(c)) {
    while (begin > 0 && is_word(text[begin - 1])) --begin;
  } else if (is_operator(c)) {
    if (begin > 0 && is_operator(text[begin - 1])) --begin;
  } else if (c == '"' && begin > 0) {
    // Good enough for a message: back to the previous quote.
    while (begin > 0 && text[begin - 1] != '"') --begin;
    if (begin > 0) --begin;
  }
  return text.substr(begin, pos - begin);
}

std::string after(std::string_view text, std::size_t pos) {
  const std::string_view previous = token_before(text, pos);
  return previous.empty() ? std::string() : fmt::format(" after '{}'", printable(previous));
}

std::string expectation_message(std::string_view text, std::size_t pos, const std::string& which) {
  if (which == "closing quote") return "unterminated string: missing closing '\"'";
  if (which == "escape") {
    const std::string bad = pos < text.size() ? printable(token_at(text, pos)) : std::string();
    return fmt::format("unknown escape '\\{}' in a string; only \\\" and \\\\ are allowed", bad);
  }
  if (which == "operand") {
    if (pos < text.size() && text[pos] == ')' && token_before(text, pos) == "(") {
      return "empty parentheses";
    }
    return "expected an operand" + after(text, pos);
  }
  if (which == "string") return "expected a string" + after(text, pos);
  if (which == "string or ']'") return "expected a string or ']'" + after(text, pos);
  return fmt::format("expected {}{}", which, after(text, pos));
}

std::string leftover_message(std::string_view text, std::size_t pos, bool consumed) {
  const std::string_view token = token_at(text, pos);
  if (token == "=") return "unexpected '='; use '==' to compare";
  if (token == "&" || token == "|") {
    return fmt::format("unexpected '{}'; use '{}' or '{}{}'", token, token == "&" ? "and" : "or",
                       token, token);
  }
  const bool comparison = token == "==" || token == "!=" || token == "<" || token == "<=" ||
                          token == ">" || token == ">=" || token == "in";
  if (consumed && comparison) return "comparisons cannot be chained; join them with 'and'";
  if (token[0] == '"') return "unexpected string" + after(text, pos);
  return fmt::format("unexpected '{}'", printable(token));
}

}  // namespace

std::size_t ParsedExpression::offset_of(const ast::x3::position_tagged& node) const {
  if (node.id_first < 0 || static_cast<std::size_t>(node.id_first) >= offsets.size()) return 0;
  return offsets[static_cast<std::size_t>(node.id_first)];
}

bool parse_expression(std::string_view text, ParsedExpression& out, SyntaxError& error) {
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  const char* first = begin;
  grammar::ParseState state(begin, end);
  bool ok = false;
  try {
    auto const parser = x3::with<x3::error_handler_tag>(std::ref(state))[grammar::expression()];
    ok = x3::phrase_parse(first, end, parser, x3::ascii::space, out.tree);
  } catch (const x3::expectation_failure<const char*>& failure) {
    error.offset = next_token(text, static_cast<std::size_t>(failure.where() - begin));
    error.message = expectation_message(text, error.offset, failure.which());
    return false;
  } catch (const grammar::TooDeep& deep) {
    error.offset = next_token(text, static_cast<std::size_t>(deep.where - begin));
    error.message =
        fmt::format("expression nested too deeply (more than {} levels)", grammar::kMaxDepth);
    return false;
  }
  const bool consumed = ok && first != begin;
  while (first != end && is_space(*first)) ++first;
  if (ok && first == end) {
    for (const char* p : state.positions.get_positions()) {
      out.offsets.push_back(static_cast<std::size_t>(p - begin));
    }
    return true;
  }
  if (first == end) {
    error.offset = 0;
    error.message = "empty expression";
    return false;
  }
  error.offset = static_cast<std::size_t>(first - begin);
  error.message = leftover_message(text, error.offset, consumed);
  return false;
}

}  // namespace shenpi::detail::expr
