// run_rows and the list results of the GIL-free batch paths (batch_fused.hpp).
#include "batch_fused.hpp"

#include <algorithm>

#include "batch/worker_pool.hpp"
#include "shenpi/batch.hpp"
#include "wrappers.hpp"

namespace shenpi {
namespace detail {
// The decide step of shenpi::evaluate_many (src/batch/evaluate_many.cpp):
// bind, then evaluate into `out`, reusing its storage.
void decide_into(const Rulebook& book, const Application& application, Decision& out);
std::size_t chunk_size_for(std::size_t n, int threads, std::size_t requested);
}  // namespace detail

namespace python {

BatchDetail parse_batch_detail(const std::string& text, const char* function) {
  if (text == "decision") return BatchDetail::decision;
  if (text == "outcome") return BatchDetail::outcome;
  if (text == "missing") return BatchDetail::missing;
  throw py::value_error(std::string(function) +
                        ": detail must be 'decision', 'outcome' or 'missing', not '" + text + "'");
}

bool parse_batch_errors(const std::string& text, const char* function) {
  if (text == "raise") return true;
  if (text == "return") return false;
  throw py::value_error(std::string(function) + ": errors must be 'raise' or 'return', not '" +
                        text + "'");
}

int parse_batch_threads(std::optional<int> threads, const char* function) {
  if (!threads) return 0;
  if (*threads < 1) {
    throw py::value_error(std::string(function) +
                          ": threads must be at least 1 (or None for every core), not " +
                          std::to_string(*threads));
  }
  return std::min(*threads, kMaxBatchThreads);
}

std::size_t batch_chunk(std::size_t n, int threads, std::optional<std::size_t> requested) {
  if (requested && *requested > 0) return *requested;
  return detail::chunk_size_for(n, detail::resolve_threads(threads), 0);
}

std::vector<Diagnostic> run_rows(const Rulebook& book, std::size_t n, int threads,
                                 std::size_t chunk, const RowFill& fill, const RowRecord& record) {
  std::vector<Diagnostic> report;
  if (n == 0) return report;
  chunk = std::max<std::size_t>(chunk, 1);
  const std::size_t units = (n + chunk - 1) / chunk;
  const int wanted = detail::resolve_threads(threads);
  detail::WorkerPool pool(static_cast<int>(std::min<std::size_t>(wanted, units)), report);
  std::vector<RowScratch> scratch(static_cast<std::size_t>(pool.slots()));
  for (std::size_t u = 0; u < units; ++u) {
    pool.post([&, u](int slot) {
      RowScratch& s = scratch[static_cast<std::size_t>(slot)];
      const std::size_t end = std::min(n, (u + 1) * chunk);
      for (std::size_t row = u * chunk; row < end; ++row) {
        s.diagnostics.clear();
        if (fill(row, s)) {
          detail::decide_into(book, s.application, s.decision);
        } else {
          s.decision = Decision{};
          s.decision.diagnostics = s.diagnostics;
        }
        record(row, s.decision);
      }
    });
  }
  pool.wait();
  return report;
}

ListResults::ListResults(BatchDetail detail, std::size_t n, std::size_t chunk)
    : detail_(detail), chunk_(std::max<std::size_t>(chunk, 1)) {
  chunks_.resize((n + chunk_ - 1) / chunk_);
  if (detail_ == BatchDetail::decision) decisions_.resize(n);
  outcome_.assign(n, -1);
  item_.assign(n, -1);
  n_missing_.assign(n, 0);
}

void ListResults::record(std::size_t row, const Decision& d) {
  Chunk& chunk = chunks_[row / chunk_];
  if (detail_ == BatchDetail::decision) decisions_[row] = d;
  if (!d.valid()) {
    chunk.errors.emplace_back(row, d.diagnostics);
    return;
  }
  outcome_[row] = static_cast<std::int8_t>(*d.outcome);
  item_[row] = d.application->item_index();
  if (detail_ != BatchDetail::missing) return;
  std::uint16_t n = 0;
  for (std::size_t i = 0; i < d.materials.size(); ++i) {
    if (d.materials[i].status != MaterialStatus::missing) continue;
    chunk.missing.push_back(static_cast<std::uint16_t>(i));
    ++n;
  }
  n_missing_[row] = n;
}

void ListResults::name_rows(const std::function<std::string(std::size_t row)>& name) {
  const auto rename = [&](std::size_t row, std::vector<Diagnostic>& diagnostics) {
    for (auto& d : diagnostics) {
      if (d.location.file == kRowPlaceholder || d.location.file.empty())
        d.location.file = name(row);
    }
  };
  for (auto& chunk : chunks_) {
    for (auto& [row, diagnostics] : chunk.errors) {
      rename(row, diagnostics);
      if (detail_ == BatchDetail::decision) rename(row, decisions_[row].diagnostics);
    }
  }
}

std::vector<std::pair<std::size_t, std::vector<Diagnostic>>> ListResults::errors() {
  std::vector<std::pair<std::size_t, std::vector<Diagnostic>>> out;
  for (auto& chunk : chunks_) {  // chunks and their rows are in order already
    for (auto& e : chunk.errors) out.push_back(std::move(e));
    chunk.errors.clear();
  }
  return out;
}

py::list ListResults::build(const std::shared_ptr<BookHandle>& self) {
  const std::size_t n = outcome_.size();
  py::list out(n);
  if (detail_ == BatchDetail::decision) {
    for (std::size_t i = 0; i < n; ++i)
      out[i] = py::cast(PyDecision{std::move(decisions_[i]), self});
    return out;
  }
  constexpr int kOutcomes = static_cast<int>(Outcome::review) + 1;
  PyObject* words[kOutcomes];
  for (int o = 0; o < kOutcomes; ++o) words[o] = interned(to_string(static_cast<Outcome>(o)));
  const auto outcome_of = [&](std::size_t i) {
    return outcome_[i] < 0 ? py::none() : py::reinterpret_borrow<py::object>(words[outcome_[i]]);
  };
  if (detail_ == BatchDetail::outcome) {
    for (std::size_t i = 0; i < n; ++i) out[i] = outcome_of(i);
    return out;
  }
  const py::tuple empty;
  for (std::size_t c = 0; c < chunks_.size(); ++c) {
    std::size_t next = 0;  // position in the chunk's missing list
    const std::size_t end = std::min(n, (c + 1) * chunk_);
    for (std::size_t i = c * chunk_; i < end; ++i) {
      if (outcome_[i] < 0) {
        out[i] = py::make_tuple(py::none(), empty);
        continue;
      }
      const auto& ids = self->material_ids[static_cast<std::size_t>(item_[i])];
      py::tuple missing(n_missing_[i]);
      for (std::size_t k = 0; k < n_missing_[i]; ++k) missing[k] = ids[chunks_[c].missing[next++]];
      out[i] = py::make_tuple(outcome_of(i), std::move(missing));
    }
  }
  return out;
}

void raise_first(const std::vector<std::pair<std::size_t, std::vector<Diagnostic>>>& errors) {
  if (!errors.empty()) raise_application_error(errors.front().second, errors.front().first);
}

}  // namespace python
}  // namespace shenpi
