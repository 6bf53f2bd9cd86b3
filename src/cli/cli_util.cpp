#include "cli/cli_util.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <unordered_map>

namespace shenpi::cli {

namespace {

/// At most this many diagnostics per file: 100,000 errors on one line help
/// no one, and printing them could fill a disk.
constexpr std::size_t kMaxPerFile = 50;
/// Source lines longer than this are shown as a window around the caret.
constexpr std::size_t kMaxLine = 160;
constexpr std::size_t kWindow = 60;  // bytes each side of the caret

/// A window of a long line around `d`'s column; moves the column with it.
/// Cuts only at UTF-8 character starts.
std::string window(const std::string& line, Diagnostic& d) {
  if (line.size() <= kMaxLine) return line;
  const auto at_start = [&](std::size_t i) {
    return i >= line.size() || (static_cast<unsigned char>(line[i]) & 0xC0U) != 0x80U;
  };
  const auto column = static_cast<std::size_t>(std::max(d.location.column, 1) - 1);
  std::size_t from = column > kWindow ? column - kWindow : 0;
  while (!at_start(from)) ++from;
  std::size_t to = std::min(line.size(), std::max(column, from) + kWindow);
  while (!at_start(to)) ++to;
  std::string out = from > 0 ? "..." : "";
  out += line.substr(from, to - from);
  if (to < line.size()) out += "...";
  if (d.location.column > 0) {
    d.location.column = static_cast<int>(column - from + (from > 0 ? 3 : 0)) + 1;
  }
  return out;
}

}  // namespace

void print_diagnostics(std::span<const Diagnostic> diagnostics, std::ostream& err) {
  std::unordered_map<std::string, std::vector<std::string>> files;
  std::unordered_map<std::string, std::size_t> printed;
  std::vector<std::pair<std::string, std::size_t>> omitted;  // in order of first omission
  for (const auto& d : diagnostics) {
    std::size_t& count = printed[d.location.file];
    if (++count > kMaxPerFile) {
      const auto it = std::find_if(omitted.begin(), omitted.end(),
                                   [&](const auto& o) { return o.first == d.location.file; });
      if (it == omitted.end()) {
        omitted.emplace_back(d.location.file, 1);
      } else {
        ++it->second;
      }
      continue;
    }
    std::string line;
    if (!d.location.file.empty() && d.location.line > 0) {
      auto [it, fresh] = files.try_emplace(d.location.file);
      if (fresh) {
        std::ifstream in(d.location.file, std::ios::binary);
        for (std::string l; std::getline(in, l);) {
          if (!l.empty() && l.back() == '\r') l.pop_back();
          it->second.push_back(std::move(l));
        }
      }
      const auto index = static_cast<std::size_t>(d.location.line - 1);
      if (index < it->second.size()) line = it->second[index];
    }
    Diagnostic shown = d;
    const std::string text = window(line, shown);
    err << format_diagnostic(shown, text);
  }
  for (const auto& [file, n] : omitted) {
    err << (file.empty() ? std::string("shenpi") : file) << ": … and " << n
        << " more diagnostics (at most " << kMaxPerFile << " are shown per file)\n";
  }
}

bool ParsedArgs::has(const std::string& name) const {
  return values.count(name) != 0 ||
         std::find(switches.begin(), switches.end(), name) != switches.end();
}

std::optional<std::string> ParsedArgs::value(const std::string& name) const {
  const auto it = values.find(name);
  if (it == values.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

ParsedArgs parse_args(std::span<const std::string> args,
                      std::span<const std::string_view> value_flags,
                      std::span<const std::string_view> switch_flags) {
  ParsedArgs parsed;
  const auto takes_value = [&](std::string_view f) {
    return f == "cache" ||
           std::find(value_flags.begin(), value_flags.end(), f) != value_flags.end();
  };
  const auto is_switch = [&](std::string_view f) {
    return std::find(switch_flags.begin(), switch_flags.end(), f) != switch_flags.end();
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.size() < 3 || a.rfind("--", 0) != 0) {
      parsed.positional.push_back(a);
      continue;
    }
    const auto eq = a.find('=');
    const std::string name = a.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
    if (takes_value(name)) {
      if (eq != std::string::npos) {
        parsed.values[name].push_back(a.substr(eq + 1));
      } else if (i + 1 < args.size()) {
        parsed.values[name].push_back(args[++i]);
      } else {
        parsed.error = "option --" + name + " needs a value";
      }
    } else if (is_switch(name) && eq == std::string::npos) {
      parsed.switches.push_back(name);
    } else {
      parsed.error = "unknown option " + a;
    }
  }
  return parsed;
}

LoadOptions load_options(const ParsedArgs& parsed) {
  LoadOptions options;
  if (const auto dir = parsed.value("cache")) {
    options.cache_dir = *dir;
  } else if (const char* env = std::getenv("SHENPI_CACHE"); env != nullptr) {
    options.cache_dir = env;
  }
  return options;
}

namespace {

namespace fs = std::filesystem;

bool is_rulebook_dir(const fs::path& dir) {
  std::error_code ec;
  return fs::exists(dir / "facts.yaml", ec) || fs::exists(dir / "materials.yaml", ec) ||
         fs::is_directory(dir / "items", ec) || fs::is_directory(dir / "bundles", ec);
}

}  // namespace

std::vector<std::string> expand_rulebooks(std::span<const std::string> paths) {
  std::vector<std::string> out;
  for (const auto& path : paths) {
    std::error_code ec;
    if (!fs::is_directory(path, ec) || is_rulebook_dir(path)) {
      out.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    for (const auto& entry : fs::directory_iterator(path, ec)) {
      if (entry.is_directory(ec) && is_rulebook_dir(entry.path()))
        found.push_back(entry.path().generic_string());
    }
    std::sort(found.begin(), found.end());
    if (found.empty()) found.push_back(path);
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace shenpi::cli
