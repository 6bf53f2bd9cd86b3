// The bound form of an application: what evaluation reads.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "expr/program.hpp"
#include "model/data.hpp"
#include "shenpi/evaluate.hpp"

namespace shenpi {

namespace detail {
/// A deadline of the item counted from `submitted_on` (deadlines.cpp).
struct BoundDeadline {
  std::optional<Date> date;  ///< nullopt: outside the calendar (SP504, said at evaluation)
  bool provisional = false;  ///< counted across a provisional year (预计)
};
enum BoundDeadlineKind : std::size_t { kPromised = 0, kStatutory = 1, kToleranceSupply = 2 };
}  // namespace detail

struct BoundApplication::Impl {
  /// Owned, so a decision (and its notice) outlives every other holder.
  std::shared_ptr<const Rulebook> book;
  int item = -1;
  Date submitted_on;
  std::vector<detail::Value> facts;              ///< one per slot; unknown when not given
  std::vector<std::vector<std::int32_t>> lists;  ///< storage behind list values
  /// Strings no rule mentions, by negative id: -(k + 1) is extra_strings[k].
  std::vector<std::string> extra_strings;
  std::vector<std::uint64_t> submitted;         ///< bit per item material
  std::vector<std::uint64_t> committed;         ///< materials offered a commitment
  std::vector<std::uint64_t> condition_commit;  ///< bit per item condition
  bool tolerance_letter = false;
  /// Of `submitted_on`, for a deadline that leaves the calendar (SP504).
  SourceLocation date_location;
  /// The item's deadlines (by BoundDeadlineKind), counted once at bind:
  /// they depend on the item version and `submitted_on` only, and an
  /// application is often decided more than once. Valid while
  /// `deadlines_ready`; the reset of a binding clears it, and evaluation
  /// counts them itself when a binding path did not.
  std::array<detail::BoundDeadline, 3> deadlines;
  bool deadlines_ready = false;
};

namespace detail {

/// The slots and bitsets behind a BoundApplication (private to the library).
struct BoundAccess {
  static const BoundApplication::Impl& impl(const BoundApplication& a) { return *a.impl_; }
};

/// The index of the item version an application is decided under (in force
/// on `as_of`, else on `submitted_on`); -1 after SP602 or SP620 (bind_version.cpp).
int bind_version(const Rulebook& book, const Application& a, std::vector<Diagnostic>& out);

/// Binds `a` into `impl` (whose `book` is `book`), reusing its vectors'
/// storage; appends diagnostics to `out`. False when the application has
/// errors, `impl` then being unspecified (bind.cpp).
bool bind_into(const Rulebook& book, const Application& a, BoundApplication::Impl& impl,
               std::vector<Diagnostic>& out);
/// Binds and decides into `out`: out's own bound application, when nothing
/// else shares it, is bound again in place, so a loop over applications
/// reusing one Decision does not allocate to bind (batch, Rulebook::evaluate).
void decide_into(const Rulebook& book, const Application& application, Decision& out);

inline bool test_bit(const std::vector<std::uint64_t>& bits, std::size_t i) {
  return ((bits[i / 64] >> (i % 64)) & 1U) != 0;
}
inline void set_bit(std::vector<std::uint64_t>& bits, std::size_t i) {
  bits[i / 64] |= std::uint64_t{1} << (i % 64);
}

/// Counts `impl`'s deadlines (impl.item and impl.submitted_on set) and sets
/// deadlines_ready: the end of every binding path (bind_into,
/// SlotBinder::finish). The 容缺 supply date only for an item with a policy.
void bind_deadlines(const Rulebook& book, BoundApplication::Impl& impl);
/// The due date of `limit` from `from` and whether it is provisional, as
/// evaluation reports it; `failure` gets why when it is outside the calendar.
BoundDeadline count_deadline(const Calendar& calendar, Date from, const Duration& limit,
                             CalendarError* failure);

/// Text of a bound value, resolving application-only strings.
std::string format_bound_value(const BoundApplication::Impl& app, const Value& value);

}  // namespace detail
}  // namespace shenpi
