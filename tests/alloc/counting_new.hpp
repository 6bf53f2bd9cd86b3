// Counting replacements of the global allocation functions, for the binaries
// that prove or report "no allocation" (tests/alloc, bench/bench_evaluate).
// Include it in exactly one file of a binary: it defines the replacements.
// Relaxed: only totals matter, read on the counting thread after its work.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <new>

namespace shenpi::alloc {
inline std::atomic<std::uint64_t> count{0};
}  // namespace shenpi::alloc

// The replacements pair malloc with free on purpose; GCC 12 cannot see that
// operator new below is the only allocator here.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

void* operator new(std::size_t size) {
  shenpi::alloc::count.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) {
  return ::operator new(size);
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete[](void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  std::free(p);
}
