// evaluate_many: chunks of applications bound and decided on a worker pool.
#include <algorithm>

#include "batch/worker_pool.hpp"
#include "shenpi/batch.hpp"

namespace shenpi {
namespace detail {

/// Units small enough that each thread gets about 16 of them (so an
/// uneven unit at the end keeps no core waiting long), big enough that the
/// queue's lock is no cost: 16 to 1024 applications.
std::size_t chunk_size_for(std::size_t n, int threads, std::size_t requested) {
  if (requested > 0) return requested;
  const std::size_t per = n / (static_cast<std::size_t>(threads) * 16);
  return std::clamp<std::size_t>(per, 16, 1024);
}

// decide_into (binding into the decision's own storage) is in evaluate/bind.cpp.
void decide_into(const Rulebook& book, const Application& application, Decision& out);

}  // namespace detail

std::vector<Diagnostic> evaluate_many(const Rulebook& book,
                                      std::span<const Application> applications,
                                      const BatchVisitor& visit, const BatchOptions& options) {
  std::vector<Diagnostic> report;
  const int threads = detail::resolve_threads(options.threads);
  const std::size_t n = applications.size();
  const std::size_t chunk = detail::chunk_size_for(n, threads, options.chunk_size);
  const std::size_t units = (n + chunk - 1) / chunk;
  detail::WorkerPool pool(static_cast<int>(std::min<std::size_t>(threads, units)), report);
  // Per thread: one decision whose storage every evaluation reuses, so
  // deciding allocates only in binding, and the bound application of the
  // previous decision is freed as the next one replaces it.
  std::vector<Decision> scratch(static_cast<std::size_t>(pool.slots()));
  for (std::size_t u = 0; u < units; ++u) {
    pool.post([&, u](int slot) {
      Decision& decision = scratch[static_cast<std::size_t>(slot)];
      const std::size_t end = std::min(n, (u + 1) * chunk);
      for (std::size_t i = u * chunk; i < end; ++i) {
        detail::decide_into(book, applications[i], decision);
        visit(i, decision);
      }
    });
  }
  pool.wait();
  return report;
}

std::vector<Diagnostic> evaluate_many(const Rulebook& book, std::size_t count,
                                      const BatchFill& fill, const BatchVisitor& visit,
                                      const BatchOptions& options) {
  std::vector<Diagnostic> report;
  const int threads = detail::resolve_threads(options.threads);
  const std::size_t chunk = detail::chunk_size_for(count, threads, options.chunk_size);
  const std::size_t units = (count + chunk - 1) / chunk;
  detail::WorkerPool pool(static_cast<int>(std::min<std::size_t>(threads, units)), report);
  // Per thread: the application fill refills and the decision evaluation
  // reuses, so a batch allocates about as much as one application does.
  struct Scratch {
    Application application;
    std::vector<Diagnostic> diagnostics;
    Decision decision;
  };
  std::vector<Scratch> scratch(static_cast<std::size_t>(pool.slots()));
  for (std::size_t u = 0; u < units; ++u) {
    pool.post([&, u](int slot) {
      Scratch& s = scratch[static_cast<std::size_t>(slot)];
      const std::size_t end = std::min(count, (u + 1) * chunk);
      for (std::size_t i = u * chunk; i < end; ++i) {
        s.diagnostics.clear();
        if (fill(i, s.application, s.diagnostics)) {
          detail::decide_into(book, s.application, s.decision);
        } else {
          s.decision = Decision{};
          s.decision.diagnostics = s.diagnostics;
        }
        visit(i, s.decision);
      }
    });
  }
  pool.wait();
  return report;
}

BatchResult evaluate_many(const Rulebook& book, std::span<const Application> applications,
                          const BatchOptions& options) {
  BatchResult result;
  result.decisions.resize(applications.size());
  // Each position has one writer; the vector is never resized meanwhile.
  result.diagnostics = evaluate_many(
      book, applications,
      [&](std::size_t i, const Decision& decision) { result.decisions[i] = decision; }, options);
  for (std::size_t i = 0; i < result.decisions.size(); ++i) {
    if (!result.decisions[i].valid()) result.invalid.push_back(i);
  }
  return result;
}

}  // namespace shenpi
