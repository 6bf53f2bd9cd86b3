// read_rulebook: finds the files of a rulebook folder and reads them in a
// fixed order (facts, materials, calendar, items, bundles), so diagnostics
// and the model are deterministic. load_rulebook (src/rulebook) checks and
// wraps the result.
#include <algorithm>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "load/calendar_load.hpp"
#include "load/loader.hpp"
#include "load/parallel_load.hpp"
#include "load/yaml_cache.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi {
namespace {

namespace fs = std::filesystem;

bool is_yaml(const fs::path& p) {
  return p.extension() == ".yaml" || p.extension() == ".yml";
}

/// Why an entry of items/ or bundles/ cannot be read as a rule file, or
/// empty when it is one (or is no rule file at all). A rule file that is
/// skipped without a word is a rule that silently does not apply.
std::string unusable_entry(const fs::directory_entry& entry, bool& is_rule_file) {
  std::error_code ec;
  const bool named = is_yaml(entry.path());
  is_rule_file = false;
  if (entry.is_symlink(ec)) {
    const fs::file_status target = fs::status(entry.path(), ec);
    if (ec) {
      if (!named) return {};
      return ec == std::errc::too_many_symbolic_link_levels
                 ? "a symbolic link loop"
                 : "a symbolic link to nothing (" + ec.message() + ")";
    }
    if (fs::is_directory(target)) {
      return "a symbolic link to a folder; links to folders are not followed (they can loop)";
    }
  }
  if (!named) return {};
  const fs::file_status st = fs::status(entry.path(), ec);
  if (ec) return "cannot be read (" + ec.message() + ")";
  if (fs::is_directory(st)) return "a folder named like a rule file";
  if (!fs::is_regular_file(st)) {
    return fs::is_fifo(st) ? "not a regular file (a FIFO)" : "not a regular file";
  }
  is_rule_file = true;
  return {};
}

std::vector<std::string> yaml_files_under(const fs::path& dir, std::vector<Diagnostic>& out) {
  std::vector<std::string> files;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return files;
  for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec),
       end;
       !ec && it != end; it.increment(ec)) {
    bool rule_file = false;
    const std::string why = unusable_entry(*it, rule_file);
    if (!why.empty()) {
      out.push_back(
          make_diagnostic(codes::unreadable_source, {it->path().generic_string(), 0, 0}, why));
      if (it->is_directory(ec)) it.disable_recursion_pending();
      ec.clear();
    } else if (rule_file) {
      files.push_back(it->path().generic_string());
    }
  }
  if (ec) {
    out.push_back(make_diagnostic(codes::unreadable_source, {dir.generic_string(), 0, 0},
                                  "cannot list the folder (" + ec.message() + ")"));
  }
  std::sort(files.begin(), files.end());
  return files;
}

bool looks_like_rulebook(const fs::path& dir) {
  std::error_code ec;
  return fs::exists(dir / "facts.yaml", ec) || fs::exists(dir / "materials.yaml", ec) ||
         fs::is_directory(dir / "items", ec) || fs::is_directory(dir / "bundles", ec);
}

/// The rulebook folder a single item or bundle file belongs to.
fs::path root_of_file(const fs::path& file) {
  for (fs::path dir = file.parent_path(); !dir.empty(); dir = dir.parent_path()) {
    if (looks_like_rulebook(dir) && dir.filename() != "items" && dir.filename() != "bundles") {
      return dir;
    }
    if (dir == dir.parent_path()) break;
  }
  return file.parent_path();
}

struct Plan {
  std::vector<fs::path> roots;
  std::vector<std::string> item_files;
  std::vector<std::string> bundle_files;
};

void load_calendars(const Plan& plan, const LoadOptions& options, detail::RulebookData& data,
                    detail::YamlCache* cache, std::vector<Diagnostic>& out) {
  std::vector<std::string> dirs = options.calendar_dirs;
  if (dirs.empty()) {
    for (const auto& root : plan.roots) {
      const fs::path dir = detail::national_calendar_dir(root);
      if (std::find(dirs.begin(), dirs.end(), dir.generic_string()) == dirs.end()) {
        dirs.push_back(dir.generic_string());
      }
    }
  }
  // A missing folder is SP505 like an empty one: without it every date is unknown.
  for (const auto& dir : dirs) detail::load_calendar_dir(dir, data.calendar, out, cache);
  for (const auto& root : plan.roots) {
    const std::string local = detail::local_calendar_file(root);
    if (!local.empty()) detail::load_local_calendar(local, data.calendar, out, cache);
  }
}

void read_section(const fs::path& root, const char* name, detail::RulebookData& data,
                  detail::YamlCache* cache, std::vector<Diagnostic>& out,
                  void (*load)(const detail::YamlDocument&, detail::RulebookData&,
                               std::vector<Diagnostic>&)) {
  std::error_code ec;
  const fs::path file = root / name;
  if (!fs::exists(file, ec)) return;
  if (auto doc = detail::read_yaml_file(file.generic_string(), out, detail::kMaxFileBytes, cache))
    load(*doc, data, out);
}

bool plan_paths(const std::vector<std::string>& paths, Plan& plan, std::vector<Diagnostic>& out) {
  bool ok = true;
  for (const auto& p : paths) {
    std::error_code ec;
    const fs::path path(p);
    if (fs::is_directory(path, ec)) {
      plan.roots.push_back(path);
      auto items = yaml_files_under(path / "items", out);
      auto bundles = yaml_files_under(path / "bundles", out);
      plan.item_files.insert(plan.item_files.end(), items.begin(), items.end());
      plan.bundle_files.insert(plan.bundle_files.end(), bundles.begin(), bundles.end());
      if (!looks_like_rulebook(path)) {
        out.push_back(make_diagnostic(
            codes::empty_rulebook, {p, 0, 0},
            "not a rulebook folder (no facts.yaml, materials.yaml, items/ or bundles/)"));
      }
    } else if (fs::is_regular_file(path, ec)) {
      plan.roots.push_back(root_of_file(path));
      const bool bundle = path.parent_path().filename() == "bundles";
      (bundle ? plan.bundle_files : plan.item_files).push_back(path.generic_string());
    } else {
      out.push_back(make_diagnostic(codes::unreadable_source, {p, 0, 0}, "no such file or folder"));
      ok = false;
    }
  }
  std::sort(plan.roots.begin(), plan.roots.end());
  plan.roots.erase(std::unique(plan.roots.begin(), plan.roots.end()), plan.roots.end());
  return ok;
}

}  // namespace

bool is_rulebook_folder(const std::string& path) {
  std::error_code ec;
  return fs::is_directory(path, ec) && looks_like_rulebook(path);
}

namespace detail {

bool read_rulebook(const std::vector<std::string>& paths, const LoadOptions& options,
                   RulebookData& data, std::vector<Diagnostic>& out) {
  Plan plan;
  if (paths.empty())
    out.push_back(make_diagnostic(codes::unreadable_source, {}, "no rulebook path given"));
  if (!plan_paths(paths, plan, out)) return false;
  // Opt-in: without a folder nothing is looked up or written.
  std::optional<YamlCache> cache_storage;
  if (!options.cache_dir.empty()) cache_storage.emplace(options.cache_dir);
  YamlCache* cache = cache_storage ? &*cache_storage : nullptr;
  for (const auto& root : plan.roots)
    read_section(root, "facts.yaml", data, cache, out, load_shared_facts);
  for (const auto& root : plan.roots)
    read_section(root, "materials.yaml", data, cache, out, load_catalog);
  for (const auto& root : plan.roots)
    read_section(root, "notices.yaml", data, cache, out, load_notices);
  load_calendars(plan, options, data, cache, out);
  data.items.reserve(plan.item_files.size());
  // Items load in parallel: each reads only the shared facts, catalog
  // and calendar loaded above, and interns strings under a lock.
  const RulebookData& shared = data;
  load_files_in_order<Item>(
      plan.item_files, options.threads, cache, out,
      [&](const YamlDocument& doc, std::vector<Diagnostic>& diags) {
        return load_item(doc, shared, data.strings, diags);
      },
      [&](Item& item) { data.items.push_back(std::move(item)); });
  for (const auto& file : plan.bundle_files) {
    auto doc = read_yaml_file(file, out, kMaxFileBytes, cache);
    if (!doc) continue;
    if (auto bundle = load_bundle(*doc, out)) data.bundles.push_back(std::move(*bundle));
  }
  if (cache != nullptr) cache->report(out);
  return true;
}

}  // namespace detail
}  // namespace shenpi
