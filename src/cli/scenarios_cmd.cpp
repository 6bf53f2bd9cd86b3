// `shenpi scenarios RULES ITEM [--json] [--emit-tests FILE] [--max-cases N]`:
// what must hold for each outcome of an item (docs/scenarios.md).
#include <algorithm>
#include <array>
#include <charconv>
#include <fstream>
#include <ostream>

#include <fmt/format.h>

#include "cli/cli_util.hpp"
#include "cli/commands.hpp"
#include "shenpi/diagnostic_codes.hpp"
#include "shenpi/scenarios.hpp"

namespace shenpi::cli {
namespace {

constexpr const char* kScenariosUsage =
    "usage: shenpi scenarios RULES ITEM [--json] [--emit-tests FILE] [--max-cases N]\n";

int usage(std::ostream& err, const std::string& problem) {
  err << "shenpi: " << problem << "\n" << kScenariosUsage;
  return 2;
}

bool write_file(const std::string& path, const std::string& text, std::ostream& err) {
  std::ofstream file(path, std::ios::binary);
  if (file) file << text;
  if (file && file.flush()) return true;
  const Diagnostic d = make_diagnostic(codes::scenarios_write_failed, {path, 0, 0},
                                       "cannot write the rule-test file");
  print_diagnostics({&d, 1}, err);
  return false;
}

}  // namespace

int run_scenarios(Args args, std::ostream& out, std::ostream& err) {
  constexpr std::array<std::string_view, 2> kValues{"emit-tests", "max-cases"};
  constexpr std::array<std::string_view, 1> kSwitches{"json"};
  if (std::find(args.begin(), args.end(), "--help") != args.end()) {
    out << kScenariosUsage;
    return 0;
  }
  const ParsedArgs parsed = parse_args(args, kValues, kSwitches);
  if (!parsed.error.empty()) return usage(err, parsed.error);
  if (parsed.positional.size() != 2) return usage(err, "scenarios needs RULES and ITEM");
  ScenarioOptions options;
  if (const auto text = parsed.value("max-cases")) {
    const auto [end, ec] =
        std::from_chars(text->data(), text->data() + text->size(), options.max_cases);
    if (ec != std::errc() || end != text->data() + text->size() || options.max_cases < 1) {
      return usage(err, fmt::format("--max-cases needs a positive number, not '{}'", *text));
    }
  }
  const LoadResult loaded = load_rulebook({parsed.positional[0]}, load_options(parsed));
  if (!loaded.ok()) {
    print_diagnostics(loaded.diagnostics, err);
    return 1;
  }
  const ScenarioSet set = scenarios(*loaded.rulebook, parsed.positional[1], options);
  print_diagnostics(set.diagnostics, err);
  if (set.name.empty()) return 1;  // no such item
  out << (parsed.has("json") ? to_json(set) : to_text(set));
  if (const auto file = parsed.value("emit-tests")) {
    if (!write_file(*file, to_rule_tests(set), err)) return 1;
  }
  return set.complete ? 0 : 1;
}

}  // namespace shenpi::cli
