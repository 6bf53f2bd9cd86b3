// The decision record: which rules made a decision, with digests that let a
// department show years later that a decision can be reproduced
// (docs/versions.md). No Boost, yaml-cpp or fmt in this header.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "shenpi/evaluate.hpp"

namespace shenpi {

/// What a decision rests on. Every digest is lowercase hex SHA-256
/// (OpenSSL libcrypto) over a canonical JSON text: keys sorted, no
/// whitespace, dates as `YYYY-MM-DD` strings.
struct DecisionRecord {
  std::string item;           ///< item code
  std::string version;        ///< the version's `version:` label
  Effective effective;        ///< the version's period (location not recorded)
  std::optional<Date> as_of;  ///< set when decided under another day's rules
  /// The application as decided, canonical JSON (see canonical_application).
  std::string application;
  std::string application_sha256;
  std::string item_sha256;          ///< over canonical_item of the version used
  std::vector<int> calendar_years;  ///< years from filing to the last deadline
  std::string calendar_sha256;      ///< over the working days of those years
  std::string engine;               ///< `shenpi 0.1.0`
};

/// `application` as canonical JSON: {commitments, facts, item, materials,
/// submitted_on} with materials and commitments sorted. Same input, same
/// text, whatever the order of the file it came from.
std::string canonical_application(const Application& application);
/// The checked model of an item version as canonical JSON: every field that
/// can change a decision or a notice, no source locations, expressions with
/// runs of white space collapsed. Comments and key order never reach it.
std::string canonical_item(const Item& item);
/// Lowercase hex SHA-256 of `text`.
std::string sha256_hex(std::string_view text);

/// The record of a valid decision of `application` by `book`; nullopt when
/// the decision is not valid. Pure; safe from many threads.
std::optional<DecisionRecord> make_record(const Rulebook& book, const Application& application,
                                          const Decision& decision);
/// The record as a JSON object (what `shenpi eval --json` prints under
/// `record`), with the canonical application embedded under `application`.
std::string record_to_json(const DecisionRecord& record);
/// The decision JSON of `eval --json` and `POST /v1/evaluate`: decision_to_json
/// (notice.hpp) with its `record` object. One implementation, so the CLI and
/// the service answer byte for byte the same.
std::string decision_json_with_record(const Rulebook& book, const Application& application,
                                      const Decision& decision, bool trace);

/// What `shenpi replay` found: no differences means the decision is
/// reproduced exactly.
struct ReplayReport {
  std::vector<Diagnostic> diagnostics;   ///< malformed record (SP621, SP622)
  std::vector<std::string> differences;  ///< in Chinese, one per line
  bool identical() const { return diagnostics.empty() && differences.empty(); }
};

/// Re-decides the application embedded in `decision_json` (the output of
/// `shenpi eval --json`, with its `record`) under `book` and compares
/// outcome, statuses, deadlines and digests. `name` names the file in
/// diagnostics.
ReplayReport replay(const Rulebook& book, std::string_view decision_json, const std::string& name);

}  // namespace shenpi
