// Rulebook.evaluate_many: dicts read under the GIL on the calling thread
// while the workers bind and decide the dicts read before (a pipeline
// through a ring of reused slots, dict_feed.hpp), so reading, the one part
// that needs the GIL, overlaps the rest. Plain dicts are read into typed
// records (dict_fast.hpp) that the workers bind by handle (dict_bind.hpp);
// any other dict is converted into an Application by the general
// converter (convert.hpp). The workers run through run_rows_with
// (batch_fused.hpp), each with its own scratch, on a thread of their own,
// so the calling thread stays free to read.
#include <algorithm>
#include <cstdint>
#include <exception>
#include <memory>
#include <system_error>
#include <thread>
#include <utility>

#include "batch_fused.hpp"
#include "convert.hpp"
#include "dict_bind.hpp"
#include "dict_feed.hpp"

namespace shenpi::python {
namespace {

/// A count argument (threads, chunk_size): an int of at least 1, capped at
/// `cap` (a bigger count means the same as the most there can be).
std::size_t count_arg(py::handle value, const char* name, std::size_t cap) {
  if (PyBool_Check(value.ptr()) || !PyIndex_Check(value.ptr())) {
    throw py::type_error(std::string("evaluate_many: ") + name + " must be an int, not " +
                         type_name(value.ptr()));
  }
  const py::int_ number = py::reinterpret_steal<py::int_>(PyNumber_Index(value.ptr()));
  if (!number) throw py::error_already_set();
  int overflow = 0;
  const long long n = PyLong_AsLongLongAndOverflow(number.ptr(), &overflow);
  if (overflow < 0 || (overflow == 0 && n < 1)) {
    throw py::value_error(std::string("evaluate_many: ") + name + " must be at least 1, not " +
                          short_repr(number.ptr()) +
                          (std::string_view(name) == "threads" ? " (None: one per core)" : ""));
  }
  if (overflow > 0 || static_cast<unsigned long long>(n) > cap) return cap;
  return static_cast<std::size_t>(n);
}

/// Rows read ahead of the workers at most: enough that a worker never
/// waits for a slot while another finishes a unit, few enough (a record is
/// well under 1 KB) to stay in the last-level cache.
std::size_t ring_size(std::size_t chunk, int threads) {
  const std::size_t workers = threads > 0 ? static_cast<std::size_t>(threads)
                                          : std::max(1U, std::thread::hardware_concurrency());
  return std::clamp<std::size_t>(chunk * (workers + 1), 1024, 4096);
}

/// Rows between two publications: a worker waiting for rows is woken with
/// a system call, so the converting thread wakes it for a few rows at once.
constexpr std::size_t kPublishEvery = 32;

/// The pipeline: reads on this thread, decides on `runner`'s workers.
class Pipeline {
 public:
  Pipeline(const BookHandle& book, PyObject** items, std::size_t n, std::size_t chunk, int threads,
           bool raise, ListResults& results)
      : book_(book),
        items_(items),
        n_(n),
        chunk_(chunk),
        threads_(threads),
        raise_(raise),
        results_(results),
        feed_(n, ring_size(chunk, threads)),
        converter_(*book.index),
        reader_(*book.index) {}

  void run() {
    std::thread runner;
    try {
      runner = std::thread([this] { decide(0, n_, threads_); });
    } catch (const std::system_error&) {
      run_in_turns();  // no thread to spare: convert a ring, decide it, and so on
      return;
    }
    try {
      convert(0, n_);
    } catch (...) {
      feed_.close(converted_);  // release the workers before unwinding
      py::gil_scoped_release release;
      runner.join();
      throw;
    }
    py::gil_scoped_release release;
    runner.join();
    if (error_) std::rethrow_exception(error_);
  }

 private:
  /// Converts rows [begin, end) into the feed; stops at the first bad row
  /// when raising (the rows after it are skipped, earlier ones decided).
  void convert(std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      DictFeed::Slot* found = feed_.slot_for(i);
      if (found == nullptr) {  // the workers failed: run() rethrows their error
        feed_.close(i);
        return;
      }
      DictFeed::Slot& slot = *found;
      using Kind = DictFeed::Slot::Kind;
      if (reader_.read(items_[i], slot.record)) {
        slot.kind = Kind::record;
      } else {
        slot.diagnostics.clear();
        const bool ok = converter_.convert(items_[i], slot.application, slot.diagnostics);
        slot.kind = ok ? Kind::application : Kind::failed;
      }
      converted_ = i + 1;
      if (slot.kind == Kind::failed && raise_) {
        feed_.publish(i + 1);
        feed_.close(i + 1);
        return;
      }
      if (converted_ % kPublishEvery == 0) feed_.publish(converted_);
    }
    feed_.publish(end);
  }

  /// Decides rows [begin, end) on `threads` threads (this one among
  /// them); no GIL.
  void decide(std::size_t begin, std::size_t end, int threads) {
    try {
      run_rows_with(end - begin, threads, chunk_, [&]() -> RowRun {
        auto scratch = std::make_shared<Scratch>(*book_.book);  // this thread's
        return [this, begin, scratch](std::size_t k) { decide_row(begin + k, *scratch); };
      });
    } catch (...) {
      error_ = std::current_exception();
      feed_.fail();
    }
  }

  /// What a worker thread reuses from row to row.
  struct Scratch {
    explicit Scratch(const Rulebook& book) : decider(book) {}
    RecordDecider decider;
    Application application;
    Decision decision;
  };

  void decide_row(std::size_t row, Scratch& s) {
    DictFeed::Slot* slot = feed_.take(row);
    if (slot == nullptr) return;  // skipped: after the bad row that raises
    struct Release {              // the slot goes back even if deciding throws
      DictFeed& feed;
      std::size_t row;
      ~Release() { feed.release(row); }
    } release{feed_, row};
    Decision& out = s.decision;
    switch (slot->kind) {
      case DictFeed::Slot::Kind::record:
        s.decider.decide(slot->record, out);
        break;
      case DictFeed::Slot::Kind::application:
        std::swap(s.application, slot->application);  // the slot keeps our old storage
        book_.book->evaluate(s.application, out);
        break;
      case DictFeed::Slot::Kind::failed:
        out = Decision{};  // as the library's batch gives a row its fill refused
        out.diagnostics = std::move(slot->diagnostics);
        break;
    }
    results_.record(row, out);
  }

  /// The fallback when no thread starts: conversion and deciding take turns,
  /// a ring of rows at a time, decided on one thread (the results are kept
  /// by chunks of rows, which a ring need not align with: one writer).
  void run_in_turns() {
    const std::size_t ring = ring_size(chunk_, threads_);
    for (std::size_t begin = 0; begin < n_ && !feed_.skipped(begin); begin += ring) {
      const std::size_t end = std::min(n_, begin + ring);
      convert(begin, end);
      py::gil_scoped_release release;
      decide(begin, end, 1);
      if (error_) std::rethrow_exception(error_);
    }
  }

  const BookHandle& book_;
  PyObject** items_;
  std::size_t n_, chunk_;
  int threads_;
  bool raise_;
  ListResults& results_;
  DictFeed feed_;
  ApplicationConverter converter_;
  DictReader reader_;  ///< the fast path; converter_ takes the dicts it refuses
  std::size_t converted_ = 0;
  std::exception_ptr error_;
};

py::list evaluate_many(const std::shared_ptr<BookHandle>& self, py::handle apps,
                       const std::string& detail, const std::string& errors, py::handle threads_arg,
                       py::handle chunk_arg) {
  const BatchDetail form = parse_batch_detail(detail, "evaluate_many");
  const bool raise = parse_batch_errors(errors, "evaluate_many");
  // More threads than the library starts mean the same as its cap.
  const int threads =
      threads_arg.is_none()
          ? 0
          : static_cast<int>(count_arg(threads_arg, "threads", std::size_t{kMaxBatchThreads}));
  std::size_t chunk_size = count_arg(chunk_arg, "chunk_size", SIZE_MAX);
  if (PyUnicode_Check(apps.ptr()) || PyDict_Check(apps.ptr()) ||
      !py::isinstance<py::iterable>(apps)) {
    throw py::type_error("evaluate_many: expected a list (or iterable) of application dicts, got " +
                         type_name(apps.ptr()));
  }
  // A tuple snapshot: another thread resizing the caller's list while the
  // GIL is released must not move the items under us.
  const py::object seq = py::reinterpret_steal<py::object>(PySequence_Tuple(apps.ptr()));
  if (!seq) throw py::error_already_set();
  const std::size_t n = static_cast<std::size_t>(PyTuple_GET_SIZE(seq.ptr()));
  PyObject** items = PySequence_Fast_ITEMS(seq.ptr());  // works on tuples
  chunk_size = std::clamp<std::size_t>(chunk_size, 1, std::max<std::size_t>(n, 1));
  ListResults results(form, n, chunk_size);
  if (n > 0) Pipeline(*self, items, n, chunk_size, threads, raise, results).run();
  const auto invalid = results.errors();
  if (raise) raise_first(invalid);
  return results.build(self);
}

}  // namespace

void init_batch(py::class_<BookHandle, std::shared_ptr<BookHandle>>& cls) {
  cls.def("evaluate_many", &evaluate_many, py::arg("apps"), py::kw_only(),
          py::arg("detail") = "decision", py::arg("errors") = "raise",
          py::arg("threads") = py::none(), py::arg("chunk_size") = py::int_(1024),
          R"(Decide many applications, in order, on all cores.

``apps`` is a list (or iterable) of application dicts as for evaluate().
The dicts are converted with the GIL held; binding and evaluation then run
on ``threads`` threads (None, the default: one per core; at most 256)
without the GIL. ``threads`` and ``chunk_size`` are ints of at least 1
(ValueError otherwise).

``detail`` chooses what comes back, one entry per application:
``"decision"`` Decision objects; ``"outcome"`` the outcome strings;
``"missing"`` ``(outcome, (missing material ids…))`` tuples — the compact
forms are faster and smaller. ``errors="raise"`` raises ApplicationError for
the first bad application (its ``index`` says which); ``errors="return"``
gives invalid Decisions (``valid`` False) or None outcomes instead.)");
}

}  // namespace shenpi::python
