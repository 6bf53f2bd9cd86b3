// `shenpi`: validate rule files, evaluate applications, build approval graphs.
#include <cerrno>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "shenpi/version.hpp"

namespace {

constexpr const char* kUsage = R"(usage: shenpi COMMAND [ARGS]

commands:
  check RULES... [--format text|json] [--werror] [--disable CODE]
                                  validate rule folders or files
  eval RULES APPLICATION [--json] [--trace] [--as-of DATE] [--max-bytes N]
                                  decide an application, print the notice
                                  (application files: regular files, 16 MiB unless --max-bytes)
  eval RULES --batch FILE.jsonl|- [--threads N] [--trace]
                                  decide JSON lines, one decision JSON a line
  guide RULES ITEM [--as-of DATE] the item's 办事指南
  test RULES                      run the rulebook's rule tests (tests/*.yaml)
  graph RULES BUNDLE [--format text|json|dot|mermaid] [--start DATE] [--statutory]
        [--as-of DATE]            the bundle's parallel-approval graph
  replay RULES RECORD.json        re-decide a recorded decision, list what differs
  diff OLD NEW [--apps FILE|DIR] [--json]
                                  what a rule change changes, and for whom
  calendar RULES add DATE N|DURATION [--calendar DIR]
                                  the date N working days (or DURATION) after DATE
  calendar RULES is-working DATE  whether DATE is a working day, and why
  calendar RULES between FROM TO  working days in (FROM, TO]
  calendar RULES years            covered years and their working days
  calendar RULES provisional YEAR print a provisional cn-YEAR.yaml
  clock RULES CASE.yaml [--json] [--today DATE] [--calendar DIR]
                                  a case's clock: days used, left, overdue
  compare RULES_A RULES_B... [--json] [--format text|json|html]
                                  the same catalogue item side by side (四统一)
  scenarios RULES ITEM [--json] [--emit-tests FILE]
                                  what must hold for each outcome
  site RULES... -o DIR [--start DATE] [--self-check]
                                  the public 办事指南 site as static pages (docs/site.md)
  serve RULES... [--port N] [--bind ADDR]
                                  HTTP JSON API, hot reload, metrics (docs/serve.md)

  --cache DIR                     (any command reading RULES) keep parsed rule files
                                  in DIR: loads of unchanged files skip the YAML parser;
                                  default $SHENPI_CACHE (docs/rulebook.md)
  --version                       the version of shenpi
  COMMAND --help                  this text

exit codes: 0 fine, 1 rule or input errors (or output that could not be written), 2 usage
)";

/// Output that cannot be written (a full disk, a closed pipe) is a failure:
/// a caller must not take a truncated decision for a whole one.
int finish(int code) {
  std::cout.flush();
  if (std::cout) return code;
  std::cerr << "shenpi: cannot write the output: " << std::strerror(errno) << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    (args.empty() ? std::cerr : std::cout) << kUsage;
    return args.empty() ? 2 : finish(0);
  }
  if (args[0] == "--version") {
    std::cout << "shenpi " << SHENPI_VERSION_STRING << "\n";
    return finish(0);
  }

  const std::string command = args[0];
  const shenpi::cli::Args rest(args.data() + 1, args.size() - 1);
  using Fn = int (*)(shenpi::cli::Args, std::ostream&, std::ostream&);
  const std::pair<const char*, Fn> commands[] = {
      {"check", shenpi::cli::run_check},         {"eval", shenpi::cli::run_eval},
      {"guide", shenpi::cli::run_guide},         {"test", shenpi::cli::run_test},
      {"graph", shenpi::cli::run_graph},         {"calendar", shenpi::cli::run_calendar},
      {"clock", shenpi::cli::run_clock},         {"compare", shenpi::cli::run_compare},
      {"scenarios", shenpi::cli::run_scenarios}, {"serve", shenpi::cli::run_serve},
      {"site", shenpi::cli::run_site},           {"replay", shenpi::cli::run_replay},
      {"diff", shenpi::cli::run_diff},
  };
  for (const auto& [name, fn] : commands) {
    if (command == name) {
      // `shenpi eval --help` asks for help, not for a file named --help.
      if (!rest.empty() && (rest[0] == "--help" || rest[0] == "-h")) {
        std::cout << kUsage;
        return finish(0);
      }
      try {
        return finish(fn(rest, std::cout, std::cerr));
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
