// The batch paths that build applications without the GIL (JSON text,
// DataFrame columns): each worker fills an application, binds and decides
// it, and records the result, row after row, so the text or the columns of
// a row are read on the core that decides it while they are in its cache.
// The workers and the decide step are the library's own (the pool and
// detail::decide_into behind shenpi::evaluate_many, src/batch/).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common.hpp"
#include "shenpi/batch.hpp"

namespace shenpi::python {

/// The file name of locations while rows are read: one character fits in
/// std::string's inline buffer, so locations cost no allocation; the row's
/// real name replaces it in the diagnostics of the rare bad row.
inline const std::string kRowPlaceholder = "\x01";

/// What a batch call returns per application (the `detail=` argument).
enum class BatchDetail { decision, outcome, missing };
/// `detail=`; ValueError naming `function` for another word.
BatchDetail parse_batch_detail(const std::string& text, const char* function);
/// `errors=`: true for "raise", false for "return"; ValueError otherwise.
bool parse_batch_errors(const std::string& text, const char* function);
/// `threads=`: 0 (every core) for None; ValueError below 1.
int parse_batch_threads(std::optional<int> threads, const char* function);

/// Fills the application of `row` (shenpi::BatchFill); runs on worker
/// threads without the GIL, so it must not touch Python objects.
using RowFill = BatchFill;
/// Receives the decision of `row` (invalid when the fill or the binding
/// failed). One worker handles a chunk's rows, in order.
using RowRecord = BatchVisitor;

/// Rows per unit of work when the caller gives none: about 16 units per
/// thread, 16 to 1024 rows each, as the library chooses for evaluate_many.
std::size_t batch_chunk(std::size_t n, int threads, std::optional<std::size_t> requested);

/// Runs rows [0, n) in chunks of `chunk` on `threads` threads (0: every
/// core) through the library's evaluate_many (batch.hpp) and returns the
/// run's own diagnostics (SP609). Call without the GIL.
std::vector<Diagnostic> run_rows(const Rulebook& book, std::size_t n, int threads,
                                 std::size_t chunk, const RowFill& fill, const RowRecord& record);

/// Decides row `row` into `out`, a Decision the thread reuses row after row
/// (its storage stays warm); runs without the GIL.
using RowDecide = std::function<void(std::size_t row, Decision& out)>;

/// Runs `decide` for rows [0, n) in chunks of `chunk` rows on `threads`
/// threads (0: every core), the calling thread being one of them, for the
/// library calls that decide from something else than an Application
/// (Rulebook::evaluate_json). One thread handles a chunk's rows, in order.
/// A thread that cannot start leaves its share to the others. Call
/// without the GIL; rethrows the first exception `decide` threw.
void run_decisions(std::size_t n, int threads, std::size_t chunk, const RowDecide& decide);

/// A thread's function of a row, made once per thread, so that it can keep
/// scratch of its own (a binder, an application, a Decision).
using RowRun = std::function<void(std::size_t row)>;
/// As run_decisions, each thread running the rows of its chunks through
/// its own `make()`. Call without the GIL; rethrows the first exception.
void run_rows_with(std::size_t n, int threads, std::size_t chunk,
                   const std::function<RowRun()>& make);

/// Collects results for the list-returning calls (evaluate_json,
/// evaluate_jsonl), in the three forms evaluate_many returns. record() is
/// called by the workers, one writer per chunk.
class ListResults {
 public:
  ListResults(BatchDetail detail, std::size_t n, std::size_t chunk);
  void record(std::size_t row, const Decision& decision);
  /// Lets `fix` give each diagnostic of an invalid row its real place (the
  /// file the placeholder stands for, the line). No GIL; after the run.
  void name_rows(const std::function<void(std::size_t row, Diagnostic& d)>& fix);
  /// Invalid rows, ascending, with their diagnostics.
  std::vector<std::pair<std::size_t, std::vector<Diagnostic>>> errors();
  /// The Python list; needs the GIL.
  py::list build(const std::shared_ptr<BookHandle>& self);

 private:
  struct Chunk {
    std::vector<std::uint16_t> missing;  ///< missing material indexes, row after row
    std::vector<std::pair<std::size_t, std::vector<Diagnostic>>> errors;
  };
  BatchDetail detail_;
  std::size_t chunk_;
  std::vector<Chunk> chunks_;
  std::vector<Decision> decisions_;   ///< BatchDetail::decision
  std::vector<std::int8_t> outcome_;  ///< Outcome value, or -1 when invalid
  std::vector<std::int32_t> item_;
  std::vector<std::uint16_t> n_missing_;
  std::vector<std::uint64_t> mask_;  ///< IndexMask of each row's missing materials
};

/// The bits of one row's material indexes, as the worker that records the
/// indexes builds it (indexes past 63 set none), so the
/// calling thread, which holds the GIL, finds the row's tuple by the mask
/// without walking the indexes again.
struct IndexMask {
  std::uint64_t bits = 0;
  void add(std::size_t index) { bits |= index < 64 ? std::uint64_t{1} << index : 0; }
};

/// The tuple of an item's material ids at some indexes, one Python object
/// per distinct set (tuples are immutable, so sharing them changes nothing
/// a caller can see but `is`). Indexes ascend, so for an item of at most 64
/// materials a bit mask names the set: an integer key rather than a string
/// built and hashed per row. Needs the GIL.
class IdTuples {
 public:
  /// `ids`: the material id strings of each item (BookHandle::material_ids).
  explicit IdTuples(const std::vector<std::vector<py::object>>& ids) : ids_(ids) {}
  /// A borrowed reference to the tuple of item `item`'s ids at `indexes`;
  /// `mask` is their IndexMask (read only for items of up to 64 materials).
  PyObject* get(std::int32_t item, std::uint64_t mask, std::span<const std::uint16_t> indexes);

 private:
  struct MaskHash {
    std::size_t operator()(const std::pair<std::int32_t, std::uint64_t>& k) const;
  };
  const std::vector<std::vector<py::object>>& ids_;
  std::unordered_map<std::pair<std::int32_t, std::uint64_t>, py::tuple, MaskHash> by_mask_;
  std::string key_;  ///< reused: the item and the indexes, as bytes
  std::unordered_map<std::string, py::tuple> by_text_;
};

/// The `(outcome, (missing ids…))` tuples of detail="missing", one Python
/// object per distinct answer: a caseload repeats a few hundred answers,
/// so most rows share a tuple instead of allocating two (tuples are
/// immutable, so sharing them changes nothing a caller can see but `is`).
/// Needs the GIL.
class SharedResults {
 public:
  /// `ids`: the material id strings of each item (BookHandle::material_ids).
  explicit SharedResults(const std::vector<std::vector<py::object>>& ids) : names_(ids) {}
  /// A new reference to the tuple of `outcome` (an interned word) and the
  /// ids of item `item`'s materials at indexes `missing` (IdTuples::get).
  PyObject* get(PyObject* outcome, std::int32_t item, std::uint64_t mask,
                std::span<const std::uint16_t> missing);
  /// A new reference to `(None, ())`, the entry of an invalid row.
  PyObject* invalid();

 private:
  struct PairHash {
    std::size_t operator()(const std::pair<PyObject*, PyObject*>& k) const;
  };
  IdTuples names_;
  /// By the outcome word and the tuple of names, both shared objects.
  std::unordered_map<std::pair<PyObject*, PyObject*>, py::object, PairHash> tuples_;
  py::object invalid_;
};

/// Raises ApplicationError for the first invalid row (errors="raise").
void raise_first(const std::vector<std::pair<std::size_t, std::vector<Diagnostic>>>& errors);

}  // namespace shenpi::python
