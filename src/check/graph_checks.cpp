// The graph checks `shenpi check` runs: SP308 (互为前后置 across the
// rulebook), SP401 (a cycle inside a bundle), SP402 (critical path over the
// bundle's target).
#include "check/graph_checks.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "digraph/bundle_graph.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi::detail {
namespace {

/// Every item, with an edge A → B when B asks for a material A produces.
Digraph prerequisite_graph(const RulebookData& data) {
  Digraph g(data.items.size());
  for (std::size_t b = 0; b < data.items.size(); ++b) {
    const auto& materials = data.items[b].materials;
    for (std::size_t m = 0; m < materials.size(); ++m) {
      if (materials[m].requirement == Material::Requirement::never) continue;
      const auto producers = data.producers.find(materials[m].id);
      if (producers == data.producers.end()) continue;
      for (const int a : producers->second) {
        // Asking for one's own output is a renewal (延续), not a cycle.
        if (static_cast<std::size_t>(a) == b) continue;
        boost::add_edge(static_cast<Vertex>(a), b,
                        EdgeInfo{EdgeKind::material, static_cast<int>(m)}, g);
      }
    }
  }
  return g;
}

/// `A -[business-license]-> B -[seal]-> A`, located at the material of the
/// first item that closes the cycle, with a note per other edge.
Diagnostic describe_prerequisite_cycle(const RulebookData& data, const Digraph& g,
                                       const std::vector<Edge>& cycle) {
  auto item = [&](Vertex v) -> const Item& { return data.items[v]; };
  auto material = [&](Edge e) -> const Material& {
    return item(boost::target(e, g)).materials[static_cast<std::size_t>(g[e].ref)];
  };
  std::string path = item(boost::source(cycle.front(), g)).code;
  for (const Edge e : cycle) {
    path += fmt::format(" -[{}]-> {}", material(e).id, item(boost::target(e, g)).code);
  }
  Diagnostic d = make_diagnostic(codes::mutual_prerequisite, material(cycle.back()).location,
                                 fmt::format("items require each other (互为前后置): {}", path));
  for (const Edge e : cycle) {
    if (e == cycle.back()) continue;
    d.notes.push_back(
        {material(e).location,
         fmt::format("{} asks for '{}', which {} produces", item(boost::target(e, g)).code,
                     material(e).id, item(boost::source(e, g)).code)});
  }
  return d;
}

std::string path_text(const BundleGraph& g, const RulebookData& data, const PlanTimes& t) {
  std::vector<std::string> codes;
  for (const Vertex v : t.critical_path) {
    codes.push_back(data.items[static_cast<std::size_t>(g.items[v])].code);
  }
  return fmt::format("{}", fmt::join(codes, " → "));
}

std::string days_text(int n) {
  return n == 1 ? "1 working day" : fmt::format("{} working days", n);
}

}  // namespace

void check_item_cycles(const RulebookData& data, std::vector<Diagnostic>& out) {
  const Digraph g = prerequisite_graph(data);
  for (const auto& cycle : find_cycles(
           g, [&data](Vertex a, Vertex b) { return data.items[a].code < data.items[b].code; })) {
    out.push_back(describe_prerequisite_cycle(data, g, cycle));
  }
}

void check_bundles(const RulebookData& data, std::vector<Diagnostic>& out) {
  for (const Bundle& bundle : data.bundles) {
    const BundleGraph g = build_bundle_graph(data, bundle);
    std::vector<Diagnostic> cycles = bundle_cycle_diagnostics(data, g);
    if (!cycles.empty()) {
      out.insert(out.end(), cycles.begin(), cycles.end());
      continue;
    }
    if (!bundle.target) continue;
    const int target = working_days(*bundle.target);
    const PlanTimes t = plan_times(data, g, false);
    if (t.length <= target) continue;
    std::string target_text = days_text(target);
    if (bundle.target->unit == Duration::Unit::natural_days) {
      target_text += fmt::format(" ({})", bundle.target->to_string());
    }
    out.push_back(make_diagnostic(
        codes::bundle_over_target, bundle.location,
        fmt::format("bundle {} takes {} on its critical path ({}), above its target of {}",
                    bundle.code, days_text(t.length), path_text(g, data, t), target_text)));
  }
}

}  // namespace shenpi::detail
