// Lowering a checked tree into a Program: choose typed opcodes, insert
// int → decimal promotions, intern strings and fuse `fact op constant`.
#include <algorithm>

#include "expr/compiled.hpp"
#include "expr/typed.hpp"

namespace shenpi::detail::expr {
namespace {

using typed::Kind;
using typed::Type;

Cmp to_cmp(ast::Op op) {
  switch (op) {
    case ast::Op::ne:
      return Cmp::ne;
    case ast::Op::lt:
      return Cmp::lt;
    case ast::Op::le:
      return Cmp::le;
    case ast::Op::gt:
      return Cmp::gt;
    case ast::Op::ge:
      return Cmp::ge;
    default:
      return Cmp::eq;
  }
}

class Lowerer {
 public:
  Lowerer(const typed::Tree& tree, StringTable& strings, Program& program)
      : tree_(tree), strings_(strings), p_(program) {}

  std::int32_t lower(int index);

 private:
  const typed::Node& node(int index) const { return tree_.nodes[static_cast<std::size_t>(index)]; }
  std::int32_t emit(const ProgramNode& n) {
    p_.nodes.push_back(n);
    return static_cast<std::int32_t>(p_.nodes.size() - 1);
  }
  Value constant(const typed::Node& n);
  std::int32_t fact_slot(const typed::Node& n);
  std::int32_t fact_read(const typed::Node& n);
  std::int32_t logic(const typed::Node& n);
  std::int32_t arith(const typed::Node& n);
  std::int32_t compare(const typed::Node& n);
  std::int32_t membership(const typed::Node& n);
  bool fuse(const typed::Node& fact, const typed::Node& value, Cmp cmp, ProgramNode& out);

  const typed::Tree& tree_;
  StringTable& strings_;
  Program& p_;
};

Value Lowerer::constant(const typed::Node& n) {
  switch (n.type) {
    case Type::boolean:
      return Value::boolean(n.boolean);
    case Type::integer:
      return Value::integer(n.integer);
    case Type::decimal:
      return Value::decimal(n.decimal);
    case Type::date:
      return Value::date_value(n.date);
    case Type::string:
      return Value::string(strings_.intern(n.text));
    default:
      return Value::unknown();
  }
}

std::int32_t Lowerer::fact_slot(const typed::Node& n) {
  if (FactAccess::slot(*n.fact) >= 0) p_.slots.push_back(FactAccess::slot(*n.fact));
  // Interned enum values let the binder map an application's values to ids.
  if (n.type == Type::enumeration) {
    for (const auto& value : n.fact->values) strings_.intern(value);
  }
  return FactAccess::slot(*n.fact);
}

std::int32_t Lowerer::fact_read(const typed::Node& n) {
  ProgramNode out;
  out.a = fact_slot(n);
  switch (n.type) {
    case Type::boolean:
      out.op = Opcode::fact_bool;
      break;
    case Type::integer:
      out.op = Opcode::fact_int;
      break;
    case Type::decimal:
      out.op = Opcode::fact_dec;
      break;
    case Type::date:
      out.op = Opcode::fact_date;
      break;
    case Type::string_list:
      out.op = Opcode::fact_list;
      break;
    default:
      out.op = Opcode::fact_id;
      break;
  }
  return emit(out);
}

std::int32_t Lowerer::lower(int index) {
  const typed::Node& n = node(index);
  ProgramNode out;
  switch (n.kind) {
    case Kind::constant:
    case Kind::list:
      out.value = constant(n);
      return emit(out);
    case Kind::fact:
      return fact_read(n);
    case Kind::logic:
      return logic(n);
    case Kind::arith:
      return arith(n);
    case Kind::compare:
      return compare(n);
    case Kind::submitted:
      out.op = Opcode::submitted;
      out.a = n.material;
      return emit(out);
    case Kind::logical_not:
      out.op = Opcode::logical_not;
      break;
    case Kind::negate:
      out.op = n.type == Type::integer ? Opcode::negate_int : Opcode::negate_dec;
      break;
    case Kind::age:
      out.op = Opcode::age;
      break;
    case Kind::len:
      out.op = Opcode::len;
      break;
  }
  out.a = lower(n.children.front());
  return emit(out);
}

std::int32_t Lowerer::logic(const typed::Node& n) {
  std::vector<std::int32_t> children;
  for (const int child : n.children) children.push_back(lower(child));
  ProgramNode out;
  out.op = n.op == ast::Op::and_ ? Opcode::logical_and : Opcode::logical_or;
  out.b = static_cast<std::int32_t>(p_.pool.size());
  out.c = static_cast<std::int32_t>(children.size());
  p_.pool.insert(p_.pool.end(), children.begin(), children.end());
  return emit(out);
}

std::int32_t Lowerer::arith(const typed::Node& n) {
  ProgramNode out;
  out.op = Opcode::arith;
  out.a = lower(n.children.front());
  std::vector<ArithStep> steps;
  Type acc = node(n.children.front()).type;
  for (std::size_t k = 0; k < n.ops.size(); ++k) {
    ArithStep step;
    step.child = lower(n.children[k + 1]);
    const Type rhs = node(n.children[k + 1]).type;
    const Type result = n.step_types[k];
    const ast::Op op = n.ops[k];
    if (acc == Type::date) {
      step.op = rhs == Type::date    ? ArithOp::date_diff
                : op == ast::Op::add ? ArithOp::date_add
                                     : ArithOp::date_sub;
    } else if (result == Type::integer) {
      step.op = op == ast::Op::add   ? ArithOp::add_int
                : op == ast::Op::sub ? ArithOp::sub_int
                                     : ArithOp::mul_int;
    } else {
      step.op = op == ast::Op::add   ? ArithOp::add_dec
                : op == ast::Op::sub ? ArithOp::sub_dec
                : op == ast::Op::mul ? ArithOp::mul_dec
                                     : ArithOp::div_dec;
      step.flags = static_cast<std::uint8_t>((acc == Type::integer ? kPromoteLeft : 0) |
                                             (rhs == Type::integer ? kPromoteRight : 0));
    }
    steps.push_back(step);
    acc = result;
  }
  out.b = static_cast<std::int32_t>(p_.steps.size());
  out.c = static_cast<std::int32_t>(steps.size());
  p_.steps.insert(p_.steps.end(), steps.begin(), steps.end());
  return emit(out);
}

bool Lowerer::fuse(const typed::Node& fact, const typed::Node& value, Cmp cmp, ProgramNode& out) {
  if (fact.kind != Kind::fact || value.kind != Kind::constant) return false;
  const Type f = fact.type;
  const Type v = value.type;
  if (f == Type::integer && v == Type::integer) {
    out.op = Opcode::fact_cmp_int;
  } else if (f == Type::decimal && typed::is_number(v)) {
    out.op = Opcode::fact_cmp_dec;
  } else if ((f == Type::string || f == Type::enumeration) && v == Type::string) {
    out.op = Opcode::fact_cmp_id;
  } else if (f == Type::date && v == Type::date) {
    out.op = Opcode::fact_cmp_date;
  } else {
    return false;
  }
  out.value = constant(value);
  if (out.op == Opcode::fact_cmp_dec && v == Type::integer) {
    out.value = Value::decimal(static_cast<double>(value.integer));
  }
  out.a = fact_slot(fact);
  out.cmp = cmp;
  return true;
}

std::int32_t Lowerer::compare(const typed::Node& n) {
  if (n.op == ast::Op::in || n.op == ast::Op::not_in) return membership(n);
  const typed::Node& lhs = node(n.children[0]);
  const typed::Node& rhs = node(n.children[1]);
  const Cmp cmp = to_cmp(n.op);
  ProgramNode out;
  if (fuse(lhs, rhs, cmp, out) || fuse(rhs, lhs, mirror(cmp), out)) return emit(out);
  out.cmp = cmp;
  if (lhs.type == Type::integer && rhs.type == Type::integer) {
    out.op = Opcode::cmp_int;
  } else if (typed::is_number(lhs.type)) {
    out.op = Opcode::cmp_dec;
    out.flags = static_cast<std::uint8_t>((lhs.type == Type::integer ? kPromoteLeft : 0) |
                                          (rhs.type == Type::integer ? kPromoteRight : 0));
  } else if (lhs.type == Type::boolean) {
    out.op = Opcode::cmp_bool;
  } else if (lhs.type == Type::date) {
    out.op = Opcode::cmp_date;
  } else {
    out.op = Opcode::cmp_id;
  }
  out.a = lower(n.children[0]);
  out.b = lower(n.children[1]);
  return emit(out);
}

std::int32_t Lowerer::membership(const typed::Node& n) {
  const typed::Node& lhs = node(n.children[0]);
  const typed::Node& rhs = node(n.children[1]);
  ProgramNode out;
  out.flags = n.op == ast::Op::not_in ? kNegate : 0;
  if (rhs.kind != Kind::list) {
    out.op = Opcode::in_list;
    out.a = lower(n.children[0]);
    out.b = lower(n.children[1]);
    return emit(out);
  }
  out.op = lhs.kind == Kind::fact ? Opcode::fact_in_const : Opcode::in_const;
  out.a = lhs.kind == Kind::fact ? fact_slot(lhs) : lower(n.children[0]);
  out.b = static_cast<std::int32_t>(p_.pool.size());
  out.c = static_cast<std::int32_t>(rhs.items.size());
  for (const auto& item : rhs.items) p_.pool.push_back(strings_.intern(item));
  return emit(out);
}

}  // namespace

std::shared_ptr<const Program> lower(const typed::Tree& tree, FactType expected,
                                     StringTable& strings) {
  auto program = std::make_shared<Program>();
  Lowerer lowerer(tree, strings, *program);
  program->root = lowerer.lower(tree.root);
  const Type root_type = tree.nodes[static_cast<std::size_t>(tree.root)].type;
  if (expected == FactType::decimal && root_type == Type::integer) {
    ProgramNode promote;
    promote.op = Opcode::to_decimal;
    promote.a = program->root;
    program->nodes.push_back(promote);
    program->root = static_cast<std::int32_t>(program->nodes.size() - 1);
  }
  program->type = expected;
  auto& slots = program->slots;
  std::sort(slots.begin(), slots.end());
  slots.erase(std::unique(slots.begin(), slots.end()), slots.end());
  return program;
}

}  // namespace shenpi::detail::expr
