// `shenpi eval`, `shenpi guide` and `shenpi test`: the evaluator as a tool.
#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <ostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/as_of.hpp"
#include "cli/cli_util.hpp"
#include "cli/commands.hpp"
#include "shenpi/batch.hpp"
#include "shenpi/diagnostic_codes.hpp"
#include "shenpi/evaluate.hpp"
#include "shenpi/notice.hpp"
#include "shenpi/record.hpp"

namespace shenpi::cli {
namespace {

std::shared_ptr<const Rulebook> load_or_report(const std::string& path, const ParsedArgs& parsed,
                                               std::ostream& err) {
  LoadResult loaded = load_rulebook({path}, load_options(parsed));
  if (!loaded.ok()) {
    print_diagnostics(loaded.diagnostics, err);
    err << "shenpi: the rulebook has errors; run `shenpi check " << path << "`\n";
    return nullptr;
  }
  return loaded.rulebook;
}

/// The decision JSON with its `record` (docs/versions.md).

}  // namespace

namespace {

constexpr const char* kEvalUsage =
    "usage: shenpi eval RULES APPLICATION [--json] [--trace] [--as-of DATE] [--max-bytes N]\n"
    "       shenpi eval RULES --batch FILE.jsonl|- [--threads N] [--trace]\n";

/// `--batch`: JSON lines in, one decision JSON per line out (docs/batch.md).
int run_eval_batch(const ParsedArgs& parsed, std::ostream& out, std::ostream& err) {
  BatchOptions options;
  options.trace = parsed.has("trace");
  if (const auto threads = parsed.value("threads")) {
    const char* end = threads->data() + threads->size();
    const auto [ptr, ec] = std::from_chars(threads->data(), end, options.threads);
    if (ec != std::errc() || ptr != end || options.threads < 0) {
      err << "shenpi eval: --threads takes a whole number (0: every core), not '" << *threads
          << "'\n"
          << kEvalUsage;
      return 2;
    }
  }
  const std::string file = *parsed.value("batch");
  std::ifstream stream;
  if (file != "-") {
    stream.open(file, std::ios::binary);
    if (!stream) {
      const Diagnostic unreadable =
          make_diagnostic(codes::unreadable_source, {file, 0, 0}, "cannot read file");
      print_diagnostics({&unreadable, 1}, err);
      return 1;
    }
  }
  const auto book = load_or_report(parsed.positional[0], parsed, err);
  if (!book) return 1;
  const JsonlSummary summary =
      evaluate_jsonl(*book, file == "-" ? std::cin : stream, file, out, options);
  out.flush();
  print_diagnostics(summary.diagnostics, err);
  if (summary.invalid > 0) {
    err << fmt::format("shenpi eval: {} of {} applications are invalid\n", summary.invalid,
                       summary.lines);
  }
  return summary.invalid == 0 && !has_errors(summary.diagnostics) ? 0 : 1;
}

}  // namespace

int run_eval(Args args, std::ostream& out, std::ostream& err) {
  static constexpr std::string_view kSwitches[] = {"json", "trace"};
  static constexpr std::string_view kValues[] = {"batch", "threads", "max-bytes", "as-of"};
  const ParsedArgs parsed = parse_args(args, kValues, kSwitches);
  const bool batch = parsed.has("batch");
  const std::size_t positional = batch ? 1 : 2;
  std::size_t max_bytes = default_application_max_bytes;
  std::string problem = parsed.error;
  if (problem.empty() && !batch && parsed.has("threads")) problem = "--threads needs --batch";
  if (const auto text = parsed.value("max-bytes"); text && problem.empty()) {
    // A positive whole number of bytes; anything else is a usage error.
    const bool digits = !text->empty() && text->size() <= 15 &&
                        text->find_first_not_of("0123456789") == std::string::npos;
    max_bytes = digits ? std::stoull(*text) : 0;
    if (max_bytes == 0)
      problem = fmt::format("--max-bytes needs a positive number, not '{}'", *text);
  }
  if (!problem.empty() || parsed.positional.size() != positional) {
    err << "shenpi eval: " << (problem.empty() ? "usage" : problem) << "\n" << kEvalUsage;
    return 2;
  }
  if (batch) return run_eval_batch(parsed, out, err);
  bool bad_date = false;
  const auto as_of = as_of_flag(parsed, false, err, bad_date);
  if (bad_date) return 1;
  const auto book = load_or_report(parsed.positional[0], parsed, err);
  if (!book) return 1;
  ApplicationResult app = read_application_file(parsed.positional[1], max_bytes);
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
  if (decision.deadlines.provisional.any()) {
    const Diagnostic d = make_diagnostic(
        codes::provisional_date, {parsed.positional[1], 0, 0},
        "a deadline is counted across a provisional calendar year (statutory holidays only, no "
        "调休): an estimate (预计) until the State Council publishes the year");
    print_diagnostics({&d, 1}, err);
  }
  // Rule defects met while evaluating (SP613): the outcome is `review`.
  print_diagnostics(decision.diagnostics, err);
  if (parsed.has("json")) {
    out << decision_json_with_record(*book, *app.application, decision, parsed.has("trace"))
        << "\n";
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
  const auto book = load_or_report(parsed.positional[0], parsed, err);
  if (!book) return 1;
  const Item* item = book->find_item(parsed.positional[1], *as_of);
  if (item == nullptr && book->find_item(parsed.positional[1]) != nullptr) {
    const Diagnostic d = make_diagnostic(codes::no_version_in_force, {},
                                         fmt::format("no version of item '{}' is in force on {}",
                                                     parsed.positional[1], as_of->to_string()));
    print_diagnostics({&d, 1}, err);
    return 1;
  }
  if (item == nullptr) {
    // The code eval gives an application for an unknown item (SP602), so
    // scripts read one code for one mistake; then the items there are.
    const Diagnostic d = make_diagnostic(
        codes::unknown_item, {},
        fmt::format("no item '{}' in {}", parsed.positional[1], parsed.positional[0]));
    print_diagnostics({&d, 1}, err);
    err << "items:\n";
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
  const auto book = load_or_report(parsed.positional[0], parsed, err);
  if (!book) return 1;
  std::vector<std::string> files(parsed.positional.begin() + 1, parsed.positional.end());
  if (files.empty()) {
    namespace fs = std::filesystem;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(fs::path(parsed.positional[0]) / "tests", ec)) {
      // The same spellings the loader reads.
      const auto ext = e.path().extension();
      if (ext == ".yaml" || ext == ".yml") files.push_back(e.path().generic_string());
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
    out << format_diagnostic(make_diagnostic(codes::rule_test_failed, f.location,
                                             fmt::format("rule test '{}' failed", f.name)));
    for (const auto& diff : f.differences) out << "  " << diff << "\n";
  }
  out << fmt::format("{} passed, {} failed\n", report.passed, report.cases - report.passed);
  return report.failures.empty() && report.diagnostics.empty() ? 0 : 1;
}

}  // namespace shenpi::cli
