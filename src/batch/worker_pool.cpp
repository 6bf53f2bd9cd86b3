#include "batch/worker_pool.hpp"

#include <algorithm>
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
