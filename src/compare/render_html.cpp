// A comparison as one self-contained HTML page: inline CSS, no scripts, no
// external requests; one table per catalogue item, one column per jurisdiction.
#include <fmt/format.h>

#include "compare/compare_words.hpp"
#include "notice/words.hpp"

namespace shenpi {
namespace {

std::string esc(std::string_view text) {
  return detail::html_escape(text);
}

std::string joined(const std::vector<std::string>& parts) {
  if (parts.empty()) return "无";
  std::string out;
  for (const auto& p : parts) out += "<div>" + esc(p) + "</div>";
  return out;
}

constexpr const char* kStyle = R"(<style>
body{font-family:"Noto Sans CJK SC","Noto Sans SC",sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;margin:0 0 2em;width:100%;table-layout:fixed}
th,td{border:1px solid #bbb;padding:.35em .5em;vertical-align:top;text-align:left}
thead th{background:#e8eef6}
th[scope=row]{background:#f6f6f6}
table.item thead th:first-child{width:14em}
tr.varies td{background:#eef4ff}
.no{color:#b00020;font-weight:bold}.yes{color:#176b2c}
.absent{color:#999}.differ{background:#fff6d6}
caption{text-align:left;font-size:1.15em;font-weight:bold;margin:.4em 0}
</style>)";

class Page {
 public:
  explicit Page(const Comparison& c) : c_(c) {}

  std::string render() {
    out_ =
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
        "<title>事项比较</title>";
    out_ += kStyle;
    out_ += fmt::format("</head><body>\n<h1>事项比较：{}</h1>\n",
                        esc(fmt::format("{}", fmt::join(c_.jurisdictions, "、"))));
    summary();
    for (const auto& item : c_.items) item_table(item);
    singles();
    out_ += "</body></html>\n";
    return out_;
  }

 private:
  void head_row(const char* first) {
    out_ += fmt::format("<thead><tr><th>{}</th>", first);
    for (const auto& j : c_.jurisdictions) out_ += "<th>" + esc(j) + "</th>";
    out_ += "</tr></thead>\n";
  }

  /// A row; one whose values differ between jurisdictions is tinted, so
  /// the differences stand out when scanning.
  template <class F>
  void field(const ComparedItem& item, const char* key, const char* label, F cell) {
    std::vector<std::string> cells;
    bool varies = false;
    for (const auto& s : item.sides) {
      cells.push_back(s.present ? cell(s) : std::string());
      varies = varies || (s.present && cells.back() != cells.front());
    }
    out_ += fmt::format("<tr data-field=\"{}\"{}><th scope=\"row\">{}</th>", key,
                        varies ? " class=\"varies\"" : "", label);
    for (std::size_t j = 0; j < cells.size(); ++j) {
      out_ += item.sides[j].present ? "<td>" + cells[j] + "</td>"
                                    : "<td class=\"absent\">无此事项</td>";
    }
    out_ += "</tr>\n";
  }

  void summary() {
    out_ += "<table id=\"summary\"><caption>总结</caption>";
    out_ +=
        "<thead><tr><th>地区</th><th>目录事项</th><th>材料最少</th><th>承诺办结最快</th>"
        "<th>必交材料合计</th></tr></thead><tbody>\n";
    for (const auto& s : c_.summary) {
      out_ += fmt::format(
          "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
          esc(s.label), s.items, s.asks_least, s.fastest, s.asked_total);
    }
    out_ += "</tbody></table>\n";
    out_ += "<p id=\"overall\">" + esc(detail::overall_words(c_)) + "</p>\n";
  }

  void uniform_row(const ComparedItem& item) {
    const Uniformity& u = item.uniform;
    const auto mark = [](const char* what, bool ok) {
      return fmt::format("<span class=\"{}\">{}{}</span> ", ok ? "yes" : "no", what,
                         detail::yes_no(ok));
    };
    out_ += fmt::format(
        "<tr data-field=\"uniform\"><th scope=\"row\">四统一</th><td "
        "colspan=\"{}\">{}{}{}{}</td></tr>\n",
        item.sides.size(), mark("名称", u.name), mark("编码", u.code), mark("依据", u.basis),
        mark("类型", u.kind));
  }

  void item_table(const ComparedItem& item) {
    out_ += fmt::format("<table class=\"item\" data-catalog=\"{}\"><caption>{} {}</caption>\n",
                        esc(item.catalog_code), esc(item.catalog_code), esc(item.catalog_name));
    head_row("项目");
    out_ += "<tbody>\n";
    uniform_row(item);
    field(item, "item", "事项编码", [](const ComparedSide& s) { return esc(s.item_code); });
    field(item, "name", "事项名称", [](const ComparedSide& s) { return esc(s.name); });
    field(item, "kind", "事项类型",
          [](const ComparedSide& s) { return esc(detail::kind_words(s.kind)); });
    field(item, "authority", "实施机关", [](const ComparedSide& s) { return esc(s.authority); });
    field(item, "basis", "设定依据", [](const ComparedSide& s) { return joined(s.basis); });
    field(item, "statutory", "法定时限", [](const ComparedSide& s) { return esc(s.statutory); });
    field(item, "promised", "承诺时限", [](const ComparedSide& s) { return esc(s.promised); });
    field(item, "visits", "到现场次数",
          [](const ComparedSide& s) { return fmt::format("{}次", s.max_visits); });
    field(item, "online", "网办程度",
          [](const ComparedSide& s) { return std::string(detail::online_words(s.online)); });
    field(item, "conditions", "受理条件",
          [](const ComparedSide& s) { return joined(s.conditions); });
    field(item, "tolerance", "容缺受理", [](const ComparedSide& s) {
      return s.tolerance.empty() ? std::string("不适用") : esc(s.tolerance);
    });
    field(item, "commitments", "告知承诺",
          [](const ComparedSide& s) { return joined(s.commitments); });
    for (const auto& m : item.materials) material_row(m);
    field(item, "asked", "必交材料数",
          [](const ComparedSide& s) { return fmt::format("{}项", s.asked); });
    out_ += "</tbody></table>\n";
  }

  void material_row(const ComparedMaterial& m) {
    std::string label = m.key;
    for (const auto& n : m.names) {
      if (!n.empty()) {
        label = n;
        break;
      }
    }
    bool varies = false;
    for (std::size_t j = 1; j < m.presence.size(); ++j) {
      varies = varies || m.presence[j] != m.presence[0] || m.required_when[j] != m.required_when[0];
    }
    // Yellow: the same material under different names; blue: treated differently.
    const char* tint = m.names_differ ? " class=\"differ\"" : varies ? " class=\"varies\"" : "";
    out_ +=
        fmt::format("<tr data-field=\"material\" data-key=\"{}\"{}><th scope=\"row\">材料：{}</th>",
                    esc(m.key), tint, esc(label));
    for (std::size_t j = 0; j < m.presence.size(); ++j) {
      out_ += fmt::format("<td{}>{}</td>",
                          m.presence[j] == MaterialPresence::absent ? " class=\"absent\"" : "",
                          esc(detail::material_cell(m, j)));
    }
    out_ += "</tr>\n";
  }

  void singles() {
    out_ +=
        "<table id=\"singles\"><caption>仅一地有的事项</caption>"
        "<thead><tr><th>地区</th><th>事项编码</th><th>事项名称</th><th>目录编码</th></tr></"
        "thead><tbody>\n";
    for (const auto& s : c_.singles) {
      out_ += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                          esc(c_.jurisdictions[std::size_t(s.jurisdiction)]), esc(s.item_code),
                          esc(s.name), s.catalog_code.empty() ? "未填写" : esc(s.catalog_code));
    }
    out_ += "</tbody></table>\n";
  }

  const Comparison& c_;
  std::string out_;
};

}  // namespace

std::string to_html(const Comparison& comparison) {
  return Page(comparison).render();
}

}  // namespace shenpi
