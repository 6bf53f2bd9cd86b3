// Type checking, part two: comparisons, `in`, arithmetic and functions.
#include <fmt/format.h>

#include "expr/checker.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi::detail::expr::typed {
namespace {

namespace x3 = boost::spirit::x3;

bool is_text(Type type) {
  return type == Type::string || type == Type::enumeration;
}

bool is_string_constant(const Node& n) {
  return n.kind == Kind::constant && n.type == Type::string;
}

/// The string literal an argument consists of, looking through the chains
/// of each precedence level; nullptr for anything else.
const ast::Literal* string_literal(const ast::Chain& chain) {
  const ast::Chain* current = &chain;
  while (current->rest.empty()) {
    const ast::Operand& first = current->first;
    if (const auto* literal = boost::get<ast::Literal>(&first)) {
      return literal->kind == ast::LiteralKind::string ? literal : nullptr;
    }
    const auto* inner = boost::get<x3::forward_ast<ast::Chain>>(&first);
    if (inner == nullptr) return nullptr;
    current = &inner->get();
  }
  return nullptr;
}

std::string join(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += ", ";
    out += v;
  }
  return out;
}

}  // namespace

int Checker::compare(const ast::Chain& chain) {
  const ast::Operation& operation = chain.rest.front();
  Node n;
  n.kind = Kind::compare;
  n.type = Type::boolean;
  n.op = operation.op;
  n.offset = parsed_.offset_of(chain);
  const int lhs = check(chain.first);
  const int rhs = check(operation.operand);
  n.children = {lhs, rhs};
  const std::size_t op_offset = parsed_.offset_of(operation);
  switch (operation.op) {
    case ast::Op::in:
    case ast::Op::not_in:
      check_in(lhs, rhs);
      break;
    case ast::Op::eq:
    case ast::Op::ne:
      check_equality(lhs, rhs, op_offset, operation.op);
      break;
    default:
      check_ordering(lhs, rhs, op_offset, operation.op);
      break;
  }
  return add(std::move(n));
}

bool Checker::check_equality(int lhs, int rhs, std::size_t op_offset, ast::Op op) {
  const bool lhs_ok = value_operand(lhs);
  if (!value_operand(rhs) || !lhs_ok) return false;
  const Type a = node(lhs).type;
  const Type b = node(rhs).type;
  if (is_number(a) && is_number(b)) return true;
  if (a == Type::enumeration && b == Type::enumeration) return enums_compatible(lhs, rhs);
  if (a == Type::enumeration && b == Type::string) return check_enum_value(lhs, rhs);
  if (b == Type::enumeration && a == Type::string) return check_enum_value(rhs, lhs);
  if (a == b && a != Type::string_list) return true;
  report(codes::type_mismatch, op_offset,
         fmt::format("cannot compare {} with {} using '{}'", describe(lhs), describe(rhs),
                     op_text(op)));
  return false;
}

bool Checker::check_ordering(int lhs, int rhs, std::size_t op_offset, ast::Op op) {
  const bool lhs_ok = value_operand(lhs);
  if (!value_operand(rhs) || !lhs_ok) return false;
  const Type a = node(lhs).type;
  const Type b = node(rhs).type;
  if ((is_number(a) && is_number(b)) || (a == Type::date && b == Type::date)) return true;
  report(codes::type_mismatch, op_offset,
         fmt::format("'{}' needs two numbers or two dates, not {} and {}", op_text(op),
                     describe(lhs), describe(rhs)));
  return false;
}

bool Checker::check_in(int lhs, int rhs) {
  const bool lhs_ok = value_operand(lhs);
  const Type b = node(rhs).type;
  bool ok = true;
  if (lhs_ok && !is_text(node(lhs).type)) {
    report(codes::type_mismatch, node(lhs).offset,
           fmt::format("'in' looks for a string or enum value, not {}", describe(lhs)));
    ok = false;
  }
  if (b != Type::list_literal && b != Type::string_list && b != Type::error) {
    report(codes::type_mismatch, node(rhs).offset,
           fmt::format("'in' needs a list on its right, not {}", describe(rhs)));
    ok = false;
  }
  if (ok && lhs_ok && b == Type::list_literal && node(lhs).type == Type::enumeration) {
    check_enum_list(lhs, rhs);
  }
  return ok;
}

bool Checker::check_enum_value(int enum_node, int literal) {
  const Node& value = node(literal);
  const Fact* fact = node(enum_node).fact;
  if (!is_string_constant(value) || fact == nullptr) return true;
  for (const auto& allowed : fact->values) {
    if (allowed == value.text) return true;
  }
  report(codes::unknown_enum_value, value.offset,
         fmt::format("\"{}\" is not a value of {} (enum: {})", printable(value.text), fact->path,
                     join(fact->values)));
  return false;
}

void Checker::check_enum_list(int enum_node, int list) {
  const Fact* fact = node(enum_node).fact;
  if (fact == nullptr) return;
  const Node& items = node(list);
  for (std::size_t i = 0; i < items.items.size(); ++i) {
    bool found = false;
    for (const auto& allowed : fact->values) found = found || allowed == items.items[i];
    if (!found) {
      report(codes::unknown_enum_value, items.item_offsets[i],
             fmt::format("\"{}\" is not a value of {} (enum: {})", printable(items.items[i]),
                         fact->path, join(fact->values)));
    }
  }
}

bool Checker::enums_compatible(int lhs, int rhs) {
  const Fact* a = node(lhs).fact;
  const Fact* b = node(rhs).fact;
  if (a == nullptr || b == nullptr || a == b || a->values == b->values) return true;
  report(codes::type_mismatch, node(rhs).offset,
         fmt::format("cannot compare enum {} with enum {}: their values differ", a->path, b->path));
  return false;
}

int Checker::arith(const ast::Chain& chain) {
  Node n;
  n.kind = Kind::arith;
  n.offset = parsed_.offset_of(chain);
  n.children.push_back(check(chain.first));
  Type acc = value_operand(n.children.front()) ? node(n.children.front()).type : Type::error;
  for (const ast::Operation& operation : chain.rest) {
    const int rhs = check(operation.operand);
    n.children.push_back(rhs);
    n.ops.push_back(operation.op);
    acc = arith_step(acc, operation.op, rhs, parsed_.offset_of(operation));
    n.step_types.push_back(acc);
  }
  n.type = acc;
  return add(std::move(n));
}

Type Checker::arith_step(Type acc, ast::Op op, int rhs, std::size_t op_offset) {
  if (!value_operand(rhs) || acc == Type::error) return Type::error;
  const Type b = node(rhs).type;
  if (is_number(acc) && is_number(b)) {
    const bool whole = acc == Type::integer && b == Type::integer && op != ast::Op::div;
    return whole ? Type::integer : Type::decimal;
  }
  if (acc == Type::date && b == Type::integer && (op == ast::Op::add || op == ast::Op::sub)) {
    return Type::date;
  }
  if (acc == Type::date && b == Type::date && op == ast::Op::sub) return Type::integer;
  const char* need = op == ast::Op::add || op == ast::Op::sub
                         ? "numbers, or a date and a number of days"
                         : "numbers";
  report(codes::type_mismatch, op_offset,
         fmt::format("'{}' needs {}, not {} and {}", op_text(op), need, type_name(acc),
                     describe(rhs)));
  return Type::error;
}

int Checker::operator()(const ast::Call& call) {
  const std::size_t offset = parsed_.offset_of(call);
  if (call.name == "submitted") return submitted(call, offset);
  if (call.name == "age") return unary_function(call, offset, Kind::age);
  if (call.name == "len") return unary_function(call, offset, Kind::len);
  report(codes::unknown_function, offset,
         fmt::format("unknown function '{}' (functions: submitted, age, len)", call.name));
  for (const ast::Chain& arg : call.args) check(arg);
  return add(Node{});
}

int Checker::submitted(const ast::Call& call, std::size_t offset) {
  Node n;
  n.kind = Kind::submitted;
  n.type = Type::boolean;
  n.offset = offset;
  const ast::Literal* id = call.args.size() == 1 ? string_literal(call.args.front()) : nullptr;
  if (id == nullptr) {
    // The argument is not checked: `submitted(layout)` is not an unknown fact.
    report(codes::unknown_function,
           call.args.empty() ? offset : parsed_.offset_of(call.args.front()),
           "submitted() takes one material id in quotes, e.g. submitted(\"layout-plan\")");
    n.type = Type::error;
    return add(std::move(n));
  }
  n.material = scope_.material ? scope_.material(id->text) : -1;
  if (n.material < 0) {
    report(codes::unknown_function, parsed_.offset_of(*id),
           fmt::format("submitted(): unknown material \"{}\"", printable(id->text)));
    n.type = Type::error;
  }
  return add(std::move(n));
}

int Checker::unary_function(const ast::Call& call, std::size_t offset, Kind kind) {
  const bool age = kind == Kind::age;
  const Type want = age ? Type::date : Type::string_list;
  const char* usage = age ? "age() takes one date, e.g. age(applicant.birth_date)"
                          : "len() takes one list<string> fact, e.g. len(business.scope)";
  Node n;
  n.kind = kind;
  n.type = Type::integer;
  n.offset = offset;
  if (call.args.size() != 1) {
    for (const ast::Chain& arg : call.args) check(arg);
    report(codes::unknown_function, offset,
           fmt::format("{}; got {} arguments", usage, call.args.size()));
    n.type = Type::error;
    return add(std::move(n));
  }
  const int arg = check(call.args.front());
  n.children = {arg};
  const Type type = node(arg).type;
  if (type != want && type != Type::error) {
    report(codes::unknown_function, node(arg).offset,
           fmt::format("{}; not {}", usage, describe(arg)));
    n.type = Type::error;
  }
  return add(std::move(n));
}

}  // namespace shenpi::detail::expr::typed
