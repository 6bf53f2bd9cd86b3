// Helpers for diagnostic tests: a throw-away rulebook folder written from
// strings, and CHECK_DIAG(diagnostics, "SP203", line, column), so each test
// states a fixture and the one diagnostic it must produce.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include <doctest/doctest.h>

#include "shenpi/diagnostics.hpp"
#include "shenpi/rulebook.hpp"

namespace shenpi::test {

/// Options every loader test uses: the shipped national calendars, so no
/// test depends on where its fixture lives.
inline LoadOptions test_options() {
  LoadOptions options;
  options.calendar_dirs = {SHENPI_SOURCE_DIR "/rules/calendar"};
  return options;
}

/// A fixture under tests/fixtures.
inline std::string fixture(std::string_view relative) {
  return std::string(SHENPI_FIXTURES) + "/" + std::string(relative);
}

inline LoadResult load_fixture(std::string_view relative, LoadOptions options = test_options()) {
  return load_rulebook({fixture(relative)}, options);
}

/// One line per diagnostic, for failure messages.
inline std::string describe(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const auto& d : diagnostics) {
    text += d.location.file + ":" + std::to_string(d.location.line) + ":" +
            std::to_string(d.location.column) + ": " + std::string(to_string(d.severity)) + "[" +
            d.code + "]: " + d.message + "\n";
  }
  return text.empty() ? "(no diagnostics)\n" : text;
}

inline const Diagnostic* find_diag(const std::vector<Diagnostic>& diagnostics,
                                   std::string_view code, int line, int column) {
  const auto it = std::find_if(diagnostics.begin(), diagnostics.end(), [&](const Diagnostic& d) {
    return d.code == code && d.location.line == line && d.location.column == column;
  });
  return it == diagnostics.end() ? nullptr : &*it;
}

inline int count_code(const std::vector<Diagnostic>& diagnostics, std::string_view code) {
  return static_cast<int>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                        [&](const Diagnostic& d) { return d.code == code; }));
}

/// A facts.yaml and materials.yaml most fixtures share.
inline constexpr std::string_view kSharedFacts = R"(facts:
  applicant.kind: { type: enum, values: [enterprise, person], label: 申请人类型 }
  applicant.credit: { type: enum, values: [good, normal, dishonest], label: 信用状况 }
  applicant.uses_agent: { type: bool, label: 是否委托代理 }
  premises.area_m2: { type: decimal, label: 经营场所面积 }
)";
inline constexpr std::string_view kSharedMaterials = R"(materials:
  id-card: { name: 居民身份证, source: shared, basis: 《居民身份证法》第十四条 }
  business-license: { name: 营业执照, source: shared, basis: 《市场主体登记管理条例》第二十一条 }
  agent-authorization: { name: 授权委托书, basis: 《民法典》第一百六十五条 }
)";

/// The first 8 lines of a clean item; tests append sections from line 9.
inline constexpr std::string_view kItemHeader = R"(item:
  code: T-0001
  name: 测试事项
  kind: administrative_license
  authority: 区审批局
  basis:
    - { id: law, title: 《测试法》第一条 }
time_limit: { statutory: 20 working days }
)";
inline constexpr int kFirstFreeLine = 9;

/// kItemHeader (with another code when given) followed by `sections`.
inline std::string item_with(std::string_view sections, std::string_view code = "T-0001") {
  std::string text(kItemHeader);
  text.replace(text.find("T-0001"), 6, code);
  return text + std::string(sections);
}

/// A rulebook folder in the temp directory, removed when the object dies.
/// Unique per process and object, since CTest runs test cases in parallel.
class TempBook {
 public:
  explicit TempBook(bool shared = true) {
    static std::atomic<int> counter{0};
    root_ = std::filesystem::temp_directory_path() /
            ("shenpi-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_);
    if (shared) {
      write("facts.yaml", kSharedFacts);
      write("materials.yaml", kSharedMaterials);
    }
  }
  ~TempBook() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  TempBook(const TempBook&) = delete;
  TempBook& operator=(const TempBook&) = delete;

  /// Writes `text` to `relative` (folders created as needed).
  TempBook& write(const std::string& relative, std::string_view text) {
    const auto file = root_ / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
    return *this;
  }
  TempBook& item(std::string_view text, const std::string& name = "item.yaml") {
    return write("items/" + name, text);
  }
  TempBook& bundle(std::string_view text, const std::string& name = "bundle.yaml") {
    return write("bundles/" + name, text);
  }

  /// The folder, or a file inside it, as diagnostics name it.
  std::string path(std::string_view relative = {}) const {
    return relative.empty() ? root_.generic_string() : (root_ / relative).generic_string();
  }

  LoadResult load(const LoadOptions& options = test_options()) const {
    return load_rulebook({path()}, options);
  }
  std::vector<Diagnostic> diagnostics(const LoadOptions& options = test_options()) const {
    return load(options).diagnostics;
  }

 private:
  std::filesystem::path root_;
};

/// Loads a one-item rulebook and returns its diagnostics.
inline std::vector<Diagnostic> item_diagnostics(std::string_view item_text) {
  TempBook book;
  book.item(item_text);
  return book.diagnostics();
}

}  // namespace shenpi::test

/// Checks that `diagnostics` hold `code` at `line`:`column` (1-based), and
/// prints them all when they do not.
#define CHECK_DIAG(diagnostics, code, line, column)                                            \
  CHECK_MESSAGE(::shenpi::test::find_diag((diagnostics), (code), (line), (column)) != nullptr, \
                "expected " << (code) << " at " << (line) << ":" << (column) << ", got:\n"     \
                            << ::shenpi::test::describe(diagnostics))

/// Checks that no diagnostic has `code`.
#define CHECK_NO_DIAG(diagnostics, code)                                \
  CHECK_MESSAGE(::shenpi::test::count_code((diagnostics), (code)) == 0, \
                "unexpected " << (code) << ":\n"                        \
                              << ::shenpi::test::describe(diagnostics))

/// Checks that there are no diagnostics at all.
#define CHECK_CLEAN(diagnostics)                                         \
  CHECK_MESSAGE((diagnostics).empty(), "expected no diagnostics, got:\n" \
                                           << ::shenpi::test::describe(diagnostics))
