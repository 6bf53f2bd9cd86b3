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
  const auto parsed =
      read_application_file(SHENPI_SOURCE_DIR "/examples/applications/food-accept.yaml");
  REQUIRE(parsed.application);
  const auto special = [&](const Application& a) {
    const Decision d = decide(a, tianjin());
    REQUIRE(d.special_steps.size() == d.item().steps.size());
    std::string names;
    for (std::size_t i = 0; i < d.special_steps.size(); ++i) {
      if (d.special_steps[i]) names += d.item().steps[i].id + " ";
    }
    return std::pair{names, render_notice(d)};
  };
  // catering: 现场核查 (`when: food.bulk_food or food.business_type == "catering"`)
  const auto [catering, catering_notice] = special(*parsed.application);
  CHECK(catering == "inspect ");
  CHECK(catering_notice.find("现场核查") != std::string::npos);
  Application retail = *parsed.application;
  set_fact(retail, "food.business_type", std::string("retail"));
  const auto [none, retail_notice] = special(retail);
  CHECK(none.empty());
  CHECK(retail_notice.find("现场核查") == std::string::npos);
  // Unknown facts cannot rule the inspection out: it still applies.
  Application unknown = *parsed.application;
  drop_fact(unknown, "food.business_type");
  drop_fact(unknown, "food.bulk_food");
  const Decision d = tianjin().evaluate(unknown);
  REQUIRE_MESSAGE(d.valid(), dump(d.diagnostics));  // missing facts are unknown, not errors
  const auto& steps = d.item().steps;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    CHECK(d.special_steps[i] == (steps[i].id == "inspect"));
  }
}

}  // namespace
}  // namespace shenpi::eval_test
