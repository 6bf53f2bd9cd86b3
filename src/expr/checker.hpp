// The type checker's state, shared by checker.cpp (literals, paths, logic,
// the entry point) and checker_ops.cpp (comparisons, arithmetic, calls).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "expr/typed.hpp"

namespace shenpi::detail::expr::typed {

class Checker {
 public:
  using result_type = int;  // for boost::apply_visitor

  Checker(const ParsedExpression& parsed, std::string_view text, const TextOrigin& origin,
          const Scope& scope, std::vector<Diagnostic>& out)
      : parsed_(parsed), text_(text), origin_(origin), scope_(scope), out_(out) {}

  /// Checks one operand; returns its node index.
  int check(const ast::Operand& operand);
  int check(const ast::Chain& chain);

  int operator()(const ast::Nil& nil);
  int operator()(const ast::Literal& literal);
  int operator()(const ast::ListLiteral& list);
  int operator()(const ast::Path& path);
  int operator()(const ast::Call& call);
  int operator()(const ast::Unary& unary);
  int operator()(const ast::Chain& chain) { return check(chain); }

  void report(std::string_view code, std::size_t offset, std::string message);
  Tree& tree() { return tree_; }
  Node& node(int index) { return tree_.nodes[static_cast<std::size_t>(index)]; }
  /// A type for messages: `int`, `enum applicant.credit`, …
  std::string describe(int index);
  bool failed() const { return failed_; }
  /// Reports a list literal outside `in` (SP203); false for list or error.
  bool value_operand(int index);

 private:
  int add(Node node);
  int number_literal(const ast::Literal& literal, std::size_t offset);
  int logic(const ast::Chain& chain);
  int compare(const ast::Chain& chain);
  int arith(const ast::Chain& chain);
  bool check_equality(int lhs, int rhs, std::size_t op_offset, ast::Op op);
  bool check_ordering(int lhs, int rhs, std::size_t op_offset, ast::Op op);
  bool check_in(int lhs, int rhs);
  /// SP204 unless the string constant `literal` is a value of `enum_node`'s fact.
  bool check_enum_value(int enum_node, int literal);
  void check_enum_list(int enum_node, int list);
  bool enums_compatible(int lhs, int rhs);
  Type arith_step(Type acc, ast::Op op, int rhs, std::size_t op_offset);
  int submitted(const ast::Call& call, std::size_t offset);
  int unary_function(const ast::Call& call, std::size_t offset, Kind kind);

  const ParsedExpression& parsed_;
  std::string_view text_;
  const TextOrigin& origin_;
  const Scope& scope_;
  std::vector<Diagnostic>& out_;
  Tree tree_;
  bool failed_ = false;
};

/// `'=='`, `'and'`, … for messages.
const char* op_text(ast::Op op);

}  // namespace shenpi::detail::expr::typed
