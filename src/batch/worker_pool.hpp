// The threads behind evaluate_many and evaluate_jsonl: a fixed set of
// workers taking jobs from one queue. Private to the library.
#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "shenpi/diagnostics.hpp"

namespace shenpi::detail {

/// Threads for `requested` (0: one per core), at least 1, at most
/// kMaxBatchThreads (batch.hpp).
int resolve_threads(int requested);

/// Workers numbered 0..slots()-1, so a job can keep per-thread scratch
/// (a Decision, a JSON reader) in a vector indexed by its slot. When no
/// thread could start, jobs run on the caller in post(), slot 0.
class WorkerPool {
 public:
  using Job = std::function<void(int slot)>;
  /// Starts a thread; tests pass one that fails to check the fallback.
  using Starter = std::function<std::thread(std::function<void()>)>;

  /// Starts `threads` workers. A thread that cannot start (the system is
  /// out of threads) is a warning SP609 in `report`, not a crash; the jobs
  /// then run on the workers that did start, or on the caller.
  WorkerPool(int threads, std::vector<Diagnostic>& report, const Starter& start = {});
  /// Waits for the queued jobs and joins the workers.
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  int slots() const { return threads_.empty() ? 1 : static_cast<int>(threads_.size()); }
  int started() const { return static_cast<int>(threads_.size()); }

  void post(Job job);
  /// Blocks until every posted job has run; rethrows the first exception
  /// a job threw (the other jobs still ran).
  void wait();

 private:
  void work(int slot);
  void run(const Job& job, int slot);

  std::mutex mutex_;
  std::condition_variable ready_;
  std::condition_variable idle_;
  std::deque<Job> queue_;
  std::size_t pending_ = 0;  ///< posted and not yet finished
  bool closing_ = false;
  std::exception_ptr error_;
  std::vector<std::thread> threads_;
};

/// Runs `work(0)` … `work(chunks - 1)` on the calling thread and on
/// `pool`'s workers, and returns when every chunk has run. The caller takes
/// chunks itself, so a batch never waits for a free worker; each worker job
/// takes ONE chunk and queues itself again behind whatever else was posted
/// meanwhile, so two batches on one long-lived pool (the service's) share
/// its workers chunk by chunk and a large batch cannot hold them all until
/// it ends. Rethrows the first exception a chunk threw, after every chunk
/// that started has finished (`work` and what it references may then go).
/// Never call pool.wait() on a pool shared this way: it waits for all users.
void run_chunks(WorkerPool& pool, std::size_t chunks,
                const std::function<void(std::size_t chunk)>& work);

}  // namespace shenpi::detail
