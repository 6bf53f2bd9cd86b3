// TypedBinder (shenpi/binder.hpp) against Rulebook::evaluate(Application):
// the 1,000 peer applications of bench/peers decided both ways into one
// reused Decision must give the same decision JSON (with its trace), and
// every input the slow path reports or treats specially must be refused
// by the binder, the slow path then deciding it as if the binder had never
// touched the Decision.
#include <algorithm>
#include <cmath>
#include <string>
#include <variant>

#include "../../../bench/peers/applications.hpp"
#include "evaluate/eval_test_util.hpp"
#include "shenpi/binder.hpp"
#include "shenpi/notice.hpp"

namespace shenpi {
namespace {

using namespace eval_test;

/// Binds `a` through `binder` by handle, resolving every name as a caller
/// would once (here per application, which the handles do not mind).
/// False at the first refusal, as the binder's contract says.
bool bind_typed(TypedBinder& binder, const ItemHandle& item, const Application& a, Decision& out) {
  const int v = binder.begin(item, a.submitted_on, out, a.as_of);
  if (v < 0) return false;
  const auto at = static_cast<std::size_t>(v);
  for (const ApplicationFact& f : a.facts) {
    const FactHandle fact = binder.fact(item, at, f.path);
    const bool ok = std::visit(
        [&](const auto& value) {
          using T = std::decay_t<decltype(value)>;
          if constexpr (std::is_same_v<T, bool>) {
            return binder.set_bool(fact, value);
          } else if constexpr (std::is_same_v<T, std::int64_t>) {
            return binder.set_int(fact, value);
          } else if constexpr (std::is_same_v<T, double>) {
            return binder.set_decimal(fact, value);
          } else if constexpr (std::is_same_v<T, Date>) {
            return binder.set_date(fact, value);
          } else if constexpr (std::is_same_v<T, std::string>) {
            const ValueHandle resolved = binder.value(fact, value);
            return resolved.valid() ? binder.set(fact, resolved) : binder.set_text(fact, value);
          } else {  // by resolved values when every element is a rule string
            std::vector<ValueHandle> values;
            for (const auto& v : value) values.push_back(binder.value(fact, v));
            if (std::all_of(values.begin(), values.end(), [](auto& v) { return v.valid(); }))
              return binder.set_values(fact, values);
            std::vector<std::string_view> texts(value.begin(), value.end());
            return binder.set_texts(fact, texts);
          }
        },
        f.value);
    if (!fact.valid() || !ok) return false;
  }
  std::vector<EntryHandle> materials;  // all at once, as a frame's list
  for (const ApplicationEntry& m : a.materials)
    materials.push_back(binder.material(item, at, m.id));
  if (!binder.add(materials)) return false;
  for (const ApplicationEntry& c : a.commitments) {
    if (!binder.add(binder.commitment(item, at, c.id))) return false;
  }
  binder.finish();
  return true;
}

std::string json_of(const Decision& d) {
  return d.valid() ? decision_to_json(d, true) : dump(d.diagnostics);
}

/// Decides `a` as the frame path does: by handle, else by the slow path.
/// Returns whether the binder took it; checks the decision either way.
bool check_against_slow(const Rulebook& book, TypedBinder& binder, const ItemHandle& item,
                        const Application& a, Decision& reused) {
  const bool typed = bind_typed(binder, item, a, reused);
  if (!typed) book.evaluate(a, reused);
  const Decision want = book.evaluate(a);
  CHECK(json_of(reused) == json_of(want));
  return typed;
}

TEST_CASE("TypedBinder decides the peer applications as Rulebook::evaluate does") {
  const auto book = peers::load_peer_book();
  TypedBinder binder(*book);
  const ItemHandle item = binder.item("PEER-0001");
  REQUIRE(item.valid());
  Decision reused;
  int typed = 0;
  for (const Application& a : peers::peer_applications()) {
    typed += check_against_slow(*book, binder, item, a, reused) ? 1 : 0;
  }
  // Every generated application is well formed, so none needs the slow path.
  CHECK(typed == 1000);
}

TEST_CASE("TypedBinder resolves names once, per version") {
  const auto book = peers::load_peer_book();
  TypedBinder binder(*book);
  CHECK_FALSE(binder.item("NO-SUCH-ITEM").valid());
  const ItemHandle item = binder.item("PEER-0001");
  REQUIRE(item.version_count() >= 1);
  CHECK(item.position_on(date("2026-03-01")) == 0);
  CHECK(binder.fact(item, 0, "shop.staff").valid());
  CHECK_FALSE(binder.fact(item, 0, "shop.no_such_fact").valid());
  CHECK_FALSE(binder.fact(item, 7, "shop.staff").valid());  // no such version
  const FactHandle kind = binder.fact(item, 0, "applicant.kind");
  CHECK(binder.value(kind, "enterprise").valid());
  CHECK_FALSE(binder.value(kind, "robot").valid());
  CHECK_FALSE(binder.value(binder.fact(item, 0, "shop.staff"), "12").valid());  // an int fact
  CHECK(binder.material(item, 0, "m01").valid());
  CHECK_FALSE(binder.material(item, 0, "m99").valid());
  CHECK(binder.commitment(item, 0, "m13").valid());
  CHECK(binder.commitment(item, 0, "c04").valid());
  CHECK(binder.commitment(item, 0, "tolerance-letter").valid());
  CHECK_FALSE(binder.commitment(item, 0, "c99").valid());
}

/// Mutations of a peer application that the slow path reports (or takes
/// in its own way); the binder must refuse each, and the Decision it
/// abandoned must decide by the slow path as a fresh one would.
TEST_CASE("TypedBinder refuses what the slow path reports, leaving it the decision") {
  const auto book = peers::load_peer_book();
  TypedBinder binder(*book);
  const ItemHandle item = binder.item("PEER-0001");
  const Application base = peers::peer_applications(1).front();
  struct Case {
    const char* name;
    void (*mutate)(Application&);
    bool invalid;  ///< the slow path gives diagnostics (else it decides it its own way)
  };
  const Case cases[] = {
      {"unknown enum word",
       [](Application& a) { set_fact(a, "applicant.kind", std::string("robot")); }, true},
      {"text for an int fact", [](Application& a) { set_fact(a, "shop.staff", std::string("12")); },
       true},
      {"fractional number for an int fact", [](Application& a) { set_fact(a, "shop.staff", 2.5); },
       true},
      {"NaN for a decimal fact",
       [](Application& a) { set_fact(a, "premises.area_m2", std::nan("")); }, true},
      {"int for a bool fact",
       [](Application& a) { set_fact(a, "shop.has_manager", std::int64_t{1}); }, true},
      {"unknown fact", [](Application& a) { set_fact(a, "shop.no_such_fact", true); }, true},
      {"fact given twice",
       [](Application& a) {
         a.facts.push_back({"shop.has_manager", false, {}, {}});
       },
       false},
      {"unknown material",
       [](Application& a) {
         a.materials.push_back({"m99", {}});
       },
       true},
      {"material given twice", [](Application& a) { a.materials.push_back(a.materials.front()); },
       false},
      {"unknown commitment",
       [](Application& a) {
         a.commitments.push_back({"c99", {}});
       },
       true},
      {"letter signed twice",
       [](Application& a) {
         a.commitments.push_back({"tolerance-letter", {}});
         a.commitments.push_back({"tolerance-letter", {}});
       },
       false},
      {"date outside the calendar", [](Application& a) { a.submitted_on = date("1990-01-01"); },
       true},
      {"unknown item", [](Application& a) { a.item = "NO-SUCH-ITEM"; }, true},
  };
  Decision reused;
  for (const Case& c : cases) {
    const std::string name = c.name;
    CAPTURE(name);
    Application a = base;
    c.mutate(a);
    const ItemHandle handle = binder.item(a.item);
    CHECK_FALSE(check_against_slow(*book, binder, handle, a, reused));
    CHECK(book->evaluate(a).valid() == !c.invalid);
    // The next, well-formed application goes by handle again, into the same Decision.
    CHECK(check_against_slow(*book, binder, item, base, reused));
  }
}

TEST_CASE("TypedBinder binds under the version in force, by its own handles") {
  const auto book = load_book(SHENPI_FIXTURES "/versions/reform");
  TypedBinder binder(*book);
  const ItemHandle item = binder.item("T-0001");
  REQUIRE(item.version_count() == 2);
  CHECK(item.position_on(date("2025-06-30")) == 0);
  CHECK(item.position_on(date("2025-07-01")) == 1);
  CHECK(item.position_on(date("2023-12-31")) == -1);
  CHECK(binder.material(item, 0, "plan").valid());
  CHECK_FALSE(binder.material(item, 1, "plan").valid());  // the reform dropped it
  Application a;
  a.item = "T-0001";
  Decision reused;
  for (const char* day : {"2025-03-03", "2025-08-01"}) {
    a.submitted_on = date(day);
    a.materials = {{"form", {}}};
    CHECK(check_against_slow(*book, binder, item, a, reused));
    a.commitments = {{"form", {}}};
    a.materials.clear();
    CHECK(check_against_slow(*book, binder, item, a, reused));
    a.materials = {{"form", {}}, {"plan", {}}};  // unknown after the reform
    CHECK(check_against_slow(*book, binder, item, a, reused) == (std::string(day) < "2025-07"));
    a.commitments.clear();
  }
  a.as_of = date("2023-06-01");  // before the first version: the slow path's SP620
  CHECK_FALSE(check_against_slow(*book, binder, item, a, reused));
  CHECK_FALSE(book->evaluate(a).valid());
  // A handle resolved for one version is refused while binding another.
  a.as_of.reset();
  REQUIRE(binder.begin(item, date("2025-08-01"), reused) == 1);
  CHECK_FALSE(binder.add(binder.material(item, 0, "form")));
  CHECK(binder.add(binder.material(item, 1, "form")));
}

TEST_CASE("TypedBinder refuses handles of another binding and calls out of order") {
  const auto book = peers::load_peer_book();
  TypedBinder binder(*book);
  const ItemHandle item = binder.item("PEER-0001");
  const FactHandle staff = binder.fact(item, 0, "shop.staff");
  CHECK_FALSE(binder.set_int(staff, 5));  // before begin()
  CHECK_FALSE(binder.set_int(FactHandle{}, 5));
  Decision out;
  REQUIRE(binder.begin(item, date("2026-03-02"), out) == 0);
  CHECK_FALSE(binder.set_int(FactHandle{}, 5));  // an unresolved fact
  CHECK_FALSE(binder.add(EntryHandle{}));
  CHECK(binder.set_int(staff, 5));
  CHECK_FALSE(binder.set_int(staff, 6));  // twice
  const ValueHandle enterprise = binder.value(binder.fact(item, 0, "applicant.kind"), "enterprise");
  CHECK_FALSE(binder.set(staff, enterprise));  // a value resolved for another fact
  const FactHandle scope = binder.fact(item, 0, "shop.scope");
  CHECK_FALSE(binder.value(scope, "wholesale").valid());  // no rule's word: set_texts
  const ValueHandle catering = binder.value(scope, "catering");
  REQUIRE(catering.valid());                 // a word the rules mention, as an element
  CHECK_FALSE(binder.set(scope, catering));  // an element is no value of the list
  CHECK_FALSE(binder.set_values(scope, std::vector<ValueHandle>{catering, enterprise}));
  CHECK(binder.set_values(scope, std::vector<ValueHandle>{catering}));
  CHECK_FALSE(binder.set_values(scope, std::vector<ValueHandle>{catering}));  // twice
}

}  // namespace
}  // namespace shenpi
