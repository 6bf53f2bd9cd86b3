// Inputs the fuzzer once found troublesome (tests/fixtures/expr/fuzz/) and
// its seed corpus: each must compile to a result, never crash or throw.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "expr_test_util.hpp"

#ifndef SHENPI_FIXTURES
#define SHENPI_FIXTURES "tests/fixtures"
#endif

namespace shenpi::detail::expr_testing {
namespace {

std::vector<std::filesystem::path> files_in(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  if (!std::filesystem::is_directory(dir)) return files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST_CASE("expr: fuzz regressions and corpus compile without crashing") {
  const std::filesystem::path root = std::filesystem::path(SHENPI_FIXTURES) / "expr";
  auto files = files_in(root / "fuzz");
  const auto corpus = files_in(root / "corpus");
  files.insert(files.end(), corpus.begin(), corpus.end());
  CHECK(!files.empty());
  ExprEnv env;
  App app(env);
  for (const auto& file : files) {
    INFO("input: ", file.string());
    std::ifstream in(file, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    CompileResult r;
    CHECK_NOTHROW(r = env.compile(text));
    CHECK((r.program != nullptr) == r.diagnostics.empty());
    CHECK_NOTHROW(diagnostics_to_json(r.diagnostics));
    if (r.program != nullptr) CHECK_NOTHROW(run(*r.program, app.context()));
  }
}

}  // namespace
}  // namespace shenpi::detail::expr_testing
