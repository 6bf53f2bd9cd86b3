// Typed binding: resolve names once, then bind many applications by handle.
//
// For callers that hold applications as typed columns or records (the
// Python DataFrame path, a department system's own structs) rather than as
// shenpi::Application values: item codes, fact paths, enum words and
// material ids are resolved to handles once, and each application is then
// bound by handle straight into a Decision's bound application — no
// std::string, no hashing and, once the Decision is warm, no allocation per
// application.
//
// The binder accepts only what Rulebook::evaluate(Application) accepts as
// is; anything else (an unknown value, a fact, material or commitment given
// twice, a value of the wrong type, a submission date outside the
// calendar, no version in force) makes a call return false. The caller
// then decides that application by the slow path, which reports it:
//
//     TypedBinder binder(book);
//     const ItemHandle item = binder.item("PEER-0001");
//     // per version v of `item`: facts, values and entries resolved once
//     ...
//     const int v = binder.begin(item, submitted_on, decision);
//     bool ok = v >= 0 && binder.set_bool(facts[v].uses_agent, true) && ...;
//     if (ok) binder.finish();
//     else book.evaluate(application_of_the_row, decision);  // the diagnostics
//
// so a decision made through the binder is always exactly the decision
// Rulebook::evaluate would make (tests/unit/evaluate/binder_test.cpp).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "shenpi/evaluate.hpp"

namespace shenpi {

namespace detail {
class SlotBinder;
}  // namespace detail

/// An item code resolved once: its versions, oldest first (a rule changes
/// over time; the version in force on the filing day decides, see
/// docs/versions.md). A plain value; valid while its rulebook lives.
class ItemHandle {
 public:
  /// False for a code the rulebook does not know.
  bool valid() const { return !versions_.empty(); }
  /// Number of versions; handles of facts, values and entries are resolved
  /// per version, by position 0 … version_count() - 1.
  std::size_t version_count() const { return versions_.size(); }
  /// The version at `position`.
  const Item& version(std::size_t position) const { return *versions_[position]; }
  /// The position of the version in force on `day`, or -1.
  int position_on(Date day) const;

 private:
  friend class TypedBinder;
  std::vector<const Item*> versions_;
  std::vector<std::int32_t> indexes_;  ///< in Rulebook::items()
};

/// A fact of one item version: its slot and type. Invalid (valid() false)
/// when the version declares no such fact.
struct FactHandle {
  const Fact* fact = nullptr;
  std::int32_t version = -1;  ///< index in Rulebook::items()
  bool valid() const { return fact != nullptr; }
};

/// A text value resolved for one fact: an enum word, a string the rules
/// mention (also as an element of a `list<string>` fact), a `YYYY-MM-DD`
/// date for a date fact. Invalid when the fact
/// would refuse the text, or when it is a string no rule mentions (then
/// bind it with TypedBinder::set_text, which keeps it per application).
struct ValueHandle {
  const Fact* fact = nullptr;
  std::uint8_t kind = 0;  ///< opaque
  std::int64_t bits = 0;  ///< opaque
  bool valid() const { return fact != nullptr; }
};

/// A submitted material, or a signed commitment (a material, a condition
/// or `tolerance-letter`), of one item version. Invalid when unknown.
struct EntryHandle {
  enum class Kind : std::uint8_t { none, material, committed_material, condition, letter };
  Kind kind = Kind::none;
  std::int32_t bit = -1;
  std::int32_t version = -1;  ///< index in Rulebook::items()
  bool valid() const { return kind != Kind::none; }
};

/// Binds applications by handle into Decisions, one at a time.
///
/// Resolving (item, fact, value, material, commitment) only reads the
/// rulebook: const, thread-safe, and the handles may be shared by threads.
/// Binding (begin … finish) uses the binder's scratch: one TypedBinder per
/// thread. The binder holds its rulebook (a shared_ptr), so handles stay
/// valid as long as a binder or a caller's pointer to the rulebook lives.
///
/// Per application: begin(); any set_*() and add() calls, each fact,
/// material and commitment at most once; finish(). Every call returns
/// false (begin: -1) at the first input Rulebook::evaluate(Application)
/// would not take as is; the application is then abandoned, `out` is
/// unspecified, and the caller decides it by the slow path
/// (Rulebook::evaluate), which gives its diagnostics. Handles of another
/// version than the one begin() chose are refused the same way.
class TypedBinder {
 public:
  /// `book` is any rulebook from load_rulebook (all are owned by a shared_ptr).
  explicit TypedBinder(const Rulebook& book);
  ~TypedBinder();
  TypedBinder(TypedBinder&&) noexcept;
  TypedBinder& operator=(TypedBinder&&) noexcept;

  const Rulebook& rulebook() const { return *book_; }

  // --- Resolving: once per item version ---

  ItemHandle item(std::string_view code) const;
  /// The fact `path` as version `position` of `item` sees it (item-local first).
  FactHandle fact(const ItemHandle& item, std::size_t position, std::string_view path) const;
  /// `text` as a value of `fact` (see ValueHandle).
  ValueHandle value(const FactHandle& fact, std::string_view text) const;
  EntryHandle material(const ItemHandle& item, std::size_t position, std::string_view id) const;
  EntryHandle commitment(const ItemHandle& item, std::size_t position, std::string_view id) const;

  // --- Binding: per application ---

  /// Starts an application of `item` filed on `submitted_on`, to be decided
  /// into `out` (reusing its storage) under the version in force on
  /// `as_of`, else on `submitted_on`. Returns that version's position in
  /// `item`, or -1: unknown item, no version in force, or `submitted_on`
  /// outside the calendar.
  int begin(const ItemHandle& item, Date submitted_on, Decision& out,
            std::optional<Date> as_of = std::nullopt);

  /// Typed values, as an Application's FactValue of that type would be
  /// taken (check_fact_value, with no text as written): a bool for a bool
  /// fact; an int for an int or decimal fact; a finite double for a
  /// decimal fact; a Date for a date fact.
  bool set_bool(const FactHandle& fact, bool value);
  bool set_int(const FactHandle& fact, std::int64_t value);
  bool set_decimal(const FactHandle& fact, double value);
  bool set_date(const FactHandle& fact, Date value);
  /// A resolved text value (its fact must be `fact`).
  bool set(const FactHandle& fact, const ValueHandle& value);
  /// Any text: a string, an enum word, or a date `YYYY-MM-DD`.
  bool set_text(const FactHandle& fact, std::string_view text);
  /// A list of texts, for a `list<string>` fact.
  bool set_texts(const FactHandle& fact, std::span<const std::string_view> values);
  /// The same with every element resolved (value(fact, element)); false
  /// when one is invalid (bind those with set_texts).
  bool set_values(const FactHandle& fact, std::span<const ValueHandle> values);
  /// A material (EntryHandle from material()) or commitment (from commitment()).
  bool add(const EntryHandle& entry);
  /// Each of `entries` in turn, as add(); false at the first refused.
  bool add(std::span<const EntryHandle> entries);

  /// Decides the application into the `out` given to begin(). Allocation-free
  /// once `out` has held a decision of the same item. Only after a begin()
  /// and set/add calls that all succeeded (otherwise it does nothing).
  void finish();

 private:
  bool current(std::int32_t version) const { return version_ >= 0 && version == version_; }

  std::shared_ptr<const Rulebook> book_;
  std::unique_ptr<detail::SlotBinder> slots_;
  std::int32_t version_ = -1;  ///< the version being bound; -1 between applications
};

}  // namespace shenpi
