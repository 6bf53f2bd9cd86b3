// Diagnostic codes as named constants: `codes::unknown_key` is "SP102".
// One constant per entry of the catalogue (src/diagnostics/catalog.cpp),
// named after the diagnostic's name with `-` as `_`; the test
// diagnostics.every_code_tested (tests/golden/codes_covered.py) fails when
// the two disagree. Compare with Diagnostic::code: `d.code == codes::bad_date`.
#pragma once

#include <string_view>

namespace shenpi::codes {

/// a rulebook folder or file cannot be read
inline constexpr std::string_view unreadable_source = "SP100";
/// the file is not valid YAML
inline constexpr std::string_view yaml_syntax = "SP101";
/// a key the format does not define
inline constexpr std::string_view unknown_key = "SP102";
/// a value of the wrong YAML type (mapping, list, scalar, number, bool)
inline constexpr std::string_view wrong_type = "SP103";
/// a required key is absent
inline constexpr std::string_view missing_key = "SP104";
/// an id or code defined twice
inline constexpr std::string_view duplicate_id = "SP105";
/// a reference to an id that does not exist
inline constexpr std::string_view dangling_reference = "SP106";
/// a duration that is not `N working days`, `N days`, `N个工作日`, `N日`, `即办` …
inline constexpr std::string_view bad_duration = "SP107";
/// a value outside the allowed set (kind, on_fail, fact type …)
inline constexpr std::string_view bad_value = "SP108";
/// a date that is not YYYY-MM-DD or does not exist
inline constexpr std::string_view bad_date = "SP109";
/// a rulebook folder without items
inline constexpr std::string_view empty_rulebook = "SP110";
/// LoadOptions.disabled names no diagnostic code or name
inline constexpr std::string_view unknown_disabled = "SP111";
/// the cache folder (--cache, SHENPI_CACHE) cannot be written; rules are read without it
inline constexpr std::string_view cache_unwritable = "SP112";
/// an expression that does not parse
inline constexpr std::string_view expr_syntax = "SP201";
/// an expression names a fact that is not declared
inline constexpr std::string_view unknown_fact = "SP202";
/// operands or a result of the wrong type
inline constexpr std::string_view type_mismatch = "SP203";
/// comparison with a value the enum does not declare
inline constexpr std::string_view unknown_enum_value = "SP204";
/// an unknown function, or wrong arguments to one
inline constexpr std::string_view unknown_function = "SP205";
/// a vague catch-all material (其他材料、有关材料、相关材料、…等材料)
inline constexpr std::string_view vague_material = "SP301";
/// a material with no legal basis
inline constexpr std::string_view material_without_basis = "SP302";
/// a condition with no legal basis
inline constexpr std::string_view condition_without_basis = "SP303";
/// a fee with no legal basis
inline constexpr std::string_view fee_without_basis = "SP304";
/// the promised time limit exceeds the statutory one
inline constexpr std::string_view promised_over_statutory = "SP305";
/// a core material (主审要件) marked tolerable (容缺)
inline constexpr std::string_view core_material_tolerable = "SP306";
/// the applicant is asked to bring what another item produces
inline constexpr std::string_view produced_material_asked = "SP307";
/// items require each other (互为前后置): a dependency cycle
inline constexpr std::string_view mutual_prerequisite = "SP308";
/// more than one required visit (最多跑一次)
inline constexpr std::string_view too_many_visits = "SP309";
/// a tolerance policy but no tolerable material
inline constexpr std::string_view tolerance_without_candidates = "SP310";
/// a tolerable material but no tolerance policy
inline constexpr std::string_view tolerable_without_policy = "SP311";
/// an extension longer than the statutory limit
inline constexpr std::string_view extension_without_statutory = "SP312";
/// tolerated materials are due after the promised completion
inline constexpr std::string_view supply_after_promised = "SP313";
/// a special step not on 行政许可法第四十五条's list
inline constexpr std::string_view special_not_article45 = "SP314";
/// a dependency cycle inside a bundle
inline constexpr std::string_view bundle_cycle = "SP401";
/// a bundle's critical path exceeds its target
inline constexpr std::string_view bundle_over_target = "SP402";
/// an item listed twice in a bundle
inline constexpr std::string_view bundle_item_repeated = "SP403";
/// a calendar date outside the file's year
inline constexpr std::string_view calendar_wrong_year = "SP501";
/// a weekday listed as a make-up working day
inline constexpr std::string_view calendar_weekday_workday = "SP502";
/// a day listed both as holiday and as working day
inline constexpr std::string_view calendar_conflict = "SP503";
/// a date outside the loaded calendar years
inline constexpr std::string_view date_outside_calendar = "SP504";
/// no calendar file for the years the rulebook needs
inline constexpr std::string_view calendar_missing = "SP505";
/// an application that is not a mapping of the expected keys
inline constexpr std::string_view application_shape = "SP601";
/// an application for an item not in the rulebook
inline constexpr std::string_view unknown_item = "SP602";
/// an application fact the item does not declare
inline constexpr std::string_view unknown_application_fact = "SP603";
/// an application fact of the wrong type or enum value
inline constexpr std::string_view fact_wrong_type = "SP604";
/// an application names a material the item does not list
inline constexpr std::string_view unknown_material = "SP605";
/// a commitment the item does not allow
inline constexpr std::string_view unknown_commitment = "SP606";
/// a submission date that is malformed or outside the calendar
inline constexpr std::string_view bad_application_date = "SP607";
/// a case file that is not a mapping of the expected keys
inline constexpr std::string_view clock_shape = "SP701";
/// case events out of date order
inline constexpr std::string_view clock_order = "SP702";
/// an impossible event (decided twice, ended before started …)
inline constexpr std::string_view clock_impossible = "SP703";
/// a rule test case that is not well formed
inline constexpr std::string_view rule_test_shape = "SP801";
/// a rule test whose expectation differs from the decision
inline constexpr std::string_view rule_test_failed = "SP802";

/// an item whose case split exceeds the limit; the scenarios listed are incomplete
inline constexpr std::string_view scenarios_too_large = "SP930";
/// scenarios asked for an item not in the rulebook
inline constexpr std::string_view scenarios_unknown_item = "SP931";
/// the rule-test file of --emit-tests cannot be written
inline constexpr std::string_view scenarios_write_failed = "SP933";

/// an application (or a JSONL line) that is not valid JSON
inline constexpr std::string_view application_json_syntax = "SP608";
/// a batch ran on fewer threads than asked: the system would not start more
inline constexpr std::string_view batch_threads = "SP609";
/// a request body larger than the service's limit (413)
inline constexpr std::string_view body_too_large = "SP901";
/// a query parameter that is missing or malformed (400)
inline constexpr std::string_view bad_query = "SP902";
/// no such path, item or bundle (404)
inline constexpr std::string_view not_found = "SP903";
/// an HTTP method the path does not take (405)
inline constexpr std::string_view method_not_allowed = "SP904";
/// a batch body that is neither a JSON array nor JSON Lines (400)
inline constexpr std::string_view bad_batch = "SP905";
/// the service cannot listen on the address and port
inline constexpr std::string_view cannot_listen = "SP907";
/// a malformed HTTP request (400)
inline constexpr std::string_view bad_http = "SP908";
/// a bug in the service, answered with 500; please report it
inline constexpr std::string_view internal_error = "SP909";
/// a page of the site cannot be written to the output folder
inline constexpr std::string_view site_write = "SP910";

/// an expression divides by a constant zero
inline constexpr std::string_view division_by_zero = "SP315";
/// a divisor that may be zero, not guarded by `X != 0 and …`
inline constexpr std::string_view unguarded_divisor = "SP316";
/// a `refer_to:` on no refusal, to the item itself or to no item
inline constexpr std::string_view bad_referral = "SP317";
/// make-up working days (调休) in a provisional year
inline constexpr std::string_view provisional_swap = "SP506";
/// provisional days off unlike the statutory holidays
inline constexpr std::string_view provisional_mismatch = "SP507";
/// a provisional year shenpi cannot compute
inline constexpr std::string_view provisional_out_of_range = "SP508";
/// a date counted across a provisional year (预计)
inline constexpr std::string_view provisional_date = "SP509";
/// a rule failed while evaluating (division by zero, overflow): manual review
inline constexpr std::string_view rule_runtime_error = "SP613";

/// two versions of one item in force on the same day
inline constexpr std::string_view version_overlap = "SP116";
/// days between two versions of an item when none is in force
inline constexpr std::string_view version_gap = "SP117";
/// an effective period that ends before it starts
inline constexpr std::string_view bad_effective_period = "SP118";
/// no version of an item is in force on the date asked for
inline constexpr std::string_view no_version_in_force = "SP119";
/// an application dated when no version of its item is in force
inline constexpr std::string_view application_outside_versions = "SP620";
/// a replayed file that is not a decision JSON with a record
inline constexpr std::string_view bad_decision_record = "SP621";
/// a record whose embedded application does not match its digest
inline constexpr std::string_view decision_record_altered = "SP622";

}  // namespace shenpi::codes
