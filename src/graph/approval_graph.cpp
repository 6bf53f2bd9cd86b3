// Rulebook::graph: the bundle graph analysed into a plain ApprovalGraph.
#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "graph/builder.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi {

std::string_view to_string(EdgeKind kind) {
  switch (kind) {
    case EdgeKind::material:
      return "material";
    case EdgeKind::depends:
      return "depends";
    case EdgeKind::stage:
      return "stage";
  }
  return "material";
}

const GraphNode* ApprovalGraph::find_node(std::string_view code) const {
  const auto it = std::find_if(nodes_.begin(), nodes_.end(),
                               [&](const GraphNode& n) { return n.code == code; });
  return it == nodes_.end() ? nullptr : &*it;
}

bool ApprovalGraph::ok() const {
  return !has_errors(diagnostics_);
}

ApprovalGraph Rulebook::graph(std::string_view bundle_code) const {
  return graph(bundle_code, GraphOptions{});
}

ApprovalGraph Rulebook::graph(std::string_view bundle_code, const GraphOptions& options) const {
  return detail::GraphBuilder::build(*data_, bundle_code, options);
}

namespace detail {

ApprovalGraph GraphBuilder::build(const RulebookData& data, std::string_view bundle_code,
                                  const GraphOptions& options) {
  ApprovalGraph out;
  out.code_ = std::string(bundle_code);
  out.statutory_ = options.statutory;
  const auto found = data.bundle_index.find(out.code_);
  if (found == data.bundle_index.end()) {
    std::vector<std::string> known;
    for (const auto& b : data.bundles) known.push_back(b.code);
    std::sort(known.begin(), known.end());
    out.diagnostics_.push_back(
        make_diagnostic(codes::dangling_reference, {},
                        fmt::format("unknown bundle '{}'; the rulebook has: {}", bundle_code,
                                    known.empty() ? std::string("(no bundles)")
                                                  : fmt::format("{}", fmt::join(known, ", ")))));
    return out;
  }
  const Bundle& bundle = data.bundles[static_cast<std::size_t>(found->second)];
  out.name_ = bundle.name;
  out.target_ = bundle.target;
  if (bundle.target) out.target_days_ = working_days(*bundle.target);
  for (const auto& s : bundle.stages) out.stages_.push_back({s.id, s.name, {}});

  const std::optional<Date> on = options.as_of ? options.as_of : options.start;
  if (on) out.diagnostics_ = versions_missing(data, bundle, *on);
  if (!out.diagnostics_.empty()) return out;
  const BundleGraph g = build_bundle_graph(data, bundle, on);
  fill_nodes(out, data, g, options.statutory);
  fill_edges(out, data, g);
  fill_checklist(out, data, g);
  out.diagnostics_ = bundle_cycle_diagnostics(data, g);
  if (!out.diagnostics_.empty()) return out;
  fill_plan(out, g, plan_times(data, g, options.statutory));
  mark_critical_edges(out);
  if (options.start) fill_schedule(out, data.calendar, *options.start);
  return out;
}

void GraphBuilder::fill_nodes(ApprovalGraph& out, const RulebookData& data, const BundleGraph& g,
                              bool statutory) {
  out.nodes_.reserve(g.items.size());
  for (Vertex v = 0; v < g.items.size(); ++v) {
    const Item& item = data.items[static_cast<std::size_t>(g.items[v])];
    GraphNode node;
    node.code = item.code;
    node.name = item.name;
    node.authority = item.authority;
    node.limit = plan_limit(item, statutory);
    node.duration = working_days(node.limit);
    node.stage = g.stage_of[v];
    out.serial_length_ += node.duration;
    out.stages_[static_cast<std::size_t>(node.stage)].items.push_back(item.code);
    out.nodes_.push_back(std::move(node));
  }
}

void GraphBuilder::fill_edges(ApprovalGraph& out, const RulebookData& data, const BundleGraph& g) {
  struct Key {
    Vertex from, to;
    EdgeKind kind;
    const std::string* material;
  };
  auto less = [](const Key& a, const Key& b) {
    if (std::tie(a.from, a.to, a.kind) != std::tie(b.from, b.to, b.kind)) {
      return std::tie(a.from, a.to, a.kind) < std::tie(b.from, b.to, b.kind);
    }
    return a.material && b.material && *a.material < *b.material;
  };
  auto same = [&](const Key& a, const Key& b) { return !less(a, b) && !less(b, a); };
  std::vector<Key> keys;
  keys.reserve(boost::num_edges(g.graph));
  for (const Edge e : boost::make_iterator_range(boost::edges(g.graph))) {
    const Vertex from = boost::source(e, g.graph);
    const Vertex to = boost::target(e, g.graph);
    if (!g.is_item(from) || !g.is_item(to)) continue;
    const EdgeInfo& info = g.graph[e];
    const std::string* material = nullptr;
    if (info.kind == EdgeKind::material) {
      material = &data.items[static_cast<std::size_t>(g.items[to])]
                      .materials[static_cast<std::size_t>(info.ref)]
                      .id;
    }
    keys.push_back({from, to, info.kind, material});
  }
  std::sort(keys.begin(), keys.end(), less);
  keys.erase(std::unique(keys.begin(), keys.end(), same), keys.end());
  out.edges_.reserve(keys.size() + out.stages_.size());
  for (const auto& k : keys) {
    out.edges_.push_back({out.nodes_[k.from].code, out.nodes_[k.to].code, k.kind,
                          k.material ? *k.material : std::string(), false});
  }
  for (std::size_t s = 0; s + 1 < out.stages_.size(); ++s) {
    out.edges_.push_back({out.stages_[s].id, out.stages_[s + 1].id, EdgeKind::stage, {}, false});
  }
}

void GraphBuilder::fill_plan(ApprovalGraph& out, const BundleGraph& g, const PlanTimes& t) {
  for (Vertex v = 0; v < g.items.size(); ++v) {
    GraphNode& node = out.nodes_[v];
    node.level = t.level[v];
    node.earliest_start = t.earliest_start[v];
    node.earliest_finish = t.earliest_finish[v];
    node.latest_start = t.latest_start[v];
    node.latest_finish = t.latest_finish[v];
    node.slack = node.latest_start - node.earliest_start;
    node.on_critical_path = node.slack == 0;
    const auto level = static_cast<std::size_t>(node.level);
    if (out.levels_.size() <= level) out.levels_.resize(level + 1);
    out.levels_[level].push_back(node.code);
  }
  for (const Vertex v : t.critical_path) out.critical_path_.push_back(out.nodes_[v].code);
  out.critical_length_ = t.length;
}

/// Marks the edges between consecutive items of the critical path; where two
/// of them are ordered only by stages, the stage edges in between.
void GraphBuilder::mark_critical_edges(ApprovalGraph& out) {
  const auto& path = out.critical_path_;
  for (std::size_t i = 0; i + 1 < path.size(); ++i) {
    bool direct = false;
    for (auto& e : out.edges_) {
      if (e.kind != EdgeKind::stage && e.from == path[i] && e.to == path[i + 1]) {
        e.on_critical_path = direct = true;
      }
    }
    if (direct) continue;
    const int a = out.find_node(path[i])->stage;
    const int b = out.find_node(path[i + 1])->stage;
    for (auto& e : out.edges_) {
      if (e.kind != EdgeKind::stage) continue;
      for (int s = a; s < b; ++s) {
        const auto k = static_cast<std::size_t>(s);
        if (e.from == out.stages_[k].id && e.to == out.stages_[k + 1].id) e.on_critical_path = true;
      }
    }
  }
}

/// An item is accepted the working day its last predecessor is decided
/// (same-day hand-over), so dates are the start plus working-day offsets.
void GraphBuilder::fill_schedule(ApprovalGraph& out, const Calendar& calendar, Date start) {
  CalendarError error;
  auto fail = [&] {
    out.diagnostics_.push_back(make_diagnostic(
        codes::date_outside_calendar, {},
        fmt::format("cannot date the schedule of bundle {}: {}", out.code_, error.message)));
    for (auto& n : out.nodes_) n.start = n.finish = std::nullopt;
  };
  const auto base = calendar.next_working_day(start, &error);
  if (!base) return fail();
  for (auto& n : out.nodes_) {
    n.start = calendar.add_working_days(*base, n.earliest_start, &error);
    n.finish = n.start ? calendar.add_working_days(*base, n.earliest_finish, &error) : std::nullopt;
    if (!n.finish) return fail();
  }
  const auto finish = calendar.add_working_days(*base, out.critical_length_, &error);
  if (!finish) return fail();
  out.start_ = base;
  out.finish_ = finish;
  out.provisional_ = calendar.provisional_between(*base, *finish);
  for (const auto& n : out.nodes_) {
    out.schedule_.push_back(
        {n.code, *n.start, *n.finish, calendar.provisional_between(*base, *n.finish)});
  }
  std::stable_sort(
      out.schedule_.begin(), out.schedule_.end(),
      [](const ScheduleEntry& a, const ScheduleEntry& b) { return a.start < b.start; });
}

}  // namespace detail
}  // namespace shenpi
