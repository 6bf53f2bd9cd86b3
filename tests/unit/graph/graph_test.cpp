// Bundle graphs built in code, with answers worked out by hand.
#include <doctest/doctest.h>

#include "graph_helpers.hpp"

using namespace shenpi;
using shenpi::test::BookBuilder;
using shenpi::test::codes;
using shenpi::test::material;
using shenpi::test::natural;
using shenpi::test::working;

namespace {

using Levels = std::vector<std::vector<std::string>>;

const GraphNode& node(const ApprovalGraph& g, std::string_view code) {
  const GraphNode* n = g.find_node(code);
  REQUIRE(n != nullptr);
  return *n;
}

/// A(2) -[a]-> B(3) -[b]-> C(1)
std::shared_ptr<const Rulebook> chain() {
  BookBuilder b;
  b.item("A", working(2), {"a"});
  b.item("B", working(3), {"b"}, {material("a")});
  b.item("C", working(1), {}, {material("b")});
  b.bundle("CHAIN", {{"main", codes({"C", "B", "A"})}});
  return b.build();
}

/// A(1) → B(3), C(1) → D(2)
std::shared_ptr<const Rulebook> diamond() {
  BookBuilder b;
  b.item("A", working(1), {"a"});
  b.item("B", working(3), {"b"}, {material("a")});
  b.item("C", working(1), {"c"}, {material("a")});
  b.item("D", working(2), {}, {material("b"), material("c")});
  b.bundle("DIAMOND", {{"main", codes({"A", "B", "C", "D"})}});
  return b.build();
}

}  // namespace

TEST_CASE("graph: a chain runs one item after another") {
  const ApprovalGraph g = chain()->graph("CHAIN");
  REQUIRE(g.ok());
  CHECK(g.levels() == Levels{{"A"}, {"B"}, {"C"}});
  CHECK(g.critical_path() == codes({"A", "B", "C"}));
  CHECK(g.critical_length() == 6);
  CHECK(g.serial_length() == 6);
  CHECK(node(g, "B").earliest_start == 2);
  CHECK(node(g, "C").earliest_finish == 6);
  for (const auto& n : g.nodes()) CHECK(n.slack == 0);
  // Nodes keep the bundle's order; edges follow it.
  CHECK(g.nodes().front().code == "C");
  REQUIRE(g.edges().size() == 2);
  CHECK(g.edges()[0] == GraphEdge{"B", "C", EdgeKind::material, "b", true});
  CHECK(g.edges()[1] == GraphEdge{"A", "B", EdgeKind::material, "a", true});
}

TEST_CASE("graph: a diamond runs its middle in parallel") {
  const ApprovalGraph g = diamond()->graph("DIAMOND");
  REQUIRE(g.ok());
  CHECK(g.levels() == Levels{{"A"}, {"B", "C"}, {"D"}});
  CHECK(g.critical_path() == codes({"A", "B", "D"}));
  CHECK(g.critical_length() == 6);
  CHECK(g.serial_length() == 7);
  const GraphNode& c = node(g, "C");
  CHECK(c.earliest_start == 1);
  CHECK(c.earliest_finish == 2);
  CHECK(c.latest_start == 3);
  CHECK(c.latest_finish == 4);
  CHECK(c.slack == 2);
  CHECK_FALSE(c.on_critical_path);
  CHECK(node(g, "D").earliest_start == 4);
  CHECK(node(g, "B").on_critical_path);
  int critical_edges = 0;
  for (const auto& e : g.edges()) critical_edges += e.on_critical_path ? 1 : 0;
  CHECK(critical_edges == 2);
}

TEST_CASE("graph: stages run in sequence, items inside a stage in parallel") {
  BookBuilder b;
  b.item("A", working(2));
  b.item("B", working(1));
  b.item("C", working(1));
  b.item("D", working(0));
  b.item("E", working(4));
  b.bundle("STAGED",
           {{"one", codes({"A", "B"})}, {"two", codes({"C", "D"})}, {"three", codes({"E"})}});
  const ApprovalGraph g = b.build()->graph("STAGED");
  REQUIRE(g.ok());
  CHECK(g.levels() == Levels{{"A", "B"}, {"C", "D"}, {"E"}});
  CHECK(g.critical_length() == 7);
  CHECK(g.serial_length() == 8);
  CHECK(g.critical_path() == codes({"A", "C", "E"}));
  CHECK(node(g, "B").slack == 1);
  CHECK(node(g, "D").slack == 1);
  CHECK(node(g, "E").earliest_start == 3);
  REQUIRE(g.stages().size() == 3);
  CHECK(g.stages()[1].items == codes({"C", "D"}));
  // Stage order is two stage edges, not one edge per pair of items.
  REQUIRE(g.edges().size() == 2);
  CHECK(g.edges()[0] == GraphEdge{"one", "two", EdgeKind::stage, "", true});
  CHECK(g.edges()[1] == GraphEdge{"two", "three", EdgeKind::stage, "", true});
}

TEST_CASE("graph: an empty stage still passes the order on") {
  BookBuilder b;
  b.item("A", working(2));
  b.item("B", working(1));
  b.bundle("GAP", {{"one", codes({"A"})}, {"empty", {}}, {"three", codes({"B"})}});
  const ApprovalGraph g = b.build()->graph("GAP");
  REQUIRE(g.ok());
  CHECK(g.levels() == Levels{{"A"}, {"B"}});
  CHECK(g.critical_length() == 3);
}

TEST_CASE("graph: produced-material edges, depends and what makes no edge") {
  BookBuilder b;
  b.item("LIC", working(1), {"license"});
  b.item("SEAL", working(1), {"seal"}, {material("license")});
  Material never = material("seal");
  never.requirement = Material::Requirement::never;
  Material shared = material("license");
  shared.source = Material::Source::shared;
  // Asks for its own output (a renewal), a `never` material and a shared one.
  b.item("TAX", working(0), {"tax"}, {material("tax"), never, shared});
  b.item("BANK", working(0), {}, {material("outside")});
  Bundle& bundle = b.bundle("EDGES", {{"main", codes({"LIC", "SEAL", "TAX", "BANK"})}});
  bundle.depends.push_back({"SEAL", "BANK", {"bundle.yaml", 9, 7}});
  const ApprovalGraph g = b.build()->graph("EDGES");
  REQUIRE(g.ok());
  REQUIRE(g.edges().size() == 3);
  CHECK(g.edges()[0] == GraphEdge{"LIC", "SEAL", EdgeKind::material, "license", true});
  CHECK(g.edges()[1] == GraphEdge{"LIC", "TAX", EdgeKind::material, "license", false});
  CHECK(g.edges()[2] == GraphEdge{"SEAL", "BANK", EdgeKind::depends, "", true});
  CHECK(g.critical_path() == codes({"LIC", "SEAL", "BANK"}));
  CHECK(g.critical_length() == 2);
  CHECK(node(g, "TAX").slack == 1);
}

TEST_CASE("graph: zero-day items lie on the critical path they extend") {
  BookBuilder b;
  b.item("A", working(3), {"a"});
  b.item("Z", working(0), {}, {material("a")});
  b.bundle("ZERO", {{"main", codes({"A", "Z"})}});
  const ApprovalGraph g = b.build()->graph("ZERO");
  CHECK(g.critical_path() == codes({"A", "Z"}));
  CHECK(g.critical_length() == 3);
  CHECK(node(g, "Z").earliest_start == 3);
  CHECK(node(g, "Z").earliest_finish == 3);
}

TEST_CASE("graph: durations come from promised limits, statutory on request") {
  BookBuilder b;
  b.item("A", working(5));
  Item& n = b.item("N", natural(20));
  n.time_limit.statutory = natural(30);
  b.item("I", working(0));
  b.bundle("LIMITS", {{"main", codes({"A", "N", "I"})}});
  const auto book = b.build();
  const ApprovalGraph promised = book->graph("LIMITS");
  CHECK(node(promised, "A").duration == 5);
  CHECK(node(promised, "N").duration == 15);  // ceil(20 × 5 / 7)
  CHECK(node(promised, "N").limit == natural(20));
  CHECK(node(promised, "I").duration == 0);
  CHECK(promised.critical_length() == 15);
  CHECK_FALSE(promised.statutory());
  const ApprovalGraph statutory = book->graph("LIMITS", GraphOptions{true, std::nullopt});
  CHECK(node(statutory, "A").duration == 10);
  CHECK(node(statutory, "N").duration == 22);  // ceil(30 × 5 / 7)
  CHECK(statutory.serial_length() == 32);
  CHECK(statutory.statutory());
}

TEST_CASE("graph: working_days converts natural days and 即办") {
  CHECK(working_days(working(7)) == 7);
  CHECK(working_days(natural(7)) == 5);
  CHECK(working_days(natural(1)) == 1);
  CHECK(working_days(natural(8)) == 6);
  CHECK(working_days(Duration{}) == 0);
}

TEST_CASE("graph: a dated schedule follows the working-day calendar") {
  BookBuilder b;
  b.item("A", working(2), {"a"});
  b.item("B", working(0), {"b"}, {material("a")});
  b.item("C", working(3), {}, {material("b")});
  b.bundle("DATED", {{"main", codes({"A", "B", "C"})}});
  const auto book = b.build();
  // Friday 2025-09-26; Sunday 09-28 is a make-up working day; 10-01..10-08 off.
  const ApprovalGraph g = book->graph("DATED", GraphOptions{false, Date::parse("2025-09-26")});
  REQUIRE(g.ok());
  CHECK(g.start() == Date::parse("2025-09-26"));
  CHECK(node(g, "A").start == Date::parse("2025-09-26"));
  CHECK(node(g, "A").finish == Date::parse("2025-09-29"));
  // A 即办 item starts and finishes the day its predecessor finishes.
  CHECK(node(g, "B").start == Date::parse("2025-09-29"));
  CHECK(node(g, "B").finish == Date::parse("2025-09-29"));
  CHECK(node(g, "C").start == Date::parse("2025-09-29"));
  CHECK(node(g, "C").finish == Date::parse("2025-10-10"));
  CHECK(g.finish() == Date::parse("2025-10-10"));
  REQUIRE(g.schedule().size() == 3);
  CHECK(g.schedule()[2].code == "C");

  // A start on a day off moves to the next working day.
  const ApprovalGraph holiday =
      book->graph("DATED", GraphOptions{false, Date::parse("2025-10-03")});
  CHECK(holiday.start() == Date::parse("2025-10-09"));
  CHECK(node(holiday, "A").finish == Date::parse("2025-10-11"));

  // Without a start date there is no schedule.
  const ApprovalGraph undated = book->graph("DATED");
  CHECK(undated.schedule().empty());
  CHECK_FALSE(undated.start().has_value());
  CHECK_FALSE(node(undated, "A").start.has_value());
}

TEST_CASE("graph: a schedule outside the calendar is SP504, not a guess") {
  BookBuilder b;
  b.item("A", working(10));
  b.bundle("LATE", {{"main", codes({"A"})}});
  const auto book = b.build();
  const ApprovalGraph g = book->graph("LATE", GraphOptions{false, Date::parse("2025-12-25")});
  CHECK_FALSE(g.ok());
  REQUIRE(g.diagnostics().size() == 1);
  CHECK(g.diagnostics()[0].code == "SP504");
  CHECK(g.schedule().empty());
  CHECK_FALSE(g.finish().has_value());
  const ApprovalGraph early = book->graph("LATE", GraphOptions{false, Date::parse("2024-06-03")});
  CHECK(early.diagnostics().at(0).code == "SP504");
}

TEST_CASE("graph: the merged checklist asks each material once") {
  BookBuilder b;
  Material shared = material("id-card");
  shared.source = Material::Source::shared;
  Material conditional = material("agent-letter");
  conditional.requirement = Material::Requirement::when;
  b.item("REG", working(1), {"license"}, {material("form"), material("id-card"), conditional});
  b.item("SEAL", working(1), {"seal"},
         {material("license"), material("id-card"), material("seal-form")});
  b.item("TAX", working(1), {}, {material("license"), material("seal"), shared, conditional});
  b.item("OTHER", working(1), {"outside"});
  b.bundle("KB", {{"main", codes({"REG", "SEAL", "TAX"})}});
  const ApprovalGraph g = b.build()->graph("KB");
  REQUIRE(g.checklist().size() == 4);
  CHECK(g.checklist()[0].material == "form");
  CHECK(g.checklist()[0].name == "form 材料");
  CHECK(g.checklist()[1].material == "id-card");
  CHECK(g.checklist()[1].items == codes({"REG", "SEAL"}));
  CHECK(g.checklist()[2].material == "agent-letter");
  CHECK(g.checklist()[2].conditional);
  CHECK(g.checklist()[2].items == codes({"REG", "TAX"}));
  CHECK(g.checklist()[3].material == "seal-form");
  CHECK_FALSE(g.checklist()[3].conditional);
  // Item by item: 3 + 3 + 3 (the shared id-card is never asked).
  CHECK(g.asked_separately() == 9);
  CHECK(g.asked_merged() == 4);
}

TEST_CASE("graph: an item's own materials merge only when their names agree") {
  // Every item has its own 申请书 under the same id; they are different forms.
  BookBuilder b;
  Material reg_form = material("application");
  reg_form.name = "设立登记申请书";
  Material tax_form = material("application");
  tax_form.name = "税务信息确认表";
  Material same_name = material("application");
  same_name.name = "设立登记申请书";
  Material catalogue = material("id-card");
  catalogue.catalog_id = "id-card";
  Material renamed = catalogue;
  renamed.name = "法定代表人身份证";  // a catalogue material is one document
  b.item("REG", working(1), {}, {reg_form, catalogue});
  b.item("TAX", working(1), {}, {tax_form, renamed});
  b.item("AGAIN", working(1), {}, {same_name});
  b.bundle("KB", {{"main", codes({"REG", "TAX", "AGAIN"})}});
  const ApprovalGraph g = b.build()->graph("KB");
  REQUIRE(g.checklist().size() == 3);
  CHECK(g.checklist()[0].name == "设立登记申请书");
  CHECK(g.checklist()[0].items == codes({"REG", "AGAIN"}));
  CHECK(g.checklist()[1].material == "id-card");
  CHECK(g.checklist()[1].items == codes({"REG", "TAX"}));
  CHECK(g.checklist()[2].name == "税务信息确认表");
  CHECK(g.checklist()[2].items == codes({"TAX"}));
  CHECK(g.asked_merged() == 3);
}

TEST_CASE("graph: a cycle of three is reported, not crashed on") {
  BookBuilder b;
  b.item("B", working(1), {"b"}, {material("a", 12, 9)});
  b.item("C", working(1), {"c"}, {material("b", 22, 9)});
  b.item("A", working(1), {"a"}, {material("c", 32, 9)});
  b.item("D", working(1), {}, {material("a")});
  b.bundle("LOOP", {{"main", codes({"B", "C", "A", "D"})}}, 2);
  const ApprovalGraph g = b.build()->graph("LOOP", GraphOptions{false, Date::parse("2025-03-03")});
  CHECK_FALSE(g.ok());
  REQUIRE(g.diagnostics().size() == 1);
  const Diagnostic& d = g.diagnostics()[0];
  CHECK(d.code == "SP401");
  CHECK(d.message == "dependency cycle in bundle LOOP (互为前后置): A -[a]-> B -[b]-> C -[c]-> A");
  CHECK(d.location == SourceLocation{"bundle.yaml", 2, 9});
  REQUIRE(d.notes.size() == 3);
  CHECK(d.notes[0].location.line == 12);
  CHECK(d.notes[0].message == "B asks for 'a', which A produces");
  CHECK(g.levels().empty());
  CHECK(g.critical_path().empty());
  CHECK(g.schedule().empty());
  CHECK(g.nodes().size() == 4);
  CHECK(g.edges().size() == 4);
  CHECK(g.find_node("D")->level == -1);
  CHECK_FALSE(to_text(g).empty());
  CHECK_FALSE(to_json(g).empty());
  CHECK_FALSE(to_dot(g).empty());
  CHECK_FALSE(to_mermaid(g).empty());
}

TEST_CASE("graph: stage order against a produced material is a cycle") {
  BookBuilder b;
  b.item("A", working(1), {}, {material("late", 7, 5)});
  b.item("B", working(1), {"late"});
  b.bundle("BACKWARDS", {{"first", codes({"A"})}, {"second", codes({"B"})}});
  const ApprovalGraph g = b.build()->graph("BACKWARDS");
  REQUIRE(g.diagnostics().size() == 1);
  CHECK(
      g.diagnostics()[0].message ==
      "dependency cycle in bundle BACKWARDS (互为前后置): A -[stage first→second]-> B -[late]-> A");
}

TEST_CASE("graph: a cycle through depends points at the dependency") {
  BookBuilder b;
  b.item("A", working(1), {"a"});
  b.item("B", working(1), {}, {material("a")});
  Bundle& bundle = b.bundle("DEP", {{"main", codes({"A", "B"})}});
  bundle.depends.push_back({"B", "A", {"bundle.yaml", 11, 7}});
  const ApprovalGraph g = b.build()->graph("DEP");
  REQUIRE(g.diagnostics().size() == 1);
  CHECK(g.diagnostics()[0].message ==
        "dependency cycle in bundle DEP (互为前后置): A -[a]-> B -[depends]-> A");
  CHECK(g.diagnostics()[0].location == SourceLocation{"bundle.yaml", 11, 7});

  BookBuilder self;
  self.item("A", working(1));
  Bundle& own = self.bundle("SELF", {{"main", codes({"A"})}});
  own.depends.push_back({"A", "A", {"bundle.yaml", 5, 7}});
  const ApprovalGraph s = self.build()->graph("SELF");
  REQUIRE(s.diagnostics().size() == 1);
  CHECK(s.diagnostics()[0].message ==
        "dependency cycle in bundle SELF (互为前后置): A -[depends]-> A");
}

TEST_CASE("graph: an unknown bundle names the ones that exist") {
  BookBuilder b;
  b.item("A", working(1));
  b.bundle("ONE", {{"main", codes({"A"})}});
  b.bundle("TWO", {{"main", codes({"A"})}});
  const ApprovalGraph g = b.build()->graph("THREE");
  CHECK_FALSE(g.ok());
  REQUIRE(g.diagnostics().size() == 1);
  CHECK(g.diagnostics()[0].code == "SP106");
  CHECK(g.diagnostics()[0].message == "unknown bundle 'THREE'; the rulebook has: ONE, TWO");
  CHECK(g.nodes().empty());
}

TEST_CASE("graph: the same rulebook gives the same graph") {
  const auto book = diamond();
  const GraphOptions options{false, Date::parse("2025-05-06")};
  CHECK(to_json(book->graph("DIAMOND", options)) == to_json(book->graph("DIAMOND", options)));
  CHECK(to_text(book->graph("DIAMOND", options)) == to_text(book->graph("DIAMOND", options)));
}
