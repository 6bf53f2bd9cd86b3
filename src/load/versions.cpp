// Item versions: reading `item.effective` and checking the periods of the
// versions of one code against each other (docs/versions.md).
#include <algorithm>
#include <cstdint>
#include <map>

#include <fmt/format.h>

#include "load/item_parts.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi::detail {
namespace {

std::string period_text(const Effective& e) {
  return fmt::format("{} – {}", e.from ? e.from->to_string() : std::string("(open)"),
                     e.until ? e.until->to_string() : std::string("(open)"));
}

const SourceLocation& where(const Item& item) {
  return item.effective.present() ? item.effective.location : item.location;
}

/// Versions of one code in file order; reports and marks true duplicates.
void check_code(const RulebookData& data, const std::vector<std::size_t>& list,
                std::vector<bool>& drop, std::vector<Diagnostic>& out) {
  const auto item = [&](std::size_t i) -> const Item& { return data.items[list[i]]; };
  for (std::size_t i = 1; i < list.size(); ++i) {
    if (item(i).effective.present() || item(0).effective.present()) continue;
    Diagnostic d = make_diagnostic(codes::duplicate_id, item(i).location,
                                   fmt::format("item code '{}' defined twice", item(i).code));
    d.notes.push_back({item(0).location, "first defined here"});
    out.push_back(std::move(d));
    drop[list[i]] = true;
  }
  std::vector<std::size_t> kept;
  for (const auto i : list) {
    if (!drop[i]) kept.push_back(i);
  }
  const auto from_days = [&](std::size_t i) {
    const auto& f = data.items[i].effective.from;
    return f ? f->days() : INT32_MIN;
  };
  std::stable_sort(kept.begin(), kept.end(),
                   [&](std::size_t a, std::size_t b) { return from_days(a) < from_days(b); });
  for (std::size_t k = 1; k < kept.size(); ++k) {
    const Item& a = data.items[kept[k - 1]];
    const Item& b = data.items[kept[k]];
    const std::int64_t a_end = a.effective.until ? a.effective.until->days() : INT32_MAX;
    const std::int64_t b_start = from_days(kept[k]);
    if (a_end >= b_start) {
      Diagnostic d = make_diagnostic(
          codes::version_overlap, where(b),
          fmt::format("version {} of item '{}' is in force {}, which overlaps version {} ({})",
                      b.version, b.code, period_text(b.effective), a.version,
                      period_text(a.effective)));
      d.notes.push_back({where(a), "the other version"});
      out.push_back(std::move(d));
    } else if (a_end + 1 < b_start) {
      Diagnostic d = make_diagnostic(
          codes::version_gap, where(b),
          fmt::format("item '{}' has no version in force from {} to {}: applications filed then "
                      "cannot be decided",
                      b.code, Date::from_days(static_cast<std::int32_t>(a_end + 1)).to_string(),
                      Date::from_days(static_cast<std::int32_t>(b_start - 1)).to_string()));
      d.notes.push_back({where(a), "the version before ends here"});
      out.push_back(std::move(d));
    }
  }
}

}  // namespace

void read_effective(ItemReader& ir, const yaml::Node& node) {
  const YamlReader& r = ir.r;
  if (!r.expect_map(node, "item.effective")) return;
  r.check_keys(node, {"from", "until"}, "item.effective");
  Effective& e = ir.item.effective;
  e.location = r.location(node);
  if (node["from"] && !node["from"].is_null()) e.from = r.date(node["from"], "effective.from");
  if (node["until"] && !node["until"].is_null()) {
    e.until = r.date(node["until"], "effective.until");
  }
  if (e.from && e.until && *e.until < *e.from) {
    r.report(codes::bad_effective_period, node,
             fmt::format("effective.until {} is before effective.from {}", e.until->to_string(),
                         e.from->to_string()));
  }
}

void check_versions(RulebookData& data, std::vector<Diagnostic>& out) {
  // Ordered by code so the diagnostics come out in a stable order.
  std::map<std::string_view, std::vector<std::size_t>> by_code;
  for (std::size_t i = 0; i < data.items.size(); ++i) by_code[data.items[i].code].push_back(i);
  std::vector<bool> drop(data.items.size(), false);
  bool any = false;
  for (const auto& [code, list] : by_code) {
    if (list.size() < 2) continue;
    check_code(data, list, drop, out);
    any = any || std::find(drop.begin(), drop.end(), true) != drop.end();
  }
  if (!any) return;
  std::vector<Item> kept;
  kept.reserve(data.items.size());
  for (std::size_t i = 0; i < data.items.size(); ++i) {
    if (!drop[i]) kept.push_back(std::move(data.items[i]));
  }
  data.items = std::move(kept);
}

}  // namespace shenpi::detail
