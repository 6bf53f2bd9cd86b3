// Many applications at once: a batch of Application values, or a stream of
// JSON lines, decided on every core with the order kept.
#pragma once

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <span>
#include <string>
#include <vector>

#include "shenpi/evaluate.hpp"

namespace shenpi {

/// More threads than this are never started, whatever is asked.
inline constexpr int kMaxBatchThreads = 256;

struct BatchOptions {
  /// Worker threads: 0 means one per core; capped at kMaxBatchThreads.
  int threads = 0;
  /// Applications per unit of work handed to a thread; 0 chooses one from
  /// the batch size, so every thread gets many small units (a slow unit at
  /// the end leaves no core idle for long).
  std::size_t chunk_size = 0;
  /// evaluate_jsonl only: each decision line ends with the `trace` array of
  /// decision_to_json(d, true) (`shenpi eval --batch --trace`).
  bool trace = false;
};

struct BatchResult {
  /// One per application, in input order. A malformed application gives a
  /// decision without outcome that carries its diagnostics; the others are
  /// decided all the same.
  std::vector<Decision> decisions;
  /// Indexes of the decisions without outcome, ascending.
  std::vector<std::size_t> invalid;
  /// About the run itself, not an application: SP609 when worker threads
  /// could not start (the batch then ran on fewer, or on the caller).
  std::vector<Diagnostic> diagnostics;
};

/// Binds and decides every application on `options.threads` threads.
/// Thread-safe (the rulebook is shared read-only); blocks until done. The
/// decisions keep `book` alive through their bound applications only while
/// `book` is alive: keep the rulebook for as long as the decisions.
BatchResult evaluate_many(const Rulebook& book, std::span<const Application> applications,
                          const BatchOptions& options = {});

/// Receives the decision of application `index`. The decision is scratch
/// storage the thread reuses for its next application: copy what you keep.
/// One thread visits a unit of work's applications in input order.
using BatchVisitor = std::function<void(std::size_t index, const Decision& decision)>;

/// As above, but hands each decision to `visit` instead of keeping them
/// all: memory stays flat, and one scratch decision per thread stays in
/// cache. `visit` runs on the worker threads, for different units of work
/// at once; each application is visited once.
/// Returns the run's own diagnostics (SP609).
std::vector<Diagnostic> evaluate_many(const Rulebook& book,
                                      std::span<const Application> applications,
                                      const BatchVisitor& visit, const BatchOptions& options = {});

/// Fills application `index` into `out`, which holds an earlier
/// application of the same thread (refill it: its strings and vectors keep
/// their storage). Returns false, with diagnostics appended, for a
/// malformed one. Runs on the worker threads, for different units at once.
using BatchFill =
    std::function<bool(std::size_t index, Application& out, std::vector<Diagnostic>& diagnostics)>;

/// As above, for `count` applications that `fill` makes on the worker
/// threads (from JSON text, from table columns): each is filled, bound and
/// decided on one thread, while its input is in that core's cache, and no
/// batch of applications is kept. A malformed one is visited as a decision
/// without outcome that carries fill's diagnostics.
std::vector<Diagnostic> evaluate_many(const Rulebook& book, std::size_t count,
                                      const BatchFill& fill, const BatchVisitor& visit,
                                      const BatchOptions& options = {});

struct JsonlSummary {
  std::size_t lines = 0;    ///< applications read (blank lines are not counted)
  std::size_t invalid = 0;  ///< lines that gave no decision
  /// Problems with the stream or the run (SP100 unreadable input, SP609).
  std::vector<Diagnostic> diagnostics;
};

/// Reads JSON lines (`{"application": {...}}` each) from `in` and writes,
/// in the same order, one decision per line to `out`: the JSON of
/// decision_to_json (notice.hpp) on one line (with its trace when
/// `options.trace`), or for a line that is no
/// valid application `{"outcome":null,"diagnostics":[...]}` located at
/// `name:line:column`. Blank lines are skipped. Streams: memory stays flat
/// however long the input. Work is spread over `options.threads` threads.
JsonlSummary evaluate_jsonl(const Rulebook& book, std::istream& in, const std::string& name,
                            std::ostream& out, const BatchOptions& options = {});

}  // namespace shenpi
