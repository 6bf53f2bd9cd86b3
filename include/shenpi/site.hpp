// The public 办事指南 site: static, self-contained HTML pages (inline CSS,
// JavaScript and SVG; no external requests) rendered from checked rulebooks.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "shenpi/calendar.hpp"
#include "shenpi/rulebook.hpp"

namespace shenpi {

/// One file of the site.
struct SitePage {
  std::string path;          ///< relative, '/'-separated, e.g. `index.html`, `items/TJ-X-1.html`
  std::string content_type;  ///< e.g. `text/html; charset=utf-8`
  std::string body;
};

/// Options of render_site. A plain struct; the defaults give the static copy.
struct SiteOptions {
  /// The pages are served by `shenpi serve`: each item page's 自助预审
  /// form posts to `/v1/evaluate` on the same origin. Without it the form
  /// says (in Chinese) that it needs the service.
  bool self_check = false;
  /// First day of the bundles' Gantt charts (moved to the next working day
  /// when it is a day off). nullopt: today (UTC+8).
  std::optional<Date> start;
};

/// Renders the site of one or more rulebooks: `index.html`, one page per
/// item under `items/`, one per bundle under `bundles/`. Pure: no I/O, no
/// shared state; safe to call from many threads. The pages do not refer to
/// the rulebooks after it returns. Every text taken from the rules is
/// escaped. Item and bundle codes become file names; any byte outside
/// `[A-Za-z0-9._-]` is percent-encoded, so a path never leaves its folder.
std::vector<SitePage> render_site(const std::vector<std::shared_ptr<const Rulebook>>& books,
                                  const SiteOptions& options = {});

}  // namespace shenpi
