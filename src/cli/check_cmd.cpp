// `shenpi check RULES...`: the validator rule authors run.
#include <filesystem>
#include <ostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/cli_util.hpp"
#include "cli/commands.hpp"
#include "shenpi/rulebook.hpp"

namespace shenpi::cli {
namespace {

std::string plural(int n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace

int run_check(Args args, std::ostream& out, std::ostream& err) {
  static constexpr std::string_view kValues[] = {"format", "disable"};
  static constexpr std::string_view kSwitches[] = {"werror"};
  const ParsedArgs parsed = parse_args(args, kValues, kSwitches);
  const std::string format = parsed.value("format").value_or("text");
  if (!parsed.error.empty() || parsed.positional.empty() ||
      (format != "text" && format != "json")) {
    err << "shenpi check: " << (parsed.error.empty() ? "usage" : parsed.error) << "\n"
        << "usage: shenpi check RULES... [--format text|json] [--werror] [--disable CODE]\n";
    return 2;
  }
  LoadOptions options = load_options(parsed);
  if (parsed.values.count("disable") != 0) options.disabled = parsed.values.at("disable");
  for (const auto& name : options.disabled) {
    if (find_diagnostic(name) == nullptr) {
      err << "shenpi check: unknown diagnostic '" << name << "' for --disable\n";
      return 2;
    }
  }
  std::vector<Diagnostic> all;
  RulebookStats total;
  for (const auto& path : expand_rulebooks(parsed.positional)) {
    LoadResult result = load_rulebook({path}, options);
    all.insert(all.end(), result.diagnostics.begin(), result.diagnostics.end());
    total.items += result.stats.items;
    total.bundles += result.stats.bundles;
  }
  sort_diagnostics(all);
  int errors = 0;
  int warnings = 0;
  for (const auto& d : all)
    (d.severity == Severity::error ? errors : warnings) += d.severity != Severity::note;
  if (format == "json") {
    nlohmann::json j;
    j["diagnostics"] = nlohmann::json::parse(diagnostics_to_json(all));
    j["summary"] = {{"items", total.items},
                    {"bundles", total.bundles},
                    {"errors", errors},
                    {"warnings", warnings}};
    out << j.dump(2) << "\n";
  } else {
    print_diagnostics(all, out);
    out << fmt::format("checked {}, {}: {}, {}\n", plural(total.items, "item", "items"),
                       plural(total.bundles, "bundle", "bundles"),
                       plural(errors, "error", "errors"), plural(warnings, "warning", "warnings"));
  }
  const bool fail = errors > 0 || (parsed.has("werror") && warnings > 0);
  return fail ? 1 : 0;
}

}  // namespace shenpi::cli
