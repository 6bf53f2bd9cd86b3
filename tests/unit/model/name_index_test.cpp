// The load-time name tables binding resolves facts, materials and
// commitments through (src/model/name_index.hpp), and the decisions made
// when a Decision's own bound application is bound again in place.
#include <string>
#include <vector>

#include "evaluate/eval_test_util.hpp"
#include "model/data.hpp"

namespace shenpi {
namespace {

using namespace eval_test;

TEST_SUITE("model.name_index") {
  TEST_CASE("every name maps to its index; others, prefixes and empty text to -1") {
    std::vector<std::string> owned;
    owned.reserve(300);
    for (int k = 0; k < 300; ++k) owned.push_back("m" + std::to_string(k));
    const std::vector<std::string_view> names(owned.begin(), owned.end());
    detail::NameIndex index;
    index.build(names);
    CHECK(index.size() == 300);
    for (int k = 0; k < 300; ++k) CHECK(index.find(owned[static_cast<std::size_t>(k)]) == k);
    CHECK(index.find("m300") == -1);
    CHECK(index.find("m") == -1);
    CHECK(index.find("") == -1);
    CHECK(index.find("m1 ") == -1);
  }

  TEST_CASE("name_hash reads every byte of names of every length up to 40") {
    // A byte the hash skipped would make names differing there collide
    // every time: the words, the overlapping halves and the short tail.
    for (std::size_t n = 1; n <= 40; ++n) {
      const std::string base(n, 'a');
      for (std::size_t at = 0; at < n; ++at) {
        std::string other = base;
        other[at] = 'b';
        CAPTURE(n);
        CAPTURE(at);
        CHECK(detail::name_hash(other) != detail::name_hash(base));
      }
      CHECK(detail::name_hash(base) != detail::name_hash(std::string(n + 1, 'a')));
    }
    CHECK(detail::name_hash("") != detail::name_hash(std::string(1, '\0')));
  }

  TEST_CASE("a table placed by the caller's hashes finds names by those hashes") {
    // As the Python module builds one from Python's own str hashes; equal
    // hashes for all names make every lookup probe and compare.
    std::vector<std::string> owned;
    for (int k = 0; k < 40; ++k) owned.push_back("fact." + std::to_string(k));
    const std::vector<std::string_view> names(owned.begin(), owned.end());
    for (const bool collide : {false, true}) {
      std::vector<std::uint64_t> hashes;
      for (std::size_t k = 0; k < names.size(); ++k) hashes.push_back(collide ? 7 : k * 1000003);
      detail::NameIndex index;
      index.build(names, hashes);
      CAPTURE(collide);
      REQUIRE(index.size() == names.size());
      for (std::size_t k = 0; k < names.size(); ++k) {
        CHECK(index.find(names[k], hashes[k]) == static_cast<int>(k));
        CHECK(index.find("fact.x", hashes[k]) == -1);
      }
    }
  }

  TEST_CASE("name_equal compares every byte of names of every length up to 40") {
    // Names whose hashes collide are told apart by this comparison alone.
    for (std::size_t n = 0; n <= 40; ++n) {
      const std::string base(n, 'a');
      CAPTURE(n);
      CHECK(detail::name_equal(base, std::string(base)));
      CHECK_FALSE(detail::name_equal(base, std::string(n + 1, 'a')));
      for (std::size_t at = 0; at < n; ++at) {
        std::string other = base;
        other[at] = 'b';
        CAPTURE(at);
        CHECK_FALSE(detail::name_equal(other, base));
        CHECK_FALSE(detail::name_equal(base, other));
      }
    }
  }

  TEST_CASE("names of every length from 0 to 40 are all found, and only they") {
    std::vector<std::string> owned;
    for (std::size_t n = 0; n <= 40; ++n) owned.emplace_back(n, 'x');
    for (std::size_t n = 1; n <= 40; ++n) owned.push_back(std::string(n - 1, 'x') + "y");
    const std::vector<std::string_view> names(owned.begin(), owned.end());
    detail::NameIndex index;
    index.build(names);
    REQUIRE(index.size() == owned.size());
    for (std::size_t k = 0; k < owned.size(); ++k) {
      CHECK(index.find(owned[k]) == static_cast<int>(k));
    }
    CHECK(index.find(std::string(41, 'x')) == -1);
    CHECK(index.find(std::string(40, 'x') + "z") == -1);
  }

  TEST_CASE("the keys are the table's own: it outlives the strings it was built from") {
    detail::NameIndex index;
    {
      std::vector<std::string> owned = {"applicant.credit.long-enough-to-leave-sso", "b"};
      index.build({owned[0], owned[1]});
    }
    CHECK(index.find("applicant.credit.long-enough-to-leave-sso") == 0);
    CHECK(index.find("b") == 1);
  }

  TEST_CASE("a name given twice keeps its first index; an empty table finds nothing") {
    detail::NameIndex index;
    index.build({"a", "b", "a"});
    CHECK(index.size() == 2);
    CHECK(index.find("a") == 0);
    detail::NameIndex empty;
    CHECK(empty.find("a") == -1);
    empty.build({});
    CHECK(empty.find("") == -1);
  }

  TEST_CASE("each item's tables agree with its lists; find_fact prefers item-local facts") {
    const Rulebook& book = tianjin();
    const auto& data = detail::RulebookAccess::data(book);
    REQUIRE(data.plans.size() == book.items().size());
    for (std::size_t i = 0; i < book.items().size(); ++i) {
      const Item& item = book.items()[i];
      const auto& plan = data.plans[i];
      for (std::size_t m = 0; m < item.materials.size(); ++m) {
        CHECK(plan.materials.find(item.materials[m].id) == static_cast<int>(m));
        CHECK(item.material_index(item.materials[m].id) == static_cast<int>(m));
      }
      for (std::size_t c = 0; c < item.conditions.size(); ++c) {
        CHECK(plan.conditions.find(item.conditions[c].id) == static_cast<int>(c));
      }
      for (const Fact& f : item.facts) CHECK(book.find_fact(item, f.path) == &f);
      for (const Fact& f : book.facts()) {
        const Fact* found = book.find_fact(item, f.path);
        REQUIRE(found != nullptr);
        CHECK(found->path == f.path);
      }
      CHECK(book.find_fact(item, "no.such_fact") == nullptr);
      CHECK(plan.materials.find("no-such-material") == -1);
    }
  }

  TEST_CASE("an Item copied out of the rulebook is still searched, by scanning") {
    const Rulebook& book = tianjin();
    for (const Item& item : book.items()) {
      if (item.facts.empty()) continue;
      const Item copy = item;
      CHECK(book.find_fact(copy, copy.facts.front().path) == &copy.facts.front());
      CHECK(book.find_fact(copy, book.facts().front().path) == &book.facts().front());
      return;
    }
    FAIL("no item of rules/tianjin has item-local facts");
  }
}

TEST_SUITE("evaluate.rebind") {
  /// The four shipped food-licence examples, read once.
  std::vector<Application> examples() {
    std::vector<Application> out;
    for (const char* file :
         {"food-accept.yaml", "food-supplement.yaml", "food-tolerated.yaml", "food-reject.yaml"}) {
      ApplicationResult r =
          read_application_file(std::string(SHENPI_SOURCE_DIR "/examples/applications/") + file);
      REQUIRE_MESSAGE(r.application, dump(r.diagnostics));
      out.push_back(std::move(*r.application));
    }
    return out;
  }

  /// Outcome, condition and material statuses: what rebinding must not change.
  std::string summary(const Decision& d) {
    std::string s = d.valid() ? std::string(to_string(*d.outcome)) : "invalid";
    for (const auto c : d.conditions) s += " " + std::string(to_string(c));
    for (const auto& m : d.materials) s += " " + std::string(to_string(m.status));
    for (const auto& x : d.diagnostics) s += " " + x.code;
    return s;
  }

  TEST_CASE("deciding into one reused Decision equals deciding each afresh, in any order") {
    const Rulebook& book = tianjin();
    const std::vector<Application> apps = examples();
    Decision reused;
    for (int round = 0; round < 3; ++round) {
      for (std::size_t k = 0; k < apps.size(); ++k) {
        const Application& a = apps[(k * 3 + static_cast<std::size_t>(round)) % apps.size()];
        book.evaluate(a, reused);
        CHECK(summary(reused) == summary(book.evaluate(a)));
      }
    }
  }

  /// A bound application decided into a new Decision.
  std::string decided(const Rulebook& book, const std::shared_ptr<const BoundApplication>& app) {
    Decision d;
    book.evaluate(app, d);
    return summary(d);
  }

  TEST_CASE("a bound application someone else holds is never bound again in place") {
    const Rulebook& book = tianjin();
    const std::vector<Application> apps = examples();
    Decision reused;
    book.evaluate(apps[0], reused);
    const std::shared_ptr<const BoundApplication> kept = reused.application;
    const std::string before = decided(book, kept);
    book.evaluate(apps[3], reused);
    CHECK(reused.application != kept);
    CHECK(decided(book, kept) == before);
    CHECK(summary(reused) == summary(book.evaluate(apps[3])));
  }

  TEST_CASE("a bad application after a good one leaves only its diagnostics") {
    const Rulebook& book = tianjin();
    std::vector<Application> apps = examples();
    Decision reused;
    book.evaluate(apps[0], reused);
    REQUIRE(reused.valid());
    Application bad = apps[0];
    bad.materials.push_back({"no-such-material", {"bad.yaml", 9, 3}});
    book.evaluate(bad, reused);
    CHECK_FALSE(reused.valid());
    CHECK(reused.application == nullptr);
    REQUIRE(reused.diagnostics.size() == 1);
    CHECK(reused.diagnostics[0].code == "SP605");
    book.evaluate(apps[1], reused);
    CHECK(summary(reused) == summary(book.evaluate(apps[1])));
  }
}

}  // namespace
}  // namespace shenpi
