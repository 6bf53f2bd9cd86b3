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
#include <utility>

#include "convert.hpp"
#include "wrappers.hpp"

namespace shenpi::python {
namespace {

enum class Detail { decision, outcome, missing };

constexpr std::int8_t kInvalid = -1;

using Errors = std::vector<std::pair<std::size_t, std::vector<Diagnostic>>>;

/// What is known about one chunk of consecutive applications.
struct Chunk {
  std::vector<std::size_t> index;      ///< batch positions of the well-formed applications
  std::vector<std::uint16_t> missing;  ///< missing material indexes, app after app (Detail::missing)
  Errors convert_errors;               ///< written by the main thread
  Errors eval_errors;                  ///< written by the worker that evaluates it
};

/// Converted applications of one chunk on their way to a worker. Buffers
/// go round (main thread fills, worker evaluates, main thread refills), and
/// their Application objects are reused, so after the first round
/// converting allocates almost nothing and nothing is freed across threads.
struct Buffer {
  std::vector<Application> apps;
  std::size_t count = 0;
  Chunk* chunk = nullptr;
};

/// What workers write, by batch position; each position has one writer.
struct Results {
  Detail detail = Detail::decision;
  std::vector<Decision> decisions;   ///< Detail::decision
  std::vector<std::int8_t> outcome;  ///< other details: Outcome value or kInvalid
  std::vector<std::int32_t> item;    ///< item index, for material ids
  std::vector<std::uint16_t> n_missing;
};

/// A closable blocking queue of buffers.
class BufferQueue {
 public:
  void push(Buffer* b) {
    {
      const std::lock_guard lock(mutex_);
      queue_.push_back(b);
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
  /// The next buffer; nullptr once closed and drained.
  Buffer* pop() {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return closed_ || !queue_.empty(); });
    return take();
  }
  /// The next buffer if one is waiting, else nullptr.
  Buffer* try_pop() {
    const std::lock_guard lock(mutex_);
    return take();
  }

 private:
  Buffer* take() {
    if (queue_.empty()) return nullptr;
    Buffer* b = queue_.front();
    queue_.pop_front();
    return b;
  }
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Buffer*> queue_;
  bool closed_ = false;
};

void evaluate_buffer(const Rulebook& book, const Buffer& buffer, Results& results, Decision& scratch) {
  Chunk& chunk = *buffer.chunk;
  for (std::size_t k = 0; k < buffer.count; ++k) {
    const std::size_t at = chunk.index[k];
    BindResult bound = bind_application(book, buffer.apps[k]);
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
}

/// Worker threads evaluating filled buffers and handing them back. Joined
/// on destruction, so an exception on the main thread never leaves a
/// thread running (they never touch Python, so joining under the GIL is safe).
class Pool {
 public:
  Pool(const Rulebook& book, Results& results, int workers) : book_(book), results_(results) {
    // One buffer per worker, one being filled, one queued: enough to keep
    // every thread busy.
    buffers_.resize(static_cast<std::size_t>(workers) + 2);
    for (auto& b : buffers_) free_.push(&b);
    for (int i = 0; i < workers; ++i) threads_.emplace_back([this] { work(); });
  }
  ~Pool() {
    work_.close();
    for (auto& t : threads_) t.join();
  }
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  /// A buffer to fill; waits for a worker to hand one back, with the GIL
  /// released, when all are taken.
  Buffer& take() {
    if (Buffer* b = free_.try_pop()) return *b;
    py::gil_scoped_release release;
    return *free_.pop();
  }

  /// Queues a filled buffer; without workers, evaluates it right here.
  void submit(Buffer& buffer) {
    if (threads_.empty()) {
      py::gil_scoped_release release;
      run(buffer, main_scratch_);
      return;
    }
    work_.push(&buffer);
  }

  /// Closes the queue, helps drain it on this thread and joins the workers.
  /// Call with the GIL released. Rethrows a worker's exception.
  void finish() {
    work_.close();
    work();
    for (auto& t : threads_) t.join();
    threads_.clear();
    if (error_) std::rethrow_exception(error_);
  }

 private:
  void run(Buffer& buffer, Decision& scratch) {
    try {
      evaluate_buffer(book_, buffer, results_, scratch);
    } catch (...) {
      const std::lock_guard lock(error_mutex_);
      if (!error_) error_ = std::current_exception();
    }
    free_.push(&buffer);
  }
  void work() {
    Decision scratch;  // per thread: evaluation reuses its storage
    while (Buffer* b = work_.pop()) run(*b, scratch);
  }

  const Rulebook& book_;
  Results& results_;
  std::vector<Buffer> buffers_;
  BufferQueue free_;
  BufferQueue work_;
  std::vector<std::thread> threads_;
  std::mutex error_mutex_;
  std::exception_ptr error_;
  Decision main_scratch_;
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
  // A tuple snapshot: the GIL is released between chunks, and another
  // thread resizing the caller's list must not move the items under us.
  if (PyUnicode_Check(apps.ptr()) || PyDict_Check(apps.ptr()) || !py::isinstance<py::iterable>(apps)) {
    throw py::type_error("evaluate_many: expected a list (or iterable) of application dicts, got " +
                         type_name(apps.ptr()));
  }
  const py::object seq = py::reinterpret_steal<py::object>(PySequence_Tuple(apps.ptr()));
  if (!seq) throw py::error_already_set();
  const std::size_t n = static_cast<std::size_t>(PyTuple_GET_SIZE(seq.ptr()));
  PyObject** items = PySequence_Fast_ITEMS(seq.ptr());  // works on tuples
  if (results.detail == Detail::decision) results.decisions.resize(n);
  results.outcome.assign(n, kInvalid);
  results.item.assign(n, -1);
  results.n_missing.assign(n, 0);

  chunk_size = std::clamp<std::size_t>(chunk_size, 1, std::max<std::size_t>(n, 1));
  std::vector<Chunk> chunks((n + chunk_size - 1) / chunk_size);  // never resized: workers hold pointers
  const int cores = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  const int wanted = threads ? std::max(1, *threads) : cores;
  // The main thread converts, then evaluates alongside the workers.
  const int workers = static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(wanted - 1), chunks.size()));
  Pool pool(*self->book, results, workers);
  ApplicationConverter converter(*self->index);
  for (std::size_t c = 0; c < chunks.size(); ++c) {
    Chunk& chunk = chunks[c];
    Buffer& buffer = pool.take();
    buffer.chunk = &chunk;
    buffer.count = 0;
    const std::size_t end = std::min(n, (c + 1) * chunk_size);
    for (std::size_t i = c * chunk_size; i < end; ++i) {
      if (buffer.count == buffer.apps.size()) buffer.apps.emplace_back();
      std::vector<Diagnostic> diagnostics;
      if (converter.convert(items[i], buffer.apps[buffer.count], diagnostics)) {
        chunk.index.push_back(i);
        ++buffer.count;
        continue;
      }
      chunk.convert_errors.emplace_back(i, std::move(diagnostics));
      if (raise) break;  // no use converting more; earlier ones may still fail evaluating
    }
    pool.submit(buffer);
    if (raise && !chunk.convert_errors.empty()) break;
  }
  {
    py::gil_scoped_release release;
    pool.finish();
  }

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
