// Type checking, part one: literals, fact paths, logic, unary operators and
// the entry point. Errors produce nodes of type `error`, which every rule
// accepts silently, so one mistake yields one diagnostic.
#include <charconv>

#include <fmt/format.h>

#include "base/civil.hpp"
#include "expr/checker.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi::detail::expr::typed {

const char* type_name(Type type) {
  switch (type) {
    case Type::error:
      return "error";
    case Type::boolean:
      return "bool";
    case Type::integer:
      return "int";
    case Type::decimal:
      return "decimal";
    case Type::string:
      return "string";
    case Type::enumeration:
      return "enum";
    case Type::date:
      return "date";
    case Type::string_list:
      return "list<string>";
    case Type::list_literal:
      return "list literal";
  }
  return "error";
}

bool is_number(Type type) {
  return type == Type::integer || type == Type::decimal;
}

const char* op_text(ast::Op op) {
  switch (op) {
    case ast::Op::or_:
      return "or";
    case ast::Op::and_:
      return "and";
    case ast::Op::eq:
      return "==";
    case ast::Op::ne:
      return "!=";
    case ast::Op::lt:
      return "<";
    case ast::Op::le:
      return "<=";
    case ast::Op::gt:
      return ">";
    case ast::Op::ge:
      return ">=";
    case ast::Op::in:
      return "in";
    case ast::Op::not_in:
      return "not in";
    case ast::Op::add:
      return "+";
    case ast::Op::sub:
      return "-";
    case ast::Op::mul:
      return "*";
    case ast::Op::div:
      return "/";
    case ast::Op::not_:
      return "not";
    case ast::Op::neg:
      return "-";
  }
  return "?";
}

void Checker::report(std::string_view code, std::size_t offset, std::string message) {
  out_.push_back(make_diagnostic(code, origin_.at(offset, text_), std::move(message)));
  failed_ = true;
}

int Checker::add(Node node) {
  tree_.nodes.push_back(std::move(node));
  return static_cast<int>(tree_.nodes.size() - 1);
}

std::string Checker::describe(int index) {
  const Node& n = node(index);
  if (n.type == Type::enumeration && n.fact != nullptr) return "enum " + n.fact->path;
  return type_name(n.type);
}

int Checker::check(const ast::Operand& operand) {
  return operand.apply_visitor(*this);
}

int Checker::operator()(const ast::Nil&) {
  return add(Node{});
}

int Checker::operator()(const ast::Literal& literal) {
  Node n;
  n.offset = parsed_.offset_of(literal);
  switch (literal.kind) {
    case ast::LiteralKind::boolean:
      n.type = Type::boolean;
      n.boolean = literal.text == "true";
      break;
    case ast::LiteralKind::number:
      return number_literal(literal, n.offset);
    case ast::LiteralKind::string:
      n.type = Type::string;
      n.text = literal.text;
      break;
    case ast::LiteralKind::date:
      if (const auto days = civil::parse_date(literal.text)) {
        n.type = Type::date;
        n.date = *days;
      } else {
        report(codes::expr_syntax, n.offset, fmt::format("{} is not a valid date", literal.text));
      }
      break;
  }
  return add(std::move(n));
}

int Checker::number_literal(const ast::Literal& literal, std::size_t offset) {
  Node n;
  n.offset = offset;
  const char* first = literal.text.data();
  const char* last = first + literal.text.size();
  std::from_chars_result parsed{};
  if (literal.text.find('.') == std::string::npos) {
    n.type = Type::integer;
    parsed = std::from_chars(first, last, n.integer);
  } else {
    n.type = Type::decimal;
    parsed = std::from_chars(first, last, n.decimal);
  }
  if (parsed.ec != std::errc() || parsed.ptr != last) {
    report(codes::expr_syntax, offset,
           fmt::format("number {} is out of range", printable(literal.text)));
    n.type = Type::error;
  }
  return add(std::move(n));
}

int Checker::operator()(const ast::ListLiteral& list) {
  Node n;
  n.kind = Kind::list;
  n.type = Type::list_literal;
  n.offset = parsed_.offset_of(list);
  for (const ast::Literal& item : list.items) {
    n.items.push_back(item.text);
    n.item_offsets.push_back(parsed_.offset_of(item));
  }
  return add(std::move(n));
}

int Checker::operator()(const ast::Path& path) {
  Node n;
  n.kind = Kind::fact;
  n.offset = parsed_.offset_of(path);
  n.fact = scope_.fact ? scope_.fact(path.name) : nullptr;
  if (n.fact == nullptr) {
    report(codes::unknown_fact, n.offset, fmt::format("unknown fact '{}'", path.name));
    return add(std::move(n));
  }
  constexpr Type kTypes[] = {Type::boolean,     Type::integer, Type::decimal,    Type::string,
                             Type::enumeration, Type::date,    Type::string_list};
  n.type = kTypes[static_cast<int>(n.fact->type)];
  return add(std::move(n));
}

int Checker::operator()(const ast::Unary& unary) {
  const std::size_t offset = parsed_.offset_of(unary);
  const int operand = check(unary.operand);
  Node n;
  n.offset = offset;
  n.children = {operand};
  if (!value_operand(operand)) return add(std::move(n));
  const Type type = node(operand).type;
  if (unary.op == ast::Op::not_) {
    n.kind = Kind::logical_not;
    n.type = Type::boolean;
    if (type != Type::boolean) {
      report(codes::type_mismatch, node(operand).offset,
             fmt::format("'not' needs a bool operand, not {}", describe(operand)));
    }
  } else {
    n.kind = Kind::negate;
    n.type = type;
    if (!is_number(type)) {
      report(codes::type_mismatch, offset,
             fmt::format("'-' needs a number, not {}", describe(operand)));
      n.type = Type::error;
    }
  }
  return add(std::move(n));
}

bool Checker::value_operand(int index) {
  const Node& n = node(index);
  if (n.type == Type::list_literal) {
    report(codes::type_mismatch, n.offset, "a list literal is only allowed on the right of 'in'");
    node(index).type = Type::error;
  }
  return node(index).type != Type::error;
}

int Checker::check(const ast::Chain& chain) {
  if (chain.rest.empty()) return check(chain.first);
  switch (chain.rest.front().op) {
    case ast::Op::and_:
    case ast::Op::or_:
      return logic(chain);
    case ast::Op::add:
    case ast::Op::sub:
    case ast::Op::mul:
    case ast::Op::div:
      return arith(chain);
    default:
      return compare(chain);
  }
}

int Checker::logic(const ast::Chain& chain) {
  Node n;
  n.kind = Kind::logic;
  n.type = Type::boolean;
  n.op = chain.rest.front().op;
  n.offset = parsed_.offset_of(chain);
  n.children.push_back(check(chain.first));
  for (const ast::Operation& operation : chain.rest) n.children.push_back(check(operation.operand));
  for (const int child : n.children) {
    if (value_operand(child) && node(child).type != Type::boolean) {
      report(codes::type_mismatch, node(child).offset,
             fmt::format("'{}' needs bool operands, not {}", op_text(n.op), describe(child)));
    }
  }
  return add(std::move(n));
}

Tree check(const ParsedExpression& parsed, std::string_view text, const TextOrigin& origin,
           const Scope& scope, FactType expected, std::vector<Diagnostic>& out) {
  Checker checker(parsed, text, origin, scope, out);
  const int root = checker.check(parsed.tree);
  checker.tree().root = root;
  const Type type = checker.node(root).type;
  constexpr Type kTypes[] = {Type::boolean,     Type::integer, Type::decimal,    Type::string,
                             Type::enumeration, Type::date,    Type::string_list};
  const Type want = kTypes[static_cast<int>(expected)];
  const bool fits = type == want || (want == Type::decimal && type == Type::integer) ||
                    (want == Type::string && type == Type::enumeration);
  if (checker.value_operand(root) && !fits) {
    checker.report(
        codes::type_mismatch, checker.node(root).offset,
        fmt::format("expected a {} expression, not {}", type_name(want), checker.describe(root)));
  }
  checker.tree().ok = !checker.failed();
  return std::move(checker.tree());
}

}  // namespace shenpi::detail::expr::typed
