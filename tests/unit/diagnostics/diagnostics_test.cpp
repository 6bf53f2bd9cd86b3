// The diagnostics module: the catalogue, GCC-style printing with carets,
// JSON, and deterministic order.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <regex>
#include <set>

#include "shenpi/diagnostics.hpp"

using namespace shenpi;

TEST_CASE("the catalogue: sorted, unique codes and names, kebab-case") {
  const auto catalog = diagnostic_catalog();
  REQUIRE(catalog.size() > 40);
  std::set<std::string_view> names;
  const std::regex code_shape("SP[1-9][0-9][0-9]");
  const std::regex name_shape("[a-z]+(-[a-z0-9]+)*");
  for (std::size_t i = 0; i < catalog.size(); ++i) {
    CAPTURE(catalog[i].code);
    CHECK(std::regex_match(std::string(catalog[i].code), code_shape));
    CHECK(std::regex_match(std::string(catalog[i].name), name_shape));
    CHECK_FALSE(catalog[i].summary.empty());
    CHECK(catalog[i].severity != Severity::note);
    if (i > 0) CHECK(catalog[i - 1].code < catalog[i].code);
    CHECK(names.insert(catalog[i].name).second);
  }
}

TEST_CASE("find_diagnostic by code and by name") {
  const DiagnosticInfo* by_code = find_diagnostic("SP301");
  REQUIRE(by_code != nullptr);
  CHECK(by_code->name == "vague-material");
  CHECK(by_code->severity == Severity::error);
  CHECK(find_diagnostic("material-without-basis") == find_diagnostic("SP302"));
  CHECK(find_diagnostic("SP302")->severity == Severity::warning);
  CHECK(find_diagnostic("SP999") == nullptr);
  CHECK(find_diagnostic("sp301") == nullptr);
  CHECK(find_diagnostic("") == nullptr);
}

TEST_CASE("make_diagnostic takes the catalogue's severity") {
  CHECK(make_diagnostic("SP110", {}, "x").severity == Severity::warning);
  CHECK(make_diagnostic("SP203", {}, "x").severity == Severity::error);
  // An unknown code is an error rather than silently a warning.
  CHECK(make_diagnostic("SP999", {}, "x").severity == Severity::error);
  std::vector<Diagnostic> list{make_diagnostic("SP302", {"a.yaml", 1, 1}, "w")};
  CHECK_FALSE(has_errors(list));
  list.push_back(make_diagnostic("SP301", {"a.yaml", 2, 1}, "e"));
  CHECK(has_errors(list));
  CHECK(to_string(Severity::note) == "note");
}

TEST_CASE("format_diagnostic: file:line:col: severity[code]: message") {
  const Diagnostic d =
      make_diagnostic("SP203", {"rules/tj/items/food.yaml", 31, 11}, "cannot compare");
  CHECK(format_diagnostic(d) == "rules/tj/items/food.yaml:31:11: error[SP203]: cannot compare\n");
  // Unknown column, unknown line, no file at all.
  CHECK(format_diagnostic(make_diagnostic("SP302", {"a.yaml", 4, 0}, "m")) ==
        "a.yaml:4: warning[SP302]: m\n");
  CHECK(format_diagnostic(make_diagnostic("SP100", {"rules/x", 0, 0}, "m")) ==
        "rules/x: error[SP100]: m\n");
  CHECK(format_diagnostic(make_diagnostic("SP100", {}, "m")) == "shenpi: error[SP100]: m\n");
}

TEST_CASE("format_diagnostic: the source line and a caret under the column") {
  const Diagnostic d =
      make_diagnostic("SP202", {"a.yaml", 3, 11}, "unknown fact 'applicant.credt'");
  CHECK(format_diagnostic(d, "    when: applicant.credt == \"good\"") ==
        "a.yaml:3:11: error[SP202]: unknown fact 'applicant.credt'\n"
        "      when: applicant.credt == \"good\"\n"
        "            ^\n");
  // Column 1: the caret under the first character.
  CHECK(format_diagnostic(make_diagnostic("SP101", {"a.yaml", 1, 1}, "m"), "\tx") ==
        "a.yaml:1:1: error[SP101]: m\n  \tx\n  ^\n");
  // A tab before the column stays a tab, so the caret lines up.
  CHECK(format_diagnostic(make_diagnostic("SP101", {"a.yaml", 1, 2}, "m"), "\tx") ==
        "a.yaml:1:2: error[SP101]: m\n  \tx\n  \t^\n");
  // No caret without a column.
  CHECK(format_diagnostic(make_diagnostic("SP101", {"a.yaml", 1, 0}, "m"), "x") ==
        "a.yaml:1: error[SP101]: m\n");
}

TEST_CASE("format_diagnostic: a CJK character is two cells wide") {
  // `  - { id: a, name: 其他材料 }`: columns count bytes; 其他材料 are four
  // characters of three bytes, eight cells on screen.
  const std::string line = "  - { id: a, name: 其他材料, basis: law }";
  const auto column = static_cast<int>(line.find("basis")) + 1;
  CHECK(column == 34);
  const std::string text =
      format_diagnostic(make_diagnostic("SP106", {"a.yaml", 1, column}, "m"), line);
  const auto caret_line = text.substr(text.rfind('\n', text.size() - 2) + 1);
  // Two cells of indent, 19 ASCII characters, 4 × 2 cells, then ", ".
  CHECK(caret_line == std::string(2 + 19 + 8 + 2, ' ') + "^\n");
  // Two-byte characters (Latin, Cyrillic) are one cell.
  const std::string latin = "name: é x";
  const std::string t2 = format_diagnostic(make_diagnostic("SP101", {"a.yaml", 1, 10}, "m"), latin);
  CHECK(t2.substr(t2.rfind('\n', t2.size() - 2) + 1) == std::string(2 + 8, ' ') + "^\n");
}

TEST_CASE("format_diagnostic: notes follow the diagnostic") {
  Diagnostic d = make_diagnostic("SP105", {"b.yaml", 2, 9}, "item code 'T-1' defined twice");
  d.notes.push_back({{"a.yaml", 2, 9}, "first defined here"});
  CHECK(format_diagnostic(d) ==
        "b.yaml:2:9: error[SP105]: item code 'T-1' defined twice\n"
        "a.yaml:2:9: note: first defined here\n");
}

TEST_CASE("diagnostics_to_json: an array of flat objects with notes") {
  Diagnostic d = make_diagnostic("SP105", {"b.yaml", 2, 9}, "defined twice: 营业执照");
  d.notes.push_back({{"a.yaml", 3, 5}, "first defined here"});
  const std::vector<Diagnostic> list{d, make_diagnostic("SP302", {"c.yaml", 7, 11}, "no basis")};
  const auto j = nlohmann::json::parse(diagnostics_to_json(list));
  REQUIRE(j.is_array());
  REQUIRE(j.size() == 2);
  CHECK(j[0]["code"] == "SP105");
  CHECK(j[0]["severity"] == "error");
  CHECK(j[0]["file"] == "b.yaml");
  CHECK(j[0]["line"] == 2);
  CHECK(j[0]["column"] == 9);
  CHECK(j[0]["message"] == "defined twice: 营业执照");
  REQUIRE(j[0]["notes"].size() == 1);
  CHECK(j[0]["notes"][0] ==
        nlohmann::json{
            {"file", "a.yaml"}, {"line", 3}, {"column", 5}, {"message", "first defined here"}});
  CHECK(j[1]["severity"] == "warning");
  CHECK(j[1]["notes"].empty());
  CHECK(nlohmann::json::parse(diagnostics_to_json({})) == nlohmann::json::array());
}

TEST_CASE("sort_diagnostics: by file, line, column, code; exact duplicates dropped") {
  std::vector<Diagnostic> list{
      make_diagnostic("SP302", {"b.yaml", 1, 1}, "m"),
      make_diagnostic("SP301", {"a.yaml", 10, 1}, "m"),
      make_diagnostic("SP302", {"a.yaml", 9, 5}, "m"),
      make_diagnostic("SP202", {"a.yaml", 9, 5}, "m"),
      make_diagnostic("SP302", {"a.yaml", 9, 2}, "m"),
      make_diagnostic("SP302", {"b.yaml", 1, 1}, "m"),
      make_diagnostic("SP100", {"", 0, 0}, "m"),
  };
  sort_diagnostics(list);
  REQUIRE(list.size() == 6);
  const std::vector<std::string> got = [&] {
    std::vector<std::string> v;
    for (const auto& d : list)
      v.push_back(d.location.file + ":" + std::to_string(d.location.line) + ":" +
                  std::to_string(d.location.column) + ":" + d.code);
    return v;
  }();
  CHECK(got == std::vector<std::string>{":0:0:SP100", "a.yaml:9:2:SP302", "a.yaml:9:5:SP202",
                                        "a.yaml:9:5:SP302", "a.yaml:10:1:SP301",
                                        "b.yaml:1:1:SP302"});
  // Line 10 after line 9: numbers compare as numbers, not text.
}

TEST_CASE("diagnostics_to_json: invalid UTF-8 quoted from a rule file becomes U+FFFD") {
  const std::vector<Diagnostic> list{
      make_diagnostic("SP102", {"a.yaml", 7, 3}, "unknown key 'bad\xff\xfekey'")};
  std::string text;
  CHECK_NOTHROW(text = diagnostics_to_json(list));
  const auto j = nlohmann::json::parse(text);
  CHECK(j[0]["message"] == "unknown key 'bad\xef\xbf\xbd\xef\xbf\xbdkey'");
}
