// Rulebook._evaluate_columns, the compiled half of evaluate_frame
// (shenpi/_frame.py): the columns of a DataFrame, one per fact, decided row
// by row without the GIL. Numeric columns are read from their numpy
// buffers; object columns were converted once per cell beforehand
// (frame_cells.cpp); each worker fills a reused Application per row, so no
// Python object is touched, and none made, per row until the results.
#include <cmath>
#include <cstdio>
#include <limits>

#include <pybind11/numpy.h>

#include "batch_fused.hpp"
#include "convert.hpp"
#include "frame.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi::python {
namespace {

template <typename T>
const T* buffer_of(Frame& f, py::handle object, const std::string& path) {
  auto array = py::array_t<T, py::array::c_style | py::array::forcecast>::ensure(object);
  if (!array || static_cast<std::size_t>(array.size()) != f.rows) {
    PyErr_Clear();
    throw py::value_error("evaluate_frame: column '" + path + "' must hold one value per row");
  }
  f.held.push_back(array);
  return array.data();
}

Column::Kind parse_kind(const std::string& kind) {
  if (kind == "bool") return Column::Kind::boolean;
  if (kind == "int") return Column::Kind::integer;
  if (kind == "float") return Column::Kind::decimal;
  if (kind == "date") return Column::Kind::date;
  if (kind == "codes") return Column::Kind::coded;
  if (kind == "object") return Column::Kind::objects;
  throw py::value_error("evaluate_frame: unknown column kind '" + kind + "'");
}

/// One fact column from its spec (path, kind, values, mask, categories).
Column read_column(Frame& f, const ItemLookup& item, const py::tuple& spec) {
  const auto path = spec[0].cast<std::string>();
  Column c;
  const auto found = item.facts.find(path);
  if (found == item.facts.end()) {
    raise_application_error(
        {make_diagnostic(codes::unknown_application_fact, {"df['" + path + "']", 0, 0},
                         "item " + f.item + " declares no fact '" + path +
                             "' (pass facts=[...] to choose columns)")});
  }
  c.fact = found->second;
  c.kind = parse_kind(spec[1].cast<std::string>());
  if (!spec[3].is_none()) c.mask = buffer_of<std::uint8_t>(f, spec[3], path);
  const std::string field = fact_field(path);
  switch (c.kind) {
    case Column::Kind::boolean:
      c.values = buffer_of<std::uint8_t>(f, spec[2], path);
      break;
    case Column::Kind::integer:
    case Column::Kind::date:
      c.values = buffer_of<std::int64_t>(f, spec[2], path);
      break;
    case Column::Kind::decimal:
      c.values = buffer_of<double>(f, spec[2], path);
      break;
    case Column::Kind::coded:
      c.values = buffer_of<std::int64_t>(f, spec[2], path);
      for (const py::handle category : spec[4])
        c.cells.push_back(convert_cell(category.ptr(), f.strings, field, f.bad));
      break;
    case Column::Kind::objects: {
      const ObjectColumn cells(spec[2], f.rows,
                               "evaluate_frame: column '" + path + "' must hold one value per row");
      c.cells.reserve(f.rows);
      ListMemo memo;
      for (std::size_t i = 0; i < f.rows; ++i)
        c.cells.push_back(memo.convert(cells[i], f.strings, field, f.bad, false));
      break;
    }
  }
  return c;
}

void set_text(FactValue& out, const std::string& text) {
  if (auto* s = std::get_if<std::string>(&out)) {
    python::set_text(*s, text);
  } else {
    out.emplace<std::string>(text);
  }
}

/// Stores a number the way the fact's type takes it: whole floats for an
/// int fact (pandas makes an int column with gaps float), ints for decimals.
void set_number(ApplicationFact& f, const Fact& fact, double d) {
  if (fact.type == FactType::integer && std::trunc(d) == d && std::fabs(d) < 9.0e18) {
    f.value = static_cast<std::int64_t>(d);
    return;
  }
  f.value = d;
  // The binder names the value it refuses. Only for int facts: for a str or
  // enum fact the binder would take the text as the value, and a number is
  // no str there, as with dicts.
  if (fact.type == FactType::integer) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", d);
    f.text = text;
  }
}

/// Fills `f` from an object or category cell; false for a missing one.
bool set_cell(const Frame& frame, const Cell& cell, const Fact& fact, ApplicationFact& f) {
  switch (cell.tag) {
    case Cell::Tag::missing:
    case Cell::Tag::bad:
      return false;
    case Cell::Tag::boolean:
      f.value = cell.integer != 0;
      return true;
    case Cell::Tag::integer:
      if (fact.type == FactType::decimal) {
        f.value = static_cast<double>(cell.integer);
      } else {
        f.value = cell.integer;
      }
      return true;
    case Cell::Tag::decimal:
      set_number(f, fact, cell.decimal);
      return true;
    case Cell::Tag::text:
      set_text(f.value, frame.strings.text(cell.integer));
      return true;
    case Cell::Tag::date:
      f.value = Date::from_days(static_cast<std::int32_t>(cell.integer));
      return true;
    case Cell::Tag::list: {
      auto* list = std::get_if<std::vector<std::string>>(&f.value);
      if (list == nullptr) list = &f.value.emplace<std::vector<std::string>>();
      list->resize(cell.count);
      for (std::uint32_t k = 0; k < cell.count; ++k) {
        python::set_text((*list)[k],
                         frame.strings.text(
                             frame.strings.list_items[static_cast<std::size_t>(cell.integer) + k]));
      }
      return true;
    }
  }
  return false;
}

/// Fills `f` from column `c` at `row`; false when the cell has no value.
bool set_fact(const Frame& frame, const Column& c, std::size_t row, ApplicationFact& f) {
  if (c.mask != nullptr && c.mask[row] != 0) return false;
  const Fact& fact = *c.fact;
  switch (c.kind) {
    case Column::Kind::boolean:
      f.value = static_cast<const std::uint8_t*>(c.values)[row] != 0;
      return true;
    case Column::Kind::integer:
      return set_cell(frame,
                      {Cell::Tag::integer, 0, static_cast<const std::int64_t*>(c.values)[row], 0},
                      fact, f);
    case Column::Kind::decimal: {
      const double d = static_cast<const double*>(c.values)[row];
      if (std::isnan(d)) return false;
      set_number(f, fact, d);
      return true;
    }
    case Column::Kind::date: {
      const std::int64_t days = static_cast<const std::int64_t*>(c.values)[row];
      if (days == kNoDate) return false;
      f.value = Date::from_days(static_cast<std::int32_t>(days));
      return true;
    }
    case Column::Kind::coded: {
      const std::int64_t code = static_cast<const std::int64_t*>(c.values)[row];
      if (code < 0 || static_cast<std::size_t>(code) >= c.cells.size()) return false;
      return set_cell(frame, c.cells[static_cast<std::size_t>(code)], fact, f);
    }
    case Column::Kind::objects:
      return set_cell(frame, c.cells[row], fact, f);
  }
  return false;
}

/// A bad cell of `row` in column `c`, if any.
const Cell* bad_cell_at(const Column& c, std::size_t row) {
  if (c.mask != nullptr && c.mask[row] != 0) return nullptr;
  const Cell* cell = nullptr;
  if (c.kind == Column::Kind::objects) cell = &c.cells[row];
  if (c.kind == Column::Kind::coded) {
    const std::int64_t code = static_cast<const std::int64_t*>(c.values)[row];
    if (code >= 0 && static_cast<std::size_t>(code) < c.cells.size())
      cell = &c.cells[static_cast<std::size_t>(code)];
  }
  return cell != nullptr && cell->tag == Cell::Tag::bad ? cell : nullptr;
}

void fill_ids(const Frame& frame, const std::vector<Cell>& cells, std::size_t row,
              std::vector<ApplicationEntry>& out, std::vector<Diagnostic>& diagnostics) {
  if (cells.empty()) {
    out.clear();
    return;
  }
  const Cell& cell = cells[row];
  if (cell.tag == Cell::Tag::bad) {
    diagnostics.push_back(frame.bad[static_cast<std::size_t>(cell.integer)]);
    return;
  }
  const std::uint32_t n = cell.tag == Cell::Tag::list ? cell.count : 0;
  out.resize(n);
  for (std::uint32_t k = 0; k < n; ++k) {
    python::set_text(
        out[k].id,
        frame.strings.text(frame.strings.list_items[static_cast<std::size_t>(cell.integer) + k]));
  }
}

/// Builds row `row`'s application in `s`; false with diagnostics for a bad row.
bool fill_row(const Frame& frame, std::size_t row, Application& app,
              std::vector<Diagnostic>& diagnostics) {
  python::set_text(app.item, frame.item);
  if (const auto date = submitted_on(frame, row)) {
    app.submitted_on = *date;
  } else {
    diagnostics.push_back(
        make_diagnostic(codes::bad_application_date, {"application.submitted_on", 0, 0},
                        "no submission date in this row (a date or 'YYYY-MM-DD')"));
  }
  std::size_t used = 0;
  for (const Column& c : frame.columns) {
    if (const Cell* bad = bad_cell_at(c, row)) {
      diagnostics.push_back(frame.bad[static_cast<std::size_t>(bad->integer)]);
      continue;
    }
    ApplicationFact& f = ConvertContext::next(app.facts, used);
    f.text.clear();
    if (!set_fact(frame, c, row, f)) {
      --used;
      continue;
    }
    python::set_text(f.path, c.fact->path);
  }
  app.facts.resize(used);
  fill_ids(frame, frame.materials, row, app.materials, diagnostics);
  fill_ids(frame, frame.commitments, row, app.commitments, diagnostics);
  return diagnostics.empty();
}

}  // namespace

std::optional<Date> submitted_on(const Frame& frame, std::size_t row) {
  if (frame.submitted) return frame.submitted;
  if (frame.submitted_days != nullptr) {
    const std::int64_t days = frame.submitted_days[row];
    if (days == kNoDate) return std::nullopt;
    return Date::from_days(static_cast<std::int32_t>(days));
  }
  const Cell& cell = frame.submitted_cells[row];
  if (cell.tag == Cell::Tag::date) return Date::from_days(static_cast<std::int32_t>(cell.integer));
  if (cell.tag == Cell::Tag::text) return Date::parse(frame.strings.text(cell.integer));
  return std::nullopt;
}

namespace {

/// A worker's scratch: the binder for the fast way, the application for the slow one.
struct RowScratch {
  explicit RowScratch(const Rulebook& book) : binder(book) {}
  TypedBinder binder;
  FastScratch fast;
  Application application;
  std::vector<Diagnostic> diagnostics;
  Decision decision;
};

/// Decides `row` by handle, else (what the binder refuses) through an
/// Application, as evaluate_many would: the slow way says what is wrong.
const Decision& decide_row(const Rulebook& book, const Frame& frame, const FramePlan& plan,
                           RowScratch& s, std::size_t row) {
  if (decide_fast(frame, plan, s.binder, s.fast, row, s.decision)) return s.decision;
  s.diagnostics.clear();
  if (fill_row(frame, row, s.application, s.diagnostics)) {
    book.evaluate(s.application, s.decision);
  } else {
    s.decision = Decision{};
    s.decision.diagnostics = s.diagnostics;
  }
  return s.decision;
}

py::dict evaluate_columns(const std::shared_ptr<BookHandle>& self, const std::string& item,
                          std::size_t rows, py::handle submitted, const py::list& facts,
                          py::handle materials, py::handle commitments, const std::string& errors,
                          std::optional<int> threads, std::optional<std::size_t> chunk_size) {
  const bool raise = parse_batch_errors(errors, "evaluate_frame");
  const int workers = parse_batch_threads(threads, "evaluate_frame");
  const ItemLookup* lookup = self->index->find(item);
  if (lookup == nullptr) {
    raise_application_error({make_diagnostic(codes::unknown_item, {"application.item", 0, 0},
                                             "no item '" + item + "' in the rulebook")});
  }
  Frame frame;
  frame.item = item;
  frame.rows = rows;
  if (py::isinstance<py::tuple>(submitted)) {  // a column: (kind, values)
    const auto column = submitted.cast<py::tuple>();
    if (column[0].cast<std::string>() == "date") {
      frame.submitted_days = buffer_of<std::int64_t>(frame, column[1], "submitted_on");
    } else {
      std::vector<Diagnostic> ignored;  // a cell of no date is reported per row
      const ObjectColumn cells(column[1], rows,
                               "evaluate_frame: column 'submitted_on' must hold one value per row");
      for (std::size_t i = 0; i < rows; ++i) {
        frame.submitted_cells.push_back(
            convert_cell(cells[i], frame.strings, "application.submitted_on", ignored));
      }
    }
  } else {
    frame.submitted = date_arg(submitted, "evaluate_frame: submitted_on");
  }
  for (const py::handle spec : facts)
    frame.columns.push_back(read_column(frame, *lookup, spec.cast<py::tuple>()));
  if (!materials.is_none())
    frame.materials =
        convert_id_column(materials, rows, frame.strings, "application.materials", frame.bad);
  if (!commitments.is_none())
    frame.commitments =
        convert_id_column(commitments, rows, frame.strings, "application.commitments", frame.bad);
  const Rulebook& book = *self->book;
  const FramePlan plan = plan_frame(TypedBinder(book), frame, item);
  return decide_frame(
      self, *lookup,
      [&]() -> FrameRow {
        return [&, s = std::make_shared<RowScratch>(book)](std::size_t row) -> const Decision& {
          return decide_row(book, frame, plan, *s, row);
        };
      },
      rows, raise, workers, chunk_size);
}

}  // namespace

void init_frame(py::class_<BookHandle, std::shared_ptr<BookHandle>>& cls) {
  cls.def("_evaluate_columns", &evaluate_columns, py::arg("item"), py::arg("rows"),
          py::arg("submitted_on"), py::arg("facts"), py::arg("materials"), py::arg("commitments"),
          py::arg("errors"), py::arg("threads"), py::arg("chunk_size"),
          "The compiled half of evaluate_frame (shenpi/_frame.py); use that instead.");
}

}  // namespace shenpi::python
