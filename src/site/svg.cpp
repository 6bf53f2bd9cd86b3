// Inline SVG charts drawn in C++: the item's step flowchart and the
// bundle's Gantt chart. Text stays text (searchable, selectable, CJK in the
// page's Noto font), so no font has to be embedded and nothing is fetched.
#include <algorithm>

#include <fmt/format.h>

#include "shenpi/notice.hpp"
#include "site/html.hpp"

namespace shenpi::detail::site {
namespace {

std::string svg_open(double width, double height, std::string_view label) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" style=\"max-width:100%;height:auto\" "
      "aria-label=\"{0}\" width=\"{1:.0f}\" "
      "height=\"{2:.0f}\" viewBox=\"0 0 {1:.0f} {2:.0f}\" font-family=\"{3}\" font-size=\"14\">\n"
      "<title>{0}</title>\n<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" "
      "markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 "
      "L0,10 z\" "
      "fill=\"#555\"/></marker></defs>\n",
      escape(label), width, height, escape(kFontFamily));
}

std::string text_at(double x, double y, std::string_view text, std::string_view extra = {}) {
  return fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\"{}{}>{}</text>\n", x, y,
                     extra.empty() ? "" : " ", extra, escape(text));
}

struct Box {
  std::string title;
  std::string detail;
  bool special = false;
  bool terminal = false;
};

std::vector<Box> step_boxes(const Rulebook& book, const Item& item) {
  std::vector<Box> boxes;
  boxes.push_back({"提出申请", "申请人提交申请材料", false, true});
  for (const auto& s : item.steps) {
    std::string detail = s.takes.to_chinese();
    if (s.special) detail += "；特别程序，不计入办结时限";
    if (!s.when.empty()) detail += "；适用情形：" + describe_expression(book, item, s.when);
    boxes.push_back({s.name, detail, s.special, false});
  }
  boxes.push_back({"办结", "承诺办结时限：" + item.time_limit.promised.to_chinese(), false, true});
  return boxes;
}

}  // namespace

std::string steps_svg(const Rulebook& book, const Item& item) {
  const std::vector<Box> boxes = step_boxes(book, item);
  constexpr double kBoxHeight = 58;
  constexpr double kGap = 34;
  double box_width = 240;
  for (const Box& b : boxes) {
    box_width = std::max({box_width, text_width(b.title, 16) + 40, text_width(b.detail, 12) + 40});
  }
  const double width = box_width + 40;
  const double height = 20 + static_cast<double>(boxes.size()) * (kBoxHeight + kGap) - kGap + 20;
  std::string svg = svg_open(width, height, item.name + " 办理流程图");
  const double x = 20;
  for (std::size_t k = 0; k < boxes.size(); ++k) {
    const Box& b = boxes[k];
    const double y = 20 + static_cast<double>(k) * (kBoxHeight + kGap);
    svg += fmt::format(
        "<g class=\"step\"><rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
        "rx=\"{}\" "
        "fill=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"{}/>\n",
        x, y, box_width, kBoxHeight, b.terminal ? 29 : 6, b.terminal ? "#fbeaea" : "#ffffff",
        b.special ? "#8a4b00" : "#b22222", b.special ? " stroke-dasharray=\"6 4\"" : "");
    svg += text_at(x + box_width / 2, y + 24, b.title, "font-size=\"16\" font-weight=\"bold\"");
    svg += text_at(x + box_width / 2, y + 45, b.detail, "font-size=\"12\" fill=\"#555\"");
    svg += "</g>\n";
    if (k + 1 < boxes.size()) {
      svg += fmt::format(
          "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"#555\" "
          "stroke-width=\"1.5\" "
          "marker-end=\"url(#arrow)\"/>\n",
          x + box_width / 2, y + kBoxHeight, y + kBoxHeight + kGap - 2);
    }
  }
  return svg + "</svg>\n";
}

namespace {

/// The date of working day `offset` after `start`, as `12/3`; empty when the
/// calendar does not cover it.
std::string day_label(const Calendar& calendar, const std::optional<Date>& start, int offset) {
  if (!start) return std::to_string(offset);
  const auto d = calendar.add_working_days(*start, offset);
  return d ? fmt::format("{}/{}", d->month(), d->day()) : std::to_string(offset);
}

struct GanttLayout {
  double label_width = 0;
  double day_width = 0;
  int days = 0;
  double top = 56;
  double row = 34;
};

std::string gantt_axis(const Rulebook& book, const ApprovalGraph& graph, const GanttLayout& g,
                       double height) {
  std::string svg;
  const int step = std::max(1, g.days / 20 + 1);
  for (int d = 0; d <= g.days; d += step) {
    const double x = g.label_width + d * g.day_width;
    svg += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"#e1e4e8\"/>\n",
        x, g.top - 6, height - 24);
    svg += text_at(x, g.top - 12, day_label(book.calendar(), graph.start(), d),
                   "font-size=\"11\" fill=\"#555\"");
  }
  svg += text_at(g.label_width + g.days * g.day_width / 2, height - 6,
                 graph.start() ? "工作日（月/日，自开始日起）" : "工作日（自开始日起）",
                 "font-size=\"12\" fill=\"#555\"");
  return svg;
}

std::string gantt_bar(const GraphNode& n, bool critical, const GanttLayout& g, double y) {
  const double x = g.label_width + n.earliest_start * g.day_width;
  const double w = std::max(6.0, n.duration * g.day_width);
  const char* fill = critical ? "#c62828" : "#5c85d6";
  std::string svg = fmt::format("<g class=\"bar{}\">", critical ? " critical" : "");
  if (n.slack > 0) {
    svg += fmt::format(
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"none\" "
        "stroke=\"#9bb0d9\" "
        "stroke-dasharray=\"4 3\"/>",
        x, y + 6, (n.latest_finish - n.earliest_start) * g.day_width, g.row - 12);
  }
  svg += fmt::format(
      "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" rx=\"3\" fill=\"{}\"/>",
      x, y + 6, w, g.row - 12, fill);
  const std::string days = n.duration == 0 ? "即办" : fmt::format("{}个工作日", n.duration);
  svg += fmt::format(
      "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"12\" fill=\"#333\">{}{}</text></g>\n", x + w + 6,
      y + g.row / 2 + 4, escape(days), critical ? "（关键路径）" : "");
  return svg;
}

}  // namespace

bool on_critical_path(const ApprovalGraph& graph, const std::string& code) {
  const auto& path = graph.critical_path();
  return std::find(path.begin(), path.end(), code) != path.end();
}

std::string gantt_svg(const Rulebook& book, const ApprovalGraph& graph) {
  GanttLayout g;
  for (const auto& n : graph.nodes())
    g.label_width = std::max(g.label_width, text_width(n.name, 13) + 24);
  g.days = std::max(1, graph.critical_length());
  g.day_width = std::clamp(640.0 / g.days, 8.0, 120.0);
  const double width = g.label_width + g.days * g.day_width + 190;
  const double height = g.top + static_cast<double>(graph.nodes().size()) * g.row + 40;
  std::string svg = svg_open(width, height, graph.bundle_name() + " 并联审批甘特图");
  svg += text_at(width / 2, 22, graph.bundle_name() + "：并联审批计划（红色为关键路径）",
                 "font-size=\"15\" font-weight=\"bold\"");
  svg += gantt_axis(book, graph, g, height);
  double y = g.top;
  for (const auto& n : graph.nodes()) {
    svg += fmt::format(
        "<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\" font-size=\"13\">{}</text>\n",
        g.label_width - 10, y + g.row / 2 + 4, escape(n.name));
    svg += gantt_bar(n, on_critical_path(graph, n.code), g, y);
    y += g.row;
  }
  return svg + "</svg>\n";
}

}  // namespace shenpi::detail::site
