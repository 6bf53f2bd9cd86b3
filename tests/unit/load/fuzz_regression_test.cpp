// Every input the loader fuzzer (or a hand probe) ever broke the loader
// with, and its seeds (seed-*), replayed the way tests/fuzz/load_fuzzer.cpp
// feeds them: as an item, as a bundle, through the rulebook checks, and as
// an application. To add one: copy the crash file from
// build-fuzz/artifacts-load_fuzzer/ into tests/fixtures/load/fuzz/ under a
// name that says what it is.
#include <algorithm>
#include <chrono>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "check/check.hpp"
#include "diag_helpers.hpp"
#include "load/loader.hpp"
#include "shenpi/evaluate.hpp"

using namespace shenpi;
using namespace shenpi::test;

namespace {

detail::RulebookData fuzz_facts() {
  detail::RulebookData data;
  std::vector<Diagnostic> out;
  const std::string text =
      "facts:\n  applicant.credit: { type: enum, values: [good, normal, dishonest] }\n"
      "  premises.area_m2: { type: decimal }\n  applicant.uses_agent: { type: bool }\n";
  auto doc = detail::parse_yaml_text(text, "facts.yaml", out);
  REQUIRE(doc);
  detail::load_shared_facts(*doc, data, out);
  REQUIRE(out.empty());
  return data;
}

/// What the fuzzer does with one input; returns the loader's diagnostics.
std::vector<Diagnostic> replay(const std::string& text, const detail::RulebookData& facts) {
  std::vector<Diagnostic> out;
  if (auto doc = detail::parse_yaml_text(text, "fuzz.yaml", out)) {
    detail::RulebookData data = facts;
    if (auto item = detail::load_item(*doc, data, data.strings, out))
      data.items.push_back(std::move(*item));
    if (auto bundle = detail::load_bundle(*doc, out)) data.bundles.push_back(std::move(*bundle));
    detail::check_rulebook(data, out);
  }
  const ApplicationResult app = parse_application(text, "fuzz.yaml");
  // An application either parses or says why not.
  CHECK((app.application.has_value() || has_errors(app.diagnostics)));
  return out;
}

}  // namespace

TEST_CASE("every loader fuzz regression input loads without crashing") {
  const auto facts = fuzz_facts();
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(fixture("load/fuzz"))) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 4);
  for (const auto& file : files) {
    CAPTURE(file.filename().string());
    std::string text;
    REQUIRE(detail::read_text_file(file.string(), text));
    const auto start = std::chrono::steady_clock::now();
    const auto diagnostics = replay(text, facts);
    // Slow inputs are bugs too (the fuzzer's timeout is 10 s).
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
    // Lines end at LF, CRLF or a lone CR, as the loader reads them.
    int lines = 1;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')))
        ++lines;
    }
    for (const auto& d : diagnostics) {
      // Every diagnostic has a code of the catalogue and a place inside the
      // input (or none): never a line past its end.
      CHECK(find_diagnostic(d.code) != nullptr);
      CHECK(d.location.line >= 0);
      CHECK(d.location.line <= lines);
      CHECK(d.location.column >= 0);
    }
    // The JSON writer must accept whatever messages quote from the input.
    CHECK_NOTHROW((void)diagnostics_to_json(diagnostics));
  }
}

TEST_CASE("the real item seeds load as items") {
  const auto facts = fuzz_facts();
  std::string text;
  REQUIRE(detail::read_text_file(fixture("load/fuzz/seed-food-filing.yaml"), text));
  std::vector<Diagnostic> out;
  auto doc = detail::parse_yaml_text(text, "seed.yaml", out);
  REQUIRE(doc);
  detail::RulebookData data = facts;
  const auto item = detail::load_item(*doc, data, data.strings, out);
  REQUIRE(item);
  CHECK(item->code == "TJ-SCJG-BA-0020");
}

TEST_CASE("regression inputs give the diagnostics they were fixed to give") {
  const auto facts = fuzz_facts();
  const auto load = [&](const char* name) {
    std::string text;
    REQUIRE(detail::read_text_file(fixture(std::string("load/fuzz/") + name), text));
    return replay(text, facts);
  };
  // An empty `|` block: at its indicator, not 64 lines past the file.
  CHECK_DIAG(load("empty-block-scalar.yaml"), "SP201", 6, 11);
  // `\n` escapes in a quoted expression: on the scalar's line.
  CHECK_DIAG(load("newline-escapes.yaml"), "SP201", 4, 69);
  // A key with invalid UTF-8: SP101 at the byte itself (issue #12), and
  // the JSON stays valid.
  const auto utf8 = load("invalid-utf8-key.yaml");
  CHECK_DIAG(utf8, "SP101", 6, 6);
  CHECK(nlohmann::json::parse(diagnostics_to_json(utf8))[0]["message"].get<std::string>().find(
            "invalid UTF-8: byte 0xFF") != std::string::npos);
  // Anchors that refer to their own node.
  CHECK_DIAG(load("self-alias.yaml"), "SP103", 1, 1);
  CHECK_DIAG(load("alias-in-own-mapping.yaml"), "SP103", 1, 7);
}
