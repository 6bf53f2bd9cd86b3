// DataFrame columns as the frame path reads them without the GIL: numeric
// columns straight from their numpy buffers, object columns (str, dates,
// lists, mixed) converted once per cell under the GIL into compact cells.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "convert.hpp"

namespace shenpi::python {

/// One converted object cell. Text and lists point into the FrameStrings.
struct Cell {
  enum class Tag : std::uint8_t { missing, boolean, integer, decimal, text, date, list, bad };
  Tag tag = Tag::missing;
  std::uint32_t count = 0;   ///< list: ids at `index`
  std::int64_t integer = 0;  ///< boolean, integer, date (days); text/list: index; bad: diagnostic
  double decimal = 0;
};

/// Strings of the object cells, each once: cells of a column mostly repeat
/// a few values (categories, enum words, material ids).
class FrameStrings {
 public:
  /// Index of the text of `s` (a str); caches by object identity, holding
  /// a reference so the address stays that object's. -1 for a str without
  /// UTF-8 (a lone surrogate). Needs the GIL.
  std::int64_t intern(PyObject* s);
  const std::string& text(std::int64_t index) const {
    return texts_[static_cast<std::size_t>(index)];
  }
  /// Number of distinct texts (indexes run from 0 to size() - 1).
  std::size_t size() const { return texts_.size(); }
  /// Flattened lists of string indexes (list cells, material columns).
  std::vector<std::uint32_t> list_items;

 private:
  KeyCache recent_;  ///< in front of by_object_: a pointer compare for the usual hit
  std::vector<std::string> texts_;
  std::unordered_map<std::string, std::uint32_t> by_text_;
  std::unordered_map<PyObject*, std::uint32_t> by_object_;
  std::vector<py::object> held_;
};

/// The objects of a column, one per row: a 1-D numpy object array read in
/// place (making a list of it costs numpy's item getter per row, a third
/// of a frame's conversion), else any sequence through PySequence_Fast.
/// Needs the GIL while used.
class ObjectColumn {
 public:
  /// ValueError `message` when `column` is no sequence of `rows` objects.
  ObjectColumn(py::handle column, std::size_t rows, const std::string& message);
  PyObject* operator[](std::size_t row) const { return items_[row]; }

 private:
  py::object hold_;
  PyObject* const* items_ = nullptr;
};

/// Converts one object cell; a value of no fact type (and a list holding a
/// non-str) is a `bad` cell whose diagnostic (SP604, at `field`) is
/// appended to `bad`. Needs the GIL.
Cell convert_cell(PyObject* value, FrameStrings& strings, const std::string& field,
                  std::vector<Diagnostic>& bad);

/// One column's list cells by list object: a frame built by repeating or
/// joining rows shares its list objects, and each is converted once.
/// Lives for one column's conversion, under the GIL.
class ListMemo {
 public:
  /// convert_cell (or, for `ids`, the id list) of `value`, once per list
  /// or tuple object; other cells are converted every time.
  Cell convert(PyObject* value, FrameStrings& strings, const std::string& field,
               std::vector<Diagnostic>& bad, bool ids);

 private:
  /// The cell of a list object already converted, or nullptr.
  const Cell* find(PyObject* list) const;
  void add(PyObject* list, const Cell& cell);
  std::size_t slot(PyObject* list) const;

  // Open addressing by object address (a million rows look up a million
  // times, mostly hits): a power-of-two table, at most half full.
  std::vector<PyObject*> keys_;
  std::vector<Cell> cells_;
  std::size_t used_ = 0;
  int shift_ = 64;
};

/// A column of id lists (materials, commitments), one list-like per row;
/// None/NaN is an empty list. Needs the GIL.
std::vector<Cell> convert_id_column(py::handle column, std::size_t rows, FrameStrings& strings,
                                    const std::string& field, std::vector<Diagnostic>& bad);

}  // namespace shenpi::python
