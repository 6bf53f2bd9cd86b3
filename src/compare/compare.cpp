// Lining up the items of several rulebooks by national catalogue code.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "compare/compare_words.hpp"
#include "notice/words.hpp"
#include "shenpi/compare.hpp"

namespace shenpi {
namespace {

/// Natural days count 5/7 of a working day, so `15日` and `即办` compare.
double working_days(const Duration& d) {
  return d.unit == Duration::Unit::natural_days ? d.count * 5.0 / 7.0 : d.count;
}

/// What the applicant must bring in every case: not shared, not by
/// commitment, always required.
bool always_asked(const Material& m) {
  return m.source == Material::Source::applicant && !m.commitment_allowed &&
         m.requirement == Material::Requirement::always;
}

MaterialPresence presence_of(const Material& m) {
  if (m.source == Material::Source::shared) return MaterialPresence::shared;
  if (m.commitment_allowed) return MaterialPresence::commitment;
  if (m.tolerable && !m.core) return MaterialPresence::tolerable;
  return MaterialPresence::asked;
}

std::string tolerance_words(const Rulebook& book, const Item& item) {
  const TolerancePolicy& t = item.tolerance;
  if (!t.present) return {};
  std::string s = t.when.empty()
                      ? "可容缺受理"
                      : fmt::format("满足「{}」时可容缺受理", detail::readable(book, item, t.when));
  if (t.max_missing >= 0) s += fmt::format("，至多{}项", t.max_missing);
  s += fmt::format("，{}内补齐", t.supply_within.to_chinese());
  if (t.letter_required) s += "，须签容缺承诺书";
  return s;
}

ComparedSide side_of(const Rulebook& book, const Item& item) {
  ComparedSide s;
  s.present = true;
  s.item_code = item.code;
  s.name = item.name;
  s.kind = item.kind;
  s.authority = item.authority;
  for (const auto& b : item.basis) s.basis.push_back(b.title);
  s.statutory = item.time_limit.statutory.to_chinese();
  s.promised = item.time_limit.promised.to_chinese();
  s.promised_working_days = working_days(item.time_limit.promised);
  s.max_visits = item.service.max_visits;
  s.online = item.service.online;
  for (const auto& c : item.conditions) {
    s.conditions.push_back(c.text);
    if (c.commitment_allowed) s.commitments.push_back(c.text);
  }
  for (const auto& m : item.materials) {
    if (m.commitment_allowed) s.commitments.push_back(m.name);
    if (always_asked(m)) ++s.asked;
  }
  s.tolerance = tolerance_words(book, item);
  return s;
}

/// The row a material joins: catalogue id, then name, then the item's own id.
std::size_t row_of(std::vector<ComparedMaterial>& rows, std::vector<std::string>& ids,
                   const Material& m, std::size_t n) {
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (!m.catalog_id.empty() && rows[r].key == m.catalog_id) return r;
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const auto& names = rows[r].names;
    if (std::find(names.begin(), names.end(), m.name) != names.end()) return r;
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (m.catalog_id.empty() && !ids[r].empty() && ids[r] == m.id) return r;
  }
  ComparedMaterial row;
  row.key = m.catalog_id.empty() ? m.name : m.catalog_id;
  row.names.assign(n, "");
  row.presence.assign(n, MaterialPresence::absent);
  row.required_when.assign(n, "");
  rows.push_back(std::move(row));
  ids.push_back(m.catalog_id.empty() ? m.id : std::string());
  return rows.size() - 1;
}

std::vector<ComparedMaterial> material_rows(
    const std::vector<std::shared_ptr<const Rulebook>>& books,
    const std::vector<const Item*>& items) {
  std::vector<ComparedMaterial> rows;
  std::vector<std::string> ids;  // parallel to rows: the local id of an uncatalogued row
  for (std::size_t j = 0; j < items.size(); ++j) {
    if (items[j] == nullptr) continue;
    for (const auto& m : items[j]->materials) {
      if (m.requirement == Material::Requirement::never) continue;
      ComparedMaterial& row = rows[row_of(rows, ids, m, items.size())];
      // A second material of the same jurisdiction joining a row keeps the first.
      if (row.presence[j] != MaterialPresence::absent) continue;
      row.names[j] = m.name;
      row.presence[j] = presence_of(m);
      if (m.requirement == Material::Requirement::when) {
        row.required_when[j] = detail::readable(*books[j], *items[j], m.required);
      }
    }
  }
  for (auto& row : rows) {
    std::set<std::string> distinct;
    for (const auto& name : row.names) {
      if (!name.empty()) distinct.insert(name);
    }
    row.names_differ = distinct.size() > 1;
  }
  return rows;
}

/// Index of the strictly smallest value among present sides, else -1.
template <class F>
int strict_min(const std::vector<ComparedSide>& sides, F value) {
  int best = -1;
  bool tied = false;
  for (std::size_t j = 0; j < sides.size(); ++j) {
    if (!sides[j].present) continue;
    if (best < 0 || value(sides[j]) < value(sides[static_cast<std::size_t>(best)])) {
      best = static_cast<int>(j);
      tied = false;
    } else if (value(sides[j]) == value(sides[static_cast<std::size_t>(best)])) {
      tied = true;
    }
  }
  return tied ? -1 : best;
}

Uniformity uniformity(const std::vector<ComparedSide>& sides) {
  Uniformity u;
  const ComparedSide* first = nullptr;
  for (const auto& s : sides) {
    if (!s.present) continue;
    if (first == nullptr) {
      first = &s;
      continue;
    }
    u.name = u.name && s.name == first->name;
    u.code = u.code && detail::code_suffix(s.item_code) == detail::code_suffix(first->item_code);
    u.kind = u.kind && s.kind == first->kind;
    u.basis = u.basis && std::set<std::string>(s.basis.begin(), s.basis.end()) ==
                             std::set<std::string>(first->basis.begin(), first->basis.end());
  }
  return u;
}

ComparedItem compare_one(const std::vector<std::shared_ptr<const Rulebook>>& books,
                         const std::string& code, const std::vector<const Item*>& items) {
  ComparedItem c;
  c.catalog_code = code;
  for (std::size_t j = 0; j < items.size(); ++j) {
    const Item* item = items[j];
    c.sides.push_back(item == nullptr ? ComparedSide{} : side_of(*books[j], *item));
    if (item != nullptr && c.catalog_name.empty()) c.catalog_name = item->catalog.name;
  }
  c.materials = material_rows(books, items);
  c.uniform = uniformity(c.sides);
  c.asks_least = strict_min(c.sides, [](const ComparedSide& s) { return double(s.asked); });
  c.fastest = strict_min(c.sides, [](const ComparedSide& s) { return s.promised_working_days; });
  return c;
}

}  // namespace

const char* to_string(MaterialPresence presence) {
  switch (presence) {
    case MaterialPresence::asked:
      return "asked";
    case MaterialPresence::shared:
      return "shared";
    case MaterialPresence::commitment:
      return "commitment";
    case MaterialPresence::tolerable:
      return "tolerable";
    case MaterialPresence::absent:
      return "absent";
  }
  return "absent";
}

Comparison compare(const std::vector<std::shared_ptr<const Rulebook>>& books,
                   const std::vector<std::string>& labels) {
  Comparison out;
  const std::size_t n = books.size();
  // catalogue code → the item of each jurisdiction (first one when a book repeats a code)
  std::map<std::string, std::vector<const Item*>> by_code;
  for (std::size_t j = 0; j < n; ++j) {
    out.jurisdictions.push_back(j < labels.size() ? labels[j] : std::string(1, char('A' + j % 26)));
    out.summary.push_back({out.jurisdictions.back()});
    if (!books[j]) continue;
    for (const auto& item : books[j]->items()) {
      if (books[j]->find_item(item.code) != &item) continue;  // the current version only
      if (item.catalog.code.empty()) {
        out.singles.push_back({"", static_cast<int>(j), item.code, item.name});
        continue;
      }
      auto& slot = by_code.try_emplace(item.catalog.code, n, nullptr).first->second;
      if (slot[j] == nullptr) slot[j] = &item;
      ++out.summary[j].items;
    }
  }
  for (const auto& [code, items] : by_code) {
    const auto count = std::count_if(items.begin(), items.end(), [](auto* p) { return p; });
    if (count < 2) {
      for (std::size_t j = 0; j < n; ++j) {
        if (items[j] != nullptr) {
          out.singles.push_back({code, static_cast<int>(j), items[j]->code, items[j]->name});
        }
      }
      continue;
    }
    out.items.push_back(compare_one(books, code, items));
    const ComparedItem& c = out.items.back();
    for (std::size_t j = 0; j < n; ++j) {
      if (c.sides[j].present) out.summary[j].asked_total += c.sides[j].asked;
    }
    if (c.asks_least >= 0) ++out.summary[static_cast<std::size_t>(c.asks_least)].asks_least;
    if (c.fastest >= 0) ++out.summary[static_cast<std::size_t>(c.fastest)].fastest;
  }
  std::stable_sort(out.singles.begin(), out.singles.end(), [](const auto& a, const auto& b) {
    return a.jurisdiction != b.jurisdiction ? a.jurisdiction < b.jurisdiction
                                            : a.item_code < b.item_code;
  });
  return out;
}

}  // namespace shenpi
