// Shared fixtures for the expression tests: a scope of one fact of every
// type (slots 0..n), a few materials, and a small application binder.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <doctest/doctest.h>

#include "expr/program.hpp"

namespace shenpi::detail::expr_testing {

/// The file and place every test expression pretends to come from.
inline constexpr const char* kFile = "items/food.yaml";
inline constexpr int kLine = 12;
inline constexpr int kColumn = 11;

struct ExprEnv {
  ExprEnv();

  CompileResult compile(std::string_view text, FactType expected = FactType::boolean);
  CompileResult compile_at(std::string_view text, const TextOrigin& origin);
  const Fact* fact(std::string_view path) const;

  std::vector<Fact> facts;
  std::vector<std::string> materials;
  Scope scope;
  StringTable strings;
};

/// An application bound to ExprEnv's slots: every fact unknown until set.
struct App {
  explicit App(ExprEnv& env);

  App& set(std::string_view path, Value value);
  App& text(std::string_view path, std::string_view value);
  App& list(std::string_view path, const std::vector<std::string>& values);
  App& date(std::string_view path, std::string_view yyyy_mm_dd);
  App& submit(std::string_view material);
  App& today(std::string_view yyyy_mm_dd);
  /// Resolves strings to ids as a binder would, after compiling: known
  /// strings by id, others by negative ids unique within the application.
  EvalContext context();

  ExprEnv& env;
  std::vector<Value> facts;
  std::vector<std::pair<std::int32_t, std::string>> texts;
  std::vector<std::pair<std::int32_t, std::vector<std::string>>> lists;
  std::vector<std::vector<std::int32_t>> list_ids;  // storage behind list values
  std::vector<std::string> foreign;                 // id -1 - k is foreign[k]
  std::vector<std::uint64_t> materials{0};
  std::int32_t today_days = 0;

 private:
  std::int32_t id_of(const std::string& text);
};

/// Compiles `text` (which must compile) and runs it: "true", "false",
/// "unknown", "3", "2025-10-01", …
std::string eval(App& app, std::string_view text, FactType expected = FactType::boolean);

std::int32_t days(std::string_view yyyy_mm_dd);

}  // namespace shenpi::detail::expr_testing

/// One diagnostic of `result` has this code, line and column.
#define CHECK_EXPR_DIAG(result, code_, line_, column_)                         \
  do {                                                                         \
    const auto& diags_ = (result).diagnostics;                                 \
    bool found_ = false;                                                       \
    for (const auto& d_ : diags_) {                                            \
      found_ = found_ || (d_.code == (code_) && d_.location.line == (line_) && \
                          d_.location.column == (column_));                    \
    }                                                                          \
    INFO("diagnostics: ", ::shenpi::detail::expr_testing::describe(diags_));   \
    CHECK(found_);                                                             \
  } while (false)

namespace shenpi::detail::expr_testing {
std::string describe(const std::vector<Diagnostic>& diagnostics);
}
