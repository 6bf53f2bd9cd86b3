// Object cells of a DataFrame → Cell (frame_cells.hpp).
#include "frame_cells.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>

#include <pybind11/numpy.h>

#include "convert.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi::python {
namespace {

/// pandas.NaT and pandas.NA: a cell with no value, as None and NaN are.
bool is_null_type(PyObject* v) {
  const char* name = Py_TYPE(v)->tp_name;
  return std::strcmp(name, "NaTType") == 0 || std::strcmp(name, "NAType") == 0;
}

Cell bad_cell(const std::string& field, std::string_view expected, PyObject* value,
              std::vector<Diagnostic>& bad) {
  Application scratch;
  ConvertContext c{bad, scratch};
  c.wrong_type(field, expected, value);  // the dict path's wording (convert.cpp)
  Cell cell;
  cell.tag = Cell::Tag::bad;
  cell.integer = static_cast<std::int64_t>(bad.size() - 1);
  return cell;
}

/// A list, tuple or numpy array of str as a list cell.
Cell list_cell(PyObject* value, FrameStrings& strings, const std::string& field,
               std::vector<Diagnostic>& bad) {
  PyObject* seq = PySequence_Fast(value, "");
  if (seq == nullptr) {
    PyErr_Clear();
    return bad_cell(field, "list of str", value, bad);
  }
  const py::object hold = py::reinterpret_steal<py::object>(seq);
  Cell cell;
  cell.tag = Cell::Tag::list;
  cell.integer = static_cast<std::int64_t>(strings.list_items.size());
  const Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
  for (Py_ssize_t k = 0; k < n; ++k) {
    PyObject* e = PySequence_Fast_GET_ITEM(seq, k);
    const std::int64_t id = PyUnicode_Check(e) ? strings.intern(e) : -1;
    if (id < 0) {
      strings.list_items.resize(static_cast<std::size_t>(cell.integer));
      return bad_cell(field + "[" + std::to_string(k) + "]", "str", e, bad);
    }
    strings.list_items.push_back(static_cast<std::uint32_t>(id));
  }
  cell.count = static_cast<std::uint32_t>(n);
  return cell;
}

}  // namespace

std::int64_t FrameStrings::intern(PyObject* s) {
  // Entries hold index + 1: a null pointer means "not cached".
  if (const void* hit = recent_.find(s, 0))
    return static_cast<std::int64_t>(reinterpret_cast<std::uintptr_t>(hit)) - 1;
  if (const auto found = by_object_.find(s); found != by_object_.end()) {
    recent_.put(s, 0, reinterpret_cast<const void*>(std::uintptr_t{found->second} + 1));
    return found->second;
  }
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(s, &size);
  if (data == nullptr) {
    PyErr_Clear();
    return -1;
  }
  std::string text(data, static_cast<std::size_t>(size));
  auto [at, added] =
      by_text_.try_emplace(std::move(text), static_cast<std::uint32_t>(texts_.size()));
  if (added) texts_.push_back(at->first);
  held_.push_back(py::reinterpret_borrow<py::object>(s));
  by_object_.emplace(s, at->second);
  recent_.put(s, 0, reinterpret_cast<const void*>(std::uintptr_t{at->second} + 1));
  return at->second;
}

ObjectColumn::ObjectColumn(py::handle column, std::size_t rows, const std::string& message) {
  if (py::isinstance<py::array>(column)) {
    const auto array = py::reinterpret_borrow<py::array>(column);
    if (array.dtype().kind() == 'O' && array.ndim() == 1 &&
        (rows == 0 || array.strides(0) == static_cast<py::ssize_t>(sizeof(PyObject*)))) {
      if (static_cast<std::size_t>(array.shape(0)) != rows) throw py::value_error(message);
      hold_ = array;
      items_ = static_cast<PyObject* const*>(array.data());
      return;
    }
  }
  hold_ = py::reinterpret_steal<py::object>(PySequence_Fast(column.ptr(), ""));
  if (!hold_) {
    PyErr_Clear();
    throw py::value_error(message);
  }
  if (static_cast<std::size_t>(PySequence_Fast_GET_SIZE(hold_.ptr())) != rows)
    throw py::value_error(message);
  items_ = PySequence_Fast_ITEMS(hold_.ptr());
}

Cell convert_cell(PyObject* value, FrameStrings& strings, const std::string& field,
                  std::vector<Diagnostic>& bad) {
  Cell cell;
  if (value == Py_None || is_null_type(value)) return cell;
  if (PyBool_Check(value)) {  // bool is an int subclass: test it first
    cell.tag = Cell::Tag::boolean;
    cell.integer = value == Py_True ? 1 : 0;
    return cell;
  }
  if (PyLong_Check(value)) {
    int overflow = 0;
    cell.integer = PyLong_AsLongLongAndOverflow(value, &overflow);
    if (overflow != 0) return bad_cell(field, "int within 64 bits", value, bad);
    cell.tag = Cell::Tag::integer;
    return cell;
  }
  if (PyFloat_Check(value)) {
    cell.decimal = PyFloat_AS_DOUBLE(value);
    cell.tag = std::isnan(cell.decimal) ? Cell::Tag::missing : Cell::Tag::decimal;
    return cell;
  }
  if (PyUnicode_Check(value)) {
    cell.integer = strings.intern(value);
    if (cell.integer < 0) return bad_cell(field, "str of valid UTF-8", value, bad);
    cell.tag = Cell::Tag::text;
    return cell;
  }
  if (const auto d = date_from_py(value)) {
    cell.tag = Cell::Tag::date;
    cell.integer = d->days();
    return cell;
  }
  if (std::strncmp(Py_TYPE(value)->tp_name, "numpy.", 6) == 0 &&
      PyObject_HasAttrString(value, "item") && !PySequence_Check(value)) {
    // numpy scalars as the Python value they hold (numpy.int64 → int).
    const py::object plain = py::reinterpret_borrow<py::object>(value).attr("item")();
    if (plain.ptr() != value) return convert_cell(plain.ptr(), strings, field, bad);
  }
  if (PyList_Check(value) || PyTuple_Check(value) ||
      std::strcmp(Py_TYPE(value)->tp_name, "numpy.ndarray") == 0) {
    return list_cell(value, strings, field, bad);
  }
  return bad_cell(field, "a fact value (bool, int, float, str, datetime.date or list of str)",
                  value, bad);
}

std::size_t ListMemo::slot(PyObject* list) const {
  // The top bits of the address's hash (its low bits are alignment).
  return static_cast<std::size_t>(hash_words(reinterpret_cast<std::uintptr_t>(list) >> 4) >>
                                  shift_);
}

const Cell* ListMemo::find(PyObject* list) const {
  if (keys_.empty()) return nullptr;
  const std::size_t mask = keys_.size() - 1;
  for (std::size_t i = slot(list);; i = (i + 1) & mask) {
    if (keys_[i] == list) return &cells_[i];
    if (keys_[i] == nullptr) return nullptr;
  }
}

void ListMemo::add(PyObject* list, const Cell& cell) {
  if (2 * (used_ + 1) > keys_.size()) {
    std::vector<PyObject*> keys(std::max<std::size_t>(64, 2 * keys_.size()));
    std::vector<Cell> cells(keys.size());
    keys_.swap(keys);
    cells_.swap(cells);
    shift_ = 64 - std::countr_zero(keys_.size());
    used_ = 0;
    for (std::size_t k = 0; k < keys.size(); ++k) {
      if (keys[k] != nullptr) add(keys[k], cells[k]);
    }
  }
  const std::size_t mask = keys_.size() - 1;
  std::size_t i = slot(list);
  while (keys_[i] != nullptr) i = (i + 1) & mask;
  keys_[i] = list;
  cells_[i] = cell;
  ++used_;
}

Cell ListMemo::convert(PyObject* value, FrameStrings& strings, const std::string& field,
                       std::vector<Diagnostic>& bad, bool ids) {
  // Only lists and tuples: converting them runs no Python code, so a list
  // cannot change between two rows that share it, and the column holds
  // every cell alive (no address is reused) while it is converted.
  const bool memo = PyList_CheckExact(value) || PyTuple_CheckExact(value);
  if (memo) {
    if (const Cell* found = find(value)) return *found;
  }
  const Cell cell =
      ids ? list_cell(value, strings, field, bad) : convert_cell(value, strings, field, bad);
  if (memo) add(value, cell);
  return cell;
}

std::vector<Cell> convert_id_column(py::handle column, std::size_t rows, FrameStrings& strings,
                                    const std::string& field, std::vector<Diagnostic>& bad) {
  const ObjectColumn column_cells(
      column, rows, "evaluate_frame: the " + field + " column must hold one list per row");
  std::vector<Cell> cells(rows);
  ListMemo memo;
  for (std::size_t i = 0; i < rows; ++i) {
    PyObject* v = column_cells[i];
    if (PyList_CheckExact(v)) {  // the usual cell: straight to the memo
      cells[i] = memo.convert(v, strings, field, bad, true);
      continue;
    }
    if (v == Py_None || is_null_type(v) || (PyFloat_Check(v) && std::isnan(PyFloat_AS_DOUBLE(v))))
      continue;  // no list: nothing submitted
    if (PyUnicode_Check(v) || PyBytes_Check(v) || PyDict_Check(v)) {
      cells[i] = bad_cell(field, "list of str", v, bad);
      continue;
    }
    cells[i] = memo.convert(v, strings, field, bad, true);
  }
  return cells;
}

}  // namespace shenpi::python
