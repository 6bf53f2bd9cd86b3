// decide_batch: the rows of POST /v1/evaluate-batch, read, decided and
// written in chunks on the service's batch workers and the request's own
// thread (router.hpp).
#include <algorithm>

#include <fmt/format.h>

#include "record/record_json.hpp"
#include "serve/router.hpp"
#include "shenpi/evaluate.hpp"

namespace shenpi::detail {
namespace {

/// Stands in for `request[i]` while reading: one character fits in
/// std::string's inline buffer, so locations cost no allocation; the real
/// name replaces it in the diagnostics of the rare bad application (as
/// evaluate_jsonl does).
const std::string kPlaceholder = "\x01";

/// Per thread (the service's workers and its I/O threads live as long as
/// it does): an application and a decision whose storage every reading and
/// binding reuses.
struct Scratch {
  Application application;
  std::vector<Diagnostic> diagnostics;
  Decision decision;
  std::size_t row_size = 2048;  ///< bytes of the last chunk's rows, on average
};

Scratch& thread_scratch() {
  thread_local Scratch scratch;
  return scratch;
}

/// Applications a chunk: about four chunks for each thread taking part,
/// so the last one leaves no thread idle for long; at least 16, so what a
/// chunk costs besides its rows (a job queued, a decision's storage
/// renewed) stays small; at most 128, so a chunk takes about a millisecond
/// and a batch queued behind another batch's chunk waits no longer.
std::size_t chunk_size(std::size_t n, std::size_t threads) {
  return std::clamp<std::size_t>(n / (threads * 4), 16, 128);
}

void name_request(std::vector<Diagnostic>& diagnostics, std::size_t index) {
  const std::string name = fmt::format("request[{}]", index);
  for (auto& d : diagnostics) {
    if (d.location.file == kPlaceholder) d.location.file = name;
    for (auto& note : d.notes) {
      if (note.location.file == kPlaceholder) note.location.file = name;
    }
  }
}

void put_invalid(std::size_t index, std::vector<Diagnostic> diagnostics, std::string& out) {
  name_request(diagnostics, index);
  out += one_line(fmt::format(R"({{"index":{},"error":"invalid_application","diagnostics":{}}})",
                              index, diagnostics_to_json(diagnostics)));
}

/// Rows [begin, end) into `out`, each preceded by its comma (array) or
/// followed by its newline (JSON Lines); outcomes counted in `tally`.
void decide_chunk(const Snapshot& snap, const std::vector<std::string_view>& texts,
                  std::size_t begin, std::size_t end, bool array, std::string& out,
                  Metrics::Tally& tally) {
  Scratch& s = thread_scratch();
  // Room for the rows at once: rows of a batch are alike in length, so the
  // last row this thread wrote is the guess (and the buffer never grows
  // row by row from empty).
  out.reserve((end - begin) * (s.row_size + s.row_size / 8 + 2));
  const Rulebook* writer_book = nullptr;
  RecordRowWriter* writer = nullptr;
  for (std::size_t i = begin; i < end; ++i) {
    if (array && i > 0) out += ',';
    s.diagnostics.clear();
    if (!parse_application_json(texts[i], kPlaceholder, s.application, s.diagnostics)) {
      ++tally[Metrics::tally_slot(std::nullopt)];
      put_invalid(i, s.diagnostics, out);
    } else {
      const Rulebook& book = snap.deciding_book(s.application);
      book.evaluate(s.application, s.decision);
      ++tally[Metrics::tally_slot(s.decision.outcome)];
      // The writer is looked up when the rulebook changes, not per row.
      if (writer_book != &book) writer = &thread_row_writer(book);
      writer_book = &book;
      if (!writer->append(s.application, s.decision, out)) {
        put_invalid(i, s.decision.diagnostics, out);
      }
    }
    if (!array) out += '\n';
  }
  // (A guess, capped: one huge application must not make every later
  // chunk reserve for huge rows.)
  s.row_size = std::min<std::size_t>(out.size() / (end - begin), 16 << 10);
  // The decision holds its rulebook: let it go with the chunk, so a
  // reloaded rulebook is not kept alive by an idle worker.
  s.decision = Decision{};
}

}  // namespace

std::string decide_batch(ServeState& state, const Snapshot& snap,
                         const std::vector<std::string_view>& texts, bool array) {
  const std::size_t n = texts.size();
  const std::size_t size = chunk_size(n, static_cast<std::size_t>(state.batch_pool.started()) + 1);
  const std::size_t chunks = (n + size - 1) / size;
  std::vector<std::string> parts(std::max<std::size_t>(chunks, 1));
  // The first chunk's rows start the body: only they are copied once more
  // when the body grows to take the others.
  if (array) parts[0] = '[';
  run_chunks(state.batch_pool, chunks, [&](std::size_t c) {
    Metrics::Tally tally{};
    decide_chunk(snap, texts, c * size, std::min(n, (c + 1) * size), array, parts[c], tally);
    state.metrics.decisions(tally);
  });
  std::size_t total = 1;
  for (const auto& part : parts) total += part.size();
  std::string& body = parts[0];
  body.reserve(total);
  for (std::size_t c = 1; c < parts.size(); ++c) body += parts[c];
  if (array) body += ']';
  return std::move(body);
}

}  // namespace shenpi::detail
