// Rulebook-wide checks, run once every file has been read.
#include <algorithm>
#include <filesystem>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "check/check.hpp"
#include "check/graph_checks.hpp"
#include "check/lints.hpp"
#include "load/loader.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi::detail {
namespace {

/// SP105 for item codes and bundle codes given twice; keeps the first.
/// Hashes the codes: a city's catalogue has ten thousand items.
template <typename T>
void drop_duplicate_codes(std::vector<T>& list, std::string_view what,
                          std::vector<Diagnostic>& out) {
  std::unordered_map<std::string_view, std::size_t> first;
  first.reserve(list.size());
  std::vector<bool> duplicate(list.size(), false);
  bool any = false;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto [it, inserted] = first.try_emplace(list[i].code, i);
    if (inserted) continue;
    const T& x = list[i];
    Diagnostic d = make_diagnostic(codes::duplicate_id, x.location,
                                   fmt::format("{} code '{}' defined twice", what, x.code));
    d.notes.push_back({list[it->second].location, "first defined here"});
    out.push_back(std::move(d));
    duplicate[i] = any = true;
  }
  if (!any) return;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!duplicate[i]) {
      if (kept != i) list[kept] = std::move(list[i]);
      ++kept;
    }
  }
  list.erase(list.begin() + static_cast<std::ptrdiff_t>(kept), list.end());
}

/// SP106 for unknown item codes, SP403 for an item listed twice.
bool check_bundle_refs(const RulebookData& data, const Bundle& b, std::vector<Diagnostic>& out) {
  bool ok = true;
  std::set<std::string> seen;
  for (const auto& stage : b.stages) {
    for (std::size_t k = 0; k < stage.items.size(); ++k) {
      const auto& code = stage.items[k];
      const SourceLocation& where =
          k < stage.item_locations.size() ? stage.item_locations[k] : stage.location;
      if (data.item_index.count(code) == 0) {
        out.push_back(
            make_diagnostic(codes::dangling_reference, where,
                            fmt::format("bundle {} names unknown item '{}'", b.code, code)));
        ok = false;
      } else if (!seen.insert(code).second) {
        out.push_back(
            make_diagnostic(codes::bundle_item_repeated, where,
                            fmt::format("item '{}' is listed twice in bundle {}", code, b.code)));
        ok = false;
      }
    }
  }
  for (const auto& dep : b.depends) {
    for (const auto* code : {&dep.before, &dep.after}) {
      if (seen.count(*code) == 0) {
        out.push_back(
            make_diagnostic(codes::dangling_reference, dep.location,
                            fmt::format("dependency names '{}', which is not an item of bundle {}",
                                        *code, b.code)));
        ok = false;
      }
    }
  }
  return ok;
}

/// `refer_to:` (SP317): only a refusal refers the applicant elsewhere
/// (行政许可法第三十二条), to an item of this rulebook other than the one
/// refusing, or to an authority named in words. An ASCII code that names no
/// item is a typo, not an authority.
void check_referrals(const RulebookData& data, std::vector<Diagnostic>& out) {
  // A single item file is a part of its rulebook: the item it refers to
  // may be one that was not loaded.
  std::error_code ec;
  const bool whole = std::all_of(data.sources.begin(), data.sources.end(), [&](const auto& s) {
    return std::filesystem::is_directory(s, ec);
  });
  const auto looks_like_code = [](const std::string& text) {
    return std::all_of(text.begin(), text.end(),
                       [](unsigned char ch) { return ch < 0x80 && ch != ' '; });
  };
  for (const auto& item : data.items) {
    for (const auto& c : item.conditions) {
      if (c.refer_to_location.file.empty()) continue;
      const auto report = [&](std::string message) {
        out.push_back(
            make_diagnostic(codes::bad_referral, c.refer_to_location, std::move(message)));
      };
      if (c.refer_to.empty()) {
        report(fmt::format("condition '{}': refer_to names no item or authority", c.id));
      } else if (c.on_fail != Condition::OnFail::reject) {
        report(
            fmt::format("condition '{}': refer_to needs on_fail: reject (a referral goes "
                        "with a 不予受理)",
                        c.id));
      } else if (c.refer_to == item.code) {
        report(
            fmt::format("condition '{}' refers the applicant to its own item {}", c.id, item.code));
      } else if (whole && looks_like_code(c.refer_to) && data.item_index.count(c.refer_to) == 0) {
        report(
            fmt::format("condition '{}': refer_to '{}' is no item of the rulebook (name an "
                        "item code, or an authority in words)",
                        c.id, c.refer_to));
      }
    }
  }
}

}  // namespace

void check_rulebook(RulebookData& data, std::vector<Diagnostic>& out) {
  check_versions(data, out);
  drop_duplicate_codes(data.bundles, "bundle", out);
  finish_rulebook(data);
  for (const auto& item : data.items) lint_item(data, item, out);
  check_referrals(data, out);
  lint_produced_materials(data, out);
  check_item_cycles(data, out);
  bool all_ok = true;
  for (const auto& b : data.bundles) all_ok = check_bundle_refs(data, b, out) && all_ok;
  // Graph checks need every referenced item; with dangling ones they would
  // only repeat the SP106 above.
  if (all_ok) check_bundles(data, out);
  // A folder already reported as no rulebook at all needs no second SP110.
  const bool reported = std::any_of(
      out.begin(), out.end(), [](const Diagnostic& d) { return d.code == codes::empty_rulebook; });
  // Nor does a folder whose item files all failed to read: their errors say why.
  if (data.items.empty() && data.bundles.empty() && !data.sources.empty() && !reported &&
      !has_errors(out)) {
    out.push_back(make_diagnostic(codes::empty_rulebook, {data.sources.front(), 0, 0},
                                  "the rulebook has no items"));
  }
}

}  // namespace shenpi::detail
