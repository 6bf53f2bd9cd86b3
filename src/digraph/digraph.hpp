// The Boost.Graph representation shared by bundle graphs and the
// rulebook-wide prerequisite check. Private to the digraph layer (src/digraph), which check and
// graph share.
#pragma once

#include <functional>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "shenpi/graph.hpp"

namespace shenpi::detail {

/// What made an edge, pointing back into the rule files for messages.
struct EdgeInfo {
  EdgeKind kind = EdgeKind::material;
  /// material: index of the material in the waiting item's `materials`;
  /// depends: index in the bundle's `depends`; stage: index of the stage
  /// the barrier closes.
  int ref = -1;
};

// vecS keeps vertex ids dense (0..n-1), so per-vertex data lives in plain
// vectors; bidirectional because the critical-path pass walks both ways; a
// vecS edge list because edges are never removed and a list would allocate
// once per edge.
using Digraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, boost::no_property,
                          EdgeInfo, boost::no_property, boost::vecS>;
using Vertex = Digraph::vertex_descriptor;
using Edge = Digraph::edge_descriptor;

/// Orders vertices for reporting (item codes); called only when a cycle exists.
using VertexLess = std::function<bool(Vertex, Vertex)>;

/// One shortest cycle for every strongly connected component that has one
/// (several vertices, or a self-loop), starting and ending at the
/// component's least vertex. Components come in order of that vertex, so
/// each cycle is reported once and output is deterministic.
std::vector<std::vector<Edge>> find_cycles(const Digraph& graph, const VertexLess& less);

}  // namespace shenpi::detail
