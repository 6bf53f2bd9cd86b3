// Comparing jurisdictions: the same national-catalogue item side by side
// (四统一: 名称、编码、依据、类型), with its materials, limits and policies.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "shenpi/rulebook.hpp"

namespace shenpi {

/// How one jurisdiction treats one material of a compared item.
enum class MaterialPresence {
  asked,       ///< the applicant brings it (always, or when `required` holds)
  shared,      ///< 数据共享, 免提交
  commitment,  ///< may be replaced by 告知承诺
  tolerable,   ///< asked, but a 容缺 candidate
  absent       ///< this jurisdiction does not list it
};

/// `asked`, `shared`, `commitment`, `tolerable`, `absent`.
const char* to_string(MaterialPresence presence);

/// One material row: the same material across jurisdictions, matched by
/// catalogue material id, then by name, then by the item's own material id.
struct ComparedMaterial {
  std::string key;                         ///< catalogue id, else the first name
  std::vector<std::string> names;          ///< per jurisdiction; empty when absent
  std::vector<MaterialPresence> presence;  ///< per jurisdiction
  std::vector<std::string>
      required_when;          ///< per jurisdiction: the `required` expression, or empty
  bool names_differ = false;  ///< present in two or more under different names
};

/// One jurisdiction's version of a compared item. Every field is plain text
/// or numbers copied from the rulebook, so a Comparison outlives the books.
struct ComparedSide {
  bool present = false;
  std::string item_code;
  std::string name;
  std::string kind;
  std::string authority;
  std::vector<std::string> basis;  ///< titles, in file order
  std::string statutory;           ///< Chinese spelling, e.g. `20个工作日`
  std::string promised;
  double promised_working_days = 0;  ///< natural days count 5/7 (docs/compare.md)
  int max_visits = 0;
  std::string online;                    ///< full | partial | none
  std::vector<std::string> conditions;   ///< condition texts
  std::string tolerance;                 ///< 容缺 policy in words; empty when none
  std::vector<std::string> commitments;  ///< what 告知承诺 may replace (conditions, materials)
  int asked =
      0;  ///< materials the applicant must bring in every case (not shared, not by commitment)
};

/// 四统一: whether name, code, basis and kind agree across the jurisdictions
/// that have the item. `code` compares item codes without the jurisdiction
/// prefix (the first `-` segment).
struct Uniformity {
  bool name = true;
  bool code = true;
  bool basis = true;
  bool kind = true;
  bool all() const { return name && code && basis && kind; }
};

/// One national-catalogue item present in at least two jurisdictions.
struct ComparedItem {
  std::string catalog_code;
  std::string catalog_name;
  std::vector<ComparedSide> sides;  ///< one per jurisdiction, in argument order
  std::vector<ComparedMaterial> materials;
  Uniformity uniform;
  int asks_least = -1;  ///< jurisdiction asking fewest materials; -1 when tied
  int fastest = -1;     ///< jurisdiction with the shortest promised limit; -1 when tied
};

/// An item only one jurisdiction has (or one without a catalogue code).
struct SingleItem {
  std::string catalog_code;  ///< empty: the item has no `catalog:`
  int jurisdiction = 0;
  std::string item_code;
  std::string name;
};

/// Per-jurisdiction totals over the compared items.
struct JurisdictionSummary {
  std::string label;
  int items = 0;        ///< items with a catalogue code
  int asks_least = 0;   ///< compared items where it asks strictly fewest
  int fastest = 0;      ///< compared items where it promises strictly fastest
  int asked_total = 0;  ///< `asked` summed over the compared items it has
};

/// The whole comparison: plain data, no references into the rulebooks.
struct Comparison {
  std::vector<std::string> jurisdictions;  ///< labels, in argument order
  std::vector<ComparedItem> items;         ///< by catalogue code
  std::vector<SingleItem> singles;         ///< by jurisdiction, then item code
  std::vector<JurisdictionSummary> summary;
};

/// Compares rulebooks item by item over `Item::catalog.code`. `labels` name
/// the jurisdictions (e.g. the folder names); missing labels default to
/// `A`, `B`, …. Null books are skipped as absent columns. Pure; thread-safe.
Comparison compare(const std::vector<std::shared_ptr<const Rulebook>>& books,
                   const std::vector<std::string>& labels);

/// Chinese text for a terminal.
std::string to_text(const Comparison& comparison);
/// JSON (ASCII keys, UTF-8 values); the shape is in docs/compare.md.
std::string to_json(const Comparison& comparison);
/// One self-contained HTML page (inline CSS, no scripts, no external requests).
std::string to_html(const Comparison& comparison);

}  // namespace shenpi
