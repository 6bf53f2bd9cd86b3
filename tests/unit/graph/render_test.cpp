// The text, JSON, DOT and Mermaid renderings of a bundle graph.
#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "graph_helpers.hpp"

using namespace shenpi;
using shenpi::test::BookBuilder;
using shenpi::test::codes;
using shenpi::test::material;
using shenpi::test::natural;
using shenpi::test::working;

namespace {

/// A two-stage company-opening bundle with Chinese names, a quote and a
/// backslash in a name, a natural-day limit and a 即办 item.
std::shared_ptr<const Rulebook> company() {
  BookBuilder b;
  Item& reg =
      b.item("TJ-REG", working(1), {"business-license"}, {material("form"), material("id-card")});
  reg.name = "企业设立登记";
  Item& seal =
      b.item("TJ-SEAL", working(0), {"seal"}, {material("business-license"), material("id-card")});
  seal.name = "公章刻制 \"备案\"";
  Item& tax = b.item("TJ-TAX", natural(3), {}, {material("business-license"), material("seal")});
  tax.name = "发票申领\\税控";
  Item& bank = b.item("TJ-BANK", working(1), {}, {material("business-license")});
  bank.name = "银行开户: 预约";
  Bundle& kb = b.bundle("TJ-KB", {{"register", codes({"TJ-REG"})},
                                  {"after", codes({"TJ-SEAL", "TJ-TAX", "TJ-BANK"})}});
  kb.name = "企业开办一件事";
  kb.target = working(4);
  return b.build();
}

/// Runs `dot -Tsvg` on `text`; returns its stderr, or nullopt without dot.
std::optional<std::string> run_dot(const std::string& text) {
  if (std::system("command -v dot >/dev/null 2>&1") != 0) return std::nullopt;
  const auto dir = std::filesystem::temp_directory_path();
  const auto stem = dir / ("shenpi-graph-" + std::to_string(std::rand()));
  std::ofstream(stem.string() + ".dot") << text;
  const std::string cmd = "dot -Tsvg " + stem.string() + ".dot -o " + stem.string() + ".svg 2>" +
                          stem.string() + ".err";
  const int rc = std::system(cmd.c_str());
  std::stringstream err;
  err << std::ifstream(stem.string() + ".err").rdbuf();
  const bool svg = std::filesystem::file_size(stem.string() + ".svg") > 0;
  for (const char* ext : {".dot", ".svg", ".err"}) std::filesystem::remove(stem.string() + ext);
  CHECK(rc == 0);
  CHECK(svg);
  return err.str();
}

}  // namespace

TEST_CASE("render: text reads like a plan") {
  const ApprovalGraph g = company()->graph("TJ-KB", GraphOptions{false, Date::parse("2025-09-26")});
  REQUIRE(g.ok());
  const std::string text = to_text(g);
  CHECK(text.find("企业开办一件事（TJ-KB）并联审批计划") == 0);
  CHECK(text.find("关键路径：4个工作日；逐项串联合计：5个工作日") != std::string::npos);
  CHECK(text.find("目标时限：4个工作日，达标") != std::string::npos);
  CHECK(text.find("【阶段2 after after 阶段】") != std::string::npos);
  CHECK(text.find("3个工作日（3日）") != std::string::npos);
  CHECK(text.find("TJ-REG → TJ-TAX") != std::string::npos);
  CHECK(text.find("一表申请：申请人提交材料 2 项（逐项分别申请共 7 项次）") != std::string::npos);
  CHECK(text.find("排期（2025-09-26 起") != std::string::npos);
}

TEST_CASE("render: JSON carries every field") {
  const ApprovalGraph g = company()->graph("TJ-KB", GraphOptions{false, Date::parse("2025-09-26")});
  const auto j = nlohmann::json::parse(to_json(g));
  CHECK(j["bundle"] == "TJ-KB");
  CHECK(j["limits"] == "promised");
  CHECK(j["target"]["working_days"] == 4);
  CHECK(j["critical_length"] == 4);
  CHECK(j["serial_length"] == 5);
  CHECK(j["critical_path"] == nlohmann::json::array({"TJ-REG", "TJ-SEAL", "TJ-TAX"}));
  CHECK(j["nodes"].size() == 4);
  CHECK(j["nodes"][2]["limit"] == "3 days");
  CHECK(j["nodes"][2]["duration"] == 3);
  CHECK(j["nodes"][2]["stage"] == "after");
  CHECK(j["nodes"][3]["slack"] == 2);
  CHECK(j["nodes"][0]["start"] == "2025-09-26");
  CHECK(j["start"] == "2025-09-26");
  CHECK(j["finish"] == "2025-10-09");
  CHECK(j["schedule"].size() == 4);
  CHECK(j["checklist"][1]["items"] == nlohmann::json::array({"TJ-REG", "TJ-SEAL"}));
  CHECK(j["asked_separately"] == 7);
  CHECK(j["asked_merged"] == 2);
  CHECK(j["diagnostics"].empty());
  // The critical path crosses the stage boundary on a material edge.
  CHECK(j["edges"].back() ==
        nlohmann::json{
            {"from", "register"}, {"to", "after"}, {"kind", "stage"}, {"critical", false}});
}

TEST_CASE("render: DOT has clusters, a red critical path and quoted labels") {
  const ApprovalGraph g = company()->graph("TJ-KB");
  const std::string dot = to_dot(g);
  CHECK(dot.find("digraph \"TJ-KB\" {") == 0);
  CHECK(dot.find("subgraph \"cluster_0\"") != std::string::npos);
  CHECK(dot.find("subgraph \"cluster_1\"") != std::string::npos);
  CHECK(dot.find("公章刻制 \\\"备案\\\"") != std::string::npos);
  CHECK(dot.find("发票申领\\\\税控") != std::string::npos);
  CHECK(dot.find("\"TJ-REG\" [label=\"TJ-REG\\n企业设立登记") != std::string::npos);
  CHECK(dot.find("\"TJ-REG\" -> \"TJ-SEAL\" [label=\"business-license\", color=\"#c00000\"") !=
        std::string::npos);
  CHECK(dot.find("\"TJ-REG\" -> \"TJ-TAX\" [label=\"business-license\"];") != std::string::npos);
  CHECK(dot.find("ltail=\"cluster_0\", lhead=\"cluster_1\"") != std::string::npos);
}

TEST_CASE("render: DOT renders with Graphviz without warnings") {
  const auto book = company();
  for (const auto& options : {GraphOptions{}, GraphOptions{true, Date::parse("2025-09-26")}}) {
    const auto err = run_dot(to_dot(book->graph("TJ-KB", options)));
    if (!err) break;
    CHECK_MESSAGE(err->empty(), *err);
  }
  // A graph with a cycle still draws.
  BookBuilder b;
  b.item("A", working(1), {"a"}, {material("b")});
  b.item("B", working(1), {"b"}, {material("a")});
  b.bundle("LOOP", {{"one", codes({"A"})}, {"two", codes({"B"})}});
  if (const auto err = run_dot(to_dot(b.build()->graph("LOOP")))) CHECK_MESSAGE(err->empty(), *err);
}

TEST_CASE("render: Mermaid has a flowchart, and a Gantt when dated") {
  const auto book = company();
  const std::string undated = to_mermaid(book->graph("TJ-KB"));
  CHECK(undated.find("```mermaid\nflowchart LR\n") == 0);
  CHECK(undated.find("gantt") == std::string::npos);
  CHECK(undated.find("subgraph s0[\"阶段1 register register 阶段\"]") != std::string::npos);
  CHECK(undated.find("公章刻制 #quot;备案#quot;") != std::string::npos);
  CHECK(undated.find("n0 -->|\"business-license\"| n2") != std::string::npos);
  CHECK(undated.find("s0 -.-> s1") != std::string::npos);
  CHECK(undated.find("class n0,n1,n2 critical") != std::string::npos);
  const std::string dated =
      to_mermaid(book->graph("TJ-KB", GraphOptions{false, Date::parse("2025-09-26")}));
  CHECK(dated.find("```mermaid\ngantt\n") != std::string::npos);
  CHECK(dated.find("TJ-REG 企业设立登记 :crit, n0, 2025-09-26, 2025-09-29") != std::string::npos);
  CHECK(dated.find("TJ-SEAL 公章刻制 \"备案\" :crit, milestone, n1, 2025-09-28, 0d") !=
        std::string::npos);
  CHECK(dated.find("TJ-BANK 银行开户： 预约 :n3") != std::string::npos);
}
