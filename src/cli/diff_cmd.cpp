// `shenpi diff OLD NEW [--apps FILE|DIR] [--json]`: what a rule change
// changes, and for which applicants (docs/versions.md).
#include <ostream>

#include <fmt/format.h>

#include "cli/cli_util.hpp"
#include "cli/commands.hpp"
#include "shenpi/diff.hpp"

namespace shenpi::cli {
namespace {

std::shared_ptr<const Rulebook> load(const std::string& path, const LoadOptions& options,
                                     std::ostream& err) {
  LoadResult loaded = load_rulebook({path}, options);
  if (!loaded.ok()) {
    print_diagnostics(loaded.diagnostics, err);
    err << fmt::format("shenpi diff: {} has errors; run `shenpi check {}`\n", path, path);
  }
  return loaded.rulebook;
}

}  // namespace

int run_diff(Args args, std::ostream& out, std::ostream& err) {
  static constexpr std::string_view kValues[] = {"apps"};
  static constexpr std::string_view kSwitches[] = {"json"};
  const ParsedArgs parsed = parse_args(args, kValues, kSwitches);
  if (!parsed.error.empty() || parsed.positional.size() != 2) {
    err << "shenpi diff: " << (parsed.error.empty() ? "usage" : parsed.error) << "\n"
        << "usage: shenpi diff OLD_RULES NEW_RULES [--apps FILE|DIR] [--json]\n";
    return 2;
  }
  const auto old_rules = load(parsed.positional[0], load_options(parsed), err);
  const auto new_rules = load(parsed.positional[1], load_options(parsed), err);
  if (!old_rules || !new_rules) return 1;
  RulebookDiff diff = diff_rules(*old_rules, *new_rules);
  if (const auto apps = parsed.value("apps")) {
    const Caseload caseload = read_caseload(*apps);
    if (!caseload.diagnostics.empty()) {
      print_diagnostics(caseload.diagnostics, err);
      return 1;
    }
    diff.impact = diff_applications(*old_rules, *new_rules, caseload.applications, caseload.ids);
    diff.has_impact = true;
  }
  if (parsed.has("json")) {
    out << diff_to_json(diff) << "\n";
  } else {
    out << fmt::format("规则差异：旧 {} → 新 {}\n", parsed.positional[0], parsed.positional[1]);
    out << diff_to_text(diff);
  }
  return 0;
}

}  // namespace shenpi::cli
