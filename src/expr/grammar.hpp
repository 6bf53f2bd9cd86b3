// Declaration of the expression grammar (X3's rexpr layout): the rules are
// defined in grammar_def.hpp and instantiated once, in grammar.cpp, for the
// one iterator and context type below.
#pragma once

#include <functional>
#include <vector>

#include <boost/spirit/home/x3.hpp>
#include <boost/spirit/home/x3/support/ast/position_tagged.hpp>
#include <boost/spirit/home/x3/support/utility/error_reporting.hpp>

#include "expr/ast.hpp"

namespace shenpi::detail::expr::grammar {

namespace x3 = boost::spirit::x3;

/// Deeper nesting (parentheses, `not`, unary minus, call arguments) is a
/// syntax error, so hostile input cannot exhaust the stack. Each level of
/// parentheses passes through every precedence rule and costs X3 about 4 KB
/// of stack (three times that under ASan); real conditions nest a handful
/// of levels, and 32 keeps the worst case far below small thread stacks.
inline constexpr int kMaxDepth = 32;

/// Thrown by the depth guard; caught by parse_expression.
struct TooDeep {
  const char* where;
};

/// Reached through x3's error_handler_tag: annotate_on_success calls tag()
/// on every node a rule produced, and the depth guard counts nesting.
struct ParseState {
  explicit ParseState(const char* first, const char* last) : positions(first, last) {}

  template <typename Node>
  void tag(Node& node, const char* first, const char* last) {
    positions.annotate(node, first, last);
  }

  x3::position_cache<std::vector<const char*>> positions;
  int depth = 0;
};

using iterator_type = const char*;
using skipper_type = x3::ascii::space_type;
using phrase_context_type = x3::phrase_parse_context<skipper_type>::type;
using context_type =
    x3::context<x3::error_handler_tag, std::reference_wrapper<ParseState>, phrase_context_type>;

struct ExpressionClass;
using expression_type = x3::rule<ExpressionClass, ast::Chain>;
BOOST_SPIRIT_DECLARE(expression_type)

/// The start rule: one whole expression (`or` level).
expression_type const& expression();

}  // namespace shenpi::detail::expr::grammar
