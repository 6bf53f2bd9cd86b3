// The 自助预审 form of an item page: the applicant answers the facts the
// item reads and ticks materials and commitments; the page posts the
// application to /v1/evaluate on its own origin and shows the outcome and
// the 一次性告知. The engine decides; the page only collects and shows.
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "shenpi/notice.hpp"
#include "site/html.hpp"

namespace shenpi::detail::site {
namespace {

/// The facts any expression of the item reads, in declaration order.
std::vector<const Fact*> asked_facts(const Rulebook& book, const Item& item) {
  std::set<std::int32_t> slots;
  const auto add = [&](const Expression& e) {
    for (const auto s : e.fact_slots()) slots.insert(s);
  };
  for (const auto& c : item.conditions) add(c.when);
  for (const auto& m : item.materials) add(m.required);
  for (const auto& s : item.steps) add(s.when);
  add(item.tolerance.when);
  std::vector<const Fact*> facts;
  for (const auto s : slots) facts.push_back(&book.fact_in_slot(item, s));
  return facts;
}

std::string fact_input(const Fact& f) {
  const std::string label = escape(f.label.empty() ? f.path : f.label);
  const std::string attrs = fmt::format("name=\"{}\" data-fact=\"{}\" data-type=\"{}\"",
                                        escape(f.path), escape(f.path), to_string(f.type));
  if (f.type == FactType::boolean || f.type == FactType::enumeration) {
    std::string options = "<option value=\"\">（请选择）</option>";
    if (f.type == FactType::boolean) {
      options += "<option value=\"true\">是</option><option value=\"false\">否</option>";
    }
    for (const auto& v : f.values) {
      options +=
          fmt::format("<option value=\"{}\">{}</option>", escape(v), escape(value_label(f, v)));
    }
    return fmt::format("<label>{} <select {}>{}</select></label>\n", label, attrs, options);
  }
  const char* type = f.type == FactType::date                                     ? "date"
                     : f.type == FactType::integer || f.type == FactType::decimal ? "number"
                                                                                  : "text";
  const char* extra = f.type == FactType::integer       ? " step=\"1\""
                      : f.type == FactType::decimal     ? " step=\"any\""
                      : f.type == FactType::string_list ? " placeholder=\"多项以顿号分隔\""
                                                        : "";
  return fmt::format("<label>{} <input type=\"{}\"{} {}></label>\n", label, type, extra, attrs);
}

std::string checkbox(std::string_view group, const std::string& id, const std::string& text) {
  return fmt::format(
      "<label><input type=\"checkbox\" name=\"{0}\" data-{0}=\"{1}\" value=\"{1}\"> {2}</label>\n",
      group, escape(id), escape(text));
}

std::string choices(const Item& item) {
  std::string out = "<fieldset><legend>已提交的材料</legend>\n";
  for (const auto& m : item.materials) {
    if (m.requirement == Material::Requirement::never || m.source == Material::Source::shared)
      continue;
    out += checkbox("material", m.id, m.name);
  }
  out += "</fieldset>\n<fieldset><legend>告知承诺与容缺承诺书</legend>\n";
  for (const auto& m : item.materials) {
    if (m.commitment_allowed) out += checkbox("commitment", m.id, "以告知承诺替代：" + m.name);
  }
  for (const auto& c : item.conditions) {
    if (c.commitment_allowed) out += checkbox("commitment", c.id, "承诺符合：" + c.text);
  }
  if (item.tolerance.present && item.tolerance.letter_required) {
    out += checkbox("commitment", std::string(tolerance_letter_id), "签署容缺承诺书");
  }
  return out + "</fieldset>\n";
}

/// Condition texts by id, for the list of deficiencies the page shows.
std::string condition_texts(const Item& item) {
  std::string out = "{";
  for (const auto& c : item.conditions) {
    if (out.size() > 1) out += ',';
    out += script_string(c.id) + ":" + script_string(c.text);
  }
  return out + "}";
}

constexpr std::string_view kScript = R"JS(
(function () {
  var form = document.getElementById('self-check-form');
  var result = document.getElementById('self-check-result');
  var offline = document.getElementById('self-check-offline');
  if (location.protocol === 'file:') { offline.classList.remove('hidden'); form.classList.add('hidden'); return; }
  var words = {accept: '受理', accept_with_deficiency: '容缺受理', supplement: '补正材料（一次性告知）', reject: '不予受理'};
  var d = new Date();
  form.elements['submitted_on'].value = d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0');
  function value(el) {
    var t = el.dataset.type, v = el.value.trim();
    if (v === '') return undefined;
    if (t === 'bool') return v === 'true';
    if (t === 'int') return parseInt(v, 10);
    if (t === 'decimal') return parseFloat(v);
    if (t === 'list<string>') return v.split(/[、,，]/).map(function (s) { return s.trim(); }).filter(Boolean);
    return v;
  }
  function chineseDate(iso) {
    var p = iso.split('-');
    return p.length === 3 ? p[0] + '年' + Number(p[1]) + '月' + Number(p[2]) + '日' : iso;
  }
  function line(text) { var li = document.createElement('li'); li.textContent = text; return li; }
  function show(data) {
    result.textContent = '';
    var p = document.createElement('p');
    p.className = 'outcome'; p.id = 'self-check-outcome'; p.dataset.outcome = data.outcome;
    p.textContent = '预审结果：' + (words[data.outcome] || data.outcome);
    result.appendChild(p);
    var ul = document.createElement('ul');
    (data.conditions || []).forEach(function (c) {
      if (c.status === 'unmet') ul.appendChild(line('不符合条件：' + (CONDITIONS[c.id] || c.id)));
      if (c.status === 'unknown') ul.appendChild(line('请补充填报：' + (CONDITIONS[c.id] || c.id)));
    });
    (data.materials || []).forEach(function (m) {
      if (m.status === 'missing') ul.appendChild(line('须补正材料：' + m.name));
      if (m.status === 'tolerated') ul.appendChild(line('容缺后补：' + m.name + (m.due ? '（' + chineseDate(m.due) + '前补齐）' : '')));
    });
    if (ul.children.length) { var h = document.createElement('p'); h.textContent = '一次性告知：'; result.appendChild(h); result.appendChild(ul); }
    if (typeof data.notice === 'string') { var pre = document.createElement('pre'); pre.className = 'notice'; pre.textContent = data.notice; result.appendChild(pre); }
  }
  function fail(data) {
    result.textContent = '';
    var p = document.createElement('p'); p.id = 'self-check-error'; p.textContent = '无法预审：'; result.appendChild(p);
    var ul = document.createElement('ul');
    ((data && data.diagnostics) || []).forEach(function (x) { ul.appendChild(line(x.message || String(x))); });
    result.appendChild(ul);
  }
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var app = {item: ITEM, submitted_on: form.elements['submitted_on'].value, facts: {}, materials: [], commitments: []};
    form.querySelectorAll('[data-fact]').forEach(function (el) { var v = value(el); if (v !== undefined) app.facts[el.dataset.fact] = v; });
    form.querySelectorAll('input[name=material]:checked').forEach(function (el) { app.materials.push(el.value); });
    form.querySelectorAll('input[name=commitment]:checked').forEach(function (el) { app.commitments.push(el.value); });
    result.textContent = '正在预审……';
    fetch('/v1/evaluate?notice=1', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({application: app})})
      .then(function (r) { return r.json().then(function (data) { return {ok: r.ok, data: data}; }); })
      .then(function (r) { if (r.ok && r.data.outcome) show(r.data); else fail(r.data); })
      .catch(function () { fail({diagnostics: [{message: '无法连接审批服务'}]}); });
  });
})();
)JS";

}  // namespace

std::string self_check_section(const Rulebook& book, const Item& item, const SiteOptions& options) {
  std::string out = "<section id=\"self-check\"><h2>自助预审</h2>\n";
  const std::string offline =
      "<p id=\"self-check-offline\" class=\"note{}\">自助预审需要连接审批服务（shenpi "
      "serve）后使用；"
      "本页为静态副本，仅供查阅办事指南。</p>\n";
  if (!options.self_check) return out + fmt::format(fmt::runtime(offline), "") + "</section>\n";
  out += fmt::format(fmt::runtime(offline), " hidden");
  out +=
      "<form id=\"self-check-form\">\n<p "
      "class=\"note\">请如实填写以下情况，预审结果仅供参考，以窗口受理为准。</p>\n";
  out +=
      "<label>申请日期 <input type=\"date\" name=\"submitted_on\" "
      "required></label>\n<fieldset><legend>申请情况</legend>\n";
  for (const Fact* f : asked_facts(book, item)) out += fact_input(*f);
  out += "</fieldset>\n" + choices(item);
  out +=
      "<p><button type=\"submit\">提交预审</button></p>\n</form>\n<div id=\"self-check-result\" "
      "aria-live=\"polite\"></div>\n";
  out += "<script>var ITEM = " + script_string(item.code) +
         ";\nvar CONDITIONS = " + condition_texts(item) + ";" + std::string(kScript) +
         "</script>\n";
  return out + "</section>\n";
}

}  // namespace shenpi::detail::site
