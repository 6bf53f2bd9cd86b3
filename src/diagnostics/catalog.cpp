// The one catalogue of diagnostic codes. A code is stable forever; add new
// ones at the end of their range and document them in docs/diagnostics.md.
#include <algorithm>

#include "shenpi/diagnostics.hpp"

namespace shenpi {
namespace {

constexpr Severity E = Severity::error;
constexpr Severity W = Severity::warning;

constexpr DiagnosticInfo kCatalog[] = {
    // SP1xx: structure of rule files.
    {"SP100", "unreadable-source", E, "a rulebook folder or file cannot be read"},
    {"SP101", "yaml-syntax", E, "the file is not valid YAML"},
    {"SP102", "unknown-key", E, "a key the format does not define"},
    {"SP103", "wrong-type", E,
     "a value of the wrong YAML type (mapping, list, scalar, number, bool)"},
    {"SP104", "missing-key", E, "a required key is absent"},
    {"SP105", "duplicate-id", E, "an id or code defined twice"},
    {"SP106", "dangling-reference", E, "a reference to an id that does not exist"},
    {"SP107", "bad-duration", E,
     "a duration that is not `N working days`, `N days`, `N个工作日`, `N日`, `即办` …"},
    {"SP108", "bad-value", E, "a value outside the allowed set (kind, on_fail, fact type …)"},
    {"SP109", "bad-date", E, "a date that is not YYYY-MM-DD or does not exist"},
    {"SP110", "empty-rulebook", W, "a rulebook folder without items"},
    {"SP111", "unknown-disabled", W, "LoadOptions.disabled names no diagnostic code or name"},
    {"SP112", "cache-unwritable", W,
     "the cache folder (--cache, SHENPI_CACHE) cannot be written; rules are read without it"},
    {"SP116", "version-overlap", E, "two versions of one item in force on the same day"},
    {"SP117", "version-gap", W, "days between two versions of an item when none is in force"},
    {"SP118", "bad-effective-period", E, "an effective period that ends before it starts"},
    {"SP119", "no-version-in-force", E, "no version of an item is in force on the date asked for"},
    // SP2xx: expressions.
    {"SP201", "expr-syntax", E, "an expression that does not parse"},
    {"SP202", "unknown-fact", E, "an expression names a fact that is not declared"},
    {"SP203", "type-mismatch", E, "operands or a result of the wrong type"},
    {"SP204", "unknown-enum-value", E, "comparison with a value the enum does not declare"},
    {"SP205", "unknown-function", E, "an unknown function, or wrong arguments to one"},
    // SP3xx: domain lints drawn from the reforms.
    {"SP301", "vague-material", E,
     "a vague catch-all material (其他材料、有关材料、相关材料、…等材料)"},
    {"SP302", "material-without-basis", W, "a material with no legal basis"},
    {"SP303", "condition-without-basis", W, "a condition with no legal basis"},
    {"SP304", "fee-without-basis", W, "a fee with no legal basis"},
    {"SP305", "promised-over-statutory", E, "the promised time limit exceeds the statutory one"},
    {"SP306", "core-material-tolerable", E, "a core material (主审要件) marked tolerable (容缺)"},
    {"SP307", "produced-material-asked", W,
     "the applicant is asked to bring what another item produces"},
    {"SP308", "mutual-prerequisite", E,
     "items require each other (互为前后置): a dependency cycle"},
    {"SP309", "too-many-visits", W, "more than one required visit (最多跑一次)"},
    {"SP310", "tolerance-without-candidates", W, "a tolerance policy but no tolerable material"},
    {"SP311", "tolerable-without-policy", W, "a tolerable material but no tolerance policy"},
    {"SP312", "extension-without-statutory", W, "an extension longer than the statutory limit"},
    {"SP313", "supply-after-promised", W,
     "tolerated materials are due after the promised completion"},
    {"SP314", "special-not-article45", W, "a special step not on 行政许可法第四十五条's list"},
    {"SP315", "division-by-zero", E, "an expression divides by a constant zero"},
    {"SP316", "unguarded-divisor", W, "a divisor that may be zero, not guarded by `X != 0 and …`"},
    {"SP317", "bad-referral", E, "a `refer_to:` on no refusal, to the item itself or to no item"},
    // SP4xx: bundles.
    {"SP401", "bundle-cycle", E, "a dependency cycle inside a bundle"},
    {"SP402", "bundle-over-target", E, "a bundle's critical path exceeds its target"},
    {"SP403", "bundle-item-repeated", E, "an item listed twice in a bundle"},
    // SP5xx: calendars.
    {"SP501", "calendar-wrong-year", E, "a calendar date outside the file's year"},
    {"SP502", "calendar-weekday-workday", E, "a weekday listed as a make-up working day"},
    {"SP503", "calendar-conflict", E, "a day listed both as holiday and as working day"},
    {"SP504", "date-outside-calendar", E, "a date outside the loaded calendar years"},
    {"SP505", "calendar-missing", E, "no calendar file for the years the rulebook needs"},
    {"SP506", "provisional-swap", E, "make-up working days (调休) in a provisional year"},
    {"SP507", "provisional-mismatch", W, "provisional days off unlike the statutory holidays"},
    {"SP508", "provisional-out-of-range", E, "a provisional year shenpi cannot compute"},
    {"SP509", "provisional-date", W, "a date counted across a provisional year (预计)"},
    // SP6xx: applications.
    {"SP601", "application-shape", E, "an application that is not a mapping of the expected keys"},
    {"SP602", "unknown-item", E, "an application for an item not in the rulebook"},
    {"SP603", "unknown-application-fact", E, "an application fact the item does not declare"},
    {"SP604", "fact-wrong-type", E, "an application fact of the wrong type or enum value"},
    {"SP605", "unknown-material", E, "an application names a material the item does not list"},
    {"SP606", "unknown-commitment", E, "a commitment the item does not allow"},
    {"SP607", "bad-application-date", E,
     "a submission date that is malformed or outside the calendar"},
    {"SP608", "application-json-syntax", E,
     "an application (or a JSONL line) that is not valid JSON"},
    {"SP609", "batch-threads", W,
     "a batch ran on fewer threads than asked: the system would not start more"},
    {"SP613", "rule-runtime-error", W,
     "a rule failed while evaluating (division by zero, overflow): manual review"},
    {"SP620", "application-outside-versions", E,
     "an application dated when no version of its item is in force"},
    {"SP621", "bad-decision-record", E,
     "a replayed file that is not a decision JSON with a record"},
    {"SP622", "decision-record-altered", E,
     "a record whose embedded application does not match its digest"},
    // SP7xx: case clocks.
    {"SP701", "clock-shape", E, "a case file that is not a mapping of the expected keys"},
    {"SP702", "clock-order", E, "case events out of date order"},
    {"SP703", "clock-impossible", E, "an impossible event (decided twice, ended before started …)"},
    // SP8xx: rule tests.
    {"SP801", "rule-test-shape", E, "a rule test case that is not well formed"},
    {"SP802", "rule-test-failed", E, "a rule test whose expectation differs from the decision"},
    // SP9xx: the HTTP service (shenpi serve).
    {"SP901", "body-too-large", E, "a request body larger than the service's limit (413)"},
    {"SP902", "bad-query", E, "a query parameter that is missing or malformed (400)"},
    {"SP903", "not-found", E, "no such path, item or bundle (404)"},
    {"SP904", "method-not-allowed", E, "an HTTP method the path does not take (405)"},
    {"SP905", "bad-batch", E, "a batch body that is neither a JSON array nor JSON Lines (400)"},
    {"SP907", "cannot-listen", E, "the service cannot listen on the address and port"},
    {"SP908", "bad-http", E, "a malformed HTTP request (400)"},
    {"SP909", "internal-error", E, "a bug in the service, answered with 500; please report it"},
    // SP910-SP919: the public site (shenpi site).
    {"SP910", "site-write", E, "a page of the site cannot be written to the output folder"},
    // SP93x: scenarios.
    {"SP930", "scenarios-too-large", W,
     "an item whose case split exceeds the limit; the scenarios listed are incomplete"},
    {"SP931", "scenarios-unknown-item", E, "scenarios asked for an item not in the rulebook"},
    {"SP933", "scenarios-write-failed", E, "the rule-test file of --emit-tests cannot be written"},
};

}  // namespace

std::span<const DiagnosticInfo> diagnostic_catalog() {
  return kCatalog;
}

const DiagnosticInfo* find_diagnostic(std::string_view code_or_name) {
  const auto* it = std::find_if(
      std::begin(kCatalog), std::end(kCatalog),
      [&](const DiagnosticInfo& d) { return d.code == code_or_name || d.name == code_or_name; });
  return it == std::end(kCatalog) ? nullptr : it;
}

}  // namespace shenpi
