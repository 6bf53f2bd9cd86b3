// Markdown with Mermaid diagrams: a flowchart of the bundle and, when the
// graph is dated, a Gantt chart of the schedule.
#include <iterator>

#include "graph/render_util.hpp"

namespace shenpi {
namespace {

/// Text inside a Mermaid `"…"` label; quotes become entity codes.
std::string label(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '"') {
      out += "#quot;";
    } else if (c == '\n') {
      out += "<br/>";
    } else {
      out += c;
    }
  }
  return out;
}

/// A Gantt task name: `:` ends the name and `#`/`;` start comments and
/// statements, so they become their full-width forms.
std::string task_name(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == ':') {
      out += "：";
    } else if (c == ';') {
      out += "；";
    } else if (c == '#') {
      out += "＃";
    } else {
      out += c;
    }
  }
  return out;
}

int node_index(const ApprovalGraph& g, std::string_view code) {
  return static_cast<int>(g.find_node(code) - g.nodes().data());
}

int stage_index(const ApprovalGraph& g, std::string_view id) {
  for (std::size_t s = 0; s < g.stages().size(); ++s) {
    if (g.stages()[s].id == id) return static_cast<int>(s);
  }
  return -1;
}

void flowchart(const ApprovalGraph& g, std::string& out) {
  auto o = std::back_inserter(out);
  out += "```mermaid\nflowchart LR\n";
  const bool clusters = g.stages().size() > 1;
  for (std::size_t s = 0; s < g.stages().size(); ++s) {
    if (clusters) {
      fmt::format_to(o, "  subgraph s{}[\"{}\"]\n", s, label(detail::stage_label(g, s)));
    }
    for (std::size_t i = 0; i < g.nodes().size(); ++i) {
      const GraphNode& n = g.nodes()[i];
      if (n.stage != static_cast<int>(s)) continue;
      fmt::format_to(o, "{}n{}[\"{}\"]\n", clusters ? "    " : "  ", i,
                     label(fmt::format("{}\n{}\n{}", n.code, n.name, detail::node_limit_zh(n))));
    }
    if (clusters) out += "  end\n";
  }
  std::vector<int> critical_links;
  int link = 0;
  for (const auto& e : g.edges()) {
    if (e.kind == EdgeKind::stage) {
      if (!clusters) continue;
      fmt::format_to(o, "  s{} -.-> s{}\n", stage_index(g, e.from), stage_index(g, e.to));
    } else {
      const std::string why = e.kind == EdgeKind::material ? e.material : "依赖声明";
      fmt::format_to(o, "  n{} -->|\"{}\"| n{}\n", node_index(g, e.from), label(why),
                     node_index(g, e.to));
    }
    if (e.on_critical_path) critical_links.push_back(link);
    ++link;
  }
  std::vector<std::string> critical_nodes;
  for (std::size_t i = 0; i < g.nodes().size(); ++i) {
    if (g.ok() && g.nodes()[i].on_critical_path) critical_nodes.push_back(fmt::format("n{}", i));
  }
  if (!critical_nodes.empty()) {
    out += "  classDef critical stroke:#c00000,stroke-width:3px,color:#c00000\n";
    fmt::format_to(o, "  class {} critical\n", fmt::join(critical_nodes, ","));
  }
  if (!critical_links.empty()) {
    fmt::format_to(o, "  linkStyle {} stroke:#c00000,stroke-width:3px\n",
                   fmt::join(critical_links, ","));
  }
  out += "```\n";
}

/// Bars run from the start day to the end of the finish day (Mermaid's end
/// date is exclusive); 即办 items are milestones.
void gantt(const ApprovalGraph& g, std::string& out) {
  auto o = std::back_inserter(out);
  out += "\n```mermaid\ngantt\n";
  fmt::format_to(o, "  title {}\n  dateFormat YYYY-MM-DD\n  axisFormat %m-%d\n",
                 task_name(fmt::format("{}（{}）排期", g.bundle_name(), g.bundle_code())));
  for (std::size_t s = 0; s < g.stages().size(); ++s) {
    const auto& items = g.stages()[s].items;
    if (items.empty()) continue;
    fmt::format_to(o, "  section {}\n", task_name(detail::stage_label(g, s)));
    for (std::size_t i = 0; i < g.nodes().size(); ++i) {
      const GraphNode& n = g.nodes()[i];
      if (n.stage != static_cast<int>(s) || !n.start) continue;
      const std::string tags = n.on_critical_path ? "crit, " : "";
      if (n.duration == 0) {
        fmt::format_to(o, "    {} :{}milestone, n{}, {}, 0d\n", task_name(n.code + " " + n.name),
                       tags, i, n.start->to_string());
      } else {
        fmt::format_to(o, "    {} :{}n{}, {}, {}\n", task_name(n.code + " " + n.name), tags, i,
                       n.start->to_string(), (*n.finish + 1).to_string());
      }
    }
  }
  out += "```\n";
}

}  // namespace

std::string to_mermaid(const ApprovalGraph& g) {
  std::string out;
  flowchart(g, out);
  if (!g.schedule().empty()) gantt(g, out);
  return out;
}

}  // namespace shenpi
