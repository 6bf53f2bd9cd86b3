// `shenpi`: validate rule files, evaluate applications, build approval graphs.
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.hpp"

namespace {

constexpr const char* kUsage = R"(usage: shenpi COMMAND [ARGS]

commands:
  check RULES... [--format text|json] [--werror] [--disable CODE]
                                  validate rule folders or files
  eval RULES APPLICATION [--json] [--trace] [--as-of DATE]
                                  decide an application, print the notice
  guide RULES ITEM [--as-of DATE] the item's 办事指南
  test RULES                      run the rulebook's rule tests (tests/*.yaml)
  graph RULES BUNDLE [--format text|json|dot|mermaid] [--start DATE] [--statutory]
        [--as-of DATE]            the bundle's parallel-approval graph
  replay RULES RECORD.json        re-decide a recorded decision, list what differs
  diff OLD NEW [--apps FILE|DIR] [--json]
                                  what a rule change changes, and for whom
  calendar RULES add DATE N       the date N working days after DATE
  clock RULES CASE.yaml [--json]  a case's clock: days used, left, overdue

exit codes: 0 fine, 1 rule or input errors, 2 usage
)";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    (args.empty() ? std::cerr : std::cout) << kUsage;
    return args.empty() ? 2 : 0;
  }
  const std::string command = args[0];
  const shenpi::cli::Args rest(args.data() + 1, args.size() - 1);
  using Fn = int (*)(shenpi::cli::Args, std::ostream&, std::ostream&);
  const std::pair<const char*, Fn> commands[] = {
      {"check", shenpi::cli::run_check}, {"eval", shenpi::cli::run_eval},
      {"guide", shenpi::cli::run_guide}, {"test", shenpi::cli::run_test},
      {"graph", shenpi::cli::run_graph}, {"calendar", shenpi::cli::run_calendar},
      {"clock", shenpi::cli::run_clock}, {"replay", shenpi::cli::run_replay},
      {"diff", shenpi::cli::run_diff},
  };
  for (const auto& [name, fn] : commands) {
    if (command == name) {
      try {
        return fn(rest, std::cout, std::cerr);
      } catch (const std::exception& e) {
        // The library reports problems as values; reaching here is a bug.
        std::cerr << "shenpi: internal error: " << e.what() << "\n";
        return 1;
      }
    }
  }
  std::cerr << "shenpi: unknown command '" << command << "'\n" << kUsage;
  return 2;
}
