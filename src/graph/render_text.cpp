// The plan as a project manager prints it.
#include <algorithm>
#include <iterator>

#include "graph/render_util.hpp"

namespace shenpi {
namespace {

using detail::days_zh;
using detail::pad;

void header(const ApprovalGraph& g, std::string& out) {
  auto o = std::back_inserter(out);
  fmt::format_to(o, "{}（{}）并联审批计划\n", g.bundle_name(), g.bundle_code());
  fmt::format_to(o, "时限口径：{}\n", g.statutory() ? "法定办结时限" : "承诺办结时限");
  if (!g.ok()) return;
  fmt::format_to(o, "关键路径：{}；逐项串联合计：{}", days_zh(g.critical_length()),
                 days_zh(g.serial_length()));
  if (g.serial_length() > g.critical_length()) {
    fmt::format_to(o, "（并联节省 {} 个工作日）", g.serial_length() - g.critical_length());
  }
  out += "\n";
  if (g.target_days() >= 0) {
    const int over = g.critical_length() - g.target_days();
    fmt::format_to(o, "目标时限：{}，{}\n", g.target()->to_chinese(),
                   over > 0 ? fmt::format("超出 {} 个工作日", over) : std::string("达标"));
  }
  if (g.start()) {
    fmt::format_to(o, "开始：{}；全部办结：{}{}\n", g.start()->to_string(), g.finish()->to_string(),
                   g.provisional() ? "（预计）" : "");
  }
}

std::size_t code_width(const ApprovalGraph& g) {
  std::size_t w = 8;
  for (const auto& n : g.nodes()) w = std::max(w, n.code.size());
  return w;
}

void node_table(const ApprovalGraph& g, std::string& out) {
  const std::size_t cw = code_width(g) + 2;
  std::size_t lw = 6;
  for (const auto& n : g.nodes()) {
    lw = std::max(lw, detail::display_width(detail::node_limit_zh(n)));
  }
  lw += 2;
  const bool staged = g.stages().size() > 1;
  out += "\n事项\n";
  out += "  " + pad("事项编码", cw) + pad("时限", lw) + (g.ok() ? "批次  开始–完成  机动  " : "") +
         "事项名称（实施主体）\n";
  for (std::size_t s = 0; s < g.stages().size(); ++s) {
    if (staged) out += fmt::format("  【{}】\n", detail::stage_label(g, s));
    for (const auto& n : g.nodes()) {
      if (n.stage != static_cast<int>(s)) continue;
      out += "  " + pad(n.code, cw) + pad(detail::node_limit_zh(n), lw);
      if (g.ok()) {
        out += pad(fmt::format("{}", n.level + 1), 6) +
               pad(fmt::format("{}–{}", n.earliest_start, n.earliest_finish), 11) +
               pad(n.on_critical_path ? "关键" : fmt::format("{}", n.slack), 6);
      }
      out += n.name;
      if (!n.authority.empty()) out += fmt::format("（{}）", n.authority);
      out += "\n";
    }
  }
}

void levels(const ApprovalGraph& g, std::string& out) {
  if (g.levels().empty()) return;
  out += "\n并联批次（同一批次的事项可同时办理）\n";
  for (std::size_t i = 0; i < g.levels().size(); ++i) {
    out += fmt::format("  第{}批：{}\n", i + 1, fmt::join(g.levels()[i], "、"));
  }
}

void edges(const ApprovalGraph& g, std::string& out) {
  if (g.edges().empty()) return;
  out += "\n前后置关系\n";
  for (const auto& e : g.edges()) {
    std::string why = e.kind == EdgeKind::material  ? "需要材料 " + e.material
                      : e.kind == EdgeKind::depends ? std::string("依赖声明")
                                                    : std::string("阶段顺序");
    out +=
        fmt::format("  {} → {}  {}{}\n", e.from, e.to, why, e.on_critical_path ? "  [关键]" : "");
  }
}

void critical(const ApprovalGraph& g, std::string& out) {
  if (!g.ok()) return;
  out += fmt::format("\n关键路径（{}）\n  {}\n", days_zh(g.critical_length()),
                     fmt::join(g.critical_path(), " → "));
}

void schedule(const ApprovalGraph& g, std::string& out) {
  if (g.schedule().empty()) return;
  out += fmt::format("\n排期（{} 起，按工作日历推算）\n", g.start()->to_string());
  for (const auto& s : g.schedule()) {
    const GraphNode* n = g.find_node(s.code);
    out += fmt::format("  {} → {}{}  {}  {}{}\n", s.start.to_string(), s.finish.to_string(),
                       s.provisional ? "（预计）" : "", pad(s.code, code_width(g)), n->name,
                       n->on_critical_path ? "  [关键]" : "");
  }
}

void checklist(const ApprovalGraph& g, std::string& out) {
  out += fmt::format("\n一表申请：申请人提交材料 {} 项（逐项分别申请共 {} 项次）\n",
                     g.asked_merged(), g.asked_separately());
  std::size_t iw = 0;
  for (const auto& c : g.checklist()) iw = std::max(iw, c.material.size());
  for (std::size_t i = 0; i < g.checklist().size(); ++i) {
    const auto& c = g.checklist()[i];
    out += fmt::format("  {:>2}. {}  {}{}  ← {}\n", i + 1, pad(c.material, iw), c.name,
                       c.conditional ? "（视情形）" : "", fmt::join(c.items, "、"));
  }
}

void problems(const ApprovalGraph& g, std::string& out) {
  if (g.diagnostics().empty()) return;
  out += "\n问题\n";
  for (const auto& d : g.diagnostics()) {
    out += fmt::format("  {}[{}]: {}\n", to_string(d.severity), d.code, d.message);
  }
}

}  // namespace

std::string to_text(const ApprovalGraph& g) {
  std::string out;
  header(g, out);
  if (g.nodes().empty() && !g.ok()) {
    problems(g, out);
    return out;
  }
  node_table(g, out);
  levels(g, out);
  edges(g, out);
  critical(g, out);
  schedule(g, out);
  checklist(g, out);
  problems(g, out);
  return out;
}

}  // namespace shenpi
