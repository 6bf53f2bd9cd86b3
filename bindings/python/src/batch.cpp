// Rulebook.evaluate_many: convert dicts under the GIL, bind and evaluate
// without it on every core. The main thread converts chunk after chunk and
// queues them; worker threads bind and evaluate queued chunks meanwhile, and
// the main thread joins them once conversion is done. The Rulebook is
// immutable and thread-safe, so workers share it without locks.
#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

#include "convert.hpp"
#include "wrappers.hpp"

namespace shenpi::python {
namespace {

enum class Detail { decision, outcome, missing };

constexpr std::int8_t kInvalid = -1;

/// A run of consecutive applications, converted by the main thread and then
/// evaluated by one worker.
struct Chunk {
  std::vector<Application> apps;   ///< the well-formed ones, in order
  std::vector<std::size_t> index;  ///< batch position of apps[k]
  std::vector<std::uint16_t> missing;  ///< missing material indexes, app after app (Detail::missing)
  std::vector<std::pair<std::size_t, std::vector<Diagnostic>>> convert_errors;  ///< main thread
  std::vector<std::pair<std::size_t, std::vector<Diagnostic>>> eval_errors;     ///< worker
};

/// What workers write, by batch position; each position has one writer.
struct Results {
  Detail detail = Detail::decision;
  std::vector<Decision> decisions;    ///< Detail::decision
  std::vector<std::int8_t> outcome;   ///< other details: Outcome value or kInvalid
  std::vector<std::int32_t> item;     ///< item index, for material ids
  std::vector<std::uint16_t> n_missing;
};

class ChunkQueue {
 public:
  void push(Chunk* chunk) {
    {
      const std::lock_guard lock(mutex_);
      queue_.push_back(chunk);
    }
    ready_.notify_one();
  }
  void close() {
    {
      const std::lock_guard lock(mutex_);
      closed_ = true;
    }
    ready_.notify_all();
  }
  /// The next chunk; nullptr once closed and drained.
  Chunk* pop() {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return closed_ || !queue_.empty(); });
    if (queue_.empty()) return nullptr;
    Chunk* chunk = queue_.front();
    queue_.pop_front();
    return chunk;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Chunk*> queue_;
  bool closed_ = false;
};

void evaluate_chunk(const Rulebook& book, Chunk& chunk, Results& results, Decision& scratch) {
  for (std::size_t k = 0; k < chunk.apps.size(); ++k) {
    const std::size_t at = chunk.index[k];
    BindResult bound = bind_application(book, chunk.apps[k]);
    Decision& d = results.detail == Detail::decision ? results.decisions[at] : scratch;
    if (!bound.application) {
      d = Decision{};
      d.diagnostics = std::move(bound.diagnostics);
    } else {
      book.evaluate(bound.application, d);  // reuses `scratch`'s storage in the compact modes
    }
    if (!d.valid()) {
      chunk.eval_errors.emplace_back(at, d.diagnostics);
      if (results.detail != Detail::decision) results.outcome[at] = kInvalid;
      continue;
    }
    if (results.detail == Detail::decision) continue;
    results.outcome[at] = static_cast<std::int8_t>(*d.outcome);
    results.item[at] = d.application->item_index();
    if (results.detail != Detail::missing) continue;
    std::uint16_t n = 0;
    for (std::size_t i = 0; i < d.materials.size(); ++i) {
      if (d.materials[i].status != MaterialStatus::missing) continue;
      chunk.missing.push_back(static_cast<std::uint16_t>(i));
      ++n;
    }
    results.n_missing[at] = n;
  }
  // The converted applications are done with; free them while others run.
  std::vector<Application>().swap(chunk.apps);
}

/// Worker threads over a queue; joined (without the GIL) on destruction, so
/// an exception on the main thread never leaves a thread running.
class Pool {
 public:
  Pool(const Rulebook& book, Results& results, int workers) : book_(book), results_(results) {
    for (int i = 0; i < workers; ++i) threads_.emplace_back([this] { work(); });
  }
  ~Pool() { finish(); }
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  void push(Chunk* chunk) { queue_.push(chunk); }

  /// Closes the queue, helps drain it on this thread and joins the workers.
  /// Call with the GIL released. Rethrows a worker's exception.
  void finish() {
    if (finished_) return;
    finished_ = true;
    queue_.close();
    work();
    for (auto& t : threads_) t.join();
  }
  void rethrow() const {
    if (error_) std::rethrow_exception(error_);
  }

 private:
  void work() {
    Decision scratch;
    try {
      while (Chunk* chunk = queue_.pop()) evaluate_chunk(book_, *chunk, results_, scratch);
    } catch (...) {
      const std::lock_guard lock(error_mutex_);
      if (!error_) error_ = std::current_exception();
    }
  }

  const Rulebook& book_;
  Results& results_;
  ChunkQueue queue_;
  std::vector<std::thread> threads_;
  std::mutex error_mutex_;
  std::exception_ptr error_;
  bool finished_ = false;
};

Detail parse_detail(const std::string& text) {
  if (text == "decision") return Detail::decision;
  if (text == "outcome") return Detail::outcome;
  if (text == "missing") return Detail::missing;
  throw py::value_error("evaluate_many: detail must be 'decision', 'outcome' or 'missing', not '" + text + "'");
}

/// The Python list of results, in batch order.
py::list build_results(const std::shared_ptr<BookHandle>& self, Results& r, std::vector<Chunk>& chunks,
                       std::size_t n) {
  py::list out(n);
  if (r.detail == Detail::decision) {
    for (std::size_t i = 0; i < n; ++i) out[i] = py::cast(PyDecision{std::move(r.decisions[i]), self});
    return out;
  }
  PyObject* words[4];
  for (int o = 0; o < 4; ++o) words[o] = interned(to_string(static_cast<Outcome>(o)));
  const auto outcome_of = [&](std::size_t i) {
    return r.outcome[i] == kInvalid ? py::none() : py::reinterpret_borrow<py::object>(words[r.outcome[i]]);
  };
  if (r.detail == Detail::outcome) {
    for (std::size_t i = 0; i < n; ++i) out[i] = outcome_of(i);
    return out;
  }
  for (const Chunk& chunk : chunks) {
    std::size_t next = 0;  // position in chunk.missing
    for (const std::size_t i : chunk.index) {
      if (r.outcome[i] == kInvalid) continue;
      const auto& ids = self->material_ids[static_cast<std::size_t>(r.item[i])];
      py::tuple missing(r.n_missing[i]);
      for (std::size_t k = 0; k < r.n_missing[i]; ++k) missing[k] = ids[chunk.missing[next++]];
      out[i] = py::make_tuple(outcome_of(i), std::move(missing));
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (r.outcome[i] == kInvalid) out[i] = py::make_tuple(py::none(), py::tuple());
  }
  return out;
}

py::list evaluate_many(const std::shared_ptr<BookHandle>& self, py::handle apps, const std::string& detail,
                       const std::string& errors, std::optional<int> threads, std::size_t chunk_size) {
  Results results;
  results.detail = parse_detail(detail);
  if (errors != "raise" && errors != "return") {
    throw py::value_error("evaluate_many: errors must be 'raise' or 'return', not '" + errors + "'");
  }
  const bool raise = errors == "raise";
  // A list or tuple is read in place; any other iterable is listed first.
  const py::object seq = py::reinterpret_steal<py::object>(
      PySequence_Fast(apps.ptr(), "evaluate_many: expected a list (or iterable) of application dicts"));
  if (!seq) throw py::error_already_set();
  const std::size_t n = static_cast<std::size_t>(PySequence_Fast_GET_SIZE(seq.ptr()));
  PyObject** items = PySequence_Fast_ITEMS(seq.ptr());
  if (results.detail == Detail::decision) results.decisions.resize(n);
  results.outcome.assign(n, kInvalid);
  results.item.assign(n, -1);
  results.n_missing.assign(n, 0);

  chunk_size = std::max<std::size_t>(chunk_size, 1);
  std::vector<Chunk> chunks((n + chunk_size - 1) / chunk_size);  // never resized: workers hold pointers
  const int cores = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  const int wanted = threads ? std::max(1, *threads) : cores;
  // The main thread converts, then evaluates alongside the workers.
  const int workers = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(wanted - 1), chunks.size()));
  Pool pool(*self->book, results, workers);
  ApplicationConverter converter(*self->index);
  for (std::size_t c = 0; c < chunks.size(); ++c) {
    Chunk& chunk = chunks[c];
    const std::size_t end = std::min(n, (c + 1) * chunk_size);
    chunk.apps.reserve(end - c * chunk_size);
    for (std::size_t i = c * chunk_size; i < end; ++i) {
      std::vector<Diagnostic> diagnostics;
      if (converter.convert(items[i], chunk.apps, diagnostics)) {
        chunk.index.push_back(i);
        continue;
      }
      if (raise) {
        py::gil_scoped_release release;
        pool.finish();
      }
      if (raise) raise_application_error(diagnostics, i);
      chunk.convert_errors.emplace_back(i, std::move(diagnostics));
    }
    pool.push(&chunk);
  }
  {
    py::gil_scoped_release release;
    pool.finish();
  }
  pool.rethrow();

  std::vector<std::pair<std::size_t, std::vector<Diagnostic>>*> bad;
  for (auto& chunk : chunks) {
    for (auto& e : chunk.convert_errors) bad.push_back(&e);
    for (auto& e : chunk.eval_errors) bad.push_back(&e);
  }
  if (!bad.empty()) {
    std::sort(bad.begin(), bad.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
    if (raise) raise_application_error(bad.front()->second, bad.front()->first);
    if (results.detail == Detail::decision) {
      for (auto* e : bad) results.decisions[e->first].diagnostics = e->second;
    }
  }
  return build_results(self, results, chunks, n);
}

}  // namespace

void init_batch(py::class_<BookHandle, std::shared_ptr<BookHandle>>& cls) {
  cls.def("evaluate_many", &evaluate_many, py::arg("apps"), py::kw_only(), py::arg("detail") = "decision",
          py::arg("errors") = "raise", py::arg("threads") = py::none(), py::arg("chunk_size") = 1024,
          R"(Decide many applications, in order, on all cores.

``apps`` is a list (or iterable) of application dicts as for evaluate().
The dicts are converted with the GIL held; binding and evaluation then run
on ``threads`` threads (default: every core) without the GIL.

``detail`` chooses what comes back, one entry per application:
``"decision"`` Decision objects; ``"outcome"`` the outcome strings;
``"missing"`` ``(outcome, (missing material ids…))`` tuples — the compact
forms are faster and smaller. ``errors="raise"`` raises ApplicationError for
the first bad application (its ``index`` says which); ``errors="return"``
gives invalid Decisions (``valid`` False) or None outcomes instead.)");
}

}  // namespace shenpi::python
