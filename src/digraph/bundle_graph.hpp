// A bundle as a Boost graph: its items, plus one barrier vertex per stage
// boundary so stage order costs O(n) edges rather than O(n²).
#pragma once

#include <optional>
#include <vector>

#include "digraph/digraph.hpp"
#include "model/data.hpp"

namespace shenpi::detail {

struct BundleGraph {
  const Bundle* bundle = nullptr;
  /// Vertex → index in RulebookData::items, for item vertices (bundle order).
  std::vector<int> items;
  /// Vertex → stage index, for item vertices.
  std::vector<int> stage_of;
  /// Vertices [0, items.size()) are items; barrier b follows, closing stage b.
  Digraph graph;

  bool is_item(Vertex v) const { return v < items.size(); }
};

/// Builds the graph of `bundle`: produced-material edges (a material of B,
/// not `never`, whose id is an output of another item A of the bundle),
/// `depends` edges and stage order. Unknown or repeated item codes are
/// skipped (the loader reports them). With `on`, each code is the version in
/// force that day (codes without one are skipped; the caller reports SP119).
BundleGraph build_bundle_graph(const RulebookData& data, const Bundle& bundle,
                               std::optional<Date> on = std::nullopt);

/// SP119 for each item of `bundle` with no version in force on `day`
/// (src/graph/bundle_versions.cpp).
std::vector<Diagnostic> versions_missing(const RulebookData& data, const Bundle& bundle, Date day);

/// Order for find_cycles: items by code, barriers last.
VertexLess by_code(const RulebookData& data, const BundleGraph& g);

/// SP401 for every cycle of the graph, printed with codes and edge reasons.
std::vector<Diagnostic> bundle_cycle_diagnostics(const RulebookData& data, const BundleGraph& g);

/// The limit a plan uses, promised or statutory.
const Duration& plan_limit(const Item& item, bool statutory);

/// Critical-path method over an acyclic bundle graph. Per-vertex vectors
/// cover barriers too (duration 0).
struct PlanTimes {
  std::vector<int> duration;
  std::vector<int> earliest_start;
  std::vector<int> earliest_finish;
  std::vector<int> latest_start;
  std::vector<int> latest_finish;
  std::vector<int> level;  ///< items: topological level; barriers: the level after their stage
  std::vector<Vertex> critical_path;  ///< item vertices, first to last
  int length = 0;
  int serial = 0;
};

/// Precondition: the graph has no cycle (find_cycles returned none).
PlanTimes plan_times(const RulebookData& data, const BundleGraph& g, bool statutory);

}  // namespace shenpi::detail
