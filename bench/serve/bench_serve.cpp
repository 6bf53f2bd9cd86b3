// `POST /v1/evaluate-batch` and `POST /v1/evaluate` without sockets: the
// router's whole path (split, read, decide, write the rows with their
// records) for the load test's application (examples/applications/
// food-tolerated.yaml as JSON). Process CPU time per decision is the figure
// to watch: the batch runs on the service's pool threads as well as on the
// caller, and the machine is shared. HTTP (Beast, the kernel, wrk) comes on
// top; bench/serve/load_test.py measures it all.
#include <benchmark/benchmark.h>

#include <stdexcept>
#include <string>

#include "serve/router.hpp"

namespace {

using namespace shenpi;
using namespace shenpi::detail;

const char* const kApplication =
    R"({"application": {"item": "TJ-SCJG-XK-0012", "submitted_on": "2025-09-26", "facts": )"
    R"({"applicant.credit": "good", "applicant.false_commitment": false, "applicant.uses_agent": )"
    R"(false, "food.only_prepackaged": false, "food.business_type": "catering", "food.bulk_food": )"
    R"(false, "food.vending_machine": false, "food.pollution_distance_m": 60, )"
    R"("food.has_safety_manager": true, "food.license_revoked_5y": false}, "materials": )"
    R"(["application-form", "equipment-list", "safety-rules"], "commitments": ["tolerance-letter"]}})";

ServeState& state() {
  static ServeState* const s = [] {
    auto* st = new ServeState();  // lives with the process, as the server's does
    ServeOptions options;
    options.rules = {SHENPI_SOURCE_DIR "/rules/tianjin"};
    options.site = false;
    std::shared_ptr<const Snapshot> snap;
    if (!load_snapshot(options, 1, snap).ok)
      throw std::runtime_error("rules/tianjin does not load");
    st->snapshot.store(snap);
    return st;
  }();
  return *s;
}

std::string batch_body(std::size_t n) {
  std::string body = "[";
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0) body += ',';
    body += kApplication;
  }
  return body + "]";
}

void BM_ServeBatch(benchmark::State& st) {
  const std::size_t n = static_cast<std::size_t>(st.range(0));
  const std::string body = batch_body(n);
  ServeState& s = state();
  for (auto _ : st) {
    ApiResponse r = route_request(s, {"POST", "/v1/evaluate-batch", body, ""});
    if (r.status != 200) st.SkipWithError("batch failed");
    benchmark::DoNotOptimize(r.body.data());
  }
  st.SetItemsProcessed(static_cast<std::int64_t>(st.iterations()) * st.range(0));
}
BENCHMARK(BM_ServeBatch)->Arg(100)->Arg(1000)->MeasureProcessCPUTime()->UseRealTime();

void BM_ServeEvaluate(benchmark::State& st) {
  ServeState& s = state();
  for (auto _ : st) {
    ApiResponse r = route_request(s, {"POST", "/v1/evaluate", kApplication, ""});
    if (r.status != 200) st.SkipWithError("evaluate failed");
    benchmark::DoNotOptimize(r.body.data());
  }
  st.SetItemsProcessed(static_cast<std::int64_t>(st.iterations()));
}
BENCHMARK(BM_ServeEvaluate)->MeasureProcessCPUTime()->UseRealTime();

}  // namespace
