// libFuzzer target: compile arbitrary bytes as an expression against a fixed
// scope, then run what compiles. Build (see docs/expressions.md):
//   clang++-14 -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude -Isrc \
//     src/expr/*.cpp src/diagnostics/*.cpp tests/fuzz/expr_fuzzer.cpp -lfmt -o expr_fuzz
//   ./expr_fuzz -max_len=4096 tests/fixtures/expr/corpus
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "expr/program.hpp"
#include "shenpi/diagnostics.hpp"

namespace {

using shenpi::Fact;
using shenpi::FactType;
using namespace shenpi::detail;

/// Larger inputs teach the fuzzer nothing new and only slow it down.
constexpr std::size_t kMaxInput = 4096;

struct Fixture {
  Fixture() {
    add("sells.bulk_food", FactType::boolean);
    add("staff.count", FactType::integer);
    add("premises.area_m2", FactType::decimal);
    add("applicant.name", FactType::string);
    add("applicant.credit", FactType::enumeration, {"good", "normal", "dishonest"});
    add("applicant.birth_date", FactType::date);
    add("business.scope", FactType::string_list);
    add("guarantor.credit", FactType::enumeration, {"good", "normal", "dishonest"});
    scope.fact = [this](std::string_view path) -> const Fact* {
      for (const auto& f : facts) {
        if (f.path == path) return &f;
      }
      return nullptr;
    };
    scope.material = [](std::string_view id) -> std::int32_t {
      return id == "layout-plan" ? 0 : id == "application-form" ? 70 : -1;
    };
    list_ids = {0, -1, -2};  // 0: "catering", interned first for every input
    known = {Value::boolean(true),
             Value::integer(0),
             Value::decimal(0.0),
             Value::string(-1),
             Value::string(0),
             Value::date_value(7000),
             Value::list_value(list_ids.data(), 3),
             Value::string(-3)};
    unknown.resize(known.size());
    // Deliberately short: material 70 is outside the bitset.
    materials = {1};
  }

  void add(const char* path, FactType type, std::vector<std::string> values = {}) {
    Fact f;
    f.path = path;
    f.type = type;
    f.values = std::move(values);
    shenpi::detail::FactAccess::set_slot(f, static_cast<std::int32_t>(facts.size()));
    facts.push_back(std::move(f));
  }

  std::vector<Fact> facts;
  Scope scope;
  std::vector<std::int32_t> list_ids;
  std::vector<Value> known;
  std::vector<Value> unknown;
  std::vector<std::uint64_t> materials;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kMaxInput) return 0;
  static Fixture fixture;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  TextOrigin origin;
  origin.file = "fuzz.yaml";
  origin.lines = {{3, 9}, {4, 9}};
  // A table per input: a shared one would grow with every literal ever seen.
  StringTable strings;
  strings.intern("catering");
  const CompileResult result = compile_expression(text, origin, fixture.scope, strings);
  // Exactly one of: a program, or at least one error.
  if ((result.program != nullptr) == shenpi::has_errors(result.diagnostics)) std::abort();
  for (const auto& d : result.diagnostics) {
    if (d.location.line < 3 || d.location.column < 9) std::abort();
  }
  // Messages quote the input: they must stay valid UTF-8 for the JSON writer.
  (void)shenpi::diagnostics_to_json(result.diagnostics);
  if (result.program == nullptr) return 0;
  const EvalContext known{fixture.known, fixture.materials, 20000};
  const EvalContext unknown{fixture.unknown, {}, 0};
  for (const EvalContext& context : {known, unknown}) {
    const Value v = run(*result.program, context);
    if (v.kind != Value::Kind::unknown && v.kind != Value::Kind::boolean) std::abort();
    (void)format_value(v, strings);
  }
  return 0;
}
