// evaluate_jsonl: JSON lines in, decision lines out, in order, on every core.
// The calling thread reads blocks of whole lines into a ring of slots and
// writes finished slots in order; workers parse, bind, decide and write
// each slot's lines into the slot's own output buffer. The ring bounds
// memory to a few blocks however long the stream.
#include <algorithm>
#include <condition_variable>
#include <exception>
#include <istream>
#include <mutex>
#include <ostream>
#include <utility>

#include <nlohmann/json.hpp>

#include "batch/json_decide.hpp"
#include "batch/worker_pool.hpp"
#include "load/json_application.hpp"
#include "notice/json_line.hpp"
#include "shenpi/batch.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi {
namespace {

constexpr std::size_t kBlock = 1 << 17;  ///< bytes read per slot (whole lines are kept)
/// Stands in for the stream's name while parsing: one character fits in
/// std::string's inline buffer, so locations cost no allocation; the real
/// name replaces it in the diagnostics of the rare bad line.
const std::string kPlaceholder = "\x01";

struct Slot {
  std::string in;        ///< whole lines, then kJsonPadding spaces
  std::size_t size = 0;  ///< bytes of lines in `in`
  std::size_t first_line = 0;
  std::string out;
  std::size_t lines = 0;
  std::size_t invalid = 0;
  bool done = false;
  std::exception_ptr error;  ///< a bug, not bad input: rethrown on the caller
};

/// Per worker: parser and scratch, reused line after line.
struct Scratch {
  detail::JsonDecider reader;
  Decision decision;
  detail::DecisionJsonWriter writer;
  bool trace = false;  ///< BatchOptions::trace
};

bool blank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

void decide_line(const Rulebook& book, const std::string& name, std::string_view line,
                 std::size_t capacity, std::size_t number, Slot& slot, Scratch& s) {
  ++slot.lines;
  // Straight from the text into the decision's bound application when the
  // line is an application in the usual form; else the full reader.
  s.reader.decide(line, capacity, kPlaceholder, static_cast<int>(number), book, std::nullopt,
                  s.decision);
  if (!s.decision.valid()) ++slot.invalid;
  // A valid decision may carry a diagnostic too (a deadline past the calendar).
  for (auto& d : s.decision.diagnostics) {
    if (d.location.file == kPlaceholder) d.location.file = name;
  }
  s.writer.append(s.decision, slot.out, s.trace);
  slot.out += '\n';
}

void decide_slot(const Rulebook& book, const std::string& name, Slot& slot, Scratch& s) {
  slot.out.clear();
  const std::string_view text(slot.in.data(), slot.size);
  std::size_t number = slot.first_line;
  for (std::size_t at = 0; at < text.size(); ++number) {
    const std::size_t nl = std::min(text.find('\n', at), text.size());
    std::string_view line = text.substr(at, nl - at);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!blank(line)) {
      decide_line(book, name, line, slot.in.size() - at, number, slot, s);
    }
    at = nl + 1;
  }
}

/// Reads whole lines into `slot` (the last line of the stream may lack its
/// newline); a line longer than a block makes the slot longer. Bytes after
/// the last newline wait in `carry` for the next slot.
bool fill(std::istream& in, std::string& carry, Slot& slot) {
  slot.in.swap(carry);
  carry.clear();
  std::size_t searched = 0;
  for (;;) {
    const std::size_t old = slot.in.size();
    slot.in.resize(old + kBlock);
    in.read(slot.in.data() + old, static_cast<std::streamsize>(kBlock));
    slot.in.resize(old + static_cast<std::size_t>(in.gcount()));
    const auto nl = slot.in.rfind('\n');
    if (!in) break;  // end of stream (or error): everything is the last line
    if (nl != std::string::npos && nl >= searched) {
      carry.assign(slot.in, nl + 1);
      slot.in.resize(nl + 1);
      break;
    }
    searched = slot.in.size();
  }
  slot.size = slot.in.size();
  slot.in.append(detail::kJsonPadding, ' ');
  return slot.size > 0;
}

}  // namespace

JsonlSummary evaluate_jsonl(const Rulebook& book, std::istream& in, const std::string& name,
                            std::ostream& out, const BatchOptions& options) {
  JsonlSummary summary;
  detail::WorkerPool pool(detail::resolve_threads(options.threads), summary.diagnostics);
  std::vector<Scratch> scratch(static_cast<std::size_t>(pool.slots()));
  for (Scratch& s : scratch) s.trace = options.trace;
  // Two slots per worker: one being decided, one read ahead and queued.
  std::vector<Slot> ring(static_cast<std::size_t>(pool.slots()) * 2 + 1);
  std::mutex mutex;
  std::condition_variable finished;
  std::string carry;
  std::size_t next_line = 1;
  std::size_t read = 0;     // slots filled so far
  std::size_t written = 0;  // slots written so far
  bool more = true;
  const auto count_lines = [](const Slot& s) {
    return static_cast<std::size_t>(
        std::count(s.in.begin(), s.in.begin() + static_cast<std::ptrdiff_t>(s.size), '\n'));
  };
  while (more || written < read) {
    while (more && read - written < ring.size()) {
      Slot& slot = ring[read % ring.size()];
      slot.first_line = next_line;
      slot.done = false;
      slot.lines = slot.invalid = 0;
      more = fill(in, carry, slot) && !in.bad();
      if (slot.size == 0) break;
      next_line += count_lines(slot) + (slot.in[slot.size - 1] == '\n' ? 0 : 1);
      ++read;
      pool.post([&, s = &slot](int worker) {
        try {
          decide_slot(book, name, *s, scratch[static_cast<std::size_t>(worker)]);
        } catch (...) {
          s->error = std::current_exception();  // done all the same: the reader must not hang
        }
        {
          const std::lock_guard lock(mutex);
          s->done = true;
        }
        finished.notify_all();
      });
      if (in.eof()) more = false;
    }
    if (written == read) break;
    Slot& next = ring[written % ring.size()];
    {
      std::unique_lock lock(mutex);
      finished.wait(lock, [&] { return next.done; });
    }
    if (next.error) {
      pool.wait();  // no worker may still use the ring when it goes
      std::rethrow_exception(std::exchange(next.error, nullptr));
    }
    out.write(next.out.data(), static_cast<std::streamsize>(next.out.size()));
    summary.lines += next.lines;
    summary.invalid += next.invalid;
    ++written;
  }
  pool.wait();
  if (in.bad()) {
    summary.diagnostics.push_back(make_diagnostic(codes::unreadable_source, {name, 0, 0},
                                                  "cannot read the input to its end"));
  }
  return summary;
}

}  // namespace shenpi
