// Parallel-approval graphs at scale: a generated 1,000-item bundle in four
// stages, each item asking for the outputs of a few earlier ones (a random
// DAG of produced-material edges). Target: build and analyse in ≤ 5 ms.
#include <benchmark/benchmark.h>

#include <memory>
#include <random>
#include <string>

#include "check/graph_checks.hpp"
#include "load/calendar_load.hpp"
#include "model/data.hpp"
#include "shenpi/graph.hpp"

namespace {

using shenpi::Duration;

/// Weekends-only calendar for 2025–2034, long enough for any generated plan.
shenpi::Calendar long_calendar() {
  shenpi::Calendar c;
  for (int year = 2025; year < 2035; ++year)
    shenpi::detail::CalendarBuilder::add_year(c, year, {}, {});
  return c;
}

std::unique_ptr<shenpi::detail::RulebookData> generate(int items, int stages, int max_inputs) {
  auto data = std::make_unique<shenpi::detail::RulebookData>();
  std::mt19937 rng(20250926);
  std::uniform_int_distribution<int> days(0, 5);
  shenpi::Bundle bundle;
  bundle.code = "BENCH";
  bundle.name = "生成的一件事";
  for (int s = 0; s < stages; ++s)
    bundle.stages.push_back({"stage-" + std::to_string(s), "阶段", {}, {}, {}});
  for (int i = 0; i < items; ++i) {
    shenpi::Item item;
    item.code = "ITEM-" + std::to_string(10000 + i);
    item.name = "事项" + std::to_string(i);
    item.time_limit.promised = Duration{days(rng), Duration::Unit::working_days};
    item.time_limit.statutory = Duration{20, Duration::Unit::working_days};
    item.outputs.push_back({"out-" + std::to_string(i), "证照", "", {}});
    // Inputs come from earlier items only, so the graph stays acyclic even
    // across the stage order (stage = position in the list).
    const int inputs = i == 0 ? 0 : std::uniform_int_distribution<int>(0, max_inputs)(rng);
    for (int k = 0; k < inputs; ++k) {
      shenpi::Material m;
      m.id = "out-" + std::to_string(std::uniform_int_distribution<int>(0, i - 1)(rng));
      m.name = "证照";
      if (item.material_index(m.id) < 0) item.materials.push_back(std::move(m));
    }
    for (int k = 0; k < 3; ++k) {
      shenpi::Material m;
      m.id = "applicant-" + std::to_string(std::uniform_int_distribution<int>(0, 49)(rng));
      m.name = "申请材料";
      if (item.material_index(m.id) < 0) item.materials.push_back(std::move(m));
    }
    bundle.stages[static_cast<std::size_t>(i * stages / items)].items.push_back(item.code);
    data->items.push_back(std::move(item));
  }
  data->bundles.push_back(std::move(bundle));
  data->calendar = long_calendar();
  shenpi::detail::finish_rulebook(*data);
  return data;
}

const shenpi::Rulebook& book() {
  static const auto instance = shenpi::detail::RulebookAccess::make(generate(1000, 4, 4));
  return *instance;
}

void BM_Graph1000(benchmark::State& state) {
  const auto& b = book();
  for (auto _ : state) benchmark::DoNotOptimize(b.graph("BENCH"));
  const auto g = b.graph("BENCH");
  state.counters["edges"] = static_cast<double>(g.edges().size());
  state.counters["critical_days"] = g.critical_length();
  state.counters["levels"] = static_cast<double>(g.levels().size());
}
BENCHMARK(BM_Graph1000)->Unit(benchmark::kMillisecond);

void BM_Graph1000Dated(benchmark::State& state) {
  const auto& b = book();
  const shenpi::GraphOptions options{false, shenpi::Date::parse("2025-09-26")};
  for (auto _ : state) benchmark::DoNotOptimize(b.graph("BENCH", options));
}
BENCHMARK(BM_Graph1000Dated)->Unit(benchmark::kMillisecond);

void BM_CheckGraphs1000(benchmark::State& state) {
  const auto& data = shenpi::detail::RulebookAccess::data(book());
  for (auto _ : state) {
    std::vector<shenpi::Diagnostic> out;
    shenpi::detail::check_item_cycles(data, out);
    shenpi::detail::check_bundles(data, out);
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_CheckGraphs1000)->Unit(benchmark::kMillisecond);

void BM_RenderJson1000(benchmark::State& state) {
  const auto g = book().graph("BENCH");
  for (auto _ : state) benchmark::DoNotOptimize(shenpi::to_json(g));
}
BENCHMARK(BM_RenderJson1000)->Unit(benchmark::kMillisecond);

void BM_RenderDot1000(benchmark::State& state) {
  const auto g = book().graph("BENCH");
  for (auto _ : state) benchmark::DoNotOptimize(shenpi::to_dot(g));
}
BENCHMARK(BM_RenderDot1000)->Unit(benchmark::kMillisecond);

}  // namespace
