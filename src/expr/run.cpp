// Evaluating a Program. A tree walk over the flat node array: recursion is
// bounded by the parser's nesting limit, chains are loops, nothing is
// allocated and no string is touched.
#include <cmath>
#include <cstring>
#include <limits>

#include "base/civil.hpp"
#include "expr/compiled.hpp"

namespace shenpi::detail::expr {
namespace {

template <typename T>
bool compare(Cmp cmp, T a, T b) {
  switch (cmp) {
    case Cmp::eq:
      return a == b;
    case Cmp::ne:
      return a != b;
    case Cmp::lt:
      return a < b;
    case Cmp::le:
      return a <= b;
    case Cmp::gt:
      return a > b;
    case Cmp::ge:
      return a >= b;
  }
  return false;
}

/// What nodes pass each other: a Value without the list part. Sixteen
/// trivially copyable bytes travel in registers, where a Value (32 bytes,
/// with initialisers) goes through memory at every node. Lists never need
/// to travel: only a list fact can be a list, and its readers take it from
/// the slot directly.
struct Cell {
  Value::Kind kind;
  union {
    bool b;
    std::int64_t i;
    double d;
    std::int32_t s;
    std::int32_t date;
  };
};

Cell unknown_cell() {
  Cell c;
  c.kind = Value::Kind::unknown;
  c.i = 0;
  return c;
}
Cell bool_cell(bool v) {
  Cell c;
  c.kind = Value::Kind::boolean;
  c.b = v;
  return c;
}
Cell int_cell(std::int64_t v) {
  Cell c;
  c.kind = Value::Kind::integer;
  c.i = v;
  return c;
}
Cell dec_cell(double v) {
  Cell c;
  c.kind = Value::Kind::decimal;
  c.d = v;
  return c;
}

bool known(const Cell& v) {
  return v.kind != Value::Kind::unknown;
}

double as_decimal(const Cell& v) {
  return v.kind == Value::Kind::integer ? static_cast<double>(v.i) : v.d;
}

Cell date_or_unknown(std::int64_t days) {
  // Far beyond any real case, and keeps civil-date arithmetic in range.
  constexpr std::int64_t kLimit = 100'000'000;
  if (days < -kLimit || days > kLimit) return unknown_cell();
  Cell c;
  c.kind = Value::Kind::date;
  c.date = static_cast<std::int32_t>(days);
  return c;
}

Cell to_cell(const Value& v) {
  Cell c;
  c.kind = v.kind;
  std::memcpy(&c.i, &v.i, sizeof c.i);  // the whole union, whichever member is active
  return c;
}

Value to_value(const Cell& c) {
  Value v;
  v.kind = c.kind;
  std::memcpy(&v.i, &c.i, sizeof v.i);
  return v;
}

bool contains(const std::int32_t* ids, std::int32_t n, std::int32_t id) {
  if (ids == nullptr) return false;
  for (std::int32_t i = 0; i < n; ++i) {
    if (ids[i] == id) return true;
  }
  return false;
}

class Machine {
 public:
  Machine(const Program& program, const EvalContext& context) : p_(program), c_(context) {}

  Cell eval(std::int32_t index) const;

 private:
  const ProgramNode& node(std::int32_t index) const {
    return p_.nodes[static_cast<std::size_t>(index)];
  }
  const std::int32_t* pool(std::int32_t offset) const { return p_.pool.data() + offset; }
  const Value* slot(std::int32_t index) const;
  Cell fact(std::int32_t index, Value::Kind kind) const;
  /// The list fact that node `index` (a fact_list) reads; nullptr when unknown.
  const Value* list(std::int32_t index) const;
  // Out of line so that eval() stays a small dispatcher: a tree walk pays
  // eval's prologue at every node, and inlined handlers would make it big.
  [[gnu::noinline]] Cell unary(const ProgramNode& n) const;
  [[gnu::noinline]] Cell logic(const ProgramNode& n, bool is_and) const;
  [[gnu::noinline]] Cell arith(const ProgramNode& n) const;
  Cell apply(const ArithStep& step, Cell acc, Cell rhs) const;
  [[gnu::noinline]] Cell compare_nodes(const ProgramNode& n) const;
  [[gnu::noinline]] Cell fact_compare(const ProgramNode& n) const;
  [[gnu::noinline]] Cell membership(const ProgramNode& n) const;
  [[gnu::noinline]] Cell call(const ProgramNode& n) const;

  /// An unknown cell that records why: the first error of the run wins.
  Cell fail(RunError error) const {
    if (c_.error != nullptr && *c_.error == RunError::none) *c_.error = error;
    return unknown_cell();
  }
  Cell date_or_fail(std::int64_t days) const;

  const Program& p_;
  const EvalContext& c_;
};

Cell Machine::date_or_fail(std::int64_t days) const {
  const Cell c = date_or_unknown(days);
  return known(c) ? c : fail(RunError::overflow);
}

const Value* Machine::slot(std::int32_t index) const {
  if (index < 0 || static_cast<std::size_t>(index) >= c_.facts.size()) return nullptr;
  return &c_.facts[static_cast<std::size_t>(index)];
}

/// A slot the binder left out, or filled with another kind, reads as
/// unknown: the program never trusts the caller's layout blindly.
Cell Machine::fact(std::int32_t index, Value::Kind kind) const {
  const Value* v = slot(index);
  if (v == nullptr) return unknown_cell();
  if (v->kind == kind) return to_cell(*v);
  if (kind == Value::Kind::decimal && v->kind == Value::Kind::integer) {
    return dec_cell(static_cast<double>(v->i));
  }
  return unknown_cell();
}

const Value* Machine::list(std::int32_t index) const {
  const Value* v = slot(node(index).a);
  return v != nullptr && v->kind == Value::Kind::list ? v : nullptr;
}

Cell Machine::eval(std::int32_t index) const {
  const ProgramNode& n = node(index);
  switch (n.op) {
    case Opcode::constant:
      return to_cell(n.value);
    case Opcode::fact_bool:
      return fact(n.a, Value::Kind::boolean);
    case Opcode::fact_int:
      return fact(n.a, Value::Kind::integer);
    case Opcode::fact_dec:
      return fact(n.a, Value::Kind::decimal);
    case Opcode::fact_id:
      return fact(n.a, Value::Kind::string);
    case Opcode::fact_date:
      return fact(n.a, Value::Kind::date);
    case Opcode::fact_list:
      return list(index) != nullptr ? bool_cell(true) : unknown_cell();
    case Opcode::logical_not:
    case Opcode::negate_int:
    case Opcode::negate_dec:
    case Opcode::to_decimal:
      return unary(n);
    case Opcode::logical_and:
      return logic(n, true);
    case Opcode::logical_or:
      return logic(n, false);
    case Opcode::arith:
      return arith(n);
    case Opcode::cmp_bool:
    case Opcode::cmp_int:
    case Opcode::cmp_dec:
    case Opcode::cmp_id:
    case Opcode::cmp_date:
      return compare_nodes(n);
    case Opcode::fact_cmp_int:
    case Opcode::fact_cmp_dec:
    case Opcode::fact_cmp_id:
    case Opcode::fact_cmp_date:
      return fact_compare(n);
    case Opcode::in_list:
    case Opcode::in_const:
    case Opcode::fact_in_const:
      return membership(n);
    case Opcode::submitted:
    case Opcode::age:
    case Opcode::len:
      return call(n);
  }
  return unknown_cell();
}

Cell Machine::unary(const ProgramNode& n) const {
  const Cell v = eval(n.a);
  if (!known(v)) return v;
  switch (n.op) {
    case Opcode::logical_not:
      return bool_cell(!v.b);
    case Opcode::negate_int:
      return v.i == std::numeric_limits<std::int64_t>::min() ? fail(RunError::overflow)
                                                             : int_cell(-v.i);
    case Opcode::negate_dec:
      return dec_cell(-as_decimal(v));
    default:
      return dec_cell(as_decimal(v));
  }
}

/// Kleene logic: a false operand decides `and`, a true one decides `or`,
/// whatever the others are; otherwise any unknown makes the result unknown.
Cell Machine::logic(const ProgramNode& n, bool is_and) const {
  bool unknown = false;
  for (std::int32_t k = 0; k < n.c; ++k) {
    const Cell v = eval(pool(n.b)[k]);
    if (!known(v)) {
      unknown = true;
    } else if (v.b != is_and) {
      return v;
    }
  }
  return unknown ? unknown_cell() : bool_cell(is_and);
}

Cell Machine::arith(const ProgramNode& n) const {
  Cell acc = eval(n.a);
  for (std::int32_t k = 0; k < n.c; ++k) {
    const ArithStep& step = p_.steps[static_cast<std::size_t>(n.b) + static_cast<std::size_t>(k)];
    const Cell rhs = eval(step.child);
    acc = known(acc) && known(rhs) ? apply(step, acc, rhs) : unknown_cell();
  }
  return acc;
}

Cell Machine::apply(const ArithStep& step, Cell acc, Cell rhs) const {
  std::int64_t r = 0;
  switch (step.op) {
    case ArithOp::add_int:
      return __builtin_add_overflow(acc.i, rhs.i, &r) ? fail(RunError::overflow) : int_cell(r);
    case ArithOp::sub_int:
      return __builtin_sub_overflow(acc.i, rhs.i, &r) ? fail(RunError::overflow) : int_cell(r);
    case ArithOp::mul_int:
      return __builtin_mul_overflow(acc.i, rhs.i, &r) ? fail(RunError::overflow) : int_cell(r);
    case ArithOp::date_add:
      return __builtin_add_overflow(std::int64_t{acc.date}, rhs.i, &r) ? fail(RunError::overflow)
                                                                       : date_or_fail(r);
    case ArithOp::date_sub:
      return __builtin_sub_overflow(std::int64_t{acc.date}, rhs.i, &r) ? fail(RunError::overflow)
                                                                       : date_or_fail(r);
    case ArithOp::date_diff:
      return int_cell(std::int64_t{acc.date} - rhs.date);
    default:
      break;
  }
  const double a = as_decimal(acc);
  const double b = as_decimal(rhs);
  double d = 0;
  switch (step.op) {
    case ArithOp::add_dec:
      d = a + b;
      break;
    case ArithOp::sub_dec:
      d = a - b;
      break;
    case ArithOp::mul_dec:
      d = a * b;
      break;
    default:
      if (b == 0.0) return fail(RunError::division_by_zero);
      d = a / b;
      break;
  }
  // Finite operands with an infinite result: the decimal range overflowed.
  return std::isfinite(d) ? dec_cell(d) : fail(RunError::overflow);
}

Cell Machine::compare_nodes(const ProgramNode& n) const {
  const Cell a = eval(n.a);
  if (!known(a)) return a;
  const Cell b = eval(n.b);
  if (!known(b)) return b;
  switch (n.op) {
    case Opcode::cmp_bool:
      return bool_cell(compare(n.cmp, a.b, b.b));
    case Opcode::cmp_int:
      return bool_cell(compare(n.cmp, a.i, b.i));
    case Opcode::cmp_dec:
      return bool_cell(compare(n.cmp, as_decimal(a), as_decimal(b)));
    case Opcode::cmp_date:
      return bool_cell(compare(n.cmp, a.date, b.date));
    default:
      return bool_cell(compare(n.cmp, a.s, b.s));
  }
}

Cell Machine::fact_compare(const ProgramNode& n) const {
  switch (n.op) {
    case Opcode::fact_cmp_int: {
      const Cell v = fact(n.a, Value::Kind::integer);
      return known(v) ? bool_cell(compare(n.cmp, v.i, n.value.i)) : v;
    }
    case Opcode::fact_cmp_dec: {
      const Cell v = fact(n.a, Value::Kind::decimal);
      return known(v) ? bool_cell(compare(n.cmp, v.d, n.value.d)) : v;
    }
    case Opcode::fact_cmp_date: {
      const Cell v = fact(n.a, Value::Kind::date);
      return known(v) ? bool_cell(compare(n.cmp, v.date, n.value.date)) : v;
    }
    default: {
      const Cell v = fact(n.a, Value::Kind::string);
      return known(v) ? bool_cell(compare(n.cmp, v.s, n.value.s)) : v;
    }
  }
}

Cell Machine::membership(const ProgramNode& n) const {
  const Cell item = n.op == Opcode::fact_in_const ? fact(n.a, Value::Kind::string) : eval(n.a);
  if (!known(item)) return item;
  const bool negate = (n.flags & kNegate) != 0;
  if (n.op != Opcode::in_list) return bool_cell(contains(pool(n.b), n.c, item.s) != negate);
  const Value* values = list(n.b);
  if (values == nullptr) return unknown_cell();
  return bool_cell(contains(values->list, values->list_size, item.s) != negate);
}

Cell Machine::call(const ProgramNode& n) const {
  if (n.op == Opcode::submitted) {
    const auto word = static_cast<std::size_t>(n.a) / 64;
    if (n.a < 0 || word >= c_.materials.size()) return bool_cell(false);
    return bool_cell(((c_.materials[word] >> (static_cast<unsigned>(n.a) % 64)) & 1U) != 0);
  }
  if (n.op == Opcode::len) {
    const Value* values = list(n.a);
    return values == nullptr ? unknown_cell() : int_cell(values->list_size);
  }
  const Cell born = eval(n.a);
  if (!known(born)) return born;
  return int_cell(civil::whole_years(born.date, c_.today));
}

}  // namespace
}  // namespace shenpi::detail::expr

namespace shenpi::detail {

Value run(const Program& program, const EvalContext& context) {
  if (program.nodes.empty()) return Value::unknown();
  return expr::to_value(expr::Machine(program, context).eval(program.root));
}

const char* to_string(RunError error) {
  switch (error) {
    case RunError::division_by_zero:
      return "division by zero";
    case RunError::overflow:
      return "overflow";
    default:
      return "none";
  }
}

std::span<const std::int32_t> program_fact_slots(const Program& program) {
  return program.slots;
}

}  // namespace shenpi::detail
