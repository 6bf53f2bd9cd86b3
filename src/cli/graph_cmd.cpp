// `shenpi graph RULES BUNDLE [--format text|json|dot|mermaid] [--start DATE] [--statutory]`:
// the parallel-approval plan of a bundle (docs/graph.md).
#include <array>
#include <ostream>
#include <string_view>

#include <fmt/format.h>

#include "cli/as_of.hpp"
#include "cli/cli_util.hpp"
#include "cli/commands.hpp"
#include "shenpi/diagnostic_codes.hpp"
#include "shenpi/graph.hpp"
#include "shenpi/rulebook.hpp"

namespace shenpi::cli {
namespace {

constexpr const char* kGraphUsage =
    "usage: shenpi graph RULES BUNDLE [--format text|json|dot|mermaid] [--start DATE] "
    "[--statutory] [--as-of DATE]\n";

int usage(std::ostream& err, const std::string& problem) {
  err << "shenpi: " << problem << "\n" << kGraphUsage;
  return 2;
}

std::string render(const ApprovalGraph& graph, std::string_view format) {
  if (format == "json") return to_json(graph);
  if (format == "dot") return to_dot(graph);
  if (format == "mermaid") return to_mermaid(graph);
  return to_text(graph);
}

}  // namespace

int run_graph(Args args, std::ostream& out, std::ostream& err) {
  constexpr std::array<std::string_view, 3> kValues{"format", "start", "as-of"};
  constexpr std::array<std::string_view, 1> kSwitches{"statutory"};
  const ParsedArgs parsed = parse_args(args, kValues, kSwitches);
  if (!parsed.error.empty()) return usage(err, parsed.error);
  if (parsed.positional.size() != 2) return usage(err, "graph needs RULES and BUNDLE");
  const std::string format = parsed.value("format").value_or("text");
  if (format != "text" && format != "json" && format != "dot" && format != "mermaid") {
    return usage(err, fmt::format("unknown format '{}' (text, json, dot or mermaid)", format));
  }
  GraphOptions options;
  options.statutory = parsed.has("statutory");
  if (const auto start = parsed.value("start")) {
    options.start = Date::parse(*start);
    if (!options.start) {
      const Diagnostic d = make_diagnostic(codes::bad_date, {},
                                           fmt::format("'{}' is not a date (YYYY-MM-DD)", *start));
      print_diagnostics({&d, 1}, err);
      return 1;
    }
  }
  bool bad_date = false;
  // Without --as-of or --start the plan uses the versions in force today.
  options.as_of = as_of_flag(parsed, !options.start, err, bad_date);
  if (bad_date) return 1;
  const LoadResult loaded = load_rulebook({parsed.positional[0]}, load_options(parsed));
  if (!loaded.ok()) {
    print_diagnostics(loaded.diagnostics, err);
    return 1;
  }
  // Rulebook warnings are `shenpi check`'s business; here only the graph's own.
  const ApprovalGraph graph = loaded.rulebook->graph(parsed.positional[1], options);
  print_diagnostics(graph.diagnostics(), err);
  if (!graph.ok()) return 1;
  if (graph.provisional()) {
    const Diagnostic d = make_diagnostic(
        codes::provisional_date, {},
        "the schedule is counted across a provisional calendar year (statutory holidays only, "
        "no 调休): an estimate (预计) until the State Council publishes the year");
    print_diagnostics({&d, 1}, err);
  }
  out << render(graph, format);
  return 0;
}

}  // namespace shenpi::cli
