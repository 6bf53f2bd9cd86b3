// Critical-path method (关键路径) over an acyclic bundle graph.
#include <algorithm>
#include <iterator>

#include <boost/graph/topological_sort.hpp>

#include "digraph/bundle_graph.hpp"

namespace shenpi::detail {
namespace {

/// Topological order, first to last.
std::vector<Vertex> topological_order(const Digraph& g) {
  std::vector<Vertex> order;
  order.reserve(boost::num_vertices(g));
  boost::topological_sort(g, std::back_inserter(order));
  std::reverse(order.begin(), order.end());
  return order;
}

void forward_pass(const BundleGraph& g, const std::vector<Vertex>& order, PlanTimes& t) {
  // A barrier passes on the level after its stage, so an item's level is the
  // number of items on the longest chain before it.
  for (const Vertex v : order) {
    int start = 0;
    int level = 0;
    for (const Edge e : boost::make_iterator_range(boost::in_edges(v, g.graph))) {
      const Vertex u = boost::source(e, g.graph);
      start = std::max(start, t.earliest_finish[u]);
      level = std::max(level, g.is_item(u) ? t.level[u] + 1 : t.level[u]);
    }
    t.earliest_start[v] = start;
    t.earliest_finish[v] = start + t.duration[v];
    t.level[v] = level;
    if (g.is_item(v)) t.length = std::max(t.length, t.earliest_finish[v]);
  }
}

void backward_pass(const BundleGraph& g, const std::vector<Vertex>& order, PlanTimes& t) {
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const Vertex v = *it;
    int finish = t.length;
    for (const Edge e : boost::make_iterator_range(boost::out_edges(v, g.graph))) {
      finish = std::min(finish, t.latest_start[boost::target(e, g.graph)]);
    }
    t.latest_finish[v] = finish;
    t.latest_start[v] = finish - t.duration[v];
  }
}

/// Among the zero-slack chains, the one with the most items, so 即办 items
/// on the way are shown; ties go to the earlier vertex (bundle order).
void pick_critical_path(const BundleGraph& g, const std::vector<Vertex>& order, PlanTimes& t) {
  const auto n = boost::num_vertices(g.graph);
  auto critical = [&](Vertex v) { return t.latest_start[v] == t.earliest_start[v]; };
  std::vector<int> count(n, -1);
  std::vector<Vertex> prev(n, n);
  for (const Vertex v : order) {
    if (!critical(v)) continue;
    int best = 0;
    Vertex from = n;
    for (const Edge e : boost::make_iterator_range(boost::in_edges(v, g.graph))) {
      const Vertex u = boost::source(e, g.graph);
      if (count[u] < 0 || t.earliest_finish[u] != t.earliest_start[v]) continue;
      if (from == n || count[u] > best || (count[u] == best && u < from)) {
        best = count[u];
        from = u;
      }
    }
    count[v] = best + (g.is_item(v) ? 1 : 0);
    prev[v] = from;
  }
  Vertex end = n;
  for (Vertex v = 0; v < g.items.size(); ++v) {
    if (count[v] < 0 || t.earliest_finish[v] != t.length) continue;
    if (end == n || count[v] > count[end]) end = v;
  }
  for (Vertex v = end; v != n; v = prev[v]) {
    if (g.is_item(v)) t.critical_path.push_back(v);
  }
  std::reverse(t.critical_path.begin(), t.critical_path.end());
}

}  // namespace

PlanTimes plan_times(const RulebookData& data, const BundleGraph& g, bool statutory) {
  const auto n = boost::num_vertices(g.graph);
  PlanTimes t;
  t.duration.assign(n, 0);
  for (Vertex v = 0; v < g.items.size(); ++v) {
    t.duration[v] =
        working_days(plan_limit(data.items[static_cast<std::size_t>(g.items[v])], statutory));
    t.serial += t.duration[v];
  }
  t.earliest_start.assign(n, 0);
  t.earliest_finish.assign(n, 0);
  t.latest_start.assign(n, 0);
  t.latest_finish.assign(n, 0);
  t.level.assign(n, 0);
  const std::vector<Vertex> order = topological_order(g.graph);
  forward_pass(g, order, t);
  backward_pass(g, order, t);
  pick_critical_path(g, order, t);
  return t;
}

}  // namespace shenpi::detail

namespace shenpi {

int working_days(const Duration& limit) {
  if (limit.unit == Duration::Unit::natural_days) return (limit.count * 5 + 6) / 7;
  return limit.count;
}

}  // namespace shenpi
