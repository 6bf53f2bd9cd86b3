// A condition's expression as a Chinese sentence, for the guide and the
// site: fact labels for paths, value labels for enum values, bool facts read
// as statements (经营散装食品 / 不经营散装食品), comparisons in words.
#include <string_view>

#include <fmt/format.h>

#include "expr/typed.hpp"
#include "notice/words.hpp"
#include "shenpi/notice.hpp"

namespace shenpi {
namespace {

using detail::expr::ast::Op;
using detail::expr::typed::Kind;
using detail::expr::typed::Node;
using detail::expr::typed::Tree;
using detail::expr::typed::Type;

/// A bool fact's label as a statement (经营散装食品 / 不经营散装食品).
std::string bool_statement(const Fact& fact, bool positive) {
  return detail::bool_statement(fact.label.empty() ? fact.path : fact.label, positive);
}

/// The words of a comparison operator for a type: dates compare as 早于/晚于.
std::string_view op_words(Op op, Type type) {
  const bool date = type == Type::date;
  switch (op) {
    case Op::eq:
      return date ? "为" : (type == Type::integer || type == Type::decimal) ? "等于" : "为";
    case Op::ne:
      return date ? "不是" : (type == Type::integer || type == Type::decimal) ? "不等于" : "不是";
    case Op::lt:
      return date ? "早于" : "小于";
    case Op::le:
      return date ? "不晚于" : "不大于";
    case Op::gt:
      return date ? "晚于" : "大于";
    case Op::ge:
      return date ? "不早于" : "不小于";
    default:
      return "";
  }
}

Op inverse(Op op) {
  switch (op) {
    case Op::eq:
      return Op::ne;
    case Op::ne:
      return Op::eq;
    case Op::lt:
      return Op::ge;
    case Op::le:
      return Op::gt;
    case Op::gt:
      return Op::le;
    case Op::ge:
      return Op::lt;
    case Op::in:
      return Op::not_in;
    case Op::not_in:
      return Op::in;
    default:
      return op;
  }
}

class Sentence {
 public:
  Sentence(const Item& item, const Tree& tree) : item_(item), tree_(tree) {}

  std::string statement(int index, bool positive);

 private:
  const Node& node(int index) const { return tree_.nodes[static_cast<std::size_t>(index)]; }
  std::string logic(const Node& n, bool positive);
  std::string compare(const Node& n, bool positive);
  std::string operand(int index, const Fact* enum_fact);
  std::string constant(const Node& n, const Fact* enum_fact) const;
  std::string list(const Node& n, const Fact* enum_fact, std::string_view separator) const;

  const Item& item_;
  const Tree& tree_;
};

std::string Sentence::statement(int index, bool positive) {
  const Node& n = node(index);
  switch (n.kind) {
    case Kind::logic:
      return logic(n, positive);
    case Kind::logical_not:
      return statement(n.children.front(), !positive);
    case Kind::compare:
      return compare(n, positive);
    case Kind::fact:
      return bool_statement(*n.fact, positive);
    case Kind::submitted: {
      const auto& m = item_.materials[static_cast<std::size_t>(n.material)];
      return (positive ? "已提交" : "未提交") + m.name;
    }
    case Kind::constant:
      return n.boolean == positive ? "一律适用" : "一律不适用";
    default:
      return (positive ? "" : "并非") + operand(index, nullptr);
  }
}

/// `a and b` reads 甲，且乙; negated, De Morgan's law keeps it plain: 非甲，或非乙.
std::string Sentence::logic(const Node& n, bool positive) {
  const bool all = (n.op == Op::and_) == positive;
  std::string out;
  for (const int child : n.children) {
    std::string part = statement(child, positive);
    const Node& c = node(child);
    const bool nested = c.kind == Kind::logic || (c.kind == Kind::logical_not &&
                                                  node(c.children.front()).kind == Kind::logic);
    if (nested) part = "（" + part + "）";
    if (!out.empty()) out += all ? "，且" : "，或";
    out += part;
  }
  return out;
}

std::string Sentence::compare(const Node& n, bool positive) {
  const Op op = positive ? n.op : inverse(n.op);
  const Node& lhs = node(n.children[0]);
  const Node& rhs = node(n.children[1]);
  const Fact* lhs_enum =
      lhs.kind == Kind::fact && lhs.type == Type::enumeration ? lhs.fact : nullptr;
  const Fact* rhs_enum =
      rhs.kind == Kind::fact && rhs.type == Type::enumeration ? rhs.fact : nullptr;
  if (op == Op::in || op == Op::not_in) {
    const bool yes = op == Op::in;
    if (rhs.kind == Kind::list) {
      return operand(n.children[0], nullptr) + (yes ? "为" : "不属于") +
             list(rhs, lhs_enum, yes ? "或" : "、");
    }
    return operand(n.children[1], nullptr) + (yes ? "包含" : "不包含") +
           operand(n.children[0], nullptr);
  }
  // `flag == true` reads as the statement itself.
  if (lhs.kind == Kind::fact && lhs.type == Type::boolean && rhs.kind == Kind::constant &&
      rhs.type == Type::boolean && (op == Op::eq || op == Op::ne)) {
    return bool_statement(*lhs.fact, rhs.boolean == (op == Op::eq));
  }
  const Type type = lhs.type == Type::integer ? rhs.type : lhs.type;
  return operand(n.children[0], rhs_enum) + std::string(op_words(op, type)) +
         operand(n.children[1], lhs_enum);
}

std::string Sentence::operand(int index, const Fact* enum_fact) {
  const Node& n = node(index);
  switch (n.kind) {
    case Kind::fact:
      return n.fact->label.empty() ? n.fact->path : n.fact->label;
    case Kind::constant:
      return constant(n, enum_fact);
    case Kind::list:
      return list(n, enum_fact, "、");
    case Kind::negate:
      return "负" + operand(n.children.front(), nullptr);
    case Kind::age:
      return "按" + operand(n.children.front(), nullptr) + "计算的周岁年龄";
    case Kind::len:
      return operand(n.children.front(), nullptr) + "的项数";
    case Kind::arith: {
      std::string out = operand(n.children.front(), nullptr);
      for (std::size_t k = 0; k < n.ops.size(); ++k) {
        const Op op = n.ops[k];
        out += op == Op::add ? "加" : op == Op::sub ? "减" : op == Op::mul ? "乘以" : "除以";
        out += operand(n.children[k + 1], nullptr);
      }
      return out;
    }
    default:
      return "（" + statement(index, true) + "）";
  }
}

std::string Sentence::constant(const Node& n, const Fact* enum_fact) const {
  switch (n.type) {
    case Type::boolean:
      return n.boolean ? "是" : "否";
    case Type::integer:
      return std::to_string(n.integer);
    case Type::decimal:
      return fmt::format("{}", n.decimal);
    case Type::date: {
      const Date d = Date::from_days(n.date);
      return fmt::format("{}年{}月{}日", d.year(), d.month(), d.day());
    }
    default:
      return enum_fact != nullptr ? value_label(*enum_fact, n.text) : "“" + n.text + "”";
  }
}

std::string Sentence::list(const Node& n, const Fact* enum_fact, std::string_view separator) const {
  std::string out;
  for (const auto& item : n.items) {
    if (!out.empty()) out += separator;
    out += enum_fact != nullptr ? value_label(*enum_fact, item) : "“" + item + "”";
  }
  return out;
}

}  // namespace

std::string describe_expression(const Rulebook& book, const Item& item,
                                const Expression& expression) {
  if (expression.empty()) return {};
  detail::Scope scope;
  scope.fact = [&](std::string_view path) { return book.find_fact(item, path); };
  scope.material = [&](std::string_view id) {
    return static_cast<std::int32_t>(item.material_index(id));
  };
  const auto tree = detail::expr::typed::typed_tree(expression.text(), scope);
  // A rulebook's expressions all checked when it loaded; keep the text should that ever differ.
  if (!tree) return expression.text();
  return Sentence(item, *tree).statement(tree->root, true);
}

}  // namespace shenpi
