#include "digraph/bundle_graph.hpp"
#include "shenpi/diagnostic_codes.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace shenpi::detail {
namespace {

/// Item vertices in bundle order, skipping unknown and repeated codes.
int item_on(const RulebookData& data, const std::string& code, std::optional<Date> on) {
  if (on) return version_index(data, code, *on);
  const auto it = data.item_index.find(code);
  return it == data.item_index.end() ? -1 : it->second;
}

void add_items(const RulebookData& data, const Bundle& bundle, BundleGraph& g,
               std::vector<int>& vertex_of_item, std::optional<Date> on) {
  for (std::size_t s = 0; s < bundle.stages.size(); ++s) {
    for (const auto& code : bundle.stages[s].items) {
      const int index = item_on(data, code, on);
      if (index < 0 || vertex_of_item[static_cast<std::size_t>(index)] >= 0) continue;
      vertex_of_item[static_cast<std::size_t>(index)] = static_cast<int>(g.items.size());
      g.items.push_back(index);
      g.stage_of.push_back(static_cast<int>(s));
    }
  }
}

void add_material_edges(const RulebookData& data, BundleGraph& g,
                        const std::vector<int>& vertex_of_item) {
  for (Vertex b = 0; b < g.items.size(); ++b) {
    const Item& item = data.items[static_cast<std::size_t>(g.items[b])];
    for (std::size_t m = 0; m < item.materials.size(); ++m) {
      const Material& mat = item.materials[m];
      if (mat.requirement == Material::Requirement::never) continue;
      const auto producers = data.producers.find(mat.id);
      if (producers == data.producers.end()) continue;
      for (const int a : producers->second) {
        const int from = vertex_of_item[static_cast<std::size_t>(a)];
        // An item asking for its own output is a renewal (延续), not a wait.
        if (from < 0 || static_cast<Vertex>(from) == b) continue;
        boost::add_edge(static_cast<Vertex>(from), b,
                        EdgeInfo{EdgeKind::material, static_cast<int>(m)}, g.graph);
      }
    }
  }
}

void add_depends_edges(const RulebookData& data, const Bundle& bundle, BundleGraph& g,
                       const std::vector<int>& vertex_of_item, std::optional<Date> on) {
  auto vertex = [&](const std::string& code) {
    const int index = item_on(data, code, on);
    return index < 0 ? -1 : vertex_of_item[static_cast<std::size_t>(index)];
  };
  for (std::size_t d = 0; d < bundle.depends.size(); ++d) {
    const int before = vertex(bundle.depends[d].before);
    const int after = vertex(bundle.depends[d].after);
    if (before < 0 || after < 0) continue;
    boost::add_edge(static_cast<Vertex>(before), static_cast<Vertex>(after),
                    EdgeInfo{EdgeKind::depends, static_cast<int>(d)}, g.graph);
  }
}

/// Barrier k sits between stage k and stage k+1; barriers chain so that
/// empty stages pass the order on.
void add_stage_edges(const Bundle& bundle, BundleGraph& g) {
  const std::size_t n = g.items.size();
  const std::size_t barriers = bundle.stages.empty() ? 0 : bundle.stages.size() - 1;
  for (std::size_t k = 0; k < barriers; ++k) boost::add_vertex(g.graph);
  for (Vertex v = 0; v < n; ++v) {
    const auto s = static_cast<std::size_t>(g.stage_of[v]);
    if (s < barriers) {
      boost::add_edge(v, n + s, EdgeInfo{EdgeKind::stage, static_cast<int>(s)}, g.graph);
    }
    if (s > 0) {
      boost::add_edge(n + s - 1, v, EdgeInfo{EdgeKind::stage, static_cast<int>(s - 1)}, g.graph);
    }
  }
  for (std::size_t k = 1; k < barriers; ++k) {
    boost::add_edge(n + k - 1, n + k, EdgeInfo{EdgeKind::stage, static_cast<int>(k - 1)}, g.graph);
  }
}

}  // namespace

BundleGraph build_bundle_graph(const RulebookData& data, const Bundle& bundle,
                               std::optional<Date> on) {
  BundleGraph g;
  g.bundle = &bundle;
  std::vector<int> vertex_of_item(data.items.size(), -1);
  add_items(data, bundle, g, vertex_of_item, on);
  g.graph = Digraph(g.items.size());
  add_material_edges(data, g, vertex_of_item);
  add_depends_edges(data, bundle, g, vertex_of_item, on);
  add_stage_edges(bundle, g);
  return g;
}

VertexLess by_code(const RulebookData& data, const BundleGraph& g) {
  return [&data, &g](Vertex a, Vertex b) {
    if (!g.is_item(a) || !g.is_item(b)) return g.is_item(a) || (!g.is_item(b) && a < b);
    return data.items[static_cast<std::size_t>(g.items[a])].code <
           data.items[static_cast<std::size_t>(g.items[b])].code;
  };
}

namespace {

struct CycleText {
  std::string path;
  SourceLocation location;
  std::vector<DiagnosticNote> notes;
};

/// `A -[business-license]-> B -[depends]-> C -[stage build→register]-> A`,
/// with a note per edge pointing at what made it. A run of barriers between
/// two items prints as one stage edge.
CycleText describe_cycle(const RulebookData& data, const BundleGraph& g,
                         const std::vector<Edge>& cycle) {
  const Bundle& bundle = *g.bundle;
  auto item = [&](Vertex v) -> const Item& {
    return data.items[static_cast<std::size_t>(g.items[v])];
  };
  const Vertex first = boost::source(cycle.front(), g.graph);
  CycleText out{item(first).code, bundle.location, {}};
  bool located = false;
  Vertex from = first;
  for (const Edge e : cycle) {
    const Vertex to = boost::target(e, g.graph);
    if (!g.is_item(to)) continue;
    const EdgeInfo& info = g.graph[e];
    const Item& waiting = item(to);
    std::string label;
    if (info.kind == EdgeKind::material) {
      const Material& mat = waiting.materials[static_cast<std::size_t>(info.ref)];
      label = mat.id;
      out.notes.push_back({mat.location, fmt::format("{} asks for '{}', which {} produces",
                                                     waiting.code, mat.id, item(from).code)});
    } else if (info.kind == EdgeKind::depends) {
      label = "depends";
      const BundleDependency& dep = bundle.depends[static_cast<std::size_t>(info.ref)];
      if (!located) {
        out.location = dep.location;
        located = true;
      } else {
        out.notes.push_back(
            {dep.location, fmt::format("{} must finish before {}", dep.before, dep.after)});
      }
    } else {
      const Stage& a = bundle.stages[static_cast<std::size_t>(g.stage_of[from])];
      const Stage& b = bundle.stages[static_cast<std::size_t>(g.stage_of[to])];
      label = fmt::format("stage {}→{}", a.id, b.id);
      out.notes.push_back(
          {b.location, fmt::format("stage '{}' runs after stage '{}'", b.id, a.id)});
    }
    out.path += fmt::format(" -[{}]-> {}", label, waiting.code);
    from = to;
  }
  return out;
}

}  // namespace

std::vector<Diagnostic> bundle_cycle_diagnostics(const RulebookData& data, const BundleGraph& g) {
  std::vector<Diagnostic> out;
  for (const auto& cycle : find_cycles(g.graph, by_code(data, g))) {
    CycleText text = describe_cycle(data, g, cycle);
    Diagnostic d = make_diagnostic(
        codes::bundle_cycle, text.location,
        fmt::format("dependency cycle in bundle {} (互为前后置): {}", g.bundle->code, text.path));
    d.notes = std::move(text.notes);
    out.push_back(std::move(d));
  }
  return out;
}

const Duration& plan_limit(const Item& item, bool statutory) {
  return statutory ? item.time_limit.statutory : item.time_limit.promised;
}

}  // namespace shenpi::detail
