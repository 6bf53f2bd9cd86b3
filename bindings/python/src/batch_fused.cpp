// run_rows and the list results of the GIL-free batch paths (batch_fused.hpp).
#include "batch_fused.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>

#include "wrappers.hpp"

namespace shenpi {
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
  const std::size_t cores = std::max(1U, std::thread::hardware_concurrency());
  const std::size_t workers = threads > 0 ? static_cast<std::size_t>(threads) : cores;
  return std::clamp<std::size_t>(n / (workers * 16), 16, 1024);
}

std::vector<Diagnostic> run_rows(const Rulebook& book, std::size_t n, int threads,
                                 std::size_t chunk, const RowFill& fill, const RowRecord& record) {
  BatchOptions options;
  options.threads = threads;
  options.chunk_size = std::max<std::size_t>(chunk, 1);  // the chunks the results are kept by
  return evaluate_many(book, n, fill, record, options);
}

void run_decisions(std::size_t n, int threads, std::size_t chunk, const RowDecide& decide) {
  run_rows_with(n, threads, chunk, [&decide]() -> RowRun {
    return [&decide, decision = std::make_shared<Decision>()](std::size_t row) {
      decide(row, *decision);
    };
  });
}

void run_rows_with(std::size_t n, int threads, std::size_t chunk,
                   const std::function<RowRun()>& make) {
  chunk = std::max<std::size_t>(chunk, 1);
  const std::size_t units = (n + chunk - 1) / chunk;
  const std::size_t cores = std::max(1U, std::thread::hardware_concurrency());
  const std::size_t wanted =
      std::min(units, threads > 0 ? static_cast<std::size_t>(threads) : cores);
  std::atomic<std::size_t> next{0};
  std::mutex failed;
  std::exception_ptr error;
  const auto work = [&] {
    try {
      const RowRun run = make();
      for (std::size_t u = next++; u < units; u = next++) {
        const std::size_t end = std::min(n, (u + 1) * chunk);
        for (std::size_t row = u * chunk; row < end; ++row) run(row);
      }
    } catch (...) {
      const std::lock_guard<std::mutex> lock(failed);
      if (!error) error = std::current_exception();
      next = units;  // the others stop after their chunk
    }
  };
  std::vector<std::thread> helpers;
  for (std::size_t t = 1; t < wanted; ++t) {
    try {
      helpers.emplace_back(work);
    } catch (const std::system_error&) {
      break;  // out of threads: the ones running share the rows
    }
  }
  work();
  for (auto& t : helpers) t.join();
  if (error) std::rethrow_exception(error);
}

ListResults::ListResults(BatchDetail detail, std::size_t n, std::size_t chunk)
    : detail_(detail), chunk_(std::max<std::size_t>(chunk, 1)) {
  chunks_.resize((n + chunk_ - 1) / chunk_);
  if (detail_ == BatchDetail::decision) decisions_.resize(n);
  outcome_.assign(n, -1);
  item_.assign(n, -1);
  n_missing_.assign(n, 0);
  if (detail_ == BatchDetail::missing) mask_.assign(n, 0);
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
  IndexMask mask;
  for (std::size_t i = 0; i < d.materials.size(); ++i) {
    if (d.materials[i].status != MaterialStatus::missing) continue;
    chunk.missing.push_back(static_cast<std::uint16_t>(i));
    mask.add(i);
    ++n;
  }
  n_missing_[row] = n;
  mask_[row] = mask.bits;
}

void ListResults::name_rows(const std::function<void(std::size_t row, Diagnostic& d)>& fix) {
  for (auto& chunk : chunks_) {
    for (auto& [row, diagnostics] : chunk.errors) {
      for (auto& d : diagnostics) fix(row, d);
      if (detail_ != BatchDetail::decision) continue;
      for (auto& d : decisions_[row].diagnostics) fix(row, d);
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
    for (std::size_t i = 0; i < n; ++i) {
      out[i] = py::cast(PyDecision{std::move(decisions_[i]), self});
    }
    return out;
  }
  constexpr int kOutcomes = static_cast<int>(Outcome::review) + 1;
  PyObject* words[kOutcomes];
  for (int o = 0; o < kOutcomes; ++o) words[o] = interned(to_string(static_cast<Outcome>(o)));
  PyObject* list = out.ptr();  // a new list: its slots are empty, so SET_ITEM steals
  if (detail_ == BatchDetail::outcome) {
    for (std::size_t i = 0; i < n; ++i) {
      PyObject* word = outcome_[i] < 0 ? Py_None : words[outcome_[i]];
      Py_INCREF(word);
      PyList_SET_ITEM(list, static_cast<Py_ssize_t>(i), word);
    }
    return out;
  }
  SharedResults shared(self->material_ids);
  for (std::size_t c = 0; c < chunks_.size(); ++c) {
    const std::uint16_t* missing = chunks_[c].missing.data();
    const std::size_t end = std::min(n, (c + 1) * chunk_);
    for (std::size_t i = c * chunk_; i < end; ++i) {
      PyObject* entry = outcome_[i] < 0 ? shared.invalid()
                                        : shared.get(words[outcome_[i]], item_[i], mask_[i],
                                                     {missing, n_missing_[i]});
      if (outcome_[i] >= 0) missing += n_missing_[i];
      PyList_SET_ITEM(list, static_cast<Py_ssize_t>(i), entry);
    }
  }
  return out;
}

std::size_t IdTuples::MaskHash::operator()(const std::pair<std::int32_t, std::uint64_t>& k) const {
  return hash_words(k.second, static_cast<std::uint64_t>(k.first));
}

PyObject* IdTuples::get(std::int32_t item, std::uint64_t mask,
                        std::span<const std::uint16_t> indexes) {
  const auto& names = ids_[static_cast<std::size_t>(item)];
  const auto make = [&] {
    py::tuple t(indexes.size());
    for (std::size_t k = 0; k < indexes.size(); ++k) t[k] = names[indexes[k]];
    return t;
  };
  if (names.size() <= 64) {
    const auto key = std::make_pair(item, mask);
    auto found = by_mask_.find(key);
    if (found == by_mask_.end()) found = by_mask_.emplace(key, make()).first;
    return found->second.ptr();
  }
  // The version's index first: versions of an item number materials apart.
  key_.assign(reinterpret_cast<const char*>(&item), sizeof item);
  key_.append(reinterpret_cast<const char*>(indexes.data()), indexes.size_bytes());
  auto found = by_text_.find(key_);
  if (found == by_text_.end()) found = by_text_.emplace(key_, make()).first;
  return found->second.ptr();
}

std::size_t SharedResults::PairHash::operator()(const std::pair<PyObject*, PyObject*>& k) const {
  return hash_words(reinterpret_cast<std::uintptr_t>(k.second),
                    reinterpret_cast<std::uintptr_t>(k.first));
}

PyObject* SharedResults::get(PyObject* outcome, std::int32_t item, std::uint64_t mask,
                             std::span<const std::uint16_t> missing) {
  PyObject* names = names_.get(item, mask, missing);
  const auto key = std::make_pair(outcome, names);
  auto found = tuples_.find(key);
  if (found == tuples_.end()) {
    py::object entry = py::make_tuple(py::reinterpret_borrow<py::object>(outcome),
                                      py::reinterpret_borrow<py::object>(names));
    found = tuples_.emplace(key, std::move(entry)).first;
  }
  PyObject* entry = found->second.ptr();
  Py_INCREF(entry);
  return entry;
}

PyObject* SharedResults::invalid() {
  if (!invalid_) invalid_ = py::make_tuple(py::none(), py::tuple());
  Py_INCREF(invalid_.ptr());
  return invalid_.ptr();
}

void raise_first(const std::vector<std::pair<std::size_t, std::vector<Diagnostic>>>& errors) {
  if (!errors.empty()) raise_application_error(errors.front().second, errors.front().first);
}

}  // namespace python
}  // namespace shenpi
