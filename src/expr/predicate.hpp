// Predicates: the boolean expressions the evaluator runs for every
// decision (a condition's `when`, a material's `required`, the 容缺 and
// special-step `when`), lowered at load into a flat postfix code that one
// loop runs without a call per node.
//
// Only expressions that cannot fail at runtime are lowered: `and`, `or`,
// `not` over leaves that read a fact and compare it with a constant (or test
// membership in a constant list, or in a list fact), `submitted(...)` and
// boolean constants, and one decimal fact with one arithmetic step by a
// constant compared with a constant (`area * 1.5 <= 100000`). Other
// arithmetic, `age()` and `len()` keep running through run(), the one place
// runtime errors (SP613) come from. The one leaf that can fail (its
// arithmetic overflows) gives kFailed, and the caller then runs run() for
// the value and the error. Without a failing part, Kleene logic gives the
// same value whatever the order of evaluation, so the postfix code
// evaluates every leaf where run() may stop early, and the result is the
// same.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "expr/compiled.hpp"
#include "expr/program.hpp"

namespace shenpi::detail {

/// A three-valued result as two bits: bit 0 "may be true", bit 1 "may be
/// false". Kleene `and` is then a bitwise and of bit 0 and an or of bit 1.
inline constexpr std::uint8_t kTrue = 1;
inline constexpr std::uint8_t kFalse = 2;
inline constexpr std::uint8_t kUnknown = 3;
/// Neither: an arithmetic leaf failed (overflow), so only run() can say
/// what the expression gives and why.
inline constexpr std::uint8_t kFailed = 0;

enum class PredicateOp : std::uint8_t {
  constant,   ///< push `mask` (kTrue or kFalse)
  fact_bool,  ///< slot `slot`; `negate`
  fact_int,   ///< slot compared with `value.i` by the ordering mask `mask`
  fact_dec,   ///< an integer slot reads as a decimal
  fact_id,    ///< string or enum id
  fact_date,  ///< days
  fact_in,    ///< string id in pool[a, a + b); `negate`
  const_in,   ///< id `value.s` in the list fact in `slot`; `negate`
  /// Decimal slot `slot`, `arith` (ArithStep's add/sub/mul/div_dec) by the
  /// constant pool[a, a + 2) (a double's bytes), compared with `value.d` by
  /// `mask`; kFailed when the result is not finite, as run() fails.
  fact_arith_dec,
  submitted,    ///< material `a`; `negate`
  logical_not,  ///< pops one
  logical_and,  ///< pops `a`
  logical_or,   ///< pops `a`
};

struct PredicateNode {
  PredicateOp op = PredicateOp::constant;
  /// Comparison as a mask over the ordering (bit 0 less, 1 equal, 2
  /// greater): `<=` is 0b011, `!=` 0b101.
  std::uint8_t mask = 0;
  union {
    bool negate = false;  ///< fact_bool, fact_in, const_in, submitted
    std::uint8_t arith;   ///< fact_arith_dec: expr::ArithOp
  };
  std::int32_t slot = 0;
  std::int32_t a = 0;
  std::int32_t b = 0;
  /// The constant a fact is compared with (a Value without kind and list:
  /// a node is 24 bytes, not 48).
  union {
    std::int64_t i = 0;
    double d;
    std::int32_t s;
    std::int32_t date;
  } value;
};

/// The deepest operand stack a lowered predicate may need; deeper
/// expressions stay with run().
inline constexpr int kPredicateStack = 32;

/// Appends the postfix code of `program` to `nodes` (and its string lists to
/// `pool`) and returns true; returns false, leaving both unchanged, when the
/// program is not a predicate of the shape above.
bool lower_predicate(const Program& program, std::vector<PredicateNode>& nodes,
                     std::vector<std::int32_t>& pool);

namespace predicate {

/// What a slot beyond the application reads as: not given.
inline constexpr Value kNotGiven{};

/// The value in slot `index`, kNotGiven beyond the application: a leaf
/// then checks the value's kind only.
inline const Value& slot(const EvalContext& c, std::int32_t index) {
  return static_cast<std::size_t>(index) < c.facts.size() ? c.facts[static_cast<std::size_t>(index)]
                                                          : kNotGiven;
}

/// kTrue or kFalse as `mask` selects the ordering of `a` and `b`.
template <typename T>
std::uint8_t ordered(std::uint8_t mask, T a, T b) {
  const int shift = static_cast<int>(a >= b) + static_cast<int>(a > b);
  return ((mask >> shift) & 1U) != 0 ? kTrue : kFalse;
}

inline std::uint8_t truth(bool b) {
  return b ? kTrue : kFalse;
}

/// Reads the whole list: the loop runs as often for every application, so
/// its exit is predicted where an early return would not be.
inline bool contains(const std::int32_t* ids, std::int32_t n, std::int32_t id) {
  bool found = false;
  for (std::int32_t i = 0; i < n; ++i) found |= ids[i] == id;
  return found;
}

/// A fact_arith_dec leaf on the known value `v`, with run()'s arithmetic
/// (Machine::apply): the same double operations, so the same result. Out
/// of line: inlined, it makes leaf() too big to inline where it is hot.
[[gnu::noinline]] inline std::uint8_t arith(const PredicateNode& n, const std::int32_t* pool,
                                            const Value& v) {
  double x = 0;
  if (v.kind == Value::Kind::decimal) {
    x = v.d;
  } else if (v.kind == Value::Kind::integer) {
    x = static_cast<double>(v.i);
  } else {
    return kUnknown;
  }
  double k = 0;
  std::memcpy(&k, pool + n.a, sizeof k);
  double d = 0;
  switch (static_cast<expr::ArithOp>(n.arith)) {
    case expr::ArithOp::add_dec:
      d = x + k;
      break;
    case expr::ArithOp::sub_dec:
      d = x - k;
      break;
    case expr::ArithOp::mul_dec:
      d = x * k;
      break;
    default:  // div_dec, by a constant lowering checked is not zero
      d = x / k;
      break;
  }
  if (!std::isfinite(d)) return kFailed;
  return ordered(n.mask, d, n.value.d);
}

/// One leaf: kTrue, kFalse or kUnknown (the fact is not given). One
/// switch on the op: each case reads only what it needs. Always inlined:
/// GCC otherwise calls it from the evaluator's loops once they grow.
[[gnu::always_inline]] inline std::uint8_t leaf(const PredicateNode& n, const std::int32_t* pool,
                                                const EvalContext& c) {
  using Kind = Value::Kind;
  switch (n.op) {
    case PredicateOp::constant:
      return n.mask;
    case PredicateOp::submitted: {
      const auto word = static_cast<std::size_t>(n.a) / 64;
      const bool given = word < c.materials.size() &&
                         ((c.materials[word] >> (static_cast<unsigned>(n.a) % 64)) & 1U) != 0;
      return truth(given != n.negate);
    }
    case PredicateOp::fact_bool: {
      const Value& v = slot(c, n.slot);
      return v.kind == Kind::boolean ? truth(v.b != n.negate) : kUnknown;
    }
    case PredicateOp::fact_int: {
      const Value& v = slot(c, n.slot);
      return v.kind == Kind::integer ? ordered(n.mask, v.i, n.value.i) : kUnknown;
    }
    case PredicateOp::fact_dec: {
      const Value& v = slot(c, n.slot);
      if (v.kind == Kind::decimal) return ordered(n.mask, v.d, n.value.d);
      if (v.kind == Kind::integer) return ordered(n.mask, static_cast<double>(v.i), n.value.d);
      return kUnknown;
    }
    case PredicateOp::fact_id: {
      const Value& v = slot(c, n.slot);
      return v.kind == Kind::string ? ordered(n.mask, v.s, n.value.s) : kUnknown;
    }
    case PredicateOp::fact_date: {
      const Value& v = slot(c, n.slot);
      return v.kind == Kind::date ? ordered(n.mask, v.date, n.value.date) : kUnknown;
    }
    case PredicateOp::fact_in: {
      const Value& v = slot(c, n.slot);
      if (v.kind != Kind::string) return kUnknown;
      return truth(contains(pool + n.a, n.b, v.s) != n.negate);
    }
    case PredicateOp::fact_arith_dec:
      return arith(n, pool, slot(c, n.slot));
    default: {  // const_in; logic nodes never reach here
      const Value& v = slot(c, n.slot);
      if (v.kind != Kind::list) return kUnknown;
      return truth((v.list != nullptr && contains(v.list, v.list_size, n.value.s)) != n.negate);
    }
  }
}

}  // namespace predicate

/// Leaves [begin, end) joined by one `and` (`all`) or `or`, without the
/// operand stack: what run_predicate gives for that code.
[[gnu::always_inline]] inline std::uint8_t run_flat(const PredicateNode* begin,
                                                    const PredicateNode* end,
                                                    const std::int32_t* pool,
                                                    const EvalContext& context, bool all) {
  std::uint8_t any_bits = 0;
  std::uint8_t all_bits = 3;
  bool failed = false;
  for (const PredicateNode* n = begin; n != end; ++n) {
    const std::uint8_t v = predicate::leaf(*n, pool, context);
    failed |= v == kFailed;
    any_bits |= v;
    all_bits &= v;
  }
  if (failed) return kFailed;
  return all ? static_cast<std::uint8_t>((all_bits & 1U) | (any_bits & 2U))
             : static_cast<std::uint8_t>((any_bits & 1U) | (all_bits & 2U));
}

/// Runs the postfix code [begin, end): kTrue, kFalse or kUnknown, or
/// kFailed when an arithmetic leaf failed (the caller then runs run()). No
/// allocation; safe for concurrent use.
inline std::uint8_t run_predicate(const PredicateNode* begin, const PredicateNode* end,
                                  const std::int32_t* pool, const EvalContext& context) {
  std::uint8_t stack[kPredicateStack];
  int top = 0;
  bool failed = false;
  for (const PredicateNode* n = begin; n != end; ++n) {
    switch (n->op) {
      case PredicateOp::logical_not: {
        const std::uint8_t v = stack[top - 1];
        stack[top - 1] = static_cast<std::uint8_t>(((v & 1U) << 1) | (v >> 1));
        break;
      }
      case PredicateOp::logical_and:
      case PredicateOp::logical_or: {
        std::uint8_t all = 3;
        std::uint8_t any = 0;
        for (int k = top - n->a; k < top; ++k) {
          all &= stack[k];
          any |= stack[k];
        }
        top -= n->a;
        // and: true only when all may be true, false when any may be false.
        stack[top++] = n->op == PredicateOp::logical_and
                           ? static_cast<std::uint8_t>((all & 1U) | (any & 2U))
                           : static_cast<std::uint8_t>((any & 1U) | (all & 2U));
        break;
      }
      default: {
        const std::uint8_t v = predicate::leaf(*n, pool, context);
        failed |= v == kFailed;
        stack[top++] = v;
        break;
      }
    }
  }
  return failed ? kFailed : stack[0];
}

}  // namespace shenpi::detail
