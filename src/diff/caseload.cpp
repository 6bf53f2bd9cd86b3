// read_caseload: application files or JSONL, the input of `diff --apps`.
// JSONL lines go through parse_application (the batch parser replaces it
// once merged), parsed in parallel slices.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "diff/diff_parts.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi {
namespace {

namespace fs = std::filesystem;

/// `"id":"…"` at the start of a JSONL object, without parsing the line twice.
std::string line_id(std::string_view line, std::size_t number) {
  constexpr std::string_view key = "\"id\"";
  const auto at = line.find(key);
  if (at != std::string_view::npos && at < 8) {
    const auto open = line.find('"', line.find(':', at + key.size()));
    const auto close = open == std::string_view::npos ? open : line.find('"', open + 1);
    if (close != std::string_view::npos)
      return std::string(line.substr(open + 1, close - open - 1));
  }
  return fmt::format("第{}行", number);
}

void add(Caseload& out, ApplicationResult r, std::string id) {
  out.diagnostics.insert(out.diagnostics.end(), r.diagnostics.begin(), r.diagnostics.end());
  if (r.application) {
    out.applications.push_back(std::move(*r.application));
    out.ids.push_back(std::move(id));
  }
}

void read_jsonl(const std::string& path, int threads, Caseload& out) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(std::move(line));
  std::vector<ApplicationResult> parsed(lines.size());
  const std::size_t n = lines.size();
  const auto workers = static_cast<std::size_t>(std::clamp(threads, 1, 64));
  std::vector<std::thread> pool;
  for (std::size_t w = 0; w < workers; ++w) {
    pool.emplace_back([&, w] {
      for (std::size_t i = n * w / workers; i < n * (w + 1) / workers; ++i) {
        if (lines[i].find_first_not_of(" \t\r") == std::string::npos) continue;
        parsed[i] = parse_application(lines[i], fmt::format("{}:{}", path, i + 1));
      }
    });
  }
  for (auto& t : pool) t.join();
  for (std::size_t i = 0; i < n; ++i) {
    if (!parsed[i].application && parsed[i].diagnostics.empty()) continue;  // blank line
    add(out, std::move(parsed[i]), line_id(lines[i], i + 1));
  }
}

bool is_application_file(const fs::path& p) {
  const auto ext = p.extension();
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

}  // namespace

Caseload read_caseload(const std::string& path, int threads) {
  Caseload out;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(path, ec)) {
      if (e.is_regular_file(ec) && is_application_file(e.path())) files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files)
      add(out, read_application_file(f.generic_string()), f.stem().string());
  } else if (fs::path(path).extension() == ".jsonl" && fs::is_regular_file(path, ec)) {
    read_jsonl(path, threads, out);
  } else if (fs::is_regular_file(path, ec)) {
    add(out, read_application_file(path), fs::path(path).stem().string());
  } else {
    out.diagnostics.push_back(
        make_diagnostic(codes::unreadable_source, {path, 0, 0}, "no such file or folder"));
  }
  return out;
}

}  // namespace shenpi
