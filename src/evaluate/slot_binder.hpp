// Binding typed values straight into a bound application: the fast path
// behind Rulebook::evaluate_json (and Python's typed readers), with no
// Application, no std::string per fact and no diagnostic. It accepts only
// what the slow path (parse into Application, bind_into) accepts as is and
// refuses everything else, so a caller that falls back to the slow path on
// refusal gets exactly the slow path's decision and diagnostics.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "evaluate/bound.hpp"

namespace shenpi::detail {

/// One binding at a time, reused across applications (its scratch keeps
/// its storage). Not thread-safe: one per thread.
///
/// Use: begin(), then any number of fact()/set_*()/material()/commitment()
/// calls, then finish(). Every call returns false at the first input the
/// slow path would not take as is: unknown item, no version in force,
/// submitted_on outside the calendar, unknown fact/material/commitment, a
/// value check_fact_value refuses, a fact, material or commitment given
/// twice. After false the binding is abandoned and the Decision given to
/// begin() is unspecified: decide it by the slow path (detail::decide_into)
/// or discard it.
class SlotBinder {
 public:
  /// Starts binding an application of `item` filed on `submitted_on`
  /// (decided under the version in force on `as_of`, else on
  /// `submitted_on`, as bind_version) into `out`: into out's own bound
  /// application when nothing else holds it, else into a new one.
  /// `date_location` is where submitted_on was written (deadline
  /// diagnostics point there). `book` must outlive the binding.
  bool begin(const Rulebook& book, std::string_view item, Date submitted_on,
             std::optional<Date> as_of, Decision& out, SourceLocation date_location = {});
  /// As begin(), for the item version at `index` in the rulebook's items,
  /// which the caller found in force (TypedBinder resolves it once).
  bool begin_at(const Rulebook& book, int index, Date submitted_on, Decision& out,
                SourceLocation date_location = {});

  /// The fact `path` names for the item being bound (item-local first), or
  /// nullptr (the slow path's SP603).
  const Fact* fact(std::string_view path) const;

  /// A fact's value, typed as a reader saw it; `text` is the scalar as
  /// written (`45`, `true`), which a string or enum fact takes instead
  /// (check_fact_value's rules). Each fact at most once.
  bool set_bool(const Fact& fact, bool value, std::string_view text);
  bool set_int(const Fact& fact, std::int64_t value, std::string_view text);
  bool set_double(const Fact& fact, double value, std::string_view text);
  /// UTF-8 text: a string, an enum value, or a date `YYYY-MM-DD`.
  bool set_text(const Fact& fact, std::string_view value);
  bool set_date(const Fact& fact, Date value, std::string_view text = {});
  /// A list of texts, for a `list<string>` fact.
  bool set_texts(const Fact& fact, std::span<const std::string_view> values);
  /// The same element by element: begin_list, add_to_list per element.
  bool begin_list(const Fact& fact);
  bool add_to_list(std::string_view value);
  /// An element already resolved to a rule string's id (TypedBinder).
  void add_id_to_list(std::int32_t id) { impl_->lists[lists_used_ - 1].push_back(id); }

  /// A submitted material, by id; each once.
  bool material(std::string_view id);
  /// A signed commitment: a material, a condition or `tolerance-letter`; each once.
  bool commitment(std::string_view id);

  /// A value already converted for `fact` (TypedBinder's resolved values);
  /// false when the fact was given already.
  bool set_value(const Fact& fact, Value value) { return put(fact, value); }
  /// Claims `fact`'s slot for a value the caller writes in place, or
  /// nullptr when the fact was given already. Inline, and writing in place
  /// instead of passing a Value: TypedBinder's per-row path (a Value passed
  /// by value through a call costs a stalled store-to-load each).
  Value* claim_slot(const Fact& fact) {
    const auto slot = static_cast<std::size_t>(FactAccess::slot(fact));
    const std::uint64_t bit = std::uint64_t{1} << (slot % 64);
    if ((given_[slot / 64] & bit) != 0) return nullptr;
    given_[slot / 64] |= bit;
    return &impl_->facts[slot];
  }
  /// Bits by index in the item's tables (TypedBinder's resolved entries);
  /// each false when set already.
  bool material_at(std::size_t index) { return set_once(impl_->submitted, index); }
  bool committed_material_at(std::size_t index) { return set_once(impl_->committed, index); }
  bool condition_commitment_at(std::size_t index) {
    return set_once(impl_->condition_commit, index);
  }
  bool tolerance_letter() {
    if (impl_->tolerance_letter) return false;
    impl_->tolerance_letter = true;
    return true;
  }

  /// Points list values at their storage and decides into the Decision
  /// given to begin(), reusing its storage (allocation-free once warm).
  void finish();

  /// For the slow path's Binder (bind.cpp): converts into `impl`, already
  /// reset for its item, with no check for facts given twice (the readers
  /// report those; a later value wins, as it always has).
  void attach(const Rulebook& book, BoundApplication::Impl& impl);
  /// Converts `value` (which check_fact_value accepted) into its slot.
  bool assign(const Fact& fact, const FactValue& value, std::string_view text);
  /// Points list values at their storage (the end of attach()'s binding).
  void fix_lists();

 private:
  static bool set_once(std::vector<std::uint64_t>& bits, std::size_t index) {
    if (test_bit(bits, index)) return false;
    set_bit(bits, index);
    return true;
  }
  std::int32_t string_id(std::string_view text);
  bool enum_value(const Fact& fact, std::string_view text, Value& out) const;
  bool text_value(const Fact& fact, std::string_view text, Value& out);
  /// Marks `fact` given; false when it was already.
  bool claim(const Fact& fact);
  /// Stores `value` in `fact`'s slot; false when the fact was given already.
  bool put(const Fact& fact, Value value);
  /// The application's deadlines (bind_deadlines), from `counted_` when
  /// this item was counted from this day before.
  void deadlines();

  /// Deadlines counted, direct-mapped by (item, day): they depend on
  /// nothing else, a caseload is filed on a few hundred days, and counting
  /// them walks the calendar (a twentieth of binding a row by handle).
  struct Counted {
    std::uint64_t generation = 0;  ///< valid only while equal to generation_
    std::int32_t item = -1;
    std::int32_t day = 0;
    std::array<BoundDeadline, 3> deadlines;
  };
  static constexpr std::size_t kCounted = 256;
  std::vector<Counted> counted_;
  /// The rulebook `counted_` holds deadlines of. A binder may serve several
  /// (a thread's evaluate_json scratch): an address equal to book_'s names
  /// the same rulebook only while this one has not expired. Another
  /// rulebook bumps `generation_`, which drops every entry at once rather
  /// than rewriting the table (callers may alternate rulebooks).
  const Rulebook* counted_book_ = nullptr;
  std::weak_ptr<const Rulebook> counted_owner_;
  std::uint64_t generation_ = 0;

  const Rulebook* book_ = nullptr;
  const RulebookData* data_ = nullptr;
  BoundApplication::Impl* impl_ = nullptr;
  Decision* out_ = nullptr;
  std::vector<std::uint64_t> given_;  ///< bit per fact slot
  std::vector<std::int32_t> list_slots_;
  std::size_t lists_used_ = 0;
  bool check_twice_ = true;
};

}  // namespace shenpi::detail
