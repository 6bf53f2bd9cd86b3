// The results of evaluate_frame: numpy arrays written by the workers, one
// writer per row, and tuples of material ids made once the run is over.
#include <limits>

#include <pybind11/numpy.h>

#include "batch_fused.hpp"
#include "convert.hpp"
#include "frame.hpp"

namespace shenpi::python {
namespace {

/// Per unit of work: the ids of missing and tolerated materials, row after
/// row (the row counts say where each row's run ends), and invalid rows.
struct Chunk {
  std::vector<std::uint16_t> missing, tolerated;
  /// One IndexMask per row that has such materials, in row order.
  std::vector<std::uint64_t> missing_masks, tolerated_masks;
  std::vector<std::pair<std::size_t, std::vector<Diagnostic>>> errors;
};

struct Columns {
  std::int8_t* outcome;
  std::int32_t* n_missing;
  std::int32_t* n_tolerated;
  std::int64_t* promised;
  std::int64_t* statutory;
  std::int64_t* tolerance;
  bool* provisional;
  /// The version that decided each row (its materials are the ones indexed).
  std::int32_t* item;
};

/// A due date as numpy's datetime64[ns] (what the result columns are), or NaT.
std::int64_t nanoseconds(const std::optional<Date>& d) {
  constexpr std::int64_t kPerDay = std::int64_t{86'400} * 1'000'000'000;
  return d ? d->days() * kPerDay : kNoDate;
}

void record(const Columns& out, Chunk& chunk, std::size_t row, const Decision& d) {
  out.promised[row] = out.statutory[row] = out.tolerance[row] = kNoDate;
  out.provisional[row] = false;
  out.n_missing[row] = out.n_tolerated[row] = 0;
  out.item[row] = 0;
  if (!d.valid()) {
    out.outcome[row] = -1;
    chunk.errors.emplace_back(row, d.diagnostics);
    return;
  }
  out.outcome[row] = static_cast<std::int8_t>(*d.outcome);
  out.item[row] = d.application->item_index();
  out.promised[row] = nanoseconds(d.deadlines.promised);
  out.statutory[row] = nanoseconds(d.deadlines.statutory);
  out.tolerance[row] = nanoseconds(d.deadlines.tolerance);
  out.provisional[row] = d.deadlines.provisional.any();
  IndexMask missing, tolerated;
  for (std::size_t i = 0; i < d.materials.size(); ++i) {
    const MaterialStatus status = d.materials[i].status;
    if (status == MaterialStatus::missing) {
      chunk.missing.push_back(static_cast<std::uint16_t>(i));
      missing.add(i);
      ++out.n_missing[row];
    } else if (status == MaterialStatus::tolerated) {
      chunk.tolerated.push_back(static_cast<std::uint16_t>(i));
      tolerated.add(i);
      ++out.n_tolerated[row];
    }
  }
  if (out.n_missing[row] > 0) chunk.missing_masks.push_back(missing.bits);
  if (out.n_tolerated[row] > 0) chunk.tolerated_masks.push_back(tolerated.bits);
}

/// One tuple of ids per row from a chunk-ordered list of material indexes.
/// Rows missing the same materials share one tuple (immutable, so nothing
/// but `is` tells): a caseload has a few hundred distinct answers, and a
/// million rows then cost a million references instead of tuples.
/// Made straight as a numpy object array, which pandas takes as it is (a
/// list it would copy into one, a pointer at a time).
py::array id_tuples(const std::vector<std::vector<py::object>>& ids, const Columns& columns,
                    const std::vector<Chunk>& chunks, std::vector<std::uint16_t> Chunk::*list,
                    std::vector<std::uint64_t> Chunk::*masks, const std::int32_t* counts,
                    std::size_t rows, std::size_t chunk_rows) {
  // numpy.empty fills an object array with None: each slot holds a reference.
  py::array out = py::module_::import("numpy").attr("empty")(rows, py::arg("dtype") = "object");
  auto** cells = static_cast<PyObject**>(out.mutable_data());
  const py::tuple empty;
  IdTuples shared(ids);
  for (std::size_t c = 0; c < chunks.size(); ++c) {
    const std::uint16_t* next = (chunks[c].*list).data();
    const std::uint64_t* mask = (chunks[c].*masks).data();
    const std::size_t end = std::min(rows, (c + 1) * chunk_rows);
    for (std::size_t row = c * chunk_rows; row < end; ++row) {
      const auto count = static_cast<std::size_t>(counts[row]);
      PyObject* entry = empty.ptr();
      if (count > 0) {
        entry = shared.get(columns.item[row], *mask++, {next, count});
        next += count;
      }
      Py_INCREF(entry);
      Py_XDECREF(cells[row]);
      cells[row] = entry;
    }
  }
  return out;
}

}  // namespace

py::dict decide_frame(const std::shared_ptr<BookHandle>& self, const ItemLookup& /*item*/,
                      const std::function<FrameRow()>& make, std::size_t rows, bool raise,
                      int threads, std::optional<std::size_t> chunk_size) {
  const std::size_t chunk = batch_chunk(rows, threads, chunk_size);
  const auto size = static_cast<py::ssize_t>(rows);
  py::array_t<std::int8_t> outcome(size);
  py::array_t<std::int32_t> n_missing(size), n_tolerated(size);
  py::array_t<std::int64_t> promised(size), statutory(size), tolerance(size);
  py::array_t<bool> provisional(size);
  std::vector<std::int32_t> items(rows);
  const Columns out{outcome.mutable_data(),     n_missing.mutable_data(),
                    n_tolerated.mutable_data(), promised.mutable_data(),
                    statutory.mutable_data(),   tolerance.mutable_data(),
                    provisional.mutable_data(), items.data()};
  std::vector<Chunk> chunks((rows + chunk - 1) / chunk);
  std::vector<std::pair<std::size_t, std::vector<Diagnostic>>> errors;
  {
    py::gil_scoped_release release;
    run_rows_with(rows, threads, chunk, [&]() -> RowRun {
      return [&, decide = make()](std::size_t row) {
        record(out, chunks[row / chunk], row, decide(row));
      };
    });
    for (auto& c : chunks) {
      for (auto& e : c.errors) {
        for (auto& d : e.second) {
          if (d.location.file.empty()) d.location.file = "df.iloc[" + std::to_string(e.first) + "]";
        }
        errors.push_back(std::move(e));
      }
    }
  }
  if (raise) raise_first(errors);
  const auto& ids = self->material_ids;
  py::dict result;
  result["outcome"] = outcome;
  result["missing"] = id_tuples(ids, out, chunks, &Chunk::missing, &Chunk::missing_masks,
                                out.n_missing, rows, chunk);
  result["tolerated"] = id_tuples(ids, out, chunks, &Chunk::tolerated, &Chunk::tolerated_masks,
                                  out.n_tolerated, rows, chunk);
  result["n_missing"] = n_missing;
  result["promised_due"] = promised;
  result["statutory_due"] = statutory;
  result["tolerance_due"] = tolerance;
  result["provisional"] = provisional;
  py::list invalid;
  for (const auto& [row, diagnostics] : errors) {
    invalid.append(py::make_tuple(row, to_py(diagnostics)));
  }
  result["errors"] = invalid;
  return result;
}

}  // namespace shenpi::python
