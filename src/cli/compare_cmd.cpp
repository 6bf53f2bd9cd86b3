// `shenpi compare RULES_A RULES_B [RULES_C ...] [--json] [--format text|json|html]`:
// the same national-catalogue item side by side (docs/compare.md).
#include <algorithm>
#include <array>
#include <filesystem>
#include <ostream>

#include <fmt/format.h>

#include "cli/cli_util.hpp"
#include "cli/commands.hpp"
#include "shenpi/compare.hpp"

namespace shenpi::cli {
namespace {

constexpr const char* kCompareUsage =
    "usage: shenpi compare RULES_A RULES_B [RULES_C ...] [--json] [--format text|json|html]\n";

int usage(std::ostream& err, const std::string& problem) {
  err << "shenpi: " << problem << "\n" << kCompareUsage;
  return 2;
}

/// The column label: the folder's name (`rules/tianjin/` → `tianjin`).
std::string label_of(const std::string& path) {
  std::filesystem::path p(path);
  if (!p.has_filename()) p = p.parent_path();
  const std::string name = p.filename().string();
  return name.empty() ? path : name;
}

}  // namespace

int run_compare(Args args, std::ostream& out, std::ostream& err) {
  constexpr std::array<std::string_view, 1> kValues{"format"};
  constexpr std::array<std::string_view, 1> kSwitches{"json"};
  if (std::find(args.begin(), args.end(), "--help") != args.end()) {
    out << kCompareUsage;
    return 0;
  }
  const ParsedArgs parsed = parse_args(args, kValues, kSwitches);
  if (!parsed.error.empty()) return usage(err, parsed.error);
  if (parsed.positional.size() < 2) return usage(err, "compare needs at least two rulebooks");
  std::string format = parsed.value("format").value_or(parsed.has("json") ? "json" : "text");
  if (format != "text" && format != "json" && format != "html") {
    return usage(err, fmt::format("unknown format '{}' (text, json or html)", format));
  }
  if (parsed.has("json") && format != "json") return usage(err, "--json and --format disagree");
  std::vector<std::shared_ptr<const Rulebook>> books;
  std::vector<std::string> labels;
  bool failed = false;
  for (const auto& path : parsed.positional) {
    // Each folder is its own rulebook: jurisdictions share fact names on purpose.
    LoadResult loaded = load_rulebook({path}, load_options(parsed));
    if (!loaded.ok()) {
      print_diagnostics(loaded.diagnostics, err);
      failed = true;
    }
    books.push_back(loaded.rulebook);
    labels.push_back(label_of(path));
  }
  if (failed) return 1;
  const Comparison c = compare(books, labels);
  out << (format == "json" ? to_json(c) : format == "html" ? to_html(c) : to_text(c));
  return 0;
}

}  // namespace shenpi::cli
