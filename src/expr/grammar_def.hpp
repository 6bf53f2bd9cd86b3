// Definition of the expression grammar. Include only from grammar.cpp, which
// instantiates it once; everything else includes grammar.hpp.
//
// Precedence, low to high: or, and, not (prefix), comparison and `in`
// (non-associative), + -, * /, unary minus, primary.
#pragma once

#include <boost/spirit/home/x3.hpp>
#include <boost/spirit/home/x3/support/utility/annotate_on_success.hpp>

#include "expr/ast.hpp"
#include "expr/grammar.hpp"

namespace shenpi::detail::expr::grammar {

namespace ascii = x3::ascii;
using x3::attr;
using x3::lexeme;
using x3::lit;
using x3::raw;
using Op = ast::Op;
using LiteralKind = ast::LiteralKind;

/// Counts nesting around recursive rules and gives up past kMaxDepth.
template <typename Subject>
struct DepthGuard : x3::unary_parser<Subject, DepthGuard<Subject>> {
  using base_type = x3::unary_parser<Subject, DepthGuard<Subject>>;
  static bool const is_pass_through_unary = true;
  static bool const handles_container = Subject::handles_container;

  constexpr DepthGuard(Subject const& inner) : base_type(inner) {}

  template <typename It, typename Ctx, typename RCtx, typename Attr>
  bool parse(It& first, It const& last, Ctx const& ctx, RCtx& rctx, Attr& attribute) const {
    ParseState& state = x3::get<x3::error_handler_tag>(ctx).get();
    if (state.depth >= kMaxDepth) throw TooDeep{first};
    ++state.depth;
    const bool ok = this->subject.parse(first, last, ctx, rctx, attribute);
    --state.depth;
    return ok;
  }
};

struct DepthGuardGen {
  template <typename Subject>
  constexpr DepthGuard<typename x3::extension::as_parser<Subject>::value_type> operator[](
      Subject const& subject) const {
    return {x3::as_parser(subject)};
  }
};
inline constexpr DepthGuardGen nested{};

// Character classes come from x3::ascii: its tests reject bytes >= 0x80
// before classifying, where the `standard` ones assert on negative chars.
auto const ident_char = ascii::alnum | lit('_');
auto const segment = (ascii::alpha | lit('_')) >> *ident_char;
auto kw(char const* word) {
  return lexeme[lit(word) >> !ident_char];
}
auto const keyword = kw("and") | kw("or") | kw("not") | kw("in") | kw("true") | kw("false");

struct ComparisonSymbols : x3::symbols<Op> {
  ComparisonSymbols() {
    add("==", Op::eq)("!=", Op::ne)("<", Op::lt)("<=", Op::le)(">", Op::gt)(">=", Op::ge);
  }
};
ComparisonSymbols const comparison_symbols;

// Rule ids, one per rule; those deriving from annotate_on_success record
// the positions of the nodes they produce.
struct ExpressionClass : x3::annotate_on_success {};
struct BoolLiteralClass : x3::annotate_on_success {};
struct DateLiteralClass : x3::annotate_on_success {};
struct NumberLiteralClass : x3::annotate_on_success {};
struct StringLiteralClass : x3::annotate_on_success {};
struct ListClass : x3::annotate_on_success {};
struct ListBodyClass;
struct PathClass : x3::annotate_on_success {};
struct CallClass : x3::annotate_on_success {};
struct ArgumentsClass;
struct NestedExpressionClass;
struct PrimaryClass;
struct NegationClass : x3::annotate_on_success {};
struct NegatedClass;
struct UnaryClass;
struct MulOperationClass : x3::annotate_on_success {};
struct MultiplicativeClass : x3::annotate_on_success {};
struct AddOperationClass : x3::annotate_on_success {};
struct AdditiveClass : x3::annotate_on_success {};
struct CmpOpClass;
struct CmpOperationClass : x3::annotate_on_success {};
struct ComparisonClass : x3::annotate_on_success {};
struct NotUnaryClass : x3::annotate_on_success {};
struct NotOperandClass;
struct NotExprClass;
struct AndOperationClass : x3::annotate_on_success {};
struct AndExprClass : x3::annotate_on_success {};
struct OrOperationClass : x3::annotate_on_success {};
struct CloseParenClass;
struct CloseBracketClass;
struct CloseQuoteClass;
struct EscapeClass;

// Rule names are what an expectation failure reports; parse.cpp turns them
// into messages ("expected an operand after 'and'").
x3::rule<BoolLiteralClass, ast::Literal> const bool_literal = "operand";
x3::rule<DateLiteralClass, ast::Literal> const date_literal = "operand";
x3::rule<NumberLiteralClass, ast::Literal> const number_literal = "operand";
x3::rule<StringLiteralClass, ast::Literal> const string_literal = "string";
x3::rule<ListClass, ast::ListLiteral> const list_literal = "operand";
x3::rule<ListBodyClass, std::vector<ast::Literal>> const list_body = "string or ']'";
x3::rule<PathClass, ast::Path> const path = "operand";
x3::rule<CallClass, ast::Call> const call = "operand";
x3::rule<ArgumentsClass, std::vector<ast::Chain>> const arguments = "operand";
x3::rule<NestedExpressionClass, ast::Chain> const nested_expression = "operand";
x3::rule<PrimaryClass, ast::Operand> const primary = "operand";
x3::rule<NegationClass, ast::Unary> const negation = "operand";
x3::rule<NegatedClass, ast::Operand> const negated = "operand";
x3::rule<UnaryClass, ast::Operand> const unary = "operand";
x3::rule<MulOperationClass, ast::Operation> const mul_operation = "operand";
x3::rule<MultiplicativeClass, ast::Chain> const multiplicative = "operand";
x3::rule<AddOperationClass, ast::Operation> const add_operation = "operand";
x3::rule<AdditiveClass, ast::Chain> const additive = "operand";
x3::rule<CmpOpClass, Op> const cmp_op = "comparison";
x3::rule<CmpOperationClass, ast::Operation> const cmp_operation = "operand";
x3::rule<ComparisonClass, ast::Chain> const comparison = "operand";
x3::rule<NotUnaryClass, ast::Unary> const not_unary = "operand";
x3::rule<NotOperandClass, ast::Operand> const not_operand = "operand";
x3::rule<NotExprClass, ast::Operand> const not_expr = "operand";
x3::rule<AndOperationClass, ast::Operation> const and_operation = "operand";
x3::rule<AndExprClass, ast::Chain> const and_expr = "operand";
x3::rule<OrOperationClass, ast::Operation> const or_operation = "operand";
x3::rule<CloseParenClass> const close_paren = "')'";
x3::rule<CloseBracketClass> const close_bracket = "']'";
x3::rule<CloseQuoteClass> const close_quote = "closing quote";
x3::rule<EscapeClass, char> const escape = "escape";
expression_type const expression_rule = "operand";

auto const bool_literal_def = attr(LiteralKind::boolean) >> raw[kw("true") | kw("false")];
auto const digit = ascii::digit;
auto const date_literal_def =
    attr(LiteralKind::date) >> raw[lexeme[x3::repeat(4)[digit] >> '-' >> x3::repeat(2)[digit] >>
                                          '-' >> x3::repeat(2)[digit] >> !ident_char]];
auto const number_literal_def =
    attr(LiteralKind::number) >> raw[lexeme[+digit >> -('.' >> +digit)]];
auto const escape_def = x3::char_('"') | x3::char_('\\');
auto const string_literal_def =
    attr(LiteralKind::string) >>
    lexeme[('"' >> *(('\\' > escape) | (x3::char_ - '"' - '\\' - '\n' - '\r'))) > close_quote];
auto const close_quote_def = lit('"');
auto const list_body_def = ((string_literal >> *(',' > string_literal)) > close_bracket) | lit(']');
auto const list_literal_def = '[' > list_body;
auto const path_def = !keyword >> raw[lexeme[segment >> *('.' >> segment)]];
auto const arguments_def = -(nested_expression >> *(',' > nested_expression));
auto const call_def = (!keyword >> raw[lexeme[segment]] >> '(') > arguments > close_paren;
auto const nested_expression_def = nested[expression_rule];
auto const close_paren_def = lit(')');
auto const close_bracket_def = lit(']');
auto const primary_def = list_literal | ('(' > nested_expression > close_paren) | call |
                         bool_literal | date_literal | number_literal | string_literal | path;
auto const negation_def = (lit('-') >> attr(Op::neg)) > negated;
auto const negated_def = nested[unary];
auto const unary_def = negation | primary;
auto const mul_op = (lit('*') >> attr(Op::mul)) | (lit('/') >> attr(Op::div));
auto const mul_operation_def = mul_op > unary;
auto const multiplicative_def = unary >> *mul_operation;
auto const add_op = (lit('+') >> attr(Op::add)) | (lit('-') >> attr(Op::sub));
auto const add_operation_def = add_op > multiplicative;
auto const additive_def = multiplicative >> *add_operation;
auto const cmp_op_def =
    comparison_symbols | (kw("in") >> attr(Op::in)) | (kw("not") >> kw("in") >> attr(Op::not_in));
auto const cmp_operation_def = cmp_op > additive;
auto const comparison_def = additive >> x3::repeat(0, 1)[cmp_operation];
auto const not_op = kw("not") | (lit('!') >> !lit('='));
auto const not_unary_def = (not_op >> attr(Op::not_)) > not_operand;
auto const not_operand_def = nested[not_expr];
auto const not_expr_def = not_unary | comparison;
auto const and_op = kw("and") | lit("&&");
auto const and_operation_def = (and_op >> attr(Op::and_)) > not_expr;
auto const and_expr_def = not_expr >> *and_operation;
auto const or_op = kw("or") | lit("||");
auto const or_operation_def = (or_op >> attr(Op::or_)) > and_expr;
auto const expression_rule_def = and_expr >> *or_operation;

BOOST_SPIRIT_DEFINE(bool_literal, date_literal, number_literal, string_literal, escape, close_quote,
                    list_body, list_literal, path, arguments, call, nested_expression, close_paren,
                    close_bracket, primary, negation, negated, unary, mul_operation, multiplicative,
                    add_operation, additive, cmp_op, cmp_operation, comparison, not_unary,
                    not_operand, not_expr, and_operation, and_expr, or_operation, expression_rule)

}  // namespace shenpi::detail::expr::grammar
