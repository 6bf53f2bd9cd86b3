// Divisors a rule can rely on (SP315, SP316). A division by zero at runtime
// is a defect of the rule, so `check` finds what it can before a case does:
// a constant zero divisor is an error; a divisor that may be zero is a
// warning unless a guard makes the division unreachable when it is.
//
// "Guarded" is kept simple (docs/expressions.md): the divisor is a single
// fact, and an earlier operand of an enclosing `and` compares that same fact
// with a constant so that it cannot be zero (`X != 0`, `X > 0`, `X >= 1`,
// `X < 0`, `X <= -1`, either way round). `and` stops at the first false
// operand, so the division is never reached with X == 0.
#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "expr/typed.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi::detail::expr::typed {
namespace {

/// The numeric value of a constant node (also `-constant`), if it is one.
std::optional<double> constant_number(const Tree& tree, int index) {
  const Node& n = tree.nodes[static_cast<std::size_t>(index)];
  if (n.kind == Kind::negate && n.children.size() == 1) {
    const auto inner = constant_number(tree, n.children.front());
    return inner ? std::optional<double>(-*inner) : std::nullopt;
  }
  if (n.kind != Kind::constant) return std::nullopt;
  if (n.type == Type::integer) return static_cast<double>(n.integer);
  if (n.type == Type::decimal) return n.decimal;
  return std::nullopt;
}

/// Mirrors `c OP x` into `x OP' c`.
ast::Op mirror(ast::Op op) {
  switch (op) {
    case ast::Op::lt:
      return ast::Op::gt;
    case ast::Op::le:
      return ast::Op::ge;
    case ast::Op::gt:
      return ast::Op::lt;
    case ast::Op::ge:
      return ast::Op::le;
    default:
      return op;
  }
}

/// True when `fact OP c` excludes fact == 0.
bool excludes_zero(ast::Op op, double c) {
  switch (op) {
    case ast::Op::ne:
      return c == 0;
    case ast::Op::eq:
      return c != 0;
    case ast::Op::gt:
      return c >= 0;
    case ast::Op::ge:
      return c > 0;
    case ast::Op::lt:
      return c <= 0;
    case ast::Op::le:
      return c < 0;
    default:
      return false;
  }
}

class DivisorCheck {
 public:
  DivisorCheck(const Tree& tree, std::string_view text, const TextOrigin& origin,
               std::vector<Diagnostic>& out)
      : tree_(tree), text_(text), origin_(origin), out_(out) {}

  void visit(int index) {
    const Node& n = node(index);
    if (n.kind == Kind::logic && n.op == ast::Op::and_) {
      // Each operand is reached only when those before it were not false.
      const std::size_t mark = guards_.size();
      for (const int child : n.children) {
        visit(child);
        add_guards(child);
      }
      guards_.resize(mark);
      return;
    }
    if (n.kind == Kind::arith) {
      for (std::size_t k = 0; k < n.ops.size(); ++k) {
        if (n.ops[k] == ast::Op::div) check_divisor(n.children[k + 1]);
      }
    }
    for (const int child : n.children) visit(child);
  }

 private:
  const Node& node(int index) const { return tree_.nodes[static_cast<std::size_t>(index)]; }

  void add_guards(int index) {
    const Node& n = node(index);
    if (n.kind == Kind::logic && n.op == ast::Op::and_) {
      for (const int child : n.children) add_guards(child);
      return;
    }
    if (n.kind != Kind::compare || n.children.size() != 2) return;
    const Node& lhs = node(n.children[0]);
    const Node& rhs = node(n.children[1]);
    if (lhs.kind == Kind::fact) {
      const auto c = constant_number(tree_, n.children[1]);
      if (c && excludes_zero(n.op, *c)) guards_.push_back(lhs.fact);
    } else if (rhs.kind == Kind::fact) {
      const auto c = constant_number(tree_, n.children[0]);
      if (c && excludes_zero(mirror(n.op), *c)) guards_.push_back(rhs.fact);
    }
  }

  void check_divisor(int index) {
    const Node& d = node(index);
    if (const auto c = constant_number(tree_, index)) {
      if (*c == 0) report(codes::division_by_zero, d.offset, "division by a constant zero");
      return;
    }
    if (d.kind == Kind::fact &&
        std::find(guards_.begin(), guards_.end(), d.fact) != guards_.end()) {
      return;
    }
    const std::string what =
        d.kind == Kind::fact ? fmt::format("fact '{}'", d.fact->path) : std::string("the divisor");
    report(codes::unguarded_divisor, d.offset,
           fmt::format("{} may be zero: guard the division with `and` after `{} != 0` (a runtime "
                       "division by zero sends cases to manual review)",
                       what, d.kind == Kind::fact ? d.fact->path : std::string("X")));
  }

  void report(std::string_view code, std::size_t offset, std::string message) {
    out_.push_back(make_diagnostic(code, origin_.at(offset, text_), std::move(message)));
  }

  const Tree& tree_;
  std::string_view text_;
  const TextOrigin& origin_;
  std::vector<Diagnostic>& out_;
  std::vector<const Fact*> guards_;
};

}  // namespace

void check_divisors(const Tree& tree, std::string_view text, const TextOrigin& origin,
                    std::vector<Diagnostic>& out) {
  if (tree.root >= 0) DivisorCheck(tree, text, origin, out).visit(tree.root);
}

}  // namespace shenpi::detail::expr::typed
