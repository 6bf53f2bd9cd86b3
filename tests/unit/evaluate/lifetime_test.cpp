// A decision keeps its rulebook alive: notices and JSON render after the
// caller dropped every other pointer to the rulebook (run under ASan and
// valgrind to see a use-after-free, should this regress); an invalid
// decision is safe to read; special procedures are decided once, by the
// evaluator, and the notice only reads them.
#include <memory>

#include "eval_test_util.hpp"

namespace shenpi::eval_test {
namespace {

TEST_CASE("a decision outlives the last caller-held pointer to its rulebook") {
  std::shared_ptr<const Rulebook> book = load_book(SHENPI_FIXTURES "/evaluate/basic");
  std::weak_ptr<const Rulebook> watch = book;
  Application a = good_application();
  drop_material(a, "plan");  // a supplement notice names the missing material
  Decision d = book->evaluate(a);
  REQUIRE_MESSAGE(d.valid(), dump(d.diagnostics));

  BindResult bound = bind_application(book, good_application());
  REQUIRE(bound.application);
  book.reset();
  CHECK_FALSE(watch.expired());  // held by the decision and the bound application

  const std::string notice = render_notice(d);
  CHECK(notice.find(d.item().name) != std::string::npos);
  CHECK(notice.find("补正") != std::string::npos);
  const std::string json = decision_to_json(d, true);
  CHECK(json.find("\"outcome\": \"supplement\"") != std::string::npos);
  CHECK(json.find("\"trace\"") != std::string::npos);
  CHECK_FALSE(render_trace(d).empty());

  // The bound application alone also keeps the rulebook usable.
  Decision again;
  watch.lock()->evaluate(bound.application, again);
  CHECK(again.outcome == Outcome::accept);

  d = Decision{};
  again = Decision{};
  bound.application.reset();
  CHECK(watch.expired());  // and nothing else kept it: no leak either
}

TEST_CASE("an invalid decision is safe to read and render") {
  Application a = good_application();
  a.item = "NO-SUCH-ITEM";
  const Decision d = basic().evaluate(a);
  REQUIRE_FALSE(d.valid());
  CHECK(d.application == nullptr);
  CHECK(d.item().code.empty());
  CHECK(d.item().materials.empty());
  CHECK(d.count(MaterialStatus::missing) == 0);
  CHECK(render_notice(d).find("SP602") != std::string::npos);
  CHECK(decision_to_json(d, true).find("\"outcome\": null") != std::string::npos);
  CHECK(render_trace(d).empty());

  const Decision empty;
  CHECK(empty.item().code.empty());
  CHECK(render_notice(empty).empty());
}

TEST_CASE("the decision records which special procedures apply, for the notice") {
  // The SP314 fixture: 游泳池水质检测 is special `when: venue.swimming`; the
  // expert review is special always (现场审核 too, wrongly: that is SP314's case).
  const auto book = load_book(SHENPI_FIXTURES "/check/special");
  Application a;
  a.item = "FX-HYG-0001";
  a.submitted_on = date("2025-09-26");
  a.materials.push_back({"application-form", {}});
  const auto special = [&](const Application& app) {
    const Decision d = decide(app, *book);
    REQUIRE_MESSAGE(d.valid(), dump(d.diagnostics));
    REQUIRE(d.special_steps.size() == d.item().steps.size());
    std::string names;
    for (std::size_t i = 0; i < d.special_steps.size(); ++i) {
      if (d.special_steps[i]) names += d.item().steps[i].id + " ";
    }
    return std::pair{names, render_notice(d)};
  };
  Application pool = a;
  set_fact(pool, "venue.swimming", true);
  const auto [with_pool, pool_notice] = special(pool);
  CHECK(with_pool == "site water expert ");
  CHECK(pool_notice.find("游泳池水质检测") != std::string::npos);
  Application hall = a;
  set_fact(hall, "venue.swimming", false);
  const auto [without, hall_notice] = special(hall);
  CHECK(without == "site expert ");
  CHECK(hall_notice.find("游泳池水质检测") == std::string::npos);
  // An unknown fact cannot rule the water test out: it still applies.
  const auto [unknown, unknown_notice] = special(a);
  CHECK(unknown == "site water expert ");
}

}  // namespace
}  // namespace shenpi::eval_test
