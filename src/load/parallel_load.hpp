// Reading, parsing and loading many YAML files on worker threads while the
// caller receives the results in file order: yaml-cpp's parse and the
// per-file load are most of a large rulebook's load time, and each file
// needs nothing but read-only shared state (and the locked string table).
#pragma once

#include <algorithm>
#include <atomic>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "load/yaml_util.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi::detail {

/// For every file that parses, calls `load(doc, diagnostics)` on a worker
/// thread (the parsed document is freed there too), then `consume(result)`
/// on the calling thread in the order of `files`. Every diagnostic reaches
/// `out` in file order, so the result does not depend on scheduling.
/// `threads` caps the workers: 0 means one per hardware thread, 1 loads on
/// the calling thread only. Files are parsed through `cache` when not null.
template <class T>
void load_files_in_order(
    const std::vector<std::string>& files, unsigned threads, YamlCache* cache,
    std::vector<Diagnostic>& out,
    const std::function<std::optional<T>(const YamlDocument&, std::vector<Diagnostic>&)>& load,
    const std::function<void(T&)>& consume) {
  struct Slot {
    std::optional<T> value;
    std::vector<Diagnostic> diagnostics;
    std::atomic<bool> ready{false};
  };
  const auto run = [&](const std::string& file, Slot& s) {
    try {
      if (auto doc = read_yaml_file(file, s.diagnostics, kMaxFileBytes, cache))
        s.value = load(*doc, s.diagnostics);
    } catch (const std::exception& e) {
      // Allocation failure or a bug: reported, never escaping a thread.
      s.diagnostics.push_back(make_diagnostic(codes::unreadable_source, {file, 0, 0}, e.what()));
    }
  };
  // Hands a finished slot to the caller and frees what it held.
  const auto deliver = [&](Slot& s) {
    out.insert(out.end(), s.diagnostics.begin(), s.diagnostics.end());
    if (s.value) consume(*s.value);
    s.value.reset();
    s.diagnostics = {};
  };
  const std::size_t n = files.size();
  const unsigned cores = threads != 0 ? threads : std::max(1U, std::thread::hardware_concurrency());
  if (n < 16 || cores == 1) {
    for (const auto& file : files) {
      Slot s;
      run(file, s);
      deliver(s);
    }
    return;
  }
  auto slots = std::make_unique<Slot[]>(n);
  std::atomic<std::size_t> next{0};
  {
    std::vector<std::jthread> pool;
    const std::size_t workers = std::min<std::size_t>(cores, n);
    pool.reserve(workers);
    for (std::size_t w = 0; w < workers; ++w) {
      pool.emplace_back([&] {
        for (std::size_t i = next++; i < n; i = next++) {
          run(files[i], slots[i]);
          slots[i].ready.store(true, std::memory_order_release);
          slots[i].ready.notify_one();
        }
      });
    }
    for (std::size_t i = 0; i < n; ++i) {
      Slot& s = slots[i];
      s.ready.wait(false, std::memory_order_acquire);
      deliver(s);
    }
  }
}

}  // namespace shenpi::detail
