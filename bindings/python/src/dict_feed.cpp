// The ring between the converting thread and the workers (dict_feed.hpp).
#include "dict_feed.hpp"

#include <algorithm>
#include <utility>

namespace shenpi::python {

DictFeed::DictFeed(std::size_t rows, std::size_t slots)
    : slots_(std::max<std::size_t>(slots, 1)),
      busy_(new std::atomic<bool>[std::max<std::size_t>(slots, 1)]),
      end_(rows) {
  for (std::size_t s = 0; s < slots_.size(); ++s) busy_[s].store(false, std::memory_order_relaxed);
}

DictFeed::Slot* DictFeed::slot_for(std::size_t row) {
  const std::size_t s = row % slots_.size();
  std::atomic<bool>& busy = busy_[s];
  if (busy.load(std::memory_order_acquire)) {
    // The workers lag a ring behind: make sure they can see what is
    // converted (else they would wait for us while we wait for them), then
    // let other Python threads run while we wait.
    publish(row);
    py::gil_scoped_release release;
    while (busy.load(std::memory_order_acquire)) busy.wait(true, std::memory_order_acquire);
    if (failed_.load(std::memory_order_acquire)) return nullptr;
  }
  busy.store(true, std::memory_order_relaxed);  // published with the row (publish's release)
  return &slots_[s];
}

void DictFeed::publish(std::size_t end) {
  if (end <= published_.load(std::memory_order_relaxed)) return;
  published_.store(end, std::memory_order_release);
  published_.notify_all();
}

void DictFeed::close(std::size_t end) {
  end_.store(std::min(end, end_.load(std::memory_order_relaxed)), std::memory_order_release);
  published_.store(SIZE_MAX, std::memory_order_release);
  published_.notify_all();
}

DictFeed::Slot* DictFeed::take(std::size_t row) {
  for (std::size_t seen = published_.load(std::memory_order_acquire); seen <= row;
       seen = published_.load(std::memory_order_acquire)) {
    published_.wait(seen, std::memory_order_acquire);
  }
  if (skipped(row)) return nullptr;
  return &slots_[row % slots_.size()];
}

void DictFeed::fail() {
  failed_.store(true, std::memory_order_release);
  // Frees every slot so a waiting producer wakes; it then sees failed_ and
  // writes nothing (a worker may still be reading one).
  for (std::size_t s = 0; s < slots_.size(); ++s) {
    busy_[s].store(false, std::memory_order_release);
    busy_[s].notify_all();
  }
}

void DictFeed::release(std::size_t row) {
  const std::size_t s = row % slots_.size();
  busy_[s].store(false, std::memory_order_release);
  busy_[s].notify_one();
}

}  // namespace shenpi::python
