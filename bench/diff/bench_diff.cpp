// `shenpi diff --apps`: a caseload of one item decided under two rulebooks,
// the food licence before 证照分离 (总局令第17号) and today's. Its own
// binary: bench_evaluate.cpp counts allocations with an atomic in global
// operator new, which would tax both threads here.
//
//   BM_DiffApplications   diff_applications on 100,000 parsed applications,
//                         2 threads (the library's and the CLI's default).
//   BM_ReadCaseloadJsonl  read_caseload on the same 100,000 as JSONL: the
//                         parse the CLI adds (parse_application per line
//                         until the batch parser is merged).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>

#include "shenpi/diff.hpp"

namespace {

using namespace shenpi;

constexpr int kApplications = 100000;
const std::string kItems = SHENPI_SOURCE_DIR "/rules/tianjin/items/xuke/";

std::shared_ptr<const Rulebook> load(const std::string& file) {
  LoadResult loaded = load_rulebook({kItems + file});
  if (!loaded.ok()) throw std::runtime_error("cannot load " + file);
  return loaded.rulebook;
}

/// Like examples/reform/food_caseload.py: filed the pre-reform way, some
/// materials forgotten, dates in 2025. Deterministic (fixed seed).
std::string caseload_jsonl() {
  std::mt19937 rng(2021);
  auto chance = [&](double p) { return std::uniform_real_distribution<>(0, 1)(rng) < p; };
  const char* types[] = {"retail", "retail", "catering", "canteen"};
  std::string out;
  for (int k = 0; k < kApplications; ++k) {
    const std::string type = types[rng() % 4];
    std::string materials = "\"application-form\",\"business-license\",\"equipment-list\"";
    if (!chance(0.12)) materials += ",\"layout-plan\"";
    if (!chance(0.10)) materials += ",\"safety-rules\"";
    const int day = 1 + static_cast<int>(rng() % 28);
    const int month = 1 + static_cast<int>(rng() % 11);
    char date[11];
    std::snprintf(date, sizeof date, "2025-%02d-%02d", month, day);
    out += "{\"id\":\"B-" + std::to_string(k) +
           "\",\"application\":{\"item\":\"TJ-SCJG-XK-0012\"," + "\"submitted_on\":\"" + date +
           "\",\"facts\":{\"applicant.credit\":\"" + (chance(0.8) ? "good" : "normal") +
           "\",\"applicant.false_commitment\":false,\"applicant.uses_agent\":false," +
           "\"food.only_prepackaged\":false,\"food.business_type\":\"" + type +
           "\",\"food.bulk_food\":" + (chance(0.3) ? "true" : "false") +
           ",\"food.vending_machine\":false,\"food.pollution_distance_m\":" +
           (chance(0.1) ? "20" : "60") +
           ",\"food.has_safety_manager\":" + (chance(0.93) ? "true" : "false") +
           ",\"food.license_revoked_5y\":false},\"materials\":[" + materials + "]}}\n";
  }
  return out;
}

struct Fixture {
  std::shared_ptr<const Rulebook> before = load("food-license-2015.yaml");
  std::shared_ptr<const Rulebook> after = load("food-license.yaml");
  std::string path;
  Caseload caseload;
  Fixture() {
    path = (std::filesystem::temp_directory_path() /
            ("shenpi-bench-diff-" + std::to_string(::getpid()) + ".jsonl"))
               .string();
    std::ofstream(path, std::ios::binary) << caseload_jsonl();
    caseload = read_caseload(path);
    if (!caseload.diagnostics.empty() || caseload.applications.size() != kApplications) {
      throw std::runtime_error("bad generated caseload");
    }
  }
  ~Fixture() { std::filesystem::remove(path); }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

void BM_DiffApplications(benchmark::State& state) {
  Fixture& f = fixture();
  for (auto _ : state) {
    const Impact impact = diff_applications(*f.before, *f.after, f.caseload.applications,
                                            f.caseload.ids, static_cast<int>(state.range(0)));
    benchmark::DoNotOptimize(impact.transitions.data());
  }
  state.SetItemsProcessed(state.iterations() * kApplications);
}
BENCHMARK(BM_DiffApplications)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ReadCaseloadJsonl(benchmark::State& state) {
  Fixture& f = fixture();
  for (auto _ : state) {
    const Caseload c = read_caseload(f.path, 2);
    benchmark::DoNotOptimize(c.applications.data());
  }
  state.SetItemsProcessed(state.iterations() * kApplications);
}
BENCHMARK(BM_ReadCaseloadJsonl)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
