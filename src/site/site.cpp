// render_site: the index (items by department and kind, client-side
// search) and every item and bundle page, as files in memory.
#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include <fmt/format.h>

#include "shenpi/notice.hpp"
#include "site/html.hpp"

namespace shenpi {
namespace {

using detail::site::escape;
using detail::site::file_name;

constexpr std::string_view kHtml = "text/html; charset=utf-8";

/// Today in China (UTC+8), the default first day of the plans.
Date today_in_china() {
  const auto now = std::chrono::system_clock::now() + std::chrono::hours(8);
  const auto days = std::chrono::floor<std::chrono::days>(now).time_since_epoch().count();
  return Date::from_days(static_cast<std::int32_t>(days));
}

struct Entry {
  const Item* item;
  std::string href;
};

constexpr std::string_view kSearchScript = R"JS(
(function () {
  var box = document.getElementById('search');
  var count = document.getElementById('search-count');
  function filter() {
    var q = box.value.trim().toLowerCase(), shown = 0;
    document.querySelectorAll('li.entry').forEach(function (li) {
      var hit = q === '' || li.dataset.search.toLowerCase().indexOf(q) >= 0;
      li.classList.toggle('hidden', !hit);
      if (hit) shown++;
    });
    document.querySelectorAll('.kind, .dept').forEach(function (g) {
      g.classList.toggle('hidden', g.querySelectorAll('li.entry:not(.hidden)').length === 0);
    });
    count.textContent = q === '' ? '' : '找到' + shown + '项';
  }
  box.addEventListener('input', filter);
})();
)JS";

std::string entry_li(const std::string& href, const std::string& name, const std::string& code) {
  return fmt::format(
      "<li class=\"entry\" data-search=\"{}\"><a href=\"{}\">{}</a> <code>{}</code></li>\n",
      escape(name + " " + code), escape(href), escape(name), escape(code));
}

/// Items grouped by 实施主体, then by kind, in rulebook order.
std::string items_html(const std::vector<Entry>& entries) {
  std::vector<std::string> departments;
  std::map<std::string, std::vector<std::string>> kinds;
  std::map<std::pair<std::string, std::string>, std::string> lists;
  for (const auto& e : entries) {
    const std::string& dept = e.item->authority;
    const std::string kind = kind_to_chinese(e.item->kind);
    if (!kinds.count(dept)) departments.push_back(dept);
    auto& ks = kinds[dept];
    if (std::find(ks.begin(), ks.end(), kind) == ks.end()) ks.push_back(kind);
    lists[{dept, kind}] += entry_li(e.href, e.item->name, e.item->code);
  }
  std::string out;
  for (const auto& dept : departments) {
    out += "<section class=\"dept\"><h2>" + escape(dept) + "</h2>\n";
    for (const auto& kind : kinds[dept]) {
      out += "<div class=\"kind\"><h3>" + escape(kind) + "</h3><ul>\n" + lists[{dept, kind}] +
             "</ul></div>\n";
    }
    out += "</section>\n";
  }
  return out;
}

std::string index_page(const std::vector<Entry>& items, const std::string& bundles) {
  std::string body =
      "<h1>政务服务事项办事指南</h1>\n"
      "<p><label for=\"search\">按事项名称或编码查找</label></p>\n"
      "<input id=\"search\" type=\"search\" placeholder=\"输入事项名称或编码，如：食品经营许可\" "
      "autocomplete=\"off\">\n"
      "<p id=\"search-count\" class=\"note\" aria-live=\"polite\"></p>\n";
  body += items_html(items);
  if (!bundles.empty()) {
    body += "<section class=\"dept\"><h2>一件事一次办</h2><div class=\"kind\"><ul>\n" + bundles +
            "</ul></div></section>\n";
  }
  body += "<script>" + std::string(kSearchScript) + "</script>\n";
  return detail::site::page("政务服务事项办事指南", "", body);
}

}  // namespace

std::vector<SitePage> render_site(const std::vector<std::shared_ptr<const Rulebook>>& books,
                                  const SiteOptions& options) {
  std::vector<SitePage> pages;
  std::vector<Entry> entries;
  std::string bundles;
  std::set<std::string> paths;  // a code in two rulebooks: the first one wins
  const Date start = options.start.value_or(today_in_china());
  for (const auto& book : books) {
    if (book == nullptr) continue;
    for (const auto& item : book->items()) {
      // One page per code: the version in force on the site's date (else the
      // current one), so an older version never overwrites today's guide.
      const Item* shown = book->find_item(item.code, start);
      if (shown == nullptr) shown = book->find_item(item.code);
      if (shown != &item) continue;
      std::string path = "items/" + file_name(item.code) + ".html";
      if (!paths.insert(path).second) continue;
      entries.push_back({&item, path});
      pages.push_back({path, std::string(kHtml), detail::site::item_page(*book, item, options)});
    }
    for (const auto& bundle : book->bundles()) {
      std::string path = "bundles/" + file_name(bundle.code) + ".html";
      if (!paths.insert(path).second) continue;
      bundles += entry_li(path, bundle.name, bundle.code);
      pages.push_back({path, std::string(kHtml), detail::site::bundle_page(*book, bundle, start)});
    }
  }
  pages.insert(pages.begin(), {"index.html", std::string(kHtml), index_page(entries, bundles)});
  return pages;
}

}  // namespace shenpi
