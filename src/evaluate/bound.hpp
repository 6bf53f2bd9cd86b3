// The bound form of an application: what evaluation reads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "expr/program.hpp"
#include "model/data.hpp"
#include "shenpi/evaluate.hpp"

namespace shenpi {

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

/// Text of a bound value, resolving application-only strings.
std::string format_bound_value(const BoundApplication::Impl& app, const Value& value);

}  // namespace detail
}  // namespace shenpi
