// Private pieces of the public site: escaping, the page frame, SVG charts
// and the three kinds of page. Everything here returns strings; render_site
// (site.cpp) collects them into pages.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "shenpi/graph.hpp"
#include "shenpi/rulebook.hpp"
#include "shenpi/site.hpp"

namespace shenpi::detail::site {

/// Text for an HTML element or attribute (`& < > " '` escaped).
std::string escape(std::string_view text);
/// A JSON string literal safe inside an inline <script> (`<`, `>`, `&`,
/// U+2028/9 escaped as \u sequences, so `</script>` never closes it).
std::string script_string(std::string_view text);
/// A code as a file name: bytes outside `[A-Za-z0-9._-]` percent-encoded.
std::string file_name(std::string_view code);

/// The font stack of pages and SVGs: Noto CJK first (fonts-noto-cjk), then
/// the usual CJK system fonts.
inline constexpr std::string_view kFontFamily =
    "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'Noto Sans CJK', 'PingFang SC', "
    "'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif";

/// A whole HTML document: `title`, a link back to the index from `root`
/// (`""` for the index, `"../"` below it), and the body.
std::string page(std::string_view title, std::string_view root, std::string_view body);

/// Approximate width in pixels of `text` at `size` (CJK full width, ASCII half).
double text_width(std::string_view text, double size);

/// The item's steps as a vertical flowchart (申请 → steps → 办结).
std::string steps_svg(const Rulebook& book, const Item& item);
/// The bundle's plan as a Gantt chart over working days, critical path in red.
std::string gantt_svg(const Rulebook& book, const ApprovalGraph& graph);

/// Whether `code` is on the bundle's one critical path (ApprovalGraph::critical_path;
/// other items with zero slack are not marked, so the chart shows one path).
bool on_critical_path(const ApprovalGraph& graph, const std::string& code);

/// `items/CODE.html`.
std::string item_page(const Rulebook& book, const Item& item, const SiteOptions& options);
/// The 自助预审 section of an item page.
std::string self_check_section(const Rulebook& book, const Item& item, const SiteOptions& options);
/// `bundles/CODE.html`.
std::string bundle_page(const Rulebook& book, const Bundle& bundle, Date start);

}  // namespace shenpi::detail::site
