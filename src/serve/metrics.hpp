// Counters for GET /metrics (Prometheus text format 0.0.4). Lock-free:
// every request bumps a few relaxed atomics, so metrics cost nothing a
// worker would wait on.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "shenpi/evaluate.hpp"

namespace shenpi::detail {

struct Snapshot;

/// The routes, as metrics label them (a fixed set, so a scanner probing
/// random paths cannot grow the label space).
enum class Route {
  evaluate,
  evaluate_batch,
  items,
  item,
  guide,
  plan,
  calendar_add,
  healthz,
  metrics,
  reload,
  site,
  unknown,
};
inline constexpr std::size_t kRouteCount = 12;
std::string_view to_string(Route route);

class Metrics {
 public:
  /// One finished request. `status` is the HTTP status, `seconds` the time
  /// from the first byte of the request to the response handed to the socket.
  void request(Route route, int status, double seconds);
  /// One decision made (single or in a batch); invalid applications count
  /// under `invalid`.
  void decision(const std::optional<Outcome>& outcome);
  /// Decisions a batch's worker counted, slot for slot as decision() counts
  /// them (tally_slot).
  /// One slot per Outcome (review included), then one for invalid applications.
  static constexpr std::size_t kInvalidSlot = static_cast<std::size_t>(Outcome::review) + 1;
  using Tally = std::array<std::uint64_t, kInvalidSlot + 1>;
  static std::size_t tally_slot(const std::optional<Outcome>& outcome) {
    return outcome ? static_cast<std::size_t>(*outcome) : kInvalidSlot;
  }
  void decisions(const Tally& tally);
  void reload(bool accepted);
  /// The whole exposition, with the rulebook gauges of `snapshot`.
  std::string render(const Snapshot& snapshot) const;

 private:
  static constexpr std::array<int, 10> kStatuses{200, 400, 404, 405, 408, 413, 415, 500, 503, 0};
  static constexpr std::array<double, 14> kBuckets{
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
  struct RouteCounters {
    std::array<std::atomic<std::uint64_t>, kStatuses.size()> by_status{};
    std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> buckets{};  // last: +Inf
    std::atomic<std::uint64_t> count{0};
    std::atomic<std::uint64_t> sum_ns{0};
  };
  std::array<RouteCounters, kRouteCount> routes_{};
  std::array<std::atomic<std::uint64_t>, kInvalidSlot + 1> decisions_{};  // outcomes + invalid
  std::atomic<std::uint64_t> reloads_ok_{0};
  std::atomic<std::uint64_t> reloads_refused_{0};
};

}  // namespace shenpi::detail
