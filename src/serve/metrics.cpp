#include "serve/metrics.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "serve/snapshot.hpp"

namespace shenpi::detail {
namespace {

constexpr std::array<std::string_view, kRouteCount> kRouteNames{
    "evaluate",     "evaluate_batch", "items",   "item",   "guide", "plan",
    "calendar_add", "healthz",        "metrics", "reload", "site",  "unknown"};

constexpr auto kRelaxed = std::memory_order_relaxed;

template <typename... Args>
void put(std::string& out, fmt::format_string<Args...> format, Args&&... args) {
  fmt::format_to(std::back_inserter(out), format, std::forward<Args>(args)...);
}

}  // namespace

std::string_view to_string(Route route) {
  return kRouteNames[static_cast<std::size_t>(route)];
}

void Metrics::request(Route route, int status, double seconds) {
  RouteCounters& r = routes_[static_cast<std::size_t>(route)];
  const auto* s = std::find(kStatuses.begin(), kStatuses.end() - 1, status);  // last slot: other
  r.by_status[static_cast<std::size_t>(s - kStatuses.begin())].fetch_add(1, kRelaxed);
  const auto* b = std::lower_bound(kBuckets.begin(), kBuckets.end(), seconds);
  r.buckets[static_cast<std::size_t>(b - kBuckets.begin())].fetch_add(1, kRelaxed);
  r.count.fetch_add(1, kRelaxed);
  r.sum_ns.fetch_add(static_cast<std::uint64_t>(seconds * 1e9), kRelaxed);
}

void Metrics::decision(const std::optional<Outcome>& outcome) {
  decisions_[tally_slot(outcome)].fetch_add(1, kRelaxed);
}

void Metrics::decisions(const Tally& tally) {
  // Once per chunk of a batch, not per decision: the counters are shared
  // by every worker, and a contended cache line costs more than a decision's
  // own counting.
  for (std::size_t i = 0; i < tally.size(); ++i) {
    if (tally[i] > 0) decisions_[i].fetch_add(tally[i], kRelaxed);
  }
}

void Metrics::reload(bool accepted) {
  (accepted ? reloads_ok_ : reloads_refused_).fetch_add(1, kRelaxed);
}

std::string Metrics::render(const Snapshot& snap) const {
  std::string out;
  put(out,
      "# HELP shenpi_http_requests_total HTTP requests by route and status.\n"
      "# TYPE shenpi_http_requests_total counter\n");
  for (std::size_t r = 0; r < kRouteCount; ++r) {
    for (std::size_t s = 0; s < kStatuses.size(); ++s) {
      const auto n = routes_[r].by_status[s].load(kRelaxed);
      if (n == 0) continue;
      const std::string status = kStatuses[s] == 0 ? "other" : std::to_string(kStatuses[s]);
      put(out, "shenpi_http_requests_total{{route=\"{}\",status=\"{}\"}} {}\n", kRouteNames[r],
          status, n);
    }
  }
  put(out,
      "# HELP shenpi_http_request_duration_seconds Time to answer a request.\n"
      "# TYPE shenpi_http_request_duration_seconds histogram\n");
  for (std::size_t r = 0; r < kRouteCount; ++r) {
    const auto count = routes_[r].count.load(kRelaxed);
    if (count == 0) continue;
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b <= kBuckets.size(); ++b) {
      cumulative += routes_[r].buckets[b].load(kRelaxed);
      const std::string le = b == kBuckets.size() ? "+Inf" : fmt::format("{}", kBuckets[b]);
      put(out, "shenpi_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
          kRouteNames[r], le, cumulative);
    }
    put(out, "shenpi_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", kRouteNames[r],
        static_cast<double>(routes_[r].sum_ns.load(kRelaxed)) / 1e9);
    put(out, "shenpi_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", kRouteNames[r],
        count);
  }
  put(out,
      "# HELP shenpi_decisions_total Decisions made, by outcome (invalid: the application was "
      "rejected "
      "as malformed).\n# TYPE shenpi_decisions_total counter\n");
  for (std::size_t o = 0; o < decisions_.size(); ++o) {
    const std::string_view name =
        o == kInvalidSlot ? "invalid" : to_string(static_cast<Outcome>(o));
    put(out, "shenpi_decisions_total{{outcome=\"{}\"}} {}\n", name, decisions_[o].load(kRelaxed));
  }
  put(out,
      "# HELP shenpi_reloads_total Rulebook reloads, by result.\n# TYPE shenpi_reloads_total "
      "counter\n"
      "shenpi_reloads_total{{result=\"accepted\"}} {}\nshenpi_reloads_total{{result=\"refused\"}} "
      "{}\n",
      reloads_ok_.load(kRelaxed), reloads_refused_.load(kRelaxed));
  put(out,
      "# HELP shenpi_rulebook_info The rulebook being served (SHA-256 of the rule files).\n"
      "# TYPE shenpi_rulebook_info gauge\n"
      "shenpi_rulebook_info{{digest=\"{}\",generation=\"{}\"}} 1\n",
      snap.digest, snap.generation);
  put(out,
      "# HELP shenpi_rulebook_items Items in the rulebook being served.\n# TYPE "
      "shenpi_rulebook_items gauge\n"
      "shenpi_rulebook_items {}\n",
      snap.items);
  put(out,
      "# HELP shenpi_rulebook_load_seconds Time the served rulebook took to load.\n"
      "# TYPE shenpi_rulebook_load_seconds gauge\nshenpi_rulebook_load_seconds {}\n",
      snap.load_seconds);
  put(out,
      "# HELP shenpi_rulebook_loaded_timestamp_seconds When the served rulebook was loaded (Unix "
      "time).\n"
      "# TYPE shenpi_rulebook_loaded_timestamp_seconds gauge\n"
      "shenpi_rulebook_loaded_timestamp_seconds {}\n",
      snap.loaded_at);
  return out;
}

}  // namespace shenpi::detail
