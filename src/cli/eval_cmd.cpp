// `shenpi eval`, `shenpi guide` and `shenpi test`: the evaluator as a tool.
#include <algorithm>
#include <filesystem>
#include <ostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/as_of.hpp"
#include "cli/cli_util.hpp"
#include "cli/commands.hpp"
#include "shenpi/evaluate.hpp"
#include "shenpi/notice.hpp"
#include "shenpi/record.hpp"

namespace shenpi::cli {
namespace {

std::shared_ptr<const Rulebook> load_or_report(const std::string& path, std::ostream& err) {
  LoadResult loaded = load_rulebook({path});
  if (!loaded.ok()) {
    print_diagnostics(loaded.diagnostics, err);
    err << "shenpi: the rulebook has errors; run `shenpi check " << path << "`\n";
    return nullptr;
  }
  return loaded.rulebook;
}

/// The decision JSON with its `record` (docs/versions.md).
std::string with_record(const Rulebook& book, const Application& application,
                        const Decision& decision, bool trace) {
  auto j = nlohmann::ordered_json::parse(decision_to_json(decision, trace));
  j["record"] =
      nlohmann::ordered_json::parse(record_to_json(*make_record(book, application, decision)));
  return j.dump(2);
}

}  // namespace

int run_eval(Args args, std::ostream& out, std::ostream& err) {
  static constexpr std::string_view kSwitches[] = {"json", "trace"};
  static constexpr std::string_view kValues[] = {"as-of"};
  const ParsedArgs parsed = parse_args(args, kValues, kSwitches);
  if (!parsed.error.empty() || parsed.positional.size() != 2) {
    err << "shenpi eval: " << (parsed.error.empty() ? "usage" : parsed.error) << "\n"
        << "usage: shenpi eval RULES APPLICATION [--json] [--trace] [--as-of DATE]\n";
    return 2;
  }
  bool bad_date = false;
  const auto as_of = as_of_flag(parsed, false, err, bad_date);
  if (bad_date) return 1;
  const auto book = load_or_report(parsed.positional[0], err);
  if (!book) return 1;
  ApplicationResult app = read_application_file(parsed.positional[1]);
  if (!app.application) {
    print_diagnostics(app.diagnostics, err);
    return 1;
  }
  app.application->as_of = as_of;
  const Decision decision = book->evaluate(*app.application);
  if (!decision.valid()) {
    print_diagnostics(decision.diagnostics, err);
    return 1;
  }
  if (parsed.has("json")) {
    out << with_record(*book, *app.application, decision, parsed.has("trace")) << "\n";
  } else {
    out << render_notice(decision);
    if (parsed.has("trace")) out << "\n" << render_trace(decision);
  }
  return 0;
}

int run_guide(Args args, std::ostream& out, std::ostream& err) {
  static constexpr std::string_view kValues[] = {"as-of"};
  const ParsedArgs parsed = parse_args(args, kValues, {});
  if (!parsed.error.empty() || parsed.positional.size() != 2) {
    err << "usage: shenpi guide RULES ITEM [--as-of DATE]\n";
    return 2;
  }
  bool bad_date = false;
  const auto as_of = as_of_flag(parsed, true, err, bad_date);
  if (bad_date) return 1;
  const auto book = load_or_report(parsed.positional[0], err);
  if (!book) return 1;
  const Item* item = book->find_item(parsed.positional[1], *as_of);
  if (item == nullptr && book->find_item(parsed.positional[1]) != nullptr) {
    const Diagnostic d = make_diagnostic("SP119", {},
                                         fmt::format("no version of item '{}' is in force on {}",
                                                     parsed.positional[1], as_of->to_string()));
    print_diagnostics({&d, 1}, err);
    return 1;
  }
  if (item == nullptr) {
    err << fmt::format("shenpi guide: no item '{}' in {}; items:\n", parsed.positional[1],
                       parsed.positional[0]);
    for (const auto& i : book->items()) err << fmt::format("  {}  {}\n", i.code, i.name);
    return 1;
  }
  out << render_guide(*book, *item);
  return 0;
}

int run_test(Args args, std::ostream& out, std::ostream& err) {
  const ParsedArgs parsed = parse_args(args, {}, {});
  if (!parsed.error.empty() || parsed.positional.empty()) {
    err << "usage: shenpi test RULES [TESTFILE...]\n";
    return 2;
  }
  const auto book = load_or_report(parsed.positional[0], err);
  if (!book) return 1;
  std::vector<std::string> files(parsed.positional.begin() + 1, parsed.positional.end());
  if (files.empty()) {
    namespace fs = std::filesystem;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(fs::path(parsed.positional[0]) / "tests", ec)) {
      if (e.path().extension() == ".yaml") files.push_back(e.path().generic_string());
    }
    std::sort(files.begin(), files.end());
  }
  if (files.empty()) {
    err << fmt::format("shenpi test: no rule tests in {}/tests\n", parsed.positional[0]);
    return 1;
  }
  const RuleTestReport report = run_rule_tests(*book, files);
  print_diagnostics(report.diagnostics, err);
  // A failure prints like a compiler diagnostic, so editors jump to the case.
  for (const auto& f : report.failures) {
    out << format_diagnostic(
        make_diagnostic("SP802", f.location, fmt::format("rule test '{}' failed", f.name)));
    for (const auto& diff : f.differences) out << "  " << diff << "\n";
  }
  out << fmt::format("{} passed, {} failed\n", report.passed, report.cases - report.passed);
  return report.failures.empty() && report.diagnostics.empty() ? 0 : 1;
}

}  // namespace shenpi::cli
