// SP308, SP401 and SP402 as `shenpi check` runs them.
#include <doctest/doctest.h>

#include "check/graph_checks.hpp"
#include "graph_helpers.hpp"

using namespace shenpi;
using shenpi::test::BookBuilder;
using shenpi::test::codes;
using shenpi::test::material;
using shenpi::test::working;

namespace {

#define CHECK_DIAG(d, code_, line_, column_) \
  do {                                       \
    CHECK((d).code == (code_));              \
    CHECK((d).location.line == (line_));     \
    CHECK((d).location.column == (column_)); \
  } while (false)

std::vector<Diagnostic> item_cycles(detail::RulebookData& data) {
  std::vector<Diagnostic> out;
  detail::check_item_cycles(data, out);
  return out;
}

std::vector<Diagnostic> bundle_checks(detail::RulebookData& data) {
  std::vector<Diagnostic> out;
  detail::check_bundles(data, out);
  return out;
}

}  // namespace

TEST_CASE("SP308: two items that require each other") {
  BookBuilder b;
  b.item("TJ-SEAL", working(1), {"seal"}, {material("business-license", 14, 11)});
  b.item("TJ-REG", working(1), {"business-license"}, {material("seal", 21, 11)});
  const auto out = item_cycles(b.data());
  REQUIRE(out.size() == 1);
  // Starts at the lowest code and points at its material that closes the cycle.
  CHECK_DIAG(out[0], "SP308", 21, 11);
  CHECK(out[0].severity == Severity::error);
  CHECK(out[0].message ==
        "items require each other (互为前后置): TJ-REG -[business-license]-> TJ-SEAL -[seal]-> "
        "TJ-REG");
  REQUIRE(out[0].notes.size() == 1);
  CHECK(out[0].notes[0].location.line == 14);
  CHECK(out[0].notes[0].message == "TJ-SEAL asks for 'business-license', which TJ-REG produces");
}

TEST_CASE("SP308: a longer cycle is reported once; chains and renewals are not cycles") {
  BookBuilder b;
  b.item("C", working(1), {"c"}, {material("b", 30, 5)});
  b.item("A", working(1), {"a"}, {material("c", 10, 5), material("a", 11, 5)});
  b.item("B", working(1), {"b"}, {material("a", 20, 5)});
  b.item("X", working(1), {"x"}, {material("a")});
  b.item("Y", working(1), {}, {material("x")});
  const auto out = item_cycles(b.data());
  REQUIRE(out.size() == 1);
  CHECK_DIAG(out[0], "SP308", 10, 5);
  CHECK(out[0].message == "items require each other (互为前后置): A -[a]-> B -[b]-> C -[c]-> A");
  CHECK(out[0].notes.size() == 2);
}

TEST_CASE("SP308: separate cycles each get a diagnostic; `never` makes no edge") {
  BookBuilder b;
  b.item("P", working(1), {"p"}, {material("q", 3, 3)});
  b.item("Q", working(1), {"q"}, {material("p", 4, 3)});
  b.item("R", working(1), {"r"}, {material("s", 5, 3)});
  b.item("S", working(1), {"s"}, {material("r", 6, 3)});
  Material never = material("u");
  never.requirement = Material::Requirement::never;
  b.item("T", working(1), {"t"}, {never});
  b.item("U", working(1), {"u"}, {material("t")});
  const auto out = item_cycles(b.data());
  REQUIRE(out.size() == 2);
  CHECK_DIAG(out[0], "SP308", 3, 3);
  CHECK_DIAG(out[1], "SP308", 5, 3);
}

TEST_CASE("SP401: a bundle cycle, at the bundle or at the dependency") {
  BookBuilder b;
  b.item("A", working(1), {"a"});
  b.item("B", working(1), {"b"}, {material("a")});
  b.item("C", working(1), {}, {material("late")});
  b.item("D", working(1), {"late"});
  Bundle& dep = b.bundle("DEP", {{"main", codes({"A", "B"})}}, 1);
  dep.depends.push_back({"B", "A", {"dep.yaml", 8, 7}});
  b.bundle("STAGES", {{"early", codes({"C"})}, {"later", codes({"D"})}}, 3);
  b.bundle("FINE", {{"main", codes({"A", "B"})}}, 5);
  auto out = bundle_checks(b.data());
  REQUIRE(out.size() == 2);
  CHECK_DIAG(out[0], "SP401", 8, 7);
  CHECK(out[0].location.file == "dep.yaml");
  CHECK(out[0].message == "dependency cycle in bundle DEP (互为前后置): A -[a]-> B -[depends]-> A");
  CHECK_DIAG(out[1], "SP401", 3, 9);
  CHECK(out[1].message ==
        "dependency cycle in bundle STAGES (互为前后置): C -[stage early→later]-> D -[late]-> C");
  REQUIRE(out[1].notes.size() == 2);
  CHECK(out[1].notes[0].message == "stage 'later' runs after stage 'early'");
}

TEST_CASE("SP402: critical path over the target, with both numbers and the path") {
  BookBuilder b;
  b.item("REG", working(1), {"license"});
  b.item("SEAL", working(2), {}, {material("license")});
  b.item("BANK", working(0));
  Bundle& over = b.bundle("KB", {{"main", codes({"REG", "SEAL", "BANK"})}}, 4);
  over.target = working(1);
  Bundle& fits = b.bundle("FITS", {{"main", codes({"REG", "BANK"})}}, 7);
  fits.target = working(1);
  Bundle& natural = b.bundle("NATURAL", {{"main", codes({"REG", "SEAL"})}}, 9);
  natural.target = Duration{2, Duration::Unit::natural_days};
  const auto out = bundle_checks(b.data());
  REQUIRE(out.size() == 2);
  CHECK_DIAG(out[0], "SP402", 4, 9);
  CHECK(out[0].message ==
        "bundle KB takes 3 working days on its critical path (REG → SEAL), above its target of 1 "
        "working day");
  CHECK_DIAG(out[1], "SP402", 9, 9);
  CHECK(out[1].message ==
        "bundle NATURAL takes 3 working days on its critical path (REG → SEAL), above its target "
        "of 2 working "
        "days (2 days)");
}

TEST_CASE("SP402 counts promised limits, and the graph reports the target") {
  BookBuilder b;
  b.item("A", working(1));
  Bundle& bundle = b.bundle("OK", {{"main", codes({"A"})}});
  bundle.target = working(1);
  auto book = b.build();
  CHECK(bundle_checks(const_cast<detail::RulebookData&>(detail::RulebookAccess::data(*book)))
            .empty());
  const ApprovalGraph statutory = book->graph("OK", GraphOptions{true, std::nullopt});
  CHECK(statutory.ok());
  CHECK(statutory.target_days() == 1);
  CHECK(statutory.critical_length() == 2);
}
