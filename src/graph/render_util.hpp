// Small helpers shared by the graph renderers.
#pragma once

#include <string>
#include <string_view>

#include <fmt/format.h>

#include "shenpi/graph.hpp"

namespace shenpi::detail {

/// `3个工作日`, or `即办` for 0.
inline std::string days_zh(int days) {
  return days == 0 ? "即办" : fmt::format("{}个工作日", days);
}

/// The plan duration of a node, showing the rule's own wording when it was
/// converted: `15个工作日（20日）`.
inline std::string node_limit_zh(const GraphNode& n) {
  std::string text = days_zh(n.duration);
  if (n.limit.unit == Duration::Unit::natural_days && n.limit.count > 0) {
    text += fmt::format("（{}）", n.limit.to_chinese());
  }
  return text;
}

/// `阶段1 register 设立登记`; the name is left out when it repeats the id.
inline std::string stage_label(const ApprovalGraph& g, std::size_t index) {
  const GraphStage& s = g.stages()[index];
  std::string label = fmt::format("阶段{} {}", index + 1, s.id);
  if (!s.name.empty() && s.name != s.id) label += " " + s.name;
  return label;
}

/// Cells a terminal gives the text: CJK and full-width characters take two.
inline std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c & 0xC0U) == 0x80U) continue;
    width += c >= 0xE0U ? 2 : 1;
  }
  return width;
}

/// Pads `text` with spaces to `width` display cells.
inline std::string pad(std::string_view text, std::size_t width) {
  std::string out(text);
  for (std::size_t w = display_width(text); w < width; ++w) out += ' ';
  return out;
}

}  // namespace shenpi::detail
