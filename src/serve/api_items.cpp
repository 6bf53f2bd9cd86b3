// GET /v1/items, /v1/items/{code}, /v1/items/{code}/guide,
// /v1/bundles/{code}/plan and /v1/calendar/add: the rulebook read back.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "serve/router.hpp"
#include "shenpi/diagnostic_codes.hpp"
#include "shenpi/graph.hpp"
#include "shenpi/notice.hpp"

namespace shenpi::detail {
namespace {

ApiResponse unknown(Route route, std::string_view what, std::string_view code) {
  return error_response(404, route, "not_found",
                        {make_diagnostic(codes::not_found, {},
                                         fmt::format("no {} '{}' in the rulebook", what, code))});
}

ApiResponse bad_query(Route route, std::string message) {
  return error_response(400, route, "bad_request",
                        {make_diagnostic(codes::bad_query, {}, std::move(message))});
}

/// A date parameter, with the CLI's diagnostic (SP109) when malformed.
std::optional<Date> date_param(const std::string& text, std::vector<Diagnostic>& out) {
  if (auto d = Date::parse(text)) return d;
  out.push_back(
      make_diagnostic(codes::bad_date, {}, fmt::format("'{}' is not a date (YYYY-MM-DD)", text)));
  return std::nullopt;
}

bool wants_json(std::string_view query, std::string_view accept) {
  if (const auto format = query_value(query, "format")) return *format == "json";
  return accept.find("application/json") != std::string_view::npos;
}

}  // namespace

ApiResponse handle_items(const Snapshot& snap) {
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const auto& book : snap.books) {
    for (const Item& item : book->items()) {
      items.push_back({{"code", item.code},
                       {"name", item.name},
                       {"version", item.version},
                       {"kind", item.kind},
                       {"authority", item.authority}});
    }
  }
  nlohmann::ordered_json bundles = nlohmann::ordered_json::array();
  for (const auto& book : snap.books) {
    for (const Bundle& b : book->bundles()) bundles.push_back({{"code", b.code}, {"name", b.name}});
  }
  const nlohmann::ordered_json j{{"digest", snap.digest}, {"items", items}, {"bundles", bundles}};
  return {200, "application/json", j.dump(), Route::items, {}};
}

ApiResponse handle_item(const Snapshot& snap, std::string_view code) {
  const Rulebook* book = snap.book_of_item(code);
  if (book == nullptr) return unknown(Route::item, "item", code);
  return {200, "application/json", item_to_json(*book, *book->find_item(code)), Route::item, {}};
}

ApiResponse handle_guide(const Snapshot& snap, std::string_view code, std::string_view query,
                         std::string_view accept) {
  const Rulebook* book = snap.book_of_item(code);
  if (book == nullptr) return unknown(Route::guide, "item", code);
  const Item* item = book->find_item(code);
  std::string text = render_guide(*book, *item);
  if (!wants_json(query, accept))
    return {200, "text/plain; charset=utf-8", std::move(text), Route::guide, {}};
  const nlohmann::ordered_json j{
      {"code", item->code}, {"name", item->name}, {"authority", item->authority}, {"guide", text}};
  return {200, "application/json", j.dump(), Route::guide, {}};
}

ApiResponse handle_plan(const Snapshot& snap, std::string_view code, std::string_view query) {
  const Rulebook* book = snap.book_of_bundle(code);
  if (book == nullptr) return unknown(Route::plan, "bundle", code);
  GraphOptions options;
  const auto statutory = query_value(query, "statutory");
  options.statutory = statutory && *statutory != "0" && *statutory != "false";
  std::vector<Diagnostic> diags;
  if (const auto start = query_value(query, "start")) {
    options.start = date_param(*start, diags);
    if (!options.start) return error_response(400, Route::plan, "bad_request", diags);
  }
  const std::string format = query_value(query, "format").value_or("json");
  if (format != "json" && format != "text" && format != "dot" && format != "mermaid") {
    return bad_query(Route::plan,
                     fmt::format("unknown format '{}' (json, text, dot or mermaid)", format));
  }
  const ApprovalGraph graph = book->graph(code, options);
  if (!graph.ok()) return error_response(400, Route::plan, "bad_request", graph.diagnostics());
  if (format == "json") return {200, "application/json", to_json(graph), Route::plan, {}};
  const std::string type = format == "dot"       ? "text/vnd.graphviz; charset=utf-8"
                           : format == "mermaid" ? "text/vnd.mermaid; charset=utf-8"
                                                 : "text/plain; charset=utf-8";
  return {200,
          type,
          format == "dot"       ? to_dot(graph)
          : format == "mermaid" ? to_mermaid(graph)
                                : to_text(graph),
          Route::plan,
          {}};
}

ApiResponse handle_calendar_add(const Snapshot& snap, std::string_view query) {
  const auto date_text = query_value(query, "date");
  const auto n_text = query_value(query, "n");
  if (!date_text || !n_text)
    return bad_query(Route::calendar_add, "calendar/add needs `date` and `n`");
  std::vector<Diagnostic> diags;
  const auto date = date_param(*date_text, diags);
  const auto limit = parse_day_count(*n_text, diags);
  if (!date || !limit) return error_response(400, Route::calendar_add, "bad_request", diags);
  CalendarError e;
  const auto due = snap.first().calendar().due_date(*date, *limit, &e);
  if (!due) {
    return error_response(400, Route::calendar_add, "bad_request",
                          {make_diagnostic(codes::date_outside_calendar, {}, e.message)});
  }
  const nlohmann::ordered_json j{
      {"date", date->to_string()}, {"n", limit->to_string()}, {"result", due->to_string()}};
  return {200, "application/json", j.dump(), Route::calendar_add, {}};
}

}  // namespace shenpi::detail
