// The fast way of a frame row (frame.hpp): every name resolved once per
// item version (plan_frame), then each row bound by handle straight from
// the columns into the worker's Decision, with no Application, no string
// built and no hashing. Whatever the binder refuses goes the slow way
// (frame.cpp's fill_row and Rulebook::evaluate), whose diagnostics are
// today's; the binder refuses exactly what that way would not take as is
// (shenpi/binder.hpp), so both ways decide alike (tests/python/test_frame.py).
#include <algorithm>
#include <cmath>
#include <span>

#include "frame.hpp"

namespace shenpi::python {
namespace {

/// Above this many distinct strings in the frame, object columns' texts
/// are bound by set_text per row instead of a table per column and version.
constexpr std::size_t kMaxTextTable = std::size_t{1} << 18;
/// Above this many list elements in the frame (lists fresh per row), the
/// ids of a row's list are gathered per row instead of copied per version.
constexpr std::size_t kMaxItemTable = std::size_t{1} << 20;

/// The value of `cell`'s text for `fact`, or an invalid handle.
ValueHandle text_value(const TypedBinder& binder, const Frame& frame, const FactHandle& fact,
                       const Cell& cell) {
  if (cell.tag != Cell::Tag::text || !fact.valid()) return {};
  return binder.value(fact, frame.strings.text(cell.integer));
}

std::vector<ValueHandle> column_values(const TypedBinder& binder, const Frame& frame,
                                       const Column& c, const FactHandle& fact) {
  std::vector<ValueHandle> values;
  if (c.kind == Column::Kind::coded) {
    for (const Cell& cell : c.cells) values.push_back(text_value(binder, frame, fact, cell));
  } else if (c.kind == Column::Kind::objects && frame.strings.size() <= kMaxTextTable) {
    values.resize(frame.strings.size());
    std::vector<bool> done(frame.strings.size());
    const auto resolve = [&](std::size_t s) {
      if (done[s] || !fact.valid()) return;
      done[s] = true;
      values[s] = binder.value(fact, frame.strings.text(static_cast<std::int64_t>(s)));
    };
    for (const Cell& cell : c.cells) {
      if (cell.tag == Cell::Tag::text) resolve(static_cast<std::size_t>(cell.integer));
      if (cell.tag != Cell::Tag::list) continue;
      const auto* items = frame.strings.list_items.data() + cell.integer;
      for (std::uint32_t k = 0; k < cell.count; ++k) resolve(items[k]);
    }
  }
  return values;
}

/// Material and commitment handles of every string a list holds (lists of
/// a frame repeat few ids, however many list objects hold them).
void resolve_ids(const TypedBinder& binder, const Frame& frame, const ItemHandle& item,
                 std::size_t position, FramePlan::Version& v) {
  const std::size_t n = frame.strings.size();
  v.materials.resize(frame.materials.empty() ? 0 : n);
  v.commitments.resize(frame.commitments.empty() ? 0 : n);
  std::vector<bool> done(n);
  for (const std::uint32_t s : frame.strings.list_items) {
    if (done[s]) continue;
    done[s] = true;
    const std::string_view id = frame.strings.text(s);
    if (!v.materials.empty()) v.materials[s] = binder.material(item, position, id);
    if (!v.commitments.empty()) v.commitments[s] = binder.commitment(item, position, id);
  }
  const auto& items = frame.strings.list_items;
  if (items.size() > kMaxItemTable) return;  // fresh lists per row: gathered per row
  for (const std::uint32_t s : items) {
    if (!v.materials.empty()) v.material_items.push_back(v.materials[s]);
    if (!v.commitments.empty()) v.commitment_items.push_back(v.commitments[s]);
  }
}

/// Stores a number as frame.cpp's set_number does: a whole float for an int
/// fact as an int, anything else as a decimal.
bool set_number(TypedBinder& binder, const FactHandle& fact, double d) {
  if (fact.valid() && fact.fact->type == FactType::integer && std::trunc(d) == d &&
      std::fabs(d) < 9.0e18) {
    return binder.set_int(fact, static_cast<std::int64_t>(d));
  }
  return binder.set_decimal(fact, d);
}

struct RowBinding {
  const Frame& frame;
  const FramePlan::Version& plan;
  TypedBinder& binder;
  FastScratch& scratch;

  /// A list cell: by its elements' resolved values when all are rule
  /// strings (`values` by string index, may be empty), else by text.
  bool list(const Cell& c, const FactHandle& fact, const std::vector<ValueHandle>& values) {
    const auto* items = frame.strings.list_items.data() + c.integer;
    if (!values.empty()) {
      scratch.values.clear();
      for (std::uint32_t k = 0; k < c.count; ++k) scratch.values.push_back(values[items[k]]);
      if (std::all_of(scratch.values.begin(), scratch.values.end(),
                      [](const ValueHandle& v) { return v.valid(); })) {
        return binder.set_values(fact, scratch.values);
      }
    }
    scratch.texts.clear();
    for (std::uint32_t k = 0; k < c.count; ++k)
      scratch.texts.push_back(frame.strings.text(items[k]));
    return binder.set_texts(fact, scratch.texts);
  }

  /// An object or category cell; `value` is its text's resolved value.
  bool cell(const Cell& c, const FactHandle& fact, const ValueHandle* value,
            const std::vector<ValueHandle>& values) {
    switch (c.tag) {
      case Cell::Tag::missing:
        return true;
      case Cell::Tag::bad:
        return false;
      case Cell::Tag::boolean:
        return binder.set_bool(fact, c.integer != 0);
      case Cell::Tag::integer:
        return binder.set_int(fact, c.integer);
      case Cell::Tag::decimal:
        return set_number(binder, fact, c.decimal);
      case Cell::Tag::date:
        return binder.set_date(fact, Date::from_days(static_cast<std::int32_t>(c.integer)));
      case Cell::Tag::text:
        if (value != nullptr && value->valid()) return binder.set(fact, *value);
        return binder.set_text(fact, frame.strings.text(c.integer));
      case Cell::Tag::list:
        return list(c, fact, values);
    }
    return false;
  }

  bool column(std::size_t j, std::size_t row) {
    const Column& c = frame.columns[j];
    if (c.mask != nullptr && c.mask[row] != 0) return true;
    const FactHandle& fact = plan.facts[j];
    switch (c.kind) {
      case Column::Kind::boolean:
        return binder.set_bool(fact, static_cast<const std::uint8_t*>(c.values)[row] != 0);
      case Column::Kind::integer:
        return binder.set_int(fact, static_cast<const std::int64_t*>(c.values)[row]);
      case Column::Kind::decimal: {
        const double d = static_cast<const double*>(c.values)[row];
        return std::isnan(d) || set_number(binder, fact, d);
      }
      case Column::Kind::date: {
        const std::int64_t days = static_cast<const std::int64_t*>(c.values)[row];
        return days == kNoDate || binder.set_date(fact, Date::from_days(static_cast<int>(days)));
      }
      case Column::Kind::coded: {
        const std::int64_t code = static_cast<const std::int64_t*>(c.values)[row];
        if (code < 0 || static_cast<std::size_t>(code) >= c.cells.size()) return true;
        const auto k = static_cast<std::size_t>(code);
        return cell(c.cells[k], fact, &plan.values[j][k], {});
      }
      case Column::Kind::objects: {
        const Cell& at = c.cells[row];
        const auto& values = plan.values[j];
        const bool table = at.tag == Cell::Tag::text && !values.empty();
        return cell(at, fact, table ? &values[static_cast<std::size_t>(at.integer)] : nullptr,
                    values);
      }
    }
    return false;
  }

  bool ids(const std::vector<Cell>& cells, const std::vector<EntryHandle>& handles,
           const std::vector<EntryHandle>& parallel, std::size_t row) {
    if (cells.empty()) return true;
    const Cell& c = cells[row];
    if (c.tag == Cell::Tag::bad) return false;
    if (c.tag != Cell::Tag::list) return true;
    if (!parallel.empty()) {
      return binder.add(std::span(parallel.data() + c.integer, c.count));
    }
    const auto* items = frame.strings.list_items.data() + c.integer;
    scratch.entries.clear();
    for (std::uint32_t k = 0; k < c.count; ++k) scratch.entries.push_back(handles[items[k]]);
    return binder.add(scratch.entries);  // one call for the list
  }
};

}  // namespace

FramePlan plan_frame(const TypedBinder& binder, const Frame& frame, std::string_view item) {
  FramePlan plan;
  plan.item = binder.item(item);
  for (std::size_t p = 0; p < plan.item.version_count(); ++p) {
    FramePlan::Version v;
    for (const Column& c : frame.columns) {
      v.facts.push_back(binder.fact(plan.item, p, c.fact->path));
      v.values.push_back(column_values(binder, frame, c, v.facts.back()));
    }
    resolve_ids(binder, frame, plan.item, p, v);
    plan.versions.push_back(std::move(v));
  }
  return plan;
}

bool decide_fast(const Frame& frame, const FramePlan& plan, TypedBinder& binder,
                 FastScratch& scratch, std::size_t row, Decision& out) {
  const auto day = submitted_on(frame, row);
  if (!day) return false;
  const int position = binder.begin(plan.item, *day, out);
  if (position < 0) return false;
  RowBinding b{frame, plan.versions[static_cast<std::size_t>(position)], binder, scratch};
  for (std::size_t j = 0; j < frame.columns.size(); ++j) {
    if (!b.column(j, row)) return false;
  }
  if (!b.ids(frame.materials, b.plan.materials, b.plan.material_items, row) ||
      !b.ids(frame.commitments, b.plan.commitments, b.plan.commitment_items, row)) {
    return false;
  }
  binder.finish();
  return true;
}

}  // namespace shenpi::python
