// The impact of a rule change: what changed in the rules (per item and per
// bundle), and what it changes for a caseload of applications
// (docs/versions.md, "Reading a diff"). No Boost, yaml-cpp or fmt here.
#pragma once

#include <string>
#include <vector>

#include "shenpi/evaluate.hpp"

namespace shenpi {

/// The structural changes of one item code, each a Chinese sentence.
struct ItemChange {
  std::string code;
  std::string name;
  std::string old_version;  ///< empty when the item is new
  std::string new_version;  ///< empty when the item was removed
  std::vector<std::string> changes;
};

/// The change of a bundle's plan: critical path and target.
struct BundleChange {
  std::string code;
  std::string name;
  std::vector<std::string> changes;
};

/// Applications whose outcome went from `from` to `to` (`accept`, …, or
/// `invalid` when a side could not decide it).
struct Transition {
  std::string from;
  std::string to;
  int count = 0;
  std::vector<std::string> examples;  ///< up to 5 application ids, in input order
};

/// The caseload part of a diff.
struct Impact {
  int applications = 0;
  std::vector<Transition> transitions;  ///< sorted by from, to
  /// Materials the applicant must hand in (submitted, missing or tolerated;
  /// not data-shared), per application.
  double mean_asked_old = 0;
  double mean_asked_new = 0;
  /// Mean shift of the promised due date in working days (new − old), over
  /// the applications accepted under both.
  double mean_due_shift = 0;
  int due_compared = 0;
};

struct RulebookDiff {
  std::vector<ItemChange> items;      ///< only codes with changes, by code
  std::vector<BundleChange> bundles;  ///< only bundles with changes, by code
  bool has_impact = false;
  Impact impact;
};

/// Compares the current version of every item code (Rulebook::find_item)
/// and every bundle's plan. Pure; safe from many threads.
RulebookDiff diff_rules(const Rulebook& old_rules, const Rulebook& new_rules);

/// Decides every application under both rulebooks, each with its current
/// version of the item (the question "what if these rules had decided it";
/// deadlines still count from `submitted_on`). `ids` is parallel to
/// `applications`. Spreads the work over `threads` threads.
Impact diff_applications(const Rulebook& old_rules, const Rulebook& new_rules,
                         const std::vector<Application>& applications,
                         const std::vector<std::string>& ids, int threads = 2);

/// Applications to diff with their ids.
struct Caseload {
  std::vector<Application> applications;
  std::vector<std::string> ids;         ///< parallel to applications
  std::vector<Diagnostic> diagnostics;  ///< unreadable or malformed input: no caseload
};

/// Reads a caseload: a folder of YAML/JSON application files (id: the file
/// name without extension, in name order), one such file, or a `.jsonl`
/// file with one `{"id": …, "application": {…}}` per line (id: `id`, else
/// `第N行`). JSONL lines are parsed on `threads` threads.
Caseload read_caseload(const std::string& path, int threads = 2);

/// The diff in Chinese, for people.
std::string diff_to_text(const RulebookDiff& diff);
/// The diff as JSON: {items: [{code, name, old_version, new_version,
/// changes}], bundles: [...], transitions: [{from, to, count, examples}],
/// impact: {...}}.
std::string diff_to_json(const RulebookDiff& diff);

}  // namespace shenpi
