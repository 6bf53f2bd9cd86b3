#include "load/parallel_read.hpp"

#include <algorithm>
#include <atomic>
#include <memory>
#include <optional>
#include <thread>

namespace shenpi::detail {
namespace {

struct Slot {
  std::optional<YamlDocument> doc;
  std::vector<Diagnostic> diagnostics;
  std::atomic<bool> ready{false};
};

}  // namespace

void read_yaml_files_in_order(const std::vector<std::string>& files, std::vector<Diagnostic>& out,
                              const std::function<void(YamlDocument&)>& consume) {
  const std::size_t n = files.size();
  const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
  const std::size_t workers = n < 16 ? 0 : std::min<std::size_t>(cores, 8);
  if (workers == 0) {
    for (const auto& f : files) {
      if (auto doc = read_yaml_file(f, out)) consume(*doc);
    }
    return;
  }
  auto slots = std::make_unique<Slot[]>(n);
  std::atomic<std::size_t> next{0};
  std::vector<std::jthread> pool;
  pool.reserve(workers);
  for (std::size_t w = 0; w < workers; ++w) {
    pool.emplace_back([&] {
      for (std::size_t i = next++; i < n; i = next++) {
        Slot& s = slots[i];
        try {
          s.doc = read_yaml_file(files[i], s.diagnostics);
        } catch (const std::exception& e) {
          // Allocation failure or the like: reported, never escaping a thread.
          s.diagnostics.push_back(make_diagnostic("SP100", {files[i], 0, 0}, e.what()));
        }
        s.ready.store(true, std::memory_order_release);
        s.ready.notify_one();
      }
    });
  }
  for (std::size_t i = 0; i < n; ++i) {
    Slot& s = slots[i];
    s.ready.wait(false, std::memory_order_acquire);
    out.insert(out.end(), s.diagnostics.begin(), s.diagnostics.end());
    if (s.doc) consume(*s.doc);
    s.doc.reset();
  }
}

}  // namespace shenpi::detail
