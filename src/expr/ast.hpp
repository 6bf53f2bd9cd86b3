// The syntax tree Spirit X3 builds for an expression. Every node that a
// diagnostic can point at derives from position_tagged, so the checker can
// turn it back into a byte offset inside the expression text.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <boost/fusion/include/adapt_struct.hpp>
#include <boost/spirit/home/x3/support/ast/position_tagged.hpp>
#include <boost/spirit/home/x3/support/ast/variant.hpp>

namespace shenpi::detail::expr::ast {

namespace x3 = boost::spirit::x3;

enum class Op : std::uint8_t {
  or_,
  and_,
  eq,
  ne,
  lt,
  le,
  gt,
  ge,
  in,
  not_in,
  add,
  sub,
  mul,
  div,
  not_,
  neg
};

enum class LiteralKind : std::uint8_t { boolean, number, string, date };

struct Nil {};

/// `true`, `12`, `4.5`, `"text"` (unescaped), `2025-09-26`: the checker
/// converts the text, so overflow and impossible dates become diagnostics.
struct Literal : x3::position_tagged {
  LiteralKind kind = LiteralKind::boolean;
  std::string text;
};

struct ListLiteral : x3::position_tagged {
  std::vector<Literal> items;
};

/// A dotted fact path such as `applicant.credit`.
struct Path : x3::position_tagged {
  std::string name;
};

struct Call;
struct Unary;
struct Chain;

using Operand = x3::variant<Nil, Literal, ListLiteral, Path, x3::forward_ast<Call>,
                            x3::forward_ast<Unary>, x3::forward_ast<Chain>>;

/// One `op operand` step of a chain; its position starts at the operator.
struct Operation : x3::position_tagged {
  Op op = Op::add;
  Operand operand;
};

/// `first op1 x1 op2 x2 …` with operators of one precedence level, left to
/// right. Kept flat (not nested) so that long chains never recurse deeply.
struct Chain : x3::position_tagged {
  Operand first;
  std::vector<Operation> rest;
};

/// `not x` / `-x`; its position starts at the operator.
struct Unary : x3::position_tagged {
  Op op = Op::not_;
  Operand operand;
};

struct Call : x3::position_tagged {
  std::string name;
  std::vector<Chain> args;
};

}  // namespace shenpi::detail::expr::ast

BOOST_FUSION_ADAPT_STRUCT(shenpi::detail::expr::ast::Literal, kind, text)
BOOST_FUSION_ADAPT_STRUCT(shenpi::detail::expr::ast::ListLiteral, items)
BOOST_FUSION_ADAPT_STRUCT(shenpi::detail::expr::ast::Path, name)
BOOST_FUSION_ADAPT_STRUCT(shenpi::detail::expr::ast::Operation, op, operand)
BOOST_FUSION_ADAPT_STRUCT(shenpi::detail::expr::ast::Chain, first, rest)
BOOST_FUSION_ADAPT_STRUCT(shenpi::detail::expr::ast::Unary, op, operand)
BOOST_FUSION_ADAPT_STRUCT(shenpi::detail::expr::ast::Call, name, args)
