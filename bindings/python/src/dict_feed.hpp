// The pipeline behind evaluate_many(dicts): the calling thread reads
// dicts (it must, under the GIL) into a ring of slots while the workers
// bind and decide the rows read before, so both cores work at once. A
// slot's storage is reused ring after ring, so a warm pipeline allocates
// nothing per row.
// The calling thread is the only producer; any number of workers consume,
// each row once, in any order of rows between workers.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "common.hpp"
#include "dict_fast.hpp"

namespace shenpi::python {

class DictFeed {
 public:
  /// Rows [0, rows), through `slots` slots (at least 1).
  DictFeed(std::size_t rows, std::size_t slots);

  /// One converted row: the fast path's record of it, or the general
  /// converter's application, or the diagnostics that stopped it.
  struct Slot {
    enum class Kind : std::uint8_t { record, application, failed };
    DictRecord record;
    Application application;
    std::vector<Diagnostic> diagnostics;
    Kind kind = Kind::failed;
  };

  // --- the producer (calling thread, GIL held) ---

  /// The slot for `row` (rows in order), once the row that used it before
  /// was taken; waits with the GIL released when it must. Fill it, then
  /// publish.
  /// nullptr once the workers failed (fail()): stop reading then.
  Slot* slot_for(std::size_t row);
  /// Makes every row before `end` visible to the workers. The producer
  /// calls it every few rows (a wake-up costs a system call when a worker
  /// waits) and once at the end.
  void publish(std::size_t end);
  /// No more rows: rows from `end` on are skipped (take() says so).
  /// Also how a failing producer releases the workers.
  void close(std::size_t end);

  // --- the workers (no GIL) ---

  /// Row `row`'s slot once it is published, to read and then release();
  /// nullptr for a skipped row.
  Slot* take(std::size_t row);
  /// Gives the slot of `row` back to the producer.
  void release(std::size_t row);
  /// The workers stopped (an exception): the producer must not wait for
  /// slots they will never release.
  void fail();
  /// Rows at or past this were never converted (after close()).
  bool skipped(std::size_t row) const { return row >= end_.load(std::memory_order_acquire); }

 private:
  std::vector<Slot> slots_;
  std::unique_ptr<std::atomic<bool>[]> busy_;  ///< per slot: holds a row not yet taken
  std::atomic<std::size_t> published_{0};      ///< rows below are ready (or skipped)
  std::atomic<std::size_t> end_;               ///< rows from here on are skipped
  std::atomic<bool> failed_{false};
};

}  // namespace shenpi::python
