#include "serve/router.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "shenpi/diagnostic_codes.hpp"
#include "shenpi/diagnostics.hpp"

namespace shenpi::detail {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

ApiResponse method_not_allowed(Route route, std::string_view method, std::string_view allowed) {
  ApiResponse r = error_response(
      405, route, "method_not_allowed",
      {make_diagnostic(codes::method_not_allowed, {},
                       fmt::format("method {} is not allowed here; use {}", method, allowed))});
  r.headers.emplace_back("Allow", std::string(allowed));
  return r;
}

ApiResponse not_found(std::string_view path) {
  return error_response(
      404, Route::unknown, "not_found",
      {make_diagnostic(codes::not_found, {}, fmt::format("no such resource: {}", path))});
}

ApiResponse healthz(const Snapshot& snap) {
  nlohmann::ordered_json j{{"status", "ok"},
                           {"digest", snap.digest},
                           {"generation", snap.generation},
                           {"items", snap.items},
                           {"bundles", snap.bundles}};
  return {200, "application/json", j.dump(), Route::healthz, {}};
}

ApiResponse reload(ServeState& state) {
  const ReloadReport report = state.reload();
  const auto snap = state.snapshot.load();
  // A refused rulebook is the caller's input error; the service itself is fine.
  ApiResponse r{
      report.ok ? 200 : 400, "application/json", reload_json(report, *snap), Route::reload, {}};
  return r;
}

/// The public site at `/`: the pages render_site made for this snapshot.
ApiResponse site_page(const Snapshot& snap, std::string_view path) {
  std::string key = percent_decode(path.substr(1), false);
  if (key.empty() || key.back() == '/') key += "index.html";
  const auto it = snap.site.find(key);
  if (it == snap.site.end()) return not_found(path);
  return {200, it->second.content_type, it->second.body, Route::site, {}};
}

/// `/v1/items/{code}` and `/v1/items/{code}/guide`.
ApiResponse item_routes(const Snapshot& snap, const ApiRequest& req, std::string_view path,
                        std::string_view query) {
  std::string_view rest = path.substr(std::string_view("/v1/items/").size());
  const bool guide = rest.size() > 6 && rest.substr(rest.size() - 6) == "/guide";
  if (guide) rest.remove_suffix(6);
  const Route route = guide ? Route::guide : Route::item;
  if (rest.empty() || rest.find('/') != std::string_view::npos) return not_found(path);
  if (req.method != "GET") return method_not_allowed(route, req.method, "GET");
  const std::string code = percent_decode(rest, false);
  return guide ? handle_guide(snap, code, query, req.accept) : handle_item(snap, code);
}

ApiResponse dispatch(ServeState& state, const Snapshot& snap, const ApiRequest& req,
                     std::string_view path, std::string_view query) {
  struct Fixed {
    std::string_view path;
    Route route;
    std::string_view method;
  };
  static constexpr Fixed kFixed[] = {
      {"/v1/evaluate", Route::evaluate, "POST"},
      {"/v1/evaluate-batch", Route::evaluate_batch, "POST"},
      {"/v1/items", Route::items, "GET"},
      {"/v1/calendar/add", Route::calendar_add, "GET"},
      {"/healthz", Route::healthz, "GET"},
      {"/metrics", Route::metrics, "GET"},
      {"/v1/reload", Route::reload, "POST"},
  };
  for (const auto& f : kFixed) {
    if (path != f.path) continue;
    if (req.method != f.method) return method_not_allowed(f.route, req.method, f.method);
    switch (f.route) {
      case Route::evaluate:
        return handle_evaluate(state, snap, req.body, query);
      case Route::evaluate_batch:
        return handle_evaluate_batch(state, snap, req.body);
      case Route::items:
        return handle_items(snap);
      case Route::calendar_add:
        return handle_calendar_add(snap, query);
      case Route::healthz:
        return healthz(snap);
      case Route::metrics:
        return {200,
                "text/plain; version=0.0.4; charset=utf-8",
                state.metrics.render(snap),
                Route::metrics,
                {}};
      default:
        return reload(state);
    }
  }
  if (starts_with(path, "/v1/items/")) return item_routes(snap, req, path, query);
  if (starts_with(path, "/v1/bundles/") && path.size() > 17 &&
      path.substr(path.size() - 5) == "/plan") {
    const std::string_view code = path.substr(12, path.size() - 17);
    if (code.find('/') != std::string_view::npos) return not_found(path);
    if (req.method != "GET") return method_not_allowed(Route::plan, req.method, "GET");
    return handle_plan(snap, percent_decode(code, false), query);
  }
  if (starts_with(path, "/v1/") || path == "/v1") return not_found(path);
  if (req.method != "GET") {
    return snap.site.empty() ? not_found(path) : method_not_allowed(Route::site, req.method, "GET");
  }
  return site_page(snap, path);
}

}  // namespace

ApiResponse error_response(int status, Route route, std::string_view error,
                           const std::vector<Diagnostic>& diagnostics) {
  std::vector<Diagnostic> sorted = diagnostics;
  sort_diagnostics(sorted);
  const std::string message = sorted.empty() ? std::string(error) : sorted.front().message;
  std::string body = one_line(fmt::format(
      R"({{"status":{},"error":{},"message":{},"diagnostics":{}}})", status,
      nlohmann::json(error).dump(), nlohmann::json(message).dump(), diagnostics_to_json(sorted)));
  return {status, "application/json", std::move(body), route, {}};
}

ApiResponse route_request(ServeState& state, const ApiRequest& request) {
  const auto snap = state.snapshot.load();  // one rulebook for the whole request
  const std::size_t q = request.target.find('?');
  const std::string_view path = request.target.substr(0, q);
  const std::string_view query =
      q == std::string_view::npos ? std::string_view() : request.target.substr(q + 1);
  try {
    ApiResponse response = dispatch(state, *snap, request, path, query);
    // Which rulebook answered: lets a client (and the reload test) see that
    // a response came from one whole rulebook.
    response.headers.emplace_back("X-Shenpi-Rulebook", snap->digest);
    return response;
  } catch (const std::exception& e) {
    // The library reports problems as values; reaching here is a bug, and
    // the service goes on serving.
    return error_response(
        500, Route::unknown, "internal_error",
        {make_diagnostic(codes::internal_error, {}, fmt::format("internal error: {}", e.what()))});
  }
}

std::string reload_message(const ReloadReport& r) {
  if (r.ok) {
    return fmt::format("规则库已加载：{} 个事项、{} 个一件事，用时 {:.3f} 秒，摘要 {}", r.items,
                       r.bundles, r.load_seconds, r.digest.substr(0, 12));
  }
  int errors = 0;
  for (const auto& d : r.diagnostics) errors += d.severity == Severity::error ? 1 : 0;
  return fmt::format("规则库有 {} 个错误，未予加载，继续使用原规则库", errors);
}

std::string reload_json(const ReloadReport& r, const Snapshot& serving) {
  std::vector<Diagnostic> errors;
  for (const auto& d : r.diagnostics) {
    if (d.severity == Severity::error) errors.push_back(d);
  }
  return one_line(fmt::format(
      R"({{"accepted":{},"message":{},"digest":{},"serving_digest":{},"generation":{},"load_seconds":{},"items":{},"bundles":{},"diagnostics":{}}})",
      r.ok, nlohmann::json(reload_message(r)).dump(), nlohmann::json(r.digest).dump(),
      nlohmann::json(serving.digest).dump(), serving.generation, r.load_seconds, r.items, r.bundles,
      diagnostics_to_json(errors)));
}

std::string one_line(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  for (std::size_t i = 0; i < json.size(); ++i) {
    if (json[i] != '\n') {
      out += json[i];
      continue;
    }
    while (i + 1 < json.size() && json[i + 1] == ' ') ++i;
  }
  return out;
}

std::optional<std::string> query_value(std::string_view query, std::string_view name) {
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const std::size_t eq = pair.find('=');
    if (percent_decode(pair.substr(0, eq), true) == name) {
      return eq == std::string_view::npos ? std::string()
                                          : percent_decode(pair.substr(eq + 1), true);
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

std::string percent_decode(std::string_view text, bool plus_is_space) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() + 0 && hex(text[i + 1]) >= 0 &&
        hex(text[i + 2]) >= 0) {
      out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
      i += 2;
    } else {
      out += plus_is_space && text[i] == '+' ? ' ' : text[i];
    }
  }
  return out;
}

}  // namespace shenpi::detail
