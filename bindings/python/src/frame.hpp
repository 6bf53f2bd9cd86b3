// The frame of evaluate_frame as the workers read it (frame.cpp builds it
// under the GIL), and the two ways a row is decided: by handle through the
// public TypedBinder (frame_fast.cpp), else through an Application and
// Rulebook::evaluate, which reports what the binder refused (frame.cpp).
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "frame_cells.hpp"
#include "shenpi/binder.hpp"

namespace shenpi::python {

inline constexpr std::int64_t kNoDate = std::numeric_limits<std::int64_t>::min();  // numpy's NaT

struct Column {
  enum class Kind { boolean, integer, decimal, date, coded, objects };
  const Fact* fact = nullptr;
  Kind kind = Kind::objects;
  const void* values = nullptr;        ///< uint8, int64, double, int64 days or int64 codes
  const std::uint8_t* mask = nullptr;  ///< 1 = missing; may be null
  std::vector<Cell> cells;             ///< objects: one per row; coded: one per category
};

/// The frame as the workers read it; built under the GIL, then read-only.
struct Frame {
  std::string item;
  std::size_t rows = 0;
  std::optional<Date> submitted;                 ///< one date for every row, or
  const std::int64_t* submitted_days = nullptr;  ///< a datetime64 column (kNoDate: none), or
  std::vector<Cell> submitted_cells;             ///< an object column (datetime.date or text)
  std::vector<Column> columns;
  std::vector<Cell> materials, commitments;  ///< empty when not given
  FrameStrings strings;
  std::vector<Diagnostic> bad;   ///< of bad cells
  std::vector<py::object> held;  ///< the arrays the pointers above read
};

/// The submission date of `row`, or nullopt when the row has none.
std::optional<Date> submitted_on(const Frame& frame, std::size_t row);

/// Every name of the frame resolved once per version of its item: the
/// columns' facts, their categories' and texts' values, the material and
/// commitment ids. Read-only while the workers run.
struct FramePlan {
  struct Version {
    std::vector<FactHandle> facts;  ///< per column
    /// Per column: coded, by category code; objects, by string index, for
    /// texts and list elements (empty when the frame has too many strings;
    /// they then go by set_text and set_texts).
    std::vector<std::vector<ValueHandle>> values;
    std::vector<EntryHandle> materials, commitments;  ///< by string index
    /// The same, parallel to FrameStrings::list_items, so a row's list is
    /// one span (empty when the frame's lists are too many to copy).
    std::vector<EntryHandle> material_items, commitment_items;
  };
  ItemHandle item;
  std::vector<Version> versions;
};

/// Resolves `frame`'s names for `item` (an item the rulebook has).
FramePlan plan_frame(const TypedBinder& binder, const Frame& frame, std::string_view item);

/// A worker's scratch for decide_fast (storage kept from row to row).
struct FastScratch {
  std::vector<std::string_view> texts;
  std::vector<ValueHandle> values;
  std::vector<EntryHandle> entries;
};

/// Decides `row` by handle into `out`; false when the binder refuses
/// something (a bad cell, a value of the wrong type, an unknown name, a
/// duplicate, a date outside the calendar): `out` is then unspecified and
/// the row goes the slow way.
bool decide_fast(const Frame& frame, const FramePlan& plan, TypedBinder& binder,
                 FastScratch& scratch, std::size_t row, Decision& out);

/// A thread's function deciding a row (reusing its own Decision).
using FrameRow = std::function<const Decision&(std::size_t row)>;

/// Decides `rows` rows, each thread through its own `make()`; the dict
/// evaluate_frame turns into a DataFrame (frame_results.cpp).
py::dict decide_frame(const std::shared_ptr<BookHandle>& self, const ItemLookup& item,
                      const std::function<FrameRow()>& make, std::size_t rows, bool raise,
                      int threads, std::optional<std::size_t> chunk_size);

}  // namespace shenpi::python
