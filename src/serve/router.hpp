// Requests to responses, without sockets: the whole API as one function of
// (method, target, body), so it is tested in-process and the HTTP layer
// (http_server.cpp) only moves bytes.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "batch/worker_pool.hpp"
#include "serve/metrics.hpp"
#include "serve/snapshot.hpp"

namespace shenpi::detail {

struct ApiRequest {
  std::string_view method;  ///< "GET", "POST", …
  std::string_view target;  ///< path and query, `/v1/items?x=1`
  std::string_view body;
  std::string_view accept;  ///< the Accept header, for the guide's two forms
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  Route route = Route::unknown;
  std::vector<std::pair<std::string, std::string>> headers;  ///< extra ones (Allow …)
};

/// What the routes share: the snapshot being served, the counters, and how
/// to reload. The snapshot is read once per request, so a request sees one
/// rulebook from start to end whatever reloads happen meanwhile.
struct ServeState {
  /// Starts the batch workers: `batch_threads` (0: one per core).
  explicit ServeState(int batch_threads = 0)
      : batch_pool(resolve_threads(batch_threads), batch_pool_report) {}

  std::atomic<std::shared_ptr<const Snapshot>> snapshot;
  Metrics metrics;
  std::function<ReloadReport()> reload;
  /// SP609 when batch workers could not start (batches then run on the
  /// request's own thread).
  std::vector<Diagnostic> batch_pool_report;
  /// The batch workers, for the life of the service: every
  /// `POST /v1/evaluate-batch` shares them chunk by chunk (run_chunks).
  WorkerPool batch_pool;
};

ApiResponse route_request(ServeState& state, const ApiRequest& request);

/// A JSON error body: `{"status":…,"error":…,"message":…,"diagnostics":[…]}`.
ApiResponse error_response(int status, Route route, std::string_view error,
                           const std::vector<Diagnostic>& diagnostics);

/// The one-line reload summary of the log and of POST /v1/reload (Chinese).
std::string reload_message(const ReloadReport& report);
/// The report as JSON (`accepted`, `digest`, `load_seconds`, counts, diagnostics).
std::string reload_json(const ReloadReport& report, const Snapshot& serving);

// The handlers, one file per family.
ApiResponse handle_evaluate(ServeState& state, const Snapshot& snap, std::string_view body,
                            std::string_view query);
ApiResponse handle_evaluate_batch(ServeState& state, const Snapshot& snap, std::string_view body);
/// The body of a batch's answer: one compact row per text, in order, as
/// a JSON array (`array`) or JSON Lines. Each row is a decision with its
/// record, or `{"index":i,"error":"invalid_application","diagnostics":…}`
/// located at `request[i]:line:col`. Texts are read, decided and written
/// in chunks on the state's batch workers and the calling thread.
std::string decide_batch(ServeState& state, const Snapshot& snap,
                         const std::vector<std::string_view>& texts, bool array);
ApiResponse handle_items(const Snapshot& snap);
ApiResponse handle_item(const Snapshot& snap, std::string_view code);
ApiResponse handle_guide(const Snapshot& snap, std::string_view code, std::string_view query,
                         std::string_view accept);
ApiResponse handle_plan(const Snapshot& snap, std::string_view code, std::string_view query);
ApiResponse handle_calendar_add(const Snapshot& snap, std::string_view query);

/// The value of `name` in a query string (`a=1&b=2`), percent-decoded;
/// nullopt when absent.
std::optional<std::string> query_value(std::string_view query, std::string_view name);
/// Percent-decoding of a path segment or query value (`+` is a space in queries).
std::string percent_decode(std::string_view text, bool plus_is_space);

/// Pretty-printed JSON on one line: drops each newline and the indent after
/// it. Safe because JSON escapes newlines inside strings.
std::string one_line(std::string_view json);

/// The checked item as data (docs/serve.md: GET /v1/items/{code}).
std::string item_to_json(const Rulebook& book, const Item& item);

}  // namespace shenpi::detail
