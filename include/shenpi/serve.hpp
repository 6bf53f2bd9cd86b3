// `shenpi serve`: the rulebook as an HTTP/1.1 JSON service (decisions,
// guides, plans, calendar, metrics) with hot reload. docs/serve.md.
// Built as its own static library, `shenpi_serve` (Boost.Beast and OpenSSL
// stay inside it), so this header is not part of shenpi.hpp and plain
// embedders of libshenpi do not link a web server.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "shenpi/diagnostics.hpp"

namespace shenpi {

/// Options of Server. A plain struct; the defaults suit one instance on
/// the local machine behind a reverse proxy.
struct ServeOptions {
  /// Rulebook folders or files, loaded as one rulebook (as `shenpi check`).
  std::vector<std::string> rules;
  /// Address to listen on. Only loopback by default: exposing the service
  /// is a deployment decision (docs/serve.md).
  std::string bind = "127.0.0.1";
  /// TCP port; 0 picks a free one (see Server::port()).
  unsigned short port = 8080;
  /// Worker threads; 0: one per core.
  int threads = 0;
  /// Largest request body accepted, in bytes; larger ones get 413.
  std::size_t body_limit = std::size_t{16} << 20;
  /// A request (headers and body) must arrive within this time (408 / close).
  int read_timeout_ms = 15000;
  /// A keep-alive connection with no request for this long is closed.
  int idle_timeout_ms = 60000;
  /// Access log (one JSON line per request) and event log; empty: stderr.
  std::string log_file;
  /// Serve the public site at `/` with its 自助预审 form (render_site).
  bool site = true;
  /// Handle SIGTERM/SIGINT (graceful stop) and SIGHUP (reload) while run()ing.
  bool handle_signals = true;
  /// LoadOptions::cache_dir of every load and reload; empty: no cache.
  std::string cache_dir;
};

/// What a load or reload did. `diagnostics` holds the rulebook's problems
/// when it was refused; `digest` is the SHA-256 of the rule files.
struct ReloadReport {
  bool ok = false;
  std::vector<Diagnostic> diagnostics;
  std::string digest;
  double load_seconds = 0;
  int items = 0;
  int bundles = 0;
};

/// The HTTP service. Life cycle: construct, start() (loads the rules and
/// binds), run() (blocks, serving on the worker threads) until stop() or a
/// signal; then the destructor. stop() and reload() may be called from any
/// thread while run() is serving; everything else from one thread.
/// Requests see one whole rulebook each: a reload swaps it atomically and a
/// request in flight keeps the one it started with.
class Server {
 public:
  explicit Server(ServeOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Loads the rules and binds the port. On failure (rulebook errors: `ok`
  /// false with diagnostics; a port that cannot be bound: SP907) nothing
  /// listens and run() must not be called.
  ReloadReport start();
  /// The bound port (useful with port 0), after a successful start().
  unsigned short port() const;
  /// Serves until stop(): stops accepting, lets in-flight requests finish,
  /// then returns. Returns 0.
  int run();
  /// Asks run() to finish gracefully. Thread-safe; idempotent.
  void stop();
  /// Loads the rules again; a rulebook with errors is refused and the old
  /// one keeps serving. Thread-safe.
  ReloadReport reload();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace shenpi
