// Cycle finding for the prerequisite checks (互为前后置) and bundle graphs.
#include <algorithm>
#include <deque>
#include <limits>
#include <optional>

#include <boost/graph/strong_components.hpp>

#include "digraph/digraph.hpp"

namespace shenpi::detail {
namespace {

/// The shortest cycle through `start` that stays inside its component.
std::vector<Edge> shortest_cycle(const Digraph& g, const std::vector<int>& component,
                                 Vertex start) {
  const int c = component[start];
  std::vector<std::optional<Edge>> parent(boost::num_vertices(g));
  std::vector<char> seen(boost::num_vertices(g), 0);
  std::deque<Vertex> queue{start};
  seen[start] = 1;
  while (!queue.empty()) {
    const Vertex u = queue.front();
    queue.pop_front();
    for (const Edge e : boost::make_iterator_range(boost::out_edges(u, g))) {
      const Vertex w = boost::target(e, g);
      if (component[w] != c) continue;
      if (w == start) {
        std::vector<Edge> cycle{e};
        for (Vertex v = u; v != start; v = boost::source(*parent[v], g)) {
          cycle.push_back(*parent[v]);
        }
        std::reverse(cycle.begin(), cycle.end());
        return cycle;
      }
      if (seen[w]) continue;
      seen[w] = 1;
      parent[w] = e;
      queue.push_back(w);
    }
  }
  return {};
}

}  // namespace

std::vector<std::vector<Edge>> find_cycles(const Digraph& g, const VertexLess& less) {
  const auto n = boost::num_vertices(g);
  std::vector<int> component(n, 0);
  const int count = n == 0 ? 0 : boost::strong_components(g, component.data());
  // Only a component of several vertices, or a vertex waiting for itself
  // (an explicit `depends`), holds a cycle.
  std::vector<int> size(static_cast<std::size_t>(count), 0);
  std::vector<char> cyclic(static_cast<std::size_t>(count), 0);
  for (Vertex v = 0; v < n; ++v) {
    if (++size[static_cast<std::size_t>(component[v])] > 1) {
      cyclic[static_cast<std::size_t>(component[v])] = 1;
    }
  }
  for (const Edge e : boost::make_iterator_range(boost::edges(g))) {
    if (boost::source(e, g) == boost::target(e, g)) {
      cyclic[static_cast<std::size_t>(component[boost::source(e, g)])] = 1;
    }
  }
  if (std::find(cyclic.begin(), cyclic.end(), 1) == cyclic.end()) return {};
  constexpr Vertex none = std::numeric_limits<Vertex>::max();
  std::vector<Vertex> least(static_cast<std::size_t>(count), none);
  for (Vertex v = 0; v < n; ++v) {
    Vertex& best = least[static_cast<std::size_t>(component[v])];
    if (best == none || less(v, best)) best = v;
  }
  std::vector<Vertex> starts;
  for (std::size_t c = 0; c < least.size(); ++c) {
    if (cyclic[c]) starts.push_back(least[c]);
  }
  std::sort(starts.begin(), starts.end(), less);
  std::vector<std::vector<Edge>> cycles;
  cycles.reserve(starts.size());
  for (const Vertex s : starts) cycles.push_back(shortest_cycle(g, component, s));
  return cycles;
}

}  // namespace shenpi::detail
