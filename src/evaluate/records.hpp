// A decision's records written a word at a time. The evaluator works out
// every material's status a word of 64 at a time, as bitsets, and only the
// records of Decision::materials are one per material; it runs every
// condition's test first, then turns the results, the commitments offered
// and the conditions' flags into statuses, the commitment flags and the
// conditions' effect on the outcome. Both sixteen at a time with SSE2.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "model/data.hpp"
#include "shenpi/evaluate.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace shenpi::detail {

/// One bit per material (bit j: the j-th material of the word) for each
/// field of MaterialDecision. The status's three bits are planes of its
/// value (shared 1, committed 2, not_required 4, missing 5).
struct MaterialPlanes {
  std::uint64_t status[3];
  std::uint64_t refused;  ///< commitment_refused
  std::uint64_t unknown;  ///< requirement_unknown
  std::uint64_t error;    ///< requirement_error
};

// Each record is four bytes, the status first: a record is then the
// four planes' bytes interleaved, which SSE2 does sixteen at a time.
static_assert(sizeof(MaterialDecision) == 4 && offsetof(MaterialDecision, status) == 0 &&
              offsetof(MaterialDecision, commitment_refused) == 1 &&
              offsetof(MaterialDecision, requirement_unknown) == 2 &&
              offsetof(MaterialDecision, requirement_error) == 3);

/// Records [0, count) of one word (count ≤ 64), a material at a time: the
/// reference, and the way on machines without SSE2.
inline void material_records_each(const MaterialPlanes& p, std::size_t count,
                                  MaterialDecision* out) {
  for (std::size_t j = 0; j < count; ++j) {
    const auto bit = [j](std::uint64_t plane) { return static_cast<unsigned>((plane >> j) & 1U); };
    out[j].status = static_cast<MaterialStatus>(bit(p.status[0]) | bit(p.status[1]) << 1 |
                                                bit(p.status[2]) << 2);
    out[j].commitment_refused = bit(p.refused) != 0;
    out[j].requirement_unknown = bit(p.unknown) != 0;
    out[j].requirement_error = bit(p.error) != 0;
  }
}

#if defined(__SSE2__)
namespace sse2 {

/// 16 bytes, byte k all ones where bit k of `bits` (its low 16) is set.
inline __m128i byte_set(std::uint64_t bits) {
  constexpr std::uint64_t kEvery = 0x0101010101010101ULL;
  const std::uint64_t low = (bits & 0xFF) * kEvery;
  const std::uint64_t high = ((bits >> 8) & 0xFF) * kEvery;
  const __m128i select = _mm_set1_epi64x(static_cast<long long>(0x8040201008040201ULL));
  const __m128i spread = _mm_set_epi64x(static_cast<long long>(high), static_cast<long long>(low));
  return _mm_cmpeq_epi8(_mm_and_si128(spread, select), select);
}

/// Calls `group(base)` for groups of sixteen covering [0, count), count ≥
/// 16: the last one ends at `count`, overlapping the one before when
/// `count` is no multiple of sixteen (a group writes the same values again).
template <typename Group>
void groups(std::size_t count, Group group) {
  std::size_t base = 0;
  for (; base + 16 <= count; base += 16) group(base);
  if (base < count) group(count - 16);
}

/// Byte k of the result is `weight` where bit k of `bits` (its low 16) is
/// set, else 0.
inline __m128i byte_bits(std::uint64_t bits, char weight) {
  return _mm_and_si128(byte_set(bits), _mm_set1_epi8(weight));
}

/// The sixteen records of materials [base, base + 16) into `out`.
inline void sixteen_materials(const MaterialPlanes& p, unsigned base, MaterialDecision* out) {
  const __m128i status = _mm_or_si128(
      _mm_or_si128(byte_bits(p.status[0] >> base, 1), byte_bits(p.status[1] >> base, 2)),
      byte_bits(p.status[2] >> base, 4));
  const __m128i refused = byte_bits(p.refused >> base, 1);
  const __m128i unknown = byte_bits(p.unknown >> base, 1);
  const __m128i error = byte_bits(p.error >> base, 1);
  const __m128i first_half = _mm_unpacklo_epi8(status, refused);  // materials 0-7: status, refused
  const __m128i second_half = _mm_unpackhi_epi8(status, refused);
  const __m128i first_rest = _mm_unpacklo_epi8(unknown, error);
  const __m128i second_rest = _mm_unpackhi_epi8(unknown, error);
  auto* to = reinterpret_cast<__m128i*>(out);  // NOLINT: unaligned stores of whole records
  _mm_storeu_si128(to, _mm_unpacklo_epi16(first_half, first_rest));
  _mm_storeu_si128(to + 1, _mm_unpackhi_epi16(first_half, first_rest));
  _mm_storeu_si128(to + 2, _mm_unpacklo_epi16(second_half, second_rest));
  _mm_storeu_si128(to + 3, _mm_unpackhi_epi16(second_half, second_rest));
}

}  // namespace sse2
#endif

/// Records [0, count) of one word (count ≤ 64) into `out`, sixteen at a
/// time where SSE2 is there (every x86-64), in a fraction of the
/// instructions of a record at a time. A last partial group is written as
/// the sixteen records ending at `count`, overlapping the group before
/// with the same values; a word of fewer than sixteen goes through a local
/// buffer. Nothing past `out + count` is written.
inline void material_records(const MaterialPlanes& p, std::size_t count, MaterialDecision* out) {
#if defined(__SSE2__)
  if (count < 16) {
    MaterialDecision group[16];
    sse2::sixteen_materials(p, 0, group);
    std::copy_n(group, count, out);
    return;
  }
  sse2::groups(count, [&](std::size_t base) {
    sse2::sixteen_materials(p, static_cast<unsigned>(base), out + base);
  });
#else
  material_records_each(p, count, out);
#endif
}

/// A test's result as the evaluator codes it: a runtime error (SP613) 0,
/// true 1, false 2, unknown 3 (predicate code's kTrue, kFalse, kUnknown).
inline constexpr std::uint8_t kTestError = 0;
inline constexpr std::uint8_t kTestNo = 2;
inline constexpr std::uint8_t kTestUnknown = 3;

/// What conditions [0, count) of one word of 64 give besides their statuses.
struct ConditionWord {
  std::uint64_t conflicts = 0;  ///< committed to a condition its own facts fail
  std::uint64_t refused = 0;    ///< committed to one that allows no commitment
  bool rejects = false;         ///< one that refuses (`on_fail: reject`) is unmet
  bool incomplete = false;      ///< one is unmet or unknown
};

/// Condition j's status from its test `test[j]`, whether a commitment was
/// offered for it (bit j of `offered`) and its plan flags `flags[j]`
/// (kConditionCommittable, kConditionRejects), one at a time: the
/// reference, and the way on machines without SSE2.
inline ConditionWord condition_records_each(const std::uint8_t* test, const std::uint8_t* flags,
                                            std::uint64_t offered, std::size_t count,
                                            ConditionStatus* out) {
  ConditionWord w;
  for (std::size_t j = 0; j < count; ++j) {
    const bool on = ((offered >> j) & 1U) != 0;
    const bool allowed = (flags[j] & kConditionCommittable) != 0;
    const std::uint64_t bit = std::uint64_t{1} << j;
    ConditionStatus s = ConditionStatus::met;
    if (test[j] == kTestError) {
      s = ConditionStatus::error;
    } else if (test[j] == kTestUnknown) {
      // 告知承诺: a signed commitment stands in for a proof the authority
      // would otherwise ask, which is only the case while the facts are not given.
      s = allowed && on ? ConditionStatus::committed : ConditionStatus::unknown;
      if (on && !allowed) w.refused |= bit;
    } else if (test[j] == kTestNo) {
      // The applicant's own facts fail the condition: no commitment can
      // contradict them.
      s = ConditionStatus::unmet;
      if (on) w.conflicts |= bit;
      if ((flags[j] & kConditionRejects) != 0) w.rejects = true;
    }
    if (s == ConditionStatus::unmet || s == ConditionStatus::unknown) w.incomplete = true;
    out[j] = s;
  }
  return w;
}

#if defined(__SSE2__)
namespace sse2 {

/// Conditions [0, 16) of `test` and `flags` (16 bytes each), `offered`'s
/// low 16 bits: their statuses into `out` (16), the rest into `w` as bit
/// masks shifted by `shift`. Branch-free, as condition_records_each.
inline void sixteen_conditions(const std::uint8_t* test, const std::uint8_t* flags,
                               std::uint64_t offered, unsigned shift, ConditionStatus* out,
                               ConditionWord& w) {
  const __m128i on = byte_set(offered);
  const __m128i t = _mm_loadu_si128(reinterpret_cast<const __m128i*>(test));   // NOLINT
  const __m128i f = _mm_loadu_si128(reinterpret_cast<const __m128i*>(flags));  // NOLINT
  const __m128i one = _mm_set1_epi8(1);
  const __m128i allowed = _mm_cmpeq_epi8(_mm_and_si128(f, one), one);
  const __m128i two = _mm_set1_epi8(2);
  const __m128i refuses = _mm_cmpeq_epi8(_mm_and_si128(f, two), two);
  const __m128i error = _mm_cmpeq_epi8(t, _mm_setzero_si128());
  const __m128i no = _mm_cmpeq_epi8(t, two);
  const __m128i unknown = _mm_cmpeq_epi8(t, _mm_set1_epi8(3));
  const __m128i committed = _mm_and_si128(_mm_and_si128(unknown, on), allowed);
  // error 4, unmet 1, unknown 3, committed 3 ^ 1 = 2, met 0.
  const __m128i status = _mm_or_si128(
      _mm_or_si128(_mm_and_si128(error, _mm_set1_epi8(4)), _mm_and_si128(no, one)),
      _mm_xor_si128(_mm_and_si128(unknown, _mm_set1_epi8(3)), _mm_and_si128(committed, one)));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out), status);  // NOLINT
  const auto mask = [](__m128i v) { return static_cast<std::uint64_t>(_mm_movemask_epi8(v)); };
  w.conflicts |= mask(_mm_and_si128(no, on)) << shift;
  w.refused |= mask(_mm_andnot_si128(allowed, _mm_and_si128(unknown, on))) << shift;
  w.rejects |= mask(_mm_and_si128(no, refuses)) != 0;
  w.incomplete |= mask(_mm_or_si128(no, _mm_andnot_si128(committed, unknown))) != 0;
}

}  // namespace sse2
#endif

/// Conditions [0, count) of one word (count ≤ 64), sixteen at a time where
/// SSE2 is there. `test` and `flags` are readable, and zero, from `count`
/// to the next multiple of sixteen (ItemPlan::condition_flags is padded so,
/// the evaluator's results are a zeroed word): a lane past `count` tests 0
/// (an error) with no flag and no commitment, and adds no conflict,
/// refusal, rejection or gap. A last partial group of a longer word is the
/// sixteen conditions ending at `count`, overlapping the group before with
/// the same results. Nothing past `out + count` is written.
inline ConditionWord condition_records(const std::uint8_t* test, const std::uint8_t* flags,
                                       std::uint64_t offered, std::size_t count,
                                       ConditionStatus* out) {
#if defined(__SSE2__)
  ConditionWord w;
  if (count < 16) {
    ConditionStatus s[16];
    sse2::sixteen_conditions(test, flags, offered, 0, s, w);
    std::memcpy(out, s, count);
    return w;
  }
  sse2::groups(count, [&](std::size_t base) {
    sse2::sixteen_conditions(test + base, flags + base, offered >> base,
                             static_cast<unsigned>(base), out + base, w);
  });
  return w;
#else
  return condition_records_each(test, flags, offered, count, out);
#endif
}

}  // namespace shenpi::detail
