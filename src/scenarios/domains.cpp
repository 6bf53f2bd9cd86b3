// Representative values per fact, read off the compiled programs: every
// constant a fact is compared with splits its range, so one value per
// region decides each comparison the same way as any other in that region.
#include "scenarios/domains.hpp"

#include <cmath>
#include <iterator>
#include <set>

#include <fmt/format.h>

#include "expr/compiled.hpp"
#include "model/data.hpp"

namespace shenpi::detail {
namespace {

using expr::Opcode;

/// Constants the programs compare slot `slot` with: numbers, and string ids.
struct Constants {
  std::set<double> numbers;
  std::set<std::int32_t> strings;
  bool generic = false;  ///< read outside a fact-vs-constant node too
};

void collect(const Program& p, int slot, Constants& out) {
  for (const auto& n : p.nodes) {
    switch (n.op) {
      case Opcode::fact_cmp_int:
        if (n.a == slot) out.numbers.insert(double(n.value.i));
        break;
      case Opcode::fact_cmp_dec:
        if (n.a == slot) out.numbers.insert(n.value.d);
        break;
      case Opcode::fact_cmp_id:
        if (n.a == slot) out.strings.insert(n.value.s);
        break;
      case Opcode::fact_in_const:
        if (n.a == slot) {
          for (std::int32_t k = 0; k < n.c; ++k) out.strings.insert(p.pool[std::size_t(n.b + k)]);
        }
        break;
      case Opcode::fact_int:
      case Opcode::fact_dec:
      case Opcode::fact_id:
        out.generic = out.generic || n.a == slot;
        break;
      default:
        break;
    }
  }
  if (!out.generic) return;
  // Arithmetic or fact-to-fact comparisons: every numeric constant may be a boundary.
  for (const auto& n : p.nodes) {
    if (n.op != Opcode::constant) continue;
    if (n.value.kind == Value::Kind::integer) out.numbers.insert(double(n.value.i));
    if (n.value.kind == Value::Kind::decimal) out.numbers.insert(n.value.d);
  }
}

/// The region a representative number stands for: `小于10`, `10`, `大于25`,
/// `介于10与25之间` (the constants it is compared with bound the regions).
std::string region_words(double v, const std::set<double>& constants) {
  if (constants.count(v) != 0 || constants.empty()) return fmt::format("{}", v);
  const auto above = constants.upper_bound(v);
  if (above == constants.begin()) return fmt::format("小于{}", *above);
  const double below = *std::prev(above);
  if (above == constants.end()) return fmt::format("大于{}", below);
  return fmt::format("介于{}与{}之间", below, *above);
}

void add_numbers(FactDomain& d, const Constants& c, bool integer) {
  std::set<double> points;
  for (const double x : c.numbers) {
    for (const double v : {x - 1, x, x + 1}) points.insert(integer ? std::floor(v) : v);
  }
  if (points.empty()) points.insert(0);
  for (const double v : points) {
    if (integer) {
      d.values.push_back(Value::integer(std::int64_t(v)));
      d.given.emplace_back(std::in_place, std::in_place_type<std::int64_t>, std::int64_t(v));
    } else {
      d.values.push_back(Value::decimal(v));
      d.given.emplace_back(std::in_place, std::in_place_type<double>, v);
    }
    d.words.push_back(region_words(v, c.numbers));
  }
}

void add_strings(FactDomain& d, const Constants& c, const StringTable& strings) {
  std::vector<std::string> texts;
  if (d.fact->type == FactType::enumeration) {
    texts = d.fact->values;
  } else {
    for (const auto id : c.strings) texts.emplace_back(strings.text(id));
  }
  for (const auto& t : texts) {
    const std::int32_t id = strings.find(t);
    d.values.push_back(Value::string(id));
    d.given.emplace_back(FactValue(t));
    // Words for people: an enum value by its label (良好, not good).
    d.words.push_back(d.fact->type == FactType::enumeration ? value_label(*d.fact, t) : t);
  }
  if (d.fact->type == FactType::string) {
    // A string no rule mentions gets a negative id, as when binding.
    d.values.push_back(Value::string(-1));
    d.given.emplace_back(FactValue(std::string("（其他值）")));
    d.words.emplace_back("其他值");
  }
}

FactDomain domain_of(const RulebookData& data, const Fact& fact, int slot,
                     const std::vector<const Expression*>& exprs) {
  FactDomain d;
  d.fact = &fact;
  d.slot = slot;
  Constants c;
  for (const Expression* e : exprs) collect(*detail::ExpressionAccess::program(*e), slot, c);
  switch (fact.type) {
    case FactType::boolean:
      d.values = {Value::boolean(true), Value::boolean(false)};
      d.given = {FactValue(true), FactValue(false)};
      d.words = {"是", "否"};
      break;
    case FactType::integer:
      add_numbers(d, c, true);
      break;
    case FactType::decimal:
      add_numbers(d, c, false);
      break;
    case FactType::enumeration:
    case FactType::string:
      add_strings(d, c, data.strings);
      break;
    default:
      // Dates and lists are not split (no shipped item compares them); only known vs unknown.
      break;
  }
  d.values.push_back(Value::unknown());
  d.given.emplace_back(std::nullopt);
  d.words.emplace_back("未提供");
  return d;
}

}  // namespace

std::vector<const Expression*> decision_expressions(const Item& item) {
  std::vector<const Expression*> out;
  for (const auto& c : item.conditions) {
    if (!c.when.empty()) out.push_back(&c.when);
  }
  for (const auto& m : item.materials) {
    if (m.requirement == Material::Requirement::when && !m.required.empty()) {
      out.push_back(&m.required);
    }
  }
  if (item.tolerance.present && !item.tolerance.when.empty()) out.push_back(&item.tolerance.when);
  return out;
}

std::vector<FactDomain> fact_domains(const Rulebook& book, const Item& item) {
  const auto exprs = decision_expressions(item);
  std::set<int> slots;
  for (const Expression* e : exprs) {
    for (const auto s : e->fact_slots()) slots.insert(s);
  }
  std::vector<FactDomain> out;
  for (const int slot : slots) {
    out.push_back(
        domain_of(detail::RulebookAccess::data(book), book.fact_in_slot(item, slot), slot, exprs));
  }
  return out;
}

std::optional<bool> test(const Expression& e, const std::vector<Value>& facts) {
  static const std::uint64_t kNoMaterials[4] = {0, 0, 0, 0};
  const EvalContext context{facts, kNoMaterials, 0};
  const Value v = run(*detail::ExpressionAccess::program(e), context);
  if (v.kind != Value::Kind::boolean) return std::nullopt;
  return v.b;
}

}  // namespace shenpi::detail
