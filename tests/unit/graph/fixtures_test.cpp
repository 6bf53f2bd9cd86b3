// Graphs of rule folders loaded from disk: the fixtures under
// tests/fixtures/graph and the shipped bundles of rules/.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <unistd.h>

#include "shenpi/graph.hpp"
#include "shenpi/rulebook.hpp"

using namespace shenpi;

namespace {

std::string fixture(const char* name) {
  return std::string(SHENPI_FIXTURES) + "/graph/" + name;
}

std::string all(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const auto& d : diagnostics) text += format_diagnostic(d);
  return text;
}

std::shared_ptr<const Rulebook> load_ok(const std::string& path) {
  LoadResult loaded = load_rulebook({path});
  INFO(all(loaded.diagnostics));
  REQUIRE(loaded.ok());
  return loaded.rulebook;
}

const Diagnostic* find(const std::vector<Diagnostic>& diagnostics, std::string_view code,
                       std::string_view file) {
  for (const auto& d : diagnostics) {
    if (d.code == code && d.location.file.find(file) != std::string::npos) return &d;
  }
  return nullptr;
}

#define CHECK_DIAG_AT(diagnostics, code, file, line_, column_) \
  do {                                                         \
    const Diagnostic* found_ = find(diagnostics, code, file);  \
    REQUIRE_MESSAGE(found_ != nullptr, all(diagnostics));      \
    CHECK(found_->location.line == (line_));                   \
    CHECK(found_->location.column == (column_));               \
  } while (false)

/// stderr of `dot -Tsvg`, or nullopt when Graphviz is not installed.
std::optional<std::string> dot_warnings(const std::string& dot) {
  if (std::system("command -v dot >/dev/null 2>&1") != 0) return std::nullopt;
  // CTest runs test cases as parallel processes: each needs its own files.
  static int calls = 0;
  const auto stem =
      (std::filesystem::temp_directory_path() /
       ("shenpi-fixture-graph-" + std::to_string(::getpid()) + "-" + std::to_string(++calls)))
          .string();
  std::ofstream(stem + ".dot") << dot;
  const int rc =
      std::system(("dot -Tsvg " + stem + ".dot -o " + stem + ".svg 2>" + stem + ".err").c_str());
  std::stringstream err;
  err << std::ifstream(stem + ".err").rdbuf();
  for (const char* ext : {".dot", ".svg", ".err"}) std::filesystem::remove(stem + ext);
  CHECK(rc == 0);
  return err.str();
}

}  // namespace

TEST_CASE("graph fixtures: a company-opening bundle from rule files") {
  const auto book = load_ok(fixture("kb"));
  const ApprovalGraph g = book->graph("GR-KB");
  REQUIRE(g.ok());
  CHECK(g.levels() == std::vector<std::vector<std::string>>{
                          {"GR-REG"}, {"GR-SEAL", "GR-SSB"}, {"GR-TAX", "GR-BANK"}});
  CHECK(g.critical_path() == std::vector<std::string>{"GR-REG", "GR-SEAL", "GR-TAX"});
  CHECK(g.critical_length() == 3);
  CHECK(g.serial_length() == 4);
  CHECK(g.target_days() == 3);
  CHECK(g.find_node("GR-BANK")->slack == 1);
  REQUIRE(g.checklist().size() == 6);
  CHECK(g.checklist()[0].material == "application-form");
  CHECK(g.checklist()[0].name == "企业开办一表申请书");
  CHECK(g.checklist()[0].items == std::vector<std::string>{"GR-REG", "GR-SSB"});
  CHECK(g.checklist()[3].material == "agent-letter");
  CHECK(g.checklist()[3].conditional);
  CHECK(g.asked_separately() == 11);

  const ApprovalGraph statutory =
      book->graph("GR-KB", GraphOptions{true, Date::parse("2025-09-30")});
  REQUIRE(statutory.ok());
  CHECK(statutory.critical_length() == 7);  // 3 + 0 + ceil(5 × 5 / 7)
  CHECK(statutory.start() == Date::parse("2025-09-30"));
  CHECK(statutory.finish() == Date::parse("2025-10-16"));  // 国庆 10-01..10-08 off, 10-11 worked
  if (const auto err = dot_warnings(to_dot(statutory))) CHECK_MESSAGE(err->empty(), *err);
}

TEST_CASE("graph fixtures: SP308 for items that require each other") {
  const LoadResult loaded = load_rulebook({fixture("mutual")});
  CHECK_FALSE(loaded.ok());
  CHECK_DIAG_AT(loaded.diagnostics, "SP308", "mutual/items/a.yaml", 9, 11);
  const Diagnostic* d = find(loaded.diagnostics, "SP308", "a.yaml");
  CHECK(d->message ==
        "items require each other (互为前后置): MU-A -[a-cert]-> MU-B -[b-cert]-> MU-A");
  REQUIRE(d->notes.size() == 1);
  CHECK(d->notes[0].location.file.find("mutual/items/b.yaml") != std::string::npos);
  // The bundle holding both cannot be planned either.
  CHECK_DIAG_AT(loaded.diagnostics, "SP401", "mutual/bundles/both.yaml", 2, 9);
}

TEST_CASE("graph fixtures: SP401 at the dependency, or at the bundle for stage order") {
  const LoadResult loaded = load_rulebook({fixture("bundle-cycle")});
  CHECK_FALSE(loaded.ok());
  CHECK_DIAG_AT(loaded.diagnostics, "SP401", "bundle-cycle/bundles/depends.yaml", 6, 7);
  CHECK_DIAG_AT(loaded.diagnostics, "SP401", "bundle-cycle/bundles/stages.yaml", 2, 9);
  CHECK(find(loaded.diagnostics, "SP401", "depends.yaml")->message ==
        "dependency cycle in bundle BC-DEPENDS (互为前后置): BC-X -[plan-permit]-> BC-Y "
        "-[depends]-> BC-X");
  CHECK(find(loaded.diagnostics, "SP401", "stages.yaml")->message ==
        "dependency cycle in bundle BC-STAGES (互为前后置): BC-X -[plan-permit]-> BC-Y -[stage "
        "build→plan]-> BC-X");
}

TEST_CASE("graph fixtures: SP402 when the critical path is above the target") {
  const LoadResult loaded = load_rulebook({fixture("over-target")});
  CHECK_FALSE(loaded.ok());
  CHECK_DIAG_AT(loaded.diagnostics, "SP402", "over-target/bundles/slow.yaml", 2, 9);
  CHECK(find(loaded.diagnostics, "SP402", "slow.yaml")->message ==
        "bundle OT-SLOW takes 8 working days on its critical path (OT-X → OT-Y), above its target "
        "of 6 working "
        "days");
}

TEST_CASE("graph: the shipped Tianjin bundles plan within their targets and draw cleanly") {
  const auto book = load_ok(std::string(SHENPI_SOURCE_DIR) + "/rules/tianjin");
  REQUIRE_FALSE(book->bundles().empty());
  for (const auto& bundle : book->bundles()) {
    INFO(bundle.code);
    for (const bool statutory : {false, true}) {
      const ApprovalGraph g =
          book->graph(bundle.code, GraphOptions{statutory, Date::parse("2025-03-03")});
      INFO(all(g.diagnostics()));
      REQUIRE(g.ok());
      CHECK(g.nodes().size() == g.schedule().size());
      CHECK(g.critical_length() <= g.serial_length());
      if (!statutory && g.target_days() >= 0) CHECK(g.critical_length() <= g.target_days());
      if (const auto err = dot_warnings(to_dot(g))) CHECK_MESSAGE(err->empty(), *err);
    }
  }
}

TEST_CASE("graph: 企业开办 in Tianjin takes one working day") {
  const auto book = load_ok(std::string(SHENPI_SOURCE_DIR) + "/rules/tianjin");
  const ApprovalGraph g = book->graph("TJ-YJS-QYKB");
  REQUIRE(g.ok());
  CHECK(g.critical_length() == 1);
  CHECK(g.target_days() == 1);
  CHECK(g.levels().front() == std::vector<std::string>{"TJ-SCJG-DJ-0001"});
  CHECK(g.asked_merged() < g.asked_separately());
  const ApprovalGraph gcjs = book->graph("TJ-GCJS-SHTZ-YB");
  REQUIRE(gcjs.ok());
  CHECK(gcjs.stages().size() == 4);
  CHECK(gcjs.critical_length() <= 58);
}
