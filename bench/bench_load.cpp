// Loading and checking a city's whole catalogue: 10,000 generated items
// (each 6 conditions, 12 materials, a tolerance policy, steps, outputs)
// plus bundles, cold (yaml-cpp parses every file) and warm (parse trees
// from a cache folder). Target: ≤ 1 s warm on the 2-core CI machine.
#include <filesystem>
#include <fstream>
#include <string>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "shenpi/rulebook.hpp"

namespace {

namespace fs = std::filesystem;

std::string item_yaml(int i) {
  std::string y = fmt::format(R"(item:
  code: GEN-{0:05}
  name: 生成事项{0}
  kind: administrative_license
  authority: 区行政审批局
  basis:
    - {{ id: law, title: 《某法》第{1}条 }}
  service: {{ online: full, max_visits: 0 }}
facts:
  item{0}.area: {{ type: decimal, label: 面积 }}
conditions:
  - {{ id: c1, text: 信用, when: applicant.credit != "dishonest", on_fail: reject, basis: law }}
  - {{ id: c2, text: 面积, when: item{0}.area >= 10 and applicant.uses_agent == false, basis: law }}
  - {{ id: c3, text: 类型, when: 'applicant.kind in ["enterprise", "individual_business"]', basis: law }}
  - {{ id: c4, text: 人数, when: staff.count >= 3 or staff.count + 2 > 6, basis: law, commitment: allowed }}
  - {{ id: c5, text: 范围, when: '"catering" in business.scope', basis: law }}
  - {{ id: c6, text: 日期, when: applicant.founded <= 2025-01-01, basis: law }}
materials:
  - {{ use: business-license }}
  - {{ use: id-card }}
)",
                              i, i % 100 + 1);
  for (int m = 0; m < 10; ++m) {
    y += fmt::format("  - {{ id: m{0}, name: 材料{0}, basis: law{1}{2} }}\n", m,
                     m < 3 ? ", tolerable: true" : "",
                     m == 5 ? ", required: applicant.uses_agent" : "");
  }
  y +=
      R"(tolerance: { when: applicant.credit == "good", max_missing: 2, supply_within: 5 working days }
time_limit: { statutory: 20 working days, promised: 5 working days, extension: 10 working days }
steps:
  - { id: accept, name: 受理, takes: 0 }
  - { id: review, name: 审查, takes: 3 working days }
  - { id: decide, name: 决定, takes: 1 working day }
)";
  y += fmt::format("outputs:\n  - {{ id: out-{0:05}, name: 证照{0}, valid_for: 5 years }}\n", i);
  return y;
}

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
}

fs::path generate(int items) {
  const fs::path root = fs::temp_directory_path() / fmt::format("shenpi-bench-load-{}", items);
  if (fs::exists(root / "gen" / "items" / fmt::format("i{:05}.yaml", items - 1)))
    return root / "gen";
  fs::remove_all(root);
  fs::create_directories(root);
  fs::copy(SHENPI_SOURCE_DIR "/rules/calendar", root / "calendar", fs::copy_options::recursive);
  write(root / "gen/facts.yaml", R"(facts:
  applicant.kind: { type: enum, values: [enterprise, individual_business, person], label: 类型 }
  applicant.credit: { type: enum, values: [good, normal, dishonest], label: 信用 }
  applicant.uses_agent: { type: bool, label: 委托 }
  applicant.founded: { type: date, label: 成立日期 }
  staff.count: { type: int, label: 人数 }
  business.scope: { type: list<string>, label: 经营范围 }
)");
  write(root / "gen/materials.yaml", R"(materials:
  business-license: { name: 营业执照, source: shared, basis: 《市场主体登记管理条例》 }
  id-card: { name: 居民身份证, source: shared, basis: 《居民身份证法》 }
)");
  for (int i = 0; i < items; ++i)
    write(root / "gen/items" / fmt::format("i{:05}.yaml", i), item_yaml(i));
  for (int b = 0; b < 10; ++b) {
    std::string y = fmt::format(
        "bundle:\n  code: GEN-B{0}\n  name: 生成一件事{0}\n  target: 30 working days\n  items: [",
        b);
    for (int k = 0; k < 20; ++k) y += fmt::format("{}GEN-{:05}", k ? ", " : "", b * 20 + k);
    write(root / "gen/bundles" / fmt::format("b{}.yaml", b), y + "]\n");
  }
  return root / "gen";
}

/// Loads the generated catalogue of `state.range(0)` items with `options`.
void load_generated(benchmark::State& state, const shenpi::LoadOptions& options) {
  const auto items = static_cast<int>(state.range(0));
  const fs::path dir = generate(items);
  for (auto _ : state) {
    shenpi::LoadResult r = shenpi::load_rulebook({dir.string()}, options);
    if (!r.ok() || static_cast<int>(r.rulebook->items().size()) != items) {
      state.SkipWithError("generated rulebook did not load clean");
      break;
    }
    benchmark::DoNotOptimize(r);
  }
  state.counters["items/s"] =
      benchmark::Counter(static_cast<double>(items), benchmark::Counter::kIsIterationInvariantRate);
}

// Cold: every file through yaml-cpp, as without a cache folder.
void BM_LoadRulebook(benchmark::State& state) {
  load_generated(state, {});
}

// Warm: the same load with LoadOptions::cache_dir filled by an earlier
// load, as `shenpi serve` reloads and repeated `shenpi check` runs see it.
void BM_LoadRulebookWarm(benchmark::State& state) {
  const fs::path cache =
      fs::temp_directory_path() / fmt::format("shenpi-bench-load-cache-{}", state.range(0));
  fs::remove_all(cache);
  shenpi::LoadOptions options;
  options.cache_dir = cache.string();
  const shenpi::LoadResult first =
      shenpi::load_rulebook({generate(static_cast<int>(state.range(0))).string()}, options);
  if (!first.ok()) state.SkipWithError("generated rulebook did not load clean");
  load_generated(state, options);
  fs::remove_all(cache);
}

// Real time: the load runs on worker threads, so the main thread's CPU time says little.
BENCHMARK(BM_LoadRulebook)
    ->Arg(1000)
    ->Arg(10000)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0)
    ->UseRealTime();
BENCHMARK(BM_LoadRulebookWarm)
    ->Arg(1000)
    ->Arg(10000)
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0)
    ->UseRealTime();

}  // namespace
