// Rulebook.evaluate_many: convert dicts under the GIL, then bind and
// evaluate without it through the library's evaluate_many (batch.hpp), on
// every core. Conversion goes segment by segment into reused Application
// objects, so memory stays that of one segment however long the batch.
#include <algorithm>
#include <cstdint>
#include <utility>

#include "convert.hpp"
#include "shenpi/batch.hpp"
#include "wrappers.hpp"

namespace shenpi::python {
namespace {

enum class Detail { decision, outcome, missing };

constexpr std::int8_t kInvalid = -1;

using Errors = std::vector<std::pair<std::size_t, std::vector<Diagnostic>>>;

/// What the library's units of work found, by unit (one writer each).
struct Unit {
  std::vector<std::size_t> index;  ///< batch positions of the unit's applications
  std::vector<std::uint16_t>
      missing;  ///< missing material indexes, app after app (Detail::missing)
  Errors eval_errors;
};

/// What the visitor writes, by batch position; each position has one writer.
struct Results {
  Detail detail = Detail::decision;
  std::vector<Decision> decisions;   ///< Detail::decision
  std::vector<std::int8_t> outcome;  ///< other details: Outcome value or kInvalid
  std::vector<std::int32_t> item;    ///< item index, for material ids
  std::vector<std::uint16_t> n_missing;
};

/// Records the decision of the application at batch position `at`; runs
/// on a library worker thread, which visits a unit's applications in order.
void record(Results& results, Unit& unit, std::size_t at, const Decision& d) {
  if (!d.valid()) {
    unit.eval_errors.emplace_back(at, d.diagnostics);
    return;
  }
  if (results.detail == Detail::decision) {
    results.decisions[at] = d;
    return;
  }
  results.outcome[at] = static_cast<std::int8_t>(*d.outcome);
  results.item[at] = d.application->item_index();
  if (results.detail != Detail::missing) return;
  std::uint16_t n = 0;
  for (std::size_t i = 0; i < d.materials.size(); ++i) {
    if (d.materials[i].status != MaterialStatus::missing) continue;
    unit.missing.push_back(static_cast<std::uint16_t>(i));
    ++n;
  }
  results.n_missing[at] = n;
}

Detail parse_detail(const std::string& text) {
  if (text == "decision") return Detail::decision;
  if (text == "outcome") return Detail::outcome;
  if (text == "missing") return Detail::missing;
  throw py::value_error("evaluate_many: detail must be 'decision', 'outcome' or 'missing', not '" +
                        text + "'");
}

/// A count argument (threads, chunk_size): an int of at least 1, capped at
/// `cap` (a bigger count means the same as the most there can be).
std::size_t count_arg(py::handle value, const char* name, std::size_t cap) {
  if (PyBool_Check(value.ptr()) || !PyIndex_Check(value.ptr())) {
    throw py::type_error(std::string("evaluate_many: ") + name + " must be an int, not " +
                         type_name(value.ptr()));
  }
  const py::int_ number = py::reinterpret_steal<py::int_>(PyNumber_Index(value.ptr()));
  if (!number) throw py::error_already_set();
  int overflow = 0;
  const long long n = PyLong_AsLongLongAndOverflow(number.ptr(), &overflow);
  if (overflow < 0 || (overflow == 0 && n < 1)) {
    throw py::value_error(std::string("evaluate_many: ") + name + " must be at least 1, not " +
                          short_repr(number.ptr()) +
                          (std::string_view(name) == "threads" ? " (None: one per core)" : ""));
  }
  if (overflow > 0 || static_cast<unsigned long long>(n) > cap) return cap;
  return static_cast<std::size_t>(n);
}

/// The Python list of results, in batch order.
py::list build_results(const std::shared_ptr<BookHandle>& self, Results& r,
                       std::vector<Unit>& units, std::size_t n) {
  py::list out(n);
  if (r.detail == Detail::decision) {
    for (std::size_t i = 0; i < n; ++i)
      out[i] = py::cast(PyDecision{std::move(r.decisions[i]), self});
    return out;
  }
  constexpr int outcomes = static_cast<int>(Outcome::review) + 1;
  PyObject* words[outcomes];
  for (int o = 0; o < outcomes; ++o) words[o] = interned(to_string(static_cast<Outcome>(o)));
  const auto outcome_of = [&](std::size_t i) {
    return r.outcome[i] == kInvalid ? py::none()
                                    : py::reinterpret_borrow<py::object>(words[r.outcome[i]]);
  };
  if (r.detail == Detail::outcome) {
    for (std::size_t i = 0; i < n; ++i) out[i] = outcome_of(i);
    return out;
  }
  for (const Unit& unit : units) {
    std::size_t next = 0;  // position in unit.missing
    for (const std::size_t i : unit.index) {
      if (r.outcome[i] == kInvalid) continue;
      const auto& ids = self->material_ids[static_cast<std::size_t>(r.item[i])];
      py::tuple missing(r.n_missing[i]);
      for (std::size_t k = 0; k < r.n_missing[i]; ++k) missing[k] = ids[unit.missing[next++]];
      out[i] = py::make_tuple(outcome_of(i), std::move(missing));
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (r.outcome[i] == kInvalid) out[i] = py::make_tuple(py::none(), py::tuple());
  }
  return out;
}

py::list evaluate_many(const std::shared_ptr<BookHandle>& self, py::handle apps,
                       const std::string& detail, const std::string& errors, py::handle threads_arg,
                       py::handle chunk_arg) {
  Results results;
  results.detail = parse_detail(detail);
  if (errors != "raise" && errors != "return") {
    throw py::value_error("evaluate_many: errors must be 'raise' or 'return', not '" + errors +
                          "'");
  }
  const bool raise = errors == "raise";
  // More threads than the library starts mean the same as its cap.
  const int threads =
      threads_arg.is_none()
          ? 0
          : static_cast<int>(count_arg(threads_arg, "threads", std::size_t{kMaxBatchThreads}));
  std::size_t chunk_size = count_arg(chunk_arg, "chunk_size", SIZE_MAX);
  // A tuple snapshot: the GIL is released between chunks, and another
  // thread resizing the caller's list must not move the items under us.
  if (PyUnicode_Check(apps.ptr()) || PyDict_Check(apps.ptr()) ||
      !py::isinstance<py::iterable>(apps)) {
    throw py::type_error("evaluate_many: expected a list (or iterable) of application dicts, got " +
                         type_name(apps.ptr()));
  }
  const py::object seq = py::reinterpret_steal<py::object>(PySequence_Tuple(apps.ptr()));
  if (!seq) throw py::error_already_set();
  const std::size_t n = static_cast<std::size_t>(PyTuple_GET_SIZE(seq.ptr()));
  PyObject** items = PySequence_Fast_ITEMS(seq.ptr());  // works on tuples
  if (results.detail == Detail::decision) results.decisions.resize(n);
  results.outcome.assign(n, kInvalid);
  results.item.assign(n, -1);
  results.n_missing.assign(n, 0);

  chunk_size = std::clamp<std::size_t>(chunk_size, 1, std::max<std::size_t>(n, 1));
  BatchOptions options;
  options.threads = threads;
  options.chunk_size = chunk_size;
  // Two units a segment: converted applications are still in cache when a
  // worker binds them, and the same Application objects are refilled
  // segment after segment (measured: 8 or 64 units a segment cost 20–50%
  // more CPU per application).
  const std::size_t segment = std::max<std::size_t>(chunk_size * 2, 1024);
  std::vector<Unit> units;
  Errors convert_errors;
  std::vector<Application> converted;
  ApplicationConverter converter(*self->index);
  bool stop = false;
  for (std::size_t begin = 0; begin < n && !stop; begin += segment) {
    const std::size_t end = std::min(n, begin + segment);
    std::vector<std::size_t> index;  // batch position of each converted application
    std::size_t count = 0;
    for (std::size_t i = begin; i < end; ++i) {
      if (count == converted.size()) converted.emplace_back();
      std::vector<Diagnostic> diagnostics;
      if (converter.convert(items[i], converted[count], diagnostics)) {
        index.push_back(i);
        ++count;
        continue;
      }
      convert_errors.emplace_back(i, std::move(diagnostics));
      if (raise) {
        stop = true;  // no use converting more; earlier ones may still fail evaluating
        break;
      }
    }
    const std::size_t first_unit = units.size();
    for (std::size_t at = 0; at < count; at += chunk_size) {
      Unit& unit = units.emplace_back();
      unit.index.assign(
          index.begin() + static_cast<std::ptrdiff_t>(at),
          index.begin() + static_cast<std::ptrdiff_t>(std::min(count, at + chunk_size)));
    }
    py::gil_scoped_release release;
    shenpi::evaluate_many(
        *self->book, std::span<const Application>(converted.data(), count),
        [&](std::size_t k, const Decision& decision) {
          Unit& unit = units[first_unit + k / chunk_size];
          record(results, unit, unit.index[k % chunk_size], decision);
        },
        options);
  }

  std::vector<std::pair<std::size_t, std::vector<Diagnostic>>*> bad;
  for (auto& e : convert_errors) bad.push_back(&e);
  for (auto& unit : units) {
    for (auto& e : unit.eval_errors) bad.push_back(&e);
  }
  if (!bad.empty()) {
    std::sort(bad.begin(), bad.end(),
              [](const auto* a, const auto* b) { return a->first < b->first; });
    if (raise) raise_application_error(bad.front()->second, bad.front()->first);
    if (results.detail == Detail::decision) {
      for (auto* e : bad) results.decisions[e->first].diagnostics = e->second;
    }
  }
  return build_results(self, results, units, n);
}

}  // namespace

void init_batch(py::class_<BookHandle, std::shared_ptr<BookHandle>>& cls) {
  cls.def("evaluate_many", &evaluate_many, py::arg("apps"), py::kw_only(),
          py::arg("detail") = "decision", py::arg("errors") = "raise",
          py::arg("threads") = py::none(), py::arg("chunk_size") = py::int_(1024),
          R"(Decide many applications, in order, on all cores.

``apps`` is a list (or iterable) of application dicts as for evaluate().
The dicts are converted with the GIL held; binding and evaluation then run
on ``threads`` threads (None, the default: one per core; at most 256)
without the GIL. ``threads`` and ``chunk_size`` are ints of at least 1
(ValueError otherwise).

``detail`` chooses what comes back, one entry per application:
``"decision"`` Decision objects; ``"outcome"`` the outcome strings;
``"missing"`` ``(outcome, (missing material ids…))`` tuples — the compact
forms are faster and smaller. ``errors="raise"`` raises ApplicationError for
the first bad application (its ``index`` says which); ``errors="return"``
gives invalid Decisions (``valid`` False) or None outcomes instead.)");
}

}  // namespace shenpi::python
