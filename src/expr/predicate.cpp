// Lowering a compiled Program into predicate code (see predicate.hpp).
#include "expr/predicate.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <utility>

#include "expr/compiled.hpp"

namespace shenpi::detail {
namespace {

using expr::Cmp;
using expr::Opcode;
using expr::ProgramNode;

std::uint8_t ordering_mask(Cmp cmp) {
  switch (cmp) {
    case Cmp::eq:
      return 0b010;
    case Cmp::ne:
      return 0b101;
    case Cmp::lt:
      return 0b001;
    case Cmp::le:
      return 0b011;
    case Cmp::gt:
      return 0b100;
    case Cmp::ge:
      return 0b110;
  }
  return 0;
}

/// A number constant as run() reads it in decimal arithmetic (as_decimal).
bool number(const ProgramNode& n, double& out) {
  if (n.op != Opcode::constant) return false;
  if (n.value.kind == Value::Kind::integer) {
    out = static_cast<double>(n.value.i);
  } else if (n.value.kind == Value::Kind::decimal) {
    out = n.value.d;
  } else {
    return false;
  }
  return std::isfinite(out);
}

class Lowering {
 public:
  Lowering(const Program& program, std::vector<PredicateNode>& nodes,
           std::vector<std::int32_t>& pool)
      : p_(program), nodes_(nodes), pool_(pool) {}

  /// Emits node `index` and what it reads; false when it is no predicate.
  bool emit(std::int32_t index) {
    if (index < 0 || static_cast<std::size_t>(index) >= p_.nodes.size()) return false;
    const ProgramNode& n = p_.nodes[static_cast<std::size_t>(index)];
    switch (n.op) {
      case Opcode::logical_not: {
        const std::size_t mark = nodes_.size();
        if (!emit(n.a)) return false;
        // `not` over one leaf is that leaf negated: one node fewer, and
        // `not a or b` stays a flat any_of (TestPlan::Kind).
        if (nodes_.size() == mark + 1 && negate(nodes_.back())) return true;
        return push(logic_node(PredicateOp::logical_not, 1), 0);
      }
      case Opcode::logical_and:
      case Opcode::logical_or:
        return logic(n);
      default:
        return leaf(n);
    }
  }

  int depth() const { return max_depth_; }

 private:
  bool push(PredicateNode node, int change) {
    nodes_.push_back(node);
    depth_ += change;
    max_depth_ = std::max(max_depth_, depth_);
    return true;
  }

  /// Turns `n` into its negation; false for a node that is no leaf.
  static bool negate(PredicateNode& n) {
    switch (n.op) {
      case PredicateOp::constant:
        n.mask = n.mask == kTrue ? kFalse : kTrue;
        return true;
      case PredicateOp::fact_int:
      case PredicateOp::fact_dec:
      case PredicateOp::fact_id:
      case PredicateOp::fact_date:
      case PredicateOp::fact_arith_dec:
        // The other orderings: a comparison of known values is true or
        // false, and one of an unknown (or a failed step) stays so.
        n.mask ^= 0b111;
        return true;
      case PredicateOp::fact_bool:
      case PredicateOp::fact_in:
      case PredicateOp::const_in:
      case PredicateOp::submitted:
        n.negate = !n.negate;
        return true;
      default:
        return false;
    }
  }

  static PredicateNode logic_node(PredicateOp op, std::int32_t operands) {
    PredicateNode node;
    node.op = op;
    node.a = operands;
    return node;
  }

  bool logic(const ProgramNode& n) {
    for (std::int32_t k = 0; k < n.c; ++k) {
      if (!emit(p_.pool[static_cast<std::size_t>(n.b) + static_cast<std::size_t>(k)])) return false;
    }
    const auto op =
        n.op == Opcode::logical_and ? PredicateOp::logical_and : PredicateOp::logical_or;
    return push(logic_node(op, n.c), 1 - n.c);
  }

  bool leaf(const ProgramNode& n) {
    PredicateNode out;
    out.slot = n.a;
    out.mask = ordering_mask(n.cmp);
    std::memcpy(&out.value.i, &n.value.i, sizeof out.value.i);  // whichever member is active
    switch (n.op) {
      case Opcode::constant:
        if (n.value.kind != Value::Kind::boolean) return false;
        out.op = PredicateOp::constant;
        out.mask = n.value.b ? kTrue : kFalse;
        break;
      case Opcode::fact_bool:
        out.op = PredicateOp::fact_bool;
        break;
      case Opcode::fact_cmp_int:
        out.op = PredicateOp::fact_int;
        break;
      case Opcode::fact_cmp_dec:
        out.op = PredicateOp::fact_dec;
        break;
      case Opcode::fact_cmp_id:
        out.op = PredicateOp::fact_id;
        break;
      case Opcode::fact_cmp_date:
        out.op = PredicateOp::fact_date;
        break;
      case Opcode::fact_in_const:
        out.op = PredicateOp::fact_in;
        out.negate = (n.flags & expr::kNegate) != 0;
        out.a = static_cast<std::int32_t>(pool_.size());
        out.b = n.c;
        pool_.insert(pool_.end(), p_.pool.begin() + n.b, p_.pool.begin() + n.b + n.c);
        break;
      case Opcode::in_list:
        if (!const_in(n, out)) return false;
        break;
      case Opcode::submitted:
        out.op = PredicateOp::submitted;
        out.a = n.a;  // the material's index, not a slot
        break;
      case Opcode::cmp_dec:
        if (!arith_compare(n, out)) return false;
        break;
      default:
        return false;  // arithmetic, age(), len(), two-sided comparisons: run()
    }
    return push(out, 1);
  }

  const ProgramNode* node(std::int32_t i) const {
    return i >= 0 && static_cast<std::size_t>(i) < p_.nodes.size()
               ? &p_.nodes[static_cast<std::size_t>(i)]
               : nullptr;
  }

  /// `fact <op> k <cmp> c` (or `c <cmp> fact <op> k`) with a decimal fact
  /// and number constants: one decimal step, so the result fails only by
  /// overflow, which the leaf reports as kFailed.
  bool arith_compare(const ProgramNode& n, PredicateNode& out) {
    const ProgramNode* lhs = node(n.a);
    const ProgramNode* rhs = node(n.b);
    if (lhs == nullptr || rhs == nullptr) return false;
    Cmp cmp = n.cmp;
    if (rhs->op == Opcode::arith) {
      std::swap(lhs, rhs);
      cmp = mirror(cmp);
    }
    double c = 0;
    if (lhs->op != Opcode::arith || lhs->c != 1 || !number(*rhs, c)) return false;
    if (lhs->b < 0 || static_cast<std::size_t>(lhs->b) >= p_.steps.size()) return false;
    const expr::ArithStep& step = p_.steps[static_cast<std::size_t>(lhs->b)];
    const ProgramNode* fact = node(lhs->a);
    const ProgramNode* constant = node(step.child);
    double k = 0;
    if (fact == nullptr || fact->op != Opcode::fact_dec || constant == nullptr ||
        !number(*constant, k)) {
      return false;
    }
    switch (step.op) {
      case expr::ArithOp::add_dec:
      case expr::ArithOp::sub_dec:
      case expr::ArithOp::mul_dec:
        break;
      case expr::ArithOp::div_dec:
        if (k == 0.0) return false;  // SP613 for every known fact: run() says it
        break;
      default:
        return false;
    }
    out.op = PredicateOp::fact_arith_dec;
    out.arith = static_cast<std::uint8_t>(step.op);
    out.mask = ordering_mask(cmp);
    out.slot = fact->a;
    out.value.d = c;
    out.a = static_cast<std::int32_t>(pool_.size());
    std::int32_t bits[2];
    std::memcpy(bits, &k, sizeof k);
    pool_.insert(pool_.end(), bits, bits + 2);
    return true;
  }

  /// `"x" in list_fact`: a constant string in the list a fact holds.
  bool const_in(const ProgramNode& n, PredicateNode& out) const {
    const auto valid = [&](std::int32_t i) {
      return i >= 0 && static_cast<std::size_t>(i) < p_.nodes.size();
    };
    if (!valid(n.a) || !valid(n.b)) return false;
    const ProgramNode& item = p_.nodes[static_cast<std::size_t>(n.a)];
    const ProgramNode& list = p_.nodes[static_cast<std::size_t>(n.b)];
    if (item.op != Opcode::constant || item.value.kind != Value::Kind::string) return false;
    if (list.op != Opcode::fact_list) return false;
    out.op = PredicateOp::const_in;
    out.negate = (n.flags & expr::kNegate) != 0;
    out.slot = list.a;
    out.value.s = item.value.s;
    return true;
  }

  const Program& p_;
  std::vector<PredicateNode>& nodes_;
  std::vector<std::int32_t>& pool_;
  int depth_ = 0;
  int max_depth_ = 0;
};

}  // namespace

bool lower_predicate(const Program& program, std::vector<PredicateNode>& nodes,
                     std::vector<std::int32_t>& pool) {
  const std::size_t node_mark = nodes.size();
  const std::size_t pool_mark = pool.size();
  Lowering lowering(program, nodes, pool);
  const bool ok = program.type == FactType::boolean && !program.nodes.empty() &&
                  lowering.emit(program.root) && lowering.depth() <= kPredicateStack;
  if (!ok) {
    nodes.resize(node_mark);
    pool.resize(pool_mark);
  }
  return ok;
}

}  // namespace shenpi::detail
