// `shenpi site RULES... -o DIR [--start DATE] [--self-check]`: the public
// 办事指南 site as static files.
#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <ostream>

#include <fmt/format.h>

#include "cli/cli_util.hpp"
#include "cli/commands.hpp"
#include "shenpi/diagnostic_codes.hpp"
#include "shenpi/rulebook.hpp"
#include "shenpi/site.hpp"

namespace shenpi::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kUsage = "usage: shenpi site RULES... -o DIR [--start DATE] [--self-check]\n";

constexpr const char* kHelp =
    "  -o, --out DIR   output folder (created when missing)\n"
    "  --start DATE    first day of the bundles' Gantt charts (default: today, UTC+8)\n"
    "  --self-check    the 自助预审 form, for pages served by `shenpi serve`\n"
    "see docs/site.md\n";

int usage(std::ostream& err, const std::string& why) {
  err << "shenpi site: " << why << "\n" << kUsage;
  return 2;
}

/// `-o DIR` is the short form of `--out DIR`.
std::vector<std::string> long_flags(Args args) {
  std::vector<std::string> out(args.begin(), args.end());
  for (auto& a : out) {
    if (a == "-o") a = "--out";
  }
  return out;
}

/// Writes every page under `dir`; the first failure is SP910.
std::optional<Diagnostic> write_pages(const fs::path& dir, const std::vector<SitePage>& pages) {
  const auto fail = [&](const fs::path& path, const std::string& why) {
    return make_diagnostic(codes::site_write, {},
                           fmt::format("cannot write the site file '{}': {}", path.string(), why));
  };
  for (const auto& p : pages) {
    const fs::path path = dir / fs::path(p.path);
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (ec) return fail(path.parent_path(), ec.message());
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file << p.body;
    file.close();
    if (!file) return fail(path, std::strerror(errno));
  }
  return std::nullopt;
}

}  // namespace

int run_site(Args args, std::ostream& out, std::ostream& err) {
  constexpr std::array<std::string_view, 2> kValues{"out", "start"};
  constexpr std::array<std::string_view, 1> kSwitches{"self-check"};
  if (std::find(args.begin(), args.end(), "--help") != args.end()) {
    out << kUsage << kHelp;
    return 0;
  }
  const std::vector<std::string> flags = long_flags(args);
  const ParsedArgs parsed = parse_args(flags, kValues, kSwitches);
  if (!parsed.error.empty()) return usage(err, parsed.error);
  if (parsed.positional.empty()) return usage(err, "site needs at least one RULES folder");
  const auto dir = parsed.value("out");
  if (!dir) return usage(err, "site needs the output folder: -o DIR");
  SiteOptions options;
  options.self_check = parsed.has("self-check");
  if (const auto start = parsed.value("start")) {
    options.start = Date::parse(*start);
    if (!options.start) {
      const Diagnostic d = make_diagnostic(codes::bad_date, {},
                                           fmt::format("'{}' is not a date (YYYY-MM-DD)", *start));
      print_diagnostics({&d, 1}, err);
      return 1;
    }
  }
  std::vector<std::shared_ptr<const Rulebook>> books;
  bool failed = false;
  for (const auto& path : expand_rulebooks(parsed.positional)) {
    LoadResult loaded = load_rulebook({path}, load_options(parsed));
    // Rulebook warnings are `shenpi check`'s business; only errors stop the site.
    if (!loaded.ok()) print_diagnostics(loaded.diagnostics, err);
    failed = failed || !loaded.ok();
    books.push_back(std::move(loaded.rulebook));
  }
  if (failed) return 1;
  const std::vector<SitePage> pages = render_site(books, options);
  if (const auto problem = write_pages(*dir, pages)) {
    print_diagnostics({&*problem, 1}, err);
    return 1;
  }
  out << fmt::format("已生成办事指南网站：{}个页面，位于{}\n", pages.size(), *dir);
  return 0;
}

}  // namespace shenpi::cli
