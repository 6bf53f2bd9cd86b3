// The checked, immutable rulebook: items, materials, bundles, calendar.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shenpi/calendar.hpp"
#include "shenpi/diagnostics.hpp"
#include "shenpi/expr.hpp"

namespace shenpi {

namespace detail {
class StringTable;
struct RulebookData;
struct RulebookAccess;  // the library's way in (src/model/data.hpp)
}  // namespace detail

/// A legal basis (设定依据) an item cites by id.
struct LegalBasis {
  std::string id;
  std::string title;  ///< e.g. 《中华人民共和国食品安全法》第三十五条
  SourceLocation location;
};

/// 受理条件 / 许可条件.
struct Condition {
  enum class OnFail { supplement, reject };
  std::string id;
  std::string text;
  Expression when;
  OnFail on_fail = OnFail::supplement;
  std::string basis;                ///< id of an item basis; empty when none
  bool commitment_allowed = false;  ///< may be met by 告知承诺
  /// Where a refused applicant must go instead (行政许可法第三十二条): an
  /// item code of the rulebook, or an authority's name. Empty when none.
  std::string refer_to;
  SourceLocation refer_to_location;
  SourceLocation location;
};

/// How a material is handed in.
struct MaterialForm {
  bool original = true;
  int copies = 0;
  bool electronic = false;
};

/// 申请材料.
struct Material {
  enum class Source { applicant, shared };
  enum class Requirement { always, never, when };
  std::string id;
  std::string name;
  std::string issuer;  ///< 出具机构; empty when the applicant makes it
  std::string note;    ///< filling notes
  MaterialForm form;
  Source source = Source::applicant;  ///< shared: 数据共享, 免提交
  Requirement requirement = Requirement::always;
  Expression required;              ///< when requirement == when
  bool tolerable = false;           ///< 容缺 candidate
  bool core = false;                ///< 主审要件
  bool commitment_allowed = false;  ///< may be replaced by 告知承诺
  std::string basis;
  std::string catalog_id;  ///< id in materials.yaml when the item wrote `use:`
  SourceLocation location;
};

/// 容缺受理 policy. `present` is false when the item has no `tolerance:`.
struct TolerancePolicy {
  bool present = false;
  Expression when;       ///< empty: always applies
  int max_missing = -1;  ///< -1: no cap
  Duration supply_within;
  bool letter_required = true;  ///< signed 容缺承诺书, commitment id `tolerance-letter`
  /// id of an item basis: the 容缺 policy's own legal basis (the local
  /// measures), cited by the 补正 notice; empty when none.
  std::string basis;
  SourceLocation location;
  SourceLocation supply_within_location;
};

/// The id an application uses to sign the 容缺承诺书.
inline constexpr std::string_view tolerance_letter_id = "tolerance-letter";

struct TimeLimit {
  Duration statutory;
  Duration promised;
  std::optional<Duration> extension;
  SourceLocation location;
};

struct Step {
  std::string id;
  std::string name;
  Duration takes;
  bool special = false;  ///< 特别程序: time not counted
  Expression when;
  SourceLocation location;
};

struct Output {
  std::string id;
  std::string name;
  std::string valid_for;
  SourceLocation location;
};

struct Fee {
  std::string id;
  std::string name;
  std::string amount;
  std::string basis;
  SourceLocation location;
};

struct Service {
  std::string online = "none";  ///< full | partial | none
  int max_visits = 1;
  std::string visits_reason;
  SourceLocation location;  ///< of `max_visits`, else of the item
};

/// The item's entry in the national basic catalogue of government services
/// (国家政务服务基本目录): its 基本编码 and catalogue name. Items of different
/// jurisdictions that share `code` are the same item (四统一). `code` is empty
/// when the item file has no `catalog:`.
struct CatalogEntry {
  std::string code;
  std::string name;
  SourceLocation location;
};

/// The days a version of an item is in force (`item.effective`), both ends
/// inclusive; an absent end is open. See docs/versions.md.
struct Effective {
  std::optional<Date> from;
  std::optional<Date> until;
  SourceLocation location;  ///< of `effective:`; empty when the item has none
  bool covers(Date day) const { return (!from || *from <= day) && (!until || day <= *until); }
  bool present() const { return from.has_value() || until.has_value(); }
};

/// One service item (事项) with its checked procedure.
struct Item {
  std::string code;
  std::string name;
  std::string version;
  std::string kind;
  std::string authority;
  std::string reform;
  CatalogEntry catalog;  ///< national catalogue code and name; empty code: none
  Effective effective;   ///< when this version is in force; open both ends by default
  Service service;
  std::vector<LegalBasis> basis;
  std::vector<Fact> facts;  ///< item-local facts
  std::vector<Condition> conditions;
  std::vector<Material> materials;
  TolerancePolicy tolerance;
  TimeLimit time_limit;
  std::vector<Step> steps;
  std::vector<Output> outputs;
  std::vector<Fee> fees;
  SourceLocation location;

  const Material* find_material(std::string_view id) const;
  const LegalBasis* find_basis(std::string_view id) const;
  /// Index of a material in `materials`, or -1.
  int material_index(std::string_view id) const;
};

/// A catalogue material of materials.yaml (身份证, 营业执照 …).
struct CatalogMaterial {
  std::string id;
  std::string name;
  std::string issuer;
  MaterialForm form;
  Material::Source source = Material::Source::applicant;
  std::string basis_title;
  SourceLocation location;
};

/// An explicit ordering inside a bundle.
struct BundleDependency {
  std::string before;
  std::string after;
  SourceLocation location;
};

struct Stage {
  std::string id;
  std::string name;
  std::vector<std::string> items;
  SourceLocation location;
  std::vector<SourceLocation> item_locations;  ///< parallel to items
};

/// 一件事 bundle or staged project. A bundle with `items:` has one stage.
struct Bundle {
  std::string code;
  std::string name;
  std::optional<Duration> target;
  std::vector<Stage> stages;
  std::vector<BundleDependency> depends;
  SourceLocation location;
};

/// Options of load_rulebook. Defaults suit `shenpi check`.
struct LoadOptions {
  /// Diagnostic codes or names to drop (warnings only; errors cannot be
  /// silenced). A name the catalogue does not know is warning SP111.
  std::vector<std::string> disabled;
  /// Folders searched for calendars; empty: `<rulebook>/../calendar`.
  std::vector<std::string> calendar_dirs;
  /// Threads that parse item files (a folder of 16 or more): 0 = one per
  /// hardware thread, 1 = the calling thread only. The result does not
  /// depend on it.
  unsigned threads = 0;
};

/// Counts shown in `shenpi check`'s summary.
struct RulebookStats {
  int items = 0;
  int bundles = 0;
};

class Rulebook;
class ApprovalGraph;     // graph.hpp
struct GraphOptions;     // graph.hpp
struct Application;      // evaluate.hpp
class BoundApplication;  // evaluate.hpp
struct Decision;         // evaluate.hpp

/// What loading produced: the diagnostics, and the rulebook when no error
/// was found. Modelled on a validation result: problems are values.
struct LoadResult {
  std::vector<Diagnostic> diagnostics;
  std::shared_ptr<const Rulebook> rulebook;
  RulebookStats stats;  ///< what was read, also when there were errors
  bool ok() const { return rulebook != nullptr; }
};

/// Loads and checks one rulebook from folders or files. A folder is a
/// jurisdiction (facts.yaml, materials.yaml, items/**, bundles/**); a file is
/// an item or bundle checked against its folder's shared facts and materials.
/// Several paths are merged into one rulebook. Never throws; environment
/// failures (missing folder, unreadable file) are diagnostics (SP100).
LoadResult load_rulebook(const std::vector<std::string>& paths, const LoadOptions& options = {});

/// Whether `path` is a folder load_rulebook reads as one rulebook (it has
/// facts.yaml, materials.yaml, items/ or bundles/). The CLI uses it to treat
/// a folder of jurisdictions (`rules/`) as each rulebook inside.
bool is_rulebook_folder(const std::string& path);

/// How the notices of a rulebook look (its optional `notices.yaml`, see
/// docs/decision.md). Every field is optional: empty means the default
/// wording (no header, no 文号, `（印章）`, no contact or receipt lines).
struct NoticeSettings {
  /// The issuing authority's header line above the title; `{authority}`
  /// stands for the item's authority.
  std::string header;
  /// 文号 pattern: `{year}` (of the submission), `{kind}` (受/补/不受/审 by
  /// notice), `{seq}` (left blank for the clerk to number).
  std::string number;
  std::string contact;                        ///< contact line (address, telephone)
  std::optional<Duration> supplement_within;  ///< 补正 reply period
  std::string signature;                      ///< replaces `（印章）`; may hold several lines
  std::string receipt;                        ///< receipt lines the applicant signs; several lines
  SourceLocation location;                    ///< of `notices:`; empty without a file
};

/// A checked rulebook. Immutable after loading, non-copyable, shared as
/// `std::shared_ptr<const Rulebook>`; every const member is safe to call
/// from many threads at once.
class Rulebook : public std::enable_shared_from_this<Rulebook> {
 public:
  ~Rulebook();
  Rulebook(const Rulebook&) = delete;
  Rulebook& operator=(const Rulebook&) = delete;

  const std::vector<Item>& items() const;
  const std::vector<Bundle>& bundles() const;
  const std::vector<Fact>& facts() const;  ///< shared facts of facts.yaml
  const std::vector<CatalogMaterial>& catalog() const;
  const Calendar& calendar() const;
  /// Header, 文号, contact, 补正 period, signature and receipt of notices.
  const NoticeSettings& notices() const;
  /// Where it was loaded from.
  const std::vector<std::string>& sources() const;

  /// The current version of an item: the only one, or of several versions
  /// the one with the latest `effective.from` (the rules in force now and
  /// from now on). Independent of the clock, so loading is deterministic.
  const Item* find_item(std::string_view code) const;
  /// The version of an item in force on `day`; nullptr when the code is
  /// unknown or no version covers the day.
  const Item* find_item(std::string_view code, Date day) const;
  /// Every version of an item, oldest first; empty for an unknown code.
  std::vector<const Item*> versions(std::string_view code) const;
  const Bundle* find_bundle(std::string_view code) const;
  /// Index of an item in items() (its current version), or -1.
  int item_index(std::string_view code) const;
  /// Index of the version in force on `day`, or -1.
  int item_index(std::string_view code, Date day) const;
  /// The fact an item's expressions see under `path` (item-local first).
  const Fact* find_fact(const Item& item, std::string_view path) const;
  /// Number of fact slots a bound application of `item` has.
  int fact_slot_count(const Item& item) const;
  /// The fact in `slot` of `item`'s bound facts.
  const Fact& fact_in_slot(const Item& item, int slot) const;
  /// Items whose outputs include `material_id`.
  std::vector<const Item*> producers(std::string_view material_id) const;

  /// Decides an application (see evaluate.hpp). Const, no I/O, thread-safe.
  /// A malformed application gives a decision with diagnostics and no outcome.
  Decision evaluate(const Application& application) const;
  /// The fast path: an application bound once (facts in slots, materials in
  /// bitsets) decided into `out`, reusing its storage (no heap allocation
  /// once `out` has held a decision of the same item).
  void evaluate(const std::shared_ptr<const BoundApplication>& application, Decision& out) const;
  /// Binds and decides `application` into `out`, reusing out's storage and,
  /// when nothing else holds it (no copy of `out.application` kept, not even
  /// a weak_ptr), out's bound application: a loop deciding many
  /// applications into one Decision binds without allocating for slots and
  /// bitsets. On errors `out` holds the diagnostics and no outcome.
  void evaluate(const Application& application, Decision& out) const;
  /// Reads `{"application": {...}}` JSON text and decides it into `out`,
  /// reusing out's storage as above: the fastest way from the text a
  /// department system sends to a decision. An application in the usual
  /// form (`item` and `submitted_on` before facts and materials, every
  /// name known, every value of its fact's type) goes straight from the
  /// parser into out's bound application, with no Application built; any
  /// other text is read by parse_application_json and decided by
  /// evaluate(application, out), so the decision and its diagnostics
  /// (locations `name:line:column`) are always exactly theirs. `as_of`
  /// decides under the rules in force that day (`Application::as_of`).
  /// Thread-safe (one parser per thread); `text` need not outlive the call.
  void evaluate_json(std::string_view text, const std::string& name, Decision& out,
                     std::optional<Date> as_of = std::nullopt) const;

  /// The parallel-approval graph of a bundle (see graph.hpp).
  ApprovalGraph graph(std::string_view bundle_code) const;
  ApprovalGraph graph(std::string_view bundle_code, const GraphOptions& options) const;

 private:
  // Only load_rulebook makes one (always owned by a shared_ptr), and only
  // the library reads the state behind it, through detail::RulebookAccess.
  friend struct detail::RulebookAccess;
  explicit Rulebook(std::unique_ptr<detail::RulebookData> data);

  std::unique_ptr<detail::RulebookData> data_;
};

}  // namespace shenpi
