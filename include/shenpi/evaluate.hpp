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

/// A fact value as an application states it. `std::string` also carries
/// enum values; dates may come as Date or as `YYYY-MM-DD` text.
using FactValue = std::variant<bool, std::int64_t, double, std::string, Date, std::vector<std::string>>;

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
  std::vector<ApplicationEntry> materials;    ///< submitted materials
  std::vector<ApplicationEntry> commitments;  ///< signed commitments (告知承诺, `tolerance-letter`)
  /// Decide under the rules in force on this day instead of `submitted_on`
  /// (`shenpi eval --as-of`); not part of the application's own text.
  std::optional<Date> as_of;
  SourceLocation location;                    ///< of `application:` when read from a file
  SourceLocation item_location;
  SourceLocation date_location;
};

struct ApplicationResult {
  std::vector<Diagnostic> diagnostics;
  std::optional<Application> application;
};

/// Parses `application:` from YAML or JSON text (JSON is read as YAML, so
/// locations work for both). Shape errors are SP601, bad dates SP607.
ApplicationResult parse_application(std::string_view text, const std::string& name);
/// Reads and parses an application file; SP100 when unreadable.
ApplicationResult read_application_file(const std::string& path);

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
  const Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

struct BindResult {
  std::vector<Diagnostic> diagnostics;
  std::shared_ptr<const BoundApplication> application;  ///< null on errors
};

/// Checks an application against `book` (unknown item SP602, unknown fact
/// SP603, wrong type SP604, unknown material SP605, unknown commitment SP606,
/// date outside the calendar SP607) and binds it. The rulebook must outlive
/// the result.
BindResult bind_application(const Rulebook& book, const Application& application);

enum class Outcome { accept, accept_with_deficiency, supplement, reject };
enum class ConditionStatus { met, unmet, committed, unknown };
enum class MaterialStatus { submitted, shared, committed, tolerated, not_required, missing };
/// Why the 容缺 policy did or did not let tolerable gaps through.
enum class ToleranceState { not_needed, applied, no_policy, policy_not_met, too_many, letter_missing };

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
};

struct Deadlines {
  std::optional<Date> promised;   ///< 承诺办结 date, when accepted
  std::optional<Date> statutory;  ///< 法定办结 date, when accepted
  std::optional<Date> tolerance;  ///< 容缺 supply date, when something is tolerated
};

/// What the engine decided. Holds ids and statuses only; the renderers of
/// notice.hpp turn it into words. Copyable; `application` keeps the bound
/// application alive for traces.
struct Decision {
  std::vector<Diagnostic> diagnostics;  ///< non-empty: malformed input, no outcome
  std::optional<Outcome> outcome;
  std::shared_ptr<const BoundApplication> application;
  std::vector<ConditionStatus> conditions;  ///< parallel to item().conditions
  std::vector<MaterialDecision> materials;  ///< parallel to item().materials
  ToleranceState tolerance = ToleranceState::not_needed;
  Deadlines deadlines;

  bool valid() const { return outcome.has_value(); }
  const Item& item() const { return application->item(); }
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
