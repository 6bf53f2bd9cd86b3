#include "batch/worker_pool.hpp"

#include <algorithm>
#include <atomic>
#include <system_error>
#include <utility>

#include <fmt/format.h>

#include "shenpi/batch.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi::detail {

int resolve_threads(int requested) {
  const int cores = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  return std::clamp(requested > 0 ? requested : cores, 1, kMaxBatchThreads);
}

WorkerPool::WorkerPool(int threads, std::vector<Diagnostic>& report, const Starter& start) {
  threads_.reserve(static_cast<std::size_t>(threads));
  for (int i = 0; i < threads; ++i) {
    auto body = [this, i] { work(i); };
    try {
      threads_.push_back(start ? start(body) : std::thread(body));
    } catch (const std::system_error& e) {
      report.push_back(make_diagnostic(
          codes::batch_threads, {},
          fmt::format("could start only {} of {} worker threads ({}); the batch runs on {}", i,
                      threads, e.what(), i > 0 ? "those" : "the calling thread")));
      break;
    }
  }
}

WorkerPool::~WorkerPool() {
  {
    const std::lock_guard lock(mutex_);
    closing_ = true;
  }
  ready_.notify_all();
  for (auto& t : threads_) t.join();
}

void WorkerPool::run(const Job& job, int slot) {
  try {
    job(slot);
  } catch (...) {
    const std::lock_guard lock(mutex_);
    if (!error_) error_ = std::current_exception();
  }
}

void WorkerPool::post(Job job) {
  if (threads_.empty()) {
    run(job, 0);
    return;
  }
  {
    const std::lock_guard lock(mutex_);
    queue_.push_back(std::move(job));
    ++pending_;
  }
  ready_.notify_one();
}

void WorkerPool::wait() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [&] { return pending_ == 0; });
  if (error_) {
    auto e = std::exchange(error_, nullptr);
    std::rethrow_exception(e);
  }
}

void WorkerPool::work(int slot) {
  std::unique_lock lock(mutex_);
  for (;;) {
    ready_.wait(lock, [&] { return closing_ || !queue_.empty(); });
    // Queued jobs run even when closing: the destructor waits for them.
    if (queue_.empty()) return;
    Job job = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    run(job, slot);
    lock.lock();
    if (--pending_ == 0) idle_.notify_all();
  }
}

}  // namespace shenpi::detail

namespace shenpi::detail {
namespace {

/// One run_chunks call, shared with the jobs it queued: a job may still be
/// queued when the call returns (it then finds nothing left to take).
struct ChunkRun {
  const std::function<void(std::size_t)>* work = nullptr;  ///< valid while chunks run
  std::size_t chunks = 0;
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  std::condition_variable all_done;
  std::size_t finished = 0;
  std::exception_ptr error;

  /// Takes the next chunk and runs it; false when none was left.
  bool run_one() {
    const std::size_t chunk = next.fetch_add(1, std::memory_order_relaxed);
    if (chunk >= chunks) return false;
    std::exception_ptr failed;
    try {
      (*work)(chunk);
    } catch (...) {
      failed = std::current_exception();
    }
    const std::lock_guard lock(mutex);
    if (failed && !error) error = failed;
    if (++finished == chunks) all_done.notify_all();
    return true;
  }
  bool more() const { return next.load(std::memory_order_relaxed) < chunks; }
};

/// A worker's share: one chunk, then back to the end of the queue.
struct ChunkJob {
  WorkerPool* pool;
  std::shared_ptr<ChunkRun> run;
  void operator()(int /*slot*/) const {
    if (run->run_one() && run->more()) pool->post(*this);
  }
};

}  // namespace

void run_chunks(WorkerPool& pool, std::size_t chunks,
                const std::function<void(std::size_t chunk)>& work) {
  if (chunks == 0) return;
  auto run = std::make_shared<ChunkRun>();
  run->work = &work;
  run->chunks = chunks;
  // No helper for the chunk the caller takes first; none when the pool has
  // no thread (post would run the job on this thread, recursing per chunk).
  const std::size_t helpers = std::min(chunks - 1, static_cast<std::size_t>(pool.started()));
  for (std::size_t i = 0; i < helpers; ++i) pool.post(ChunkJob{&pool, run});
  while (run->run_one()) {
  }
  std::unique_lock lock(run->mutex);
  run->all_done.wait(lock, [&] { return run->finished == run->chunks; });
  if (run->error) std::rethrow_exception(run->error);
}

}  // namespace shenpi::detail
