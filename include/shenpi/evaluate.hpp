// Applications and decisions: what happens to an application for an item.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "shenpi/calendar.hpp"
#include "shenpi/diagnostics.hpp"
#include "shenpi/rulebook.hpp"

namespace shenpi {

namespace detail {
struct BoundAccess;  // the evaluator's and renderers' way in (src/evaluate/bound.hpp)
}  // namespace detail

/// A fact value as an application states it. `std::string` also carries
/// enum values; dates may come as Date or as `YYYY-MM-DD` text.
using FactValue =
    std::variant<bool, std::int64_t, double, std::string, Date, std::vector<std::string>>;

struct ApplicationFact {
  std::string path;
  FactValue value;
  SourceLocation location;
  std::string text;  ///< the scalar as written (YAML), used when a string fact got `45`
};

/// A material or commitment id named by an application.
struct ApplicationEntry {
  std::string id;
  SourceLocation location;
};

/// An application as read from YAML/JSON or built in code.
struct Application {
  std::string item;
  Date submitted_on;
  std::vector<ApplicationFact> facts;
  std::vector<ApplicationEntry> materials;  ///< submitted materials
  std::vector<ApplicationEntry> commitments;  ///< signed commitments (告知承诺, `tolerance-letter`)
  /// Decide under the rules in force on this day instead of `submitted_on`
  /// (`shenpi eval --as-of`); not part of the application's own text.
  std::optional<Date> as_of;
  SourceLocation location;  ///< of `application:` when read from a file
  SourceLocation item_location;
  SourceLocation date_location;
};

struct ApplicationResult {
  std::vector<Diagnostic> diagnostics;
  std::optional<Application> application;
};

/// Parses `application:` from YAML or JSON text: text starting with `{` is
/// read as JSON (parse_application_json), unless it is no JSON but a YAML
/// flow mapping. Shape errors are SP601, bad dates SP607, JSON syntax SP608;
/// locations are `name:line:column` in both formats.
ApplicationResult parse_application(std::string_view text, const std::string& name);
/// Parses `{"application": {...}}` JSON text with simdjson; the same codes
/// and messages as the YAML reader. Thread-safe (no shared state).
ApplicationResult parse_application_json(std::string_view text, const std::string& name);
/// As above, into `out` (cleared first, its vectors' and strings' storage
/// reused, so reading many texts into one Application allocates little);
/// appends diagnostics and returns true when `text` is a well-formed
/// application. Each thread keeps its own parser: thread-safe.
bool parse_application_json(std::string_view text, const std::string& name, Application& out,
                            std::vector<Diagnostic>& diagnostics);
/// The default size limit of an application file (16 MiB).
inline constexpr std::size_t default_application_max_bytes = std::size_t{16} << 20;
/// Reads and parses an application file: a regular file of at most
/// `max_bytes`. SP100 when unreadable, with the reason (missing, a folder,
/// a device or FIFO, too large); SP101 when not YAML/JSON or not UTF-8.
ApplicationResult read_application_file(const std::string& path,
                                        std::size_t max_bytes = default_application_max_bytes);

// --- Typed facts: the one check (and the one wording) of a fact value ---
//
// bind_application, set_fact and the Python module all check a value with
// check_fact_value, so an application gets the same SP603/SP604 message
// whether it came from YAML, JSON, C++ or Python; only the location
// differs (`file:line:col`, or a field such as `application.facts['x']`).

/// SP604 for a value that does not fit `fact`, in the one wording:
/// `fact 'premises.area_m2' must be a decimal (a finite number); got 'big'`.
/// `given` describes the value as its source spells it (check_fact_value
/// passes `'big'`, `17.5`, `NaN`; Python passes `dict ({...})` for an
/// object that is no fact value at all). Thread-safe.
Diagnostic fact_type_error(const Fact& fact, std::string_view given, SourceLocation location);

/// Checks `value` against the type `fact` declares:
///   bool: a bool; int: an int64; decimal: an int64 or a finite double
///   (NaN and infinities are refused); string: UTF-8 text; enum: one of
///   `fact.values`; date: a Date or `YYYY-MM-DD` text; list<string>: a list
///   of UTF-8 texts.
/// `text` is the scalar as a file wrote it (ApplicationFact::text): a file
/// spells every scalar as text, so with `text` a string or enum fact takes
/// it whatever its spelling looked like (`name: 45`), and messages quote it.
/// Returns nullopt when the value fits (bind_application then accepts it),
/// otherwise fact_type_error at `location`. Thread-safe; allocates only
/// for a diagnostic.
std::optional<Diagnostic> check_fact_value(const Fact& fact, const FactValue& value,
                                           const SourceLocation& location,
                                           std::string_view text = {});

/// Sets fact `path` of `application`, an application for `item` (from
/// `book`): looks the fact up as the item's expressions see it
/// (Rulebook::find_fact), checks `value` with check_fact_value and stores
/// it, replacing an earlier value of the same path. Returns nullopt when
/// stored; otherwise the diagnostic and `application` is unchanged: SP603
/// when `item` declares no fact `path` (the value is not looked at), SP604
/// for a value of the wrong type. `location` is kept with the fact and used
/// for the diagnostic. A fact the application should leave unknown is
/// simply not set. Not thread-safe for one `application`.
std::optional<Diagnostic> set_fact(Application& application, const Rulebook& book, const Item& item,
                                   std::string_view path, FactValue value,
                                   const SourceLocation& location = {});

/// An application checked against its item and turned into slots and
/// bitsets, ready to be evaluated many times. Immutable; thread-safe.
class BoundApplication {
 public:
  struct Impl;
  explicit BoundApplication(std::unique_ptr<Impl> impl);
  ~BoundApplication();
  BoundApplication(const BoundApplication&) = delete;
  BoundApplication& operator=(const BoundApplication&) = delete;

  const Item& item() const;
  int item_index() const;
  Date submitted_on() const;

 private:
  friend struct detail::BoundAccess;
  std::unique_ptr<Impl> impl_;
};

struct BindResult {
  std::vector<Diagnostic> diagnostics;
  std::shared_ptr<const BoundApplication> application;  ///< null on errors
};

/// Checks an application against `book` (unknown item SP602, unknown fact
/// SP603, wrong type SP604, unknown material SP605, unknown commitment SP606,
/// date outside the calendar SP607) and binds it. The result holds `book`
/// (a shared_ptr), so it and every Decision made from it stay usable after
/// the caller drops its own pointer to the rulebook.
BindResult bind_application(std::shared_ptr<const Rulebook> book, const Application& application);
/// As above, for a rulebook reached by reference. Every Rulebook comes from
/// load_rulebook as a shared_ptr, whose ownership the result shares; throws
/// std::bad_weak_ptr only for a Rulebook not owned by a shared_ptr.
BindResult bind_application(const Rulebook& book, const Application& application);

/// `review`: a rule could not be evaluated (SP613, a defect of the rule,
/// not of the application): the case goes to manual review (人工审查).
enum class Outcome { accept, accept_with_deficiency, supplement, reject, review };
/// `error`: the condition's expression failed at runtime (division by zero,
/// overflow) although its facts were given; see Outcome::review.
///
/// The statuses are one byte each (a MaterialDecision is four), so the
/// evaluator writes a decision's records sixteen at a time.
enum class ConditionStatus : std::uint8_t { met, unmet, committed, unknown, error };
enum class MaterialStatus : std::uint8_t {
  submitted,
  shared,
  committed,
  tolerated,
  not_required,
  missing
};
/// Why the 容缺 policy did or did not let tolerable gaps through.
enum class ToleranceState {
  not_needed,
  applied,
  no_policy,
  policy_not_met,
  too_many,
  letter_missing
};

/// `accept`, `accept_with_deficiency`, `supplement`, `reject` (and so on for
/// the other enums): the words of DESIGN.md, used in JSON and rule tests.
std::string_view to_string(Outcome outcome);
std::string_view to_string(ConditionStatus status);
std::string_view to_string(MaterialStatus status);
std::string_view to_string(ToleranceState state);
std::optional<Outcome> parse_outcome(std::string_view text);
std::optional<ConditionStatus> parse_condition_status(std::string_view text);
std::optional<MaterialStatus> parse_material_status(std::string_view text);

struct MaterialDecision {
  MaterialStatus status = MaterialStatus::missing;
  /// The applicant offered a commitment the material does not allow.
  bool commitment_refused = false;
  /// The `required` expression could not be decided (a fact is missing),
  /// so the material is asked for.
  bool requirement_unknown = false;
  /// The `required` expression failed at runtime (SP613): asked for, and
  /// the case goes to manual review.
  bool requirement_error = false;
};

/// Which deadlines are counted across a provisional calendar year: estimates
/// (预计) that may move once the State Council publishes the year.
struct ProvisionalDeadlines {
  bool promised = false;
  bool statutory = false;
  bool tolerance = false;
  bool any() const { return promised || statutory || tolerance; }
  bool operator==(const ProvisionalDeadlines&) const = default;
};

struct Deadlines {
  std::optional<Date> promised;   ///< 承诺办结 date, when accepted
  std::optional<Date> statutory;  ///< 法定办结 date, when accepted
  std::optional<Date> tolerance;  ///< 容缺 supply date, when something is tolerated
  ProvisionalDeadlines provisional;
};

/// What the engine decided. Holds ids and statuses only; the renderers of
/// notice.hpp turn it into words. Copyable; `application` keeps the bound
/// application, and through it the rulebook, alive for notices and traces.
///
/// An invalid decision (valid() false: `diagnostics` say why) has no
/// outcome; its `conditions`, `materials`, `special_steps` and `deadlines`
/// mean nothing (empty, or partly filled when a deadline failed). When the
/// application itself was malformed, `application` is null and item()
/// returns an empty Item (no code, conditions or materials). Every member
/// stays safe to call, and the renderers print the diagnostics only.
struct Decision {
  /// Errors: malformed input, no outcome. Warnings (SP613, a rule that
  /// failed at runtime) come with the outcome `review`.
  std::vector<Diagnostic> diagnostics;
  std::optional<Outcome> outcome;
  std::shared_ptr<const BoundApplication> application;
  std::vector<ConditionStatus> conditions;  ///< parallel to item().conditions
  /// Parallel to `conditions`: the applicant committed to a condition that
  /// its own stated facts fail. The commitment cannot turn a declared
  /// failure into a pass (告知承诺 replaces proof, not facts): the condition
  /// stays `unmet` and the commitment is reported as conflicting.
  std::vector<bool> commitment_conflicts;
  /// Parallel to `conditions`: the applicant offered a commitment for an
  /// `unknown` condition that allows none; it stays `unknown`.
  std::vector<bool> commitment_refused;
  std::vector<MaterialDecision> materials;  ///< parallel to item().materials
  /// Parallel to item().steps: true for a special procedure (特别程序,
  /// `special: true`) that applies to this application (its `when` is true
  /// or cannot be decided); false for every other step.
  std::vector<bool> special_steps;
  ToleranceState tolerance = ToleranceState::not_needed;
  Deadlines deadlines;

  bool valid() const { return outcome.has_value(); }
  /// The decided item; an empty Item when `application` is null.
  const Item& item() const;
  int count(MaterialStatus status) const;
};

}  // namespace shenpi

namespace shenpi {

/// One failed rule test: where the case is, and expected against actual.
struct RuleTestFailure {
  std::string name;
  SourceLocation location;
  std::vector<std::string> differences;  ///< `outcome: expected accept, got supplement`
};

struct RuleTestReport {
  int cases = 0;
  int passed = 0;
  std::vector<RuleTestFailure> failures;
  std::vector<Diagnostic> diagnostics;  ///< malformed test files or applications (SP801, SP6xx)
};

/// Runs the rule tests (`tests:` lists of application + expect) in `files`
/// against `book`. Reads the files; evaluation itself does no I/O.
RuleTestReport run_rule_tests(const Rulebook& book, const std::vector<std::string>& files);

}  // namespace shenpi
