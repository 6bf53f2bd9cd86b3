// Graphviz DOT: stages as clusters, the critical path in bold red. Written
// to render with `dot -Tsvg` without warnings (tests/unit/graph checks).
#include <iterator>

#include "graph/render_util.hpp"

namespace shenpi {
namespace {

/// A DOT double-quoted string; `\n` in `text` becomes a centred line break.
std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// A family list, so SVG viewers and pango pick whichever CJK font exists.
constexpr const char* kFont =
    "\"Noto Sans CJK SC,Source Han Sans SC,Microsoft YaHei,PingFang SC,sans-serif\"";
constexpr const char* kCritical = "color=\"#c00000\", fontcolor=\"#c00000\", penwidth=2.5";

void node_line(const ApprovalGraph& g, const GraphNode& n, const char* indent, std::string& out) {
  std::string label = fmt::format("{}\n{}\n{}", n.code, n.name, detail::node_limit_zh(n));
  if (g.ok()) label += fmt::format("  第{}–{}日", n.earliest_start, n.earliest_finish);
  if (g.ok() && n.slack > 0) label += fmt::format("  机动{}日", n.slack);
  if (n.start) label += fmt::format("\n{} → {}", n.start->to_string(), n.finish->to_string());
  fmt::format_to(
      std::back_inserter(out), "{}{} [label={}{}];\n", indent, quoted(n.code), quoted(label),
      g.ok() && n.on_critical_path ? std::string(", style=\"rounded,bold\", ") + kCritical : "");
}

/// Item edges merged per pair, so two materials make one labelled arrow.
/// edges() is sorted by (from, to), so the edges of a pair are adjacent.
void item_edges(const ApprovalGraph& g, std::string& out) {
  std::vector<std::pair<std::pair<std::string, std::string>, std::pair<std::string, bool>>> merged;
  for (const auto& e : g.edges()) {
    if (e.kind == EdgeKind::stage) continue;
    const std::string why = e.kind == EdgeKind::material ? e.material : "依赖声明";
    if (!merged.empty() && merged.back().first.first == e.from &&
        merged.back().first.second == e.to) {
      merged.back().second.first += "\n" + why;
      merged.back().second.second = merged.back().second.second || e.on_critical_path;
    } else {
      merged.push_back({{e.from, e.to}, {why, e.on_critical_path}});
    }
  }
  for (const auto& [pair, info] : merged) {
    fmt::format_to(std::back_inserter(out), "  {} -> {} [label={}{}];\n", quoted(pair.first),
                   quoted(pair.second), quoted(info.first),
                   info.second ? std::string(", ") + kCritical : "");
  }
}

/// An invisible node between two stages, after every item of the first and
/// before every item of the second, so each cluster is ranked wholly after
/// the previous one (one drawn arrow alone would let free items float left
/// and clusters overlap). Linear in size, like the barrier of the model.
void stage_gate(const ApprovalGraph& g, std::size_t a, std::size_t b, std::string& out) {
  auto o = std::back_inserter(out);
  const std::string gate = quoted(fmt::format("stage-gate-{}", a));
  fmt::format_to(o, "  {} [shape=point, style=invis, width=0, height=0, label=\"\"];\n", gate);
  for (const auto& code : g.stages()[a].items) {
    fmt::format_to(o, "  {} -> {} [style=invis];\n", quoted(code), gate);
  }
  for (const auto& code : g.stages()[b].items) {
    fmt::format_to(o, "  {} -> {} [style=invis];\n", gate, quoted(code));
  }
}

/// One dashed arrow from cluster to cluster per stage boundary, drawn between
/// member nodes with ltail/lhead; empty stages are stepped over.
void stage_edges(const ApprovalGraph& g, std::string& out) {
  std::vector<std::size_t> filled;
  for (std::size_t s = 0; s < g.stages().size(); ++s) {
    if (!g.stages()[s].items.empty()) filled.push_back(s);
  }
  for (std::size_t i = 0; i + 1 < filled.size(); ++i) {
    const std::size_t a = filled[i];
    const std::size_t b = filled[i + 1];
    bool critical = false;
    for (const auto& e : g.edges()) {
      if (e.kind != EdgeKind::stage || !e.on_critical_path) continue;
      for (std::size_t s = a; s < b; ++s) critical = critical || (e.from == g.stages()[s].id);
    }
    fmt::format_to(std::back_inserter(out),
                   "  {} -> {} [ltail=\"cluster_{}\", lhead=\"cluster_{}\", style=dashed{}];\n",
                   quoted(g.stages()[a].items.back()), quoted(g.stages()[b].items.front()), a, b,
                   critical ? std::string(", ") + kCritical : "");
    stage_gate(g, a, b, out);
  }
}

std::string graph_label(const ApprovalGraph& g) {
  std::string label = fmt::format("{}（{}）", g.bundle_name(), g.bundle_code());
  if (g.ok()) {
    label += fmt::format("\n关键路径 {} · 逐项串联 {}", detail::days_zh(g.critical_length()),
                         detail::days_zh(g.serial_length()));
  }
  if (g.target()) label += fmt::format(" · 目标 {}", g.target()->to_chinese());
  if (g.start()) {
    label +=
        fmt::format("\n{} 开始 · {} 全部办结", g.start()->to_string(), g.finish()->to_string());
  }
  return label;
}

}  // namespace

std::string to_dot(const ApprovalGraph& g) {
  std::string out;
  auto o = std::back_inserter(out);
  fmt::format_to(o, "digraph {} {{\n", quoted(g.bundle_code()));
  fmt::format_to(
      o,
      "  graph [label={}, labelloc=t, rankdir=LR, compound=true, newrank=true, fontsize=14, "
      "fontname={}];\n",
      quoted(graph_label(g)), kFont);
  fmt::format_to(o, "  node [shape=box, style=rounded, fontsize=11, fontname={}];\n", kFont);
  fmt::format_to(o, "  edge [fontsize=9, fontname={}];\n", kFont);
  const bool clusters = g.stages().size() > 1;
  for (std::size_t s = 0; s < g.stages().size(); ++s) {
    if (clusters) {
      if (g.stages()[s].items.empty()) continue;
      fmt::format_to(
          o, "  subgraph {} {{\n    label={};\n    style=\"rounded,dashed\";\n    color=gray40;\n",
          quoted(fmt::format("cluster_{}", s)), quoted(detail::stage_label(g, s)));
    }
    for (const auto& n : g.nodes()) {
      if (n.stage == static_cast<int>(s)) node_line(g, n, clusters ? "    " : "  ", out);
    }
    if (clusters) out += "  }\n";
  }
  item_edges(g, out);
  if (clusters) stage_edges(g, out);
  out += "}\n";
  return out;
}

}  // namespace shenpi
