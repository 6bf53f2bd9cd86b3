// The compiled form of an expression: a flat array of typed nodes that
// refer to each other by index. Every operator is resolved to the operand
// types at compile time, strings are ids and frequent shapes (`fact == "x"`,
// `fact >= 10`, `fact in [...]`) are single nodes, so run() only switches on
// opcodes and compares integers.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "expr/program.hpp"

namespace shenpi::detail::expr {

enum class Opcode : std::uint8_t {
  // `value`.
  constant,
  // Read slot `a`.
  fact_bool,
  fact_int,
  fact_dec,
  fact_id,
  fact_date,
  fact_list,
  // One child, `a`.
  logical_not,
  negate_int,
  negate_dec,
  to_decimal,
  // Children pool[b, b + c).
  logical_and,
  logical_or,
  // First child `a`, then steps[b, b + c).
  arith,
  // Children `a` and `b`, compared by `cmp`; `flags` promote ints.
  cmp_bool,
  cmp_int,
  cmp_dec,
  cmp_id,
  cmp_date,
  // Slot `a` compared with `value` by `cmp`.
  fact_cmp_int,
  fact_cmp_dec,
  fact_cmp_id,
  fact_cmp_date,
  // Child `a` in the list fact read by node `b`; child `a` or slot `a` in
  // the string ids pool[b, b + c). `flags` may hold kNegate (`not in`).
  in_list,
  in_const,
  fact_in_const,
  // Material `a` of the item.
  submitted,
  // One child, `a`: a date / a list fact read.
  age,
  len,
};

enum class Cmp : std::uint8_t { eq, ne, lt, le, gt, ge };

/// `a < b` is `b > a`: the comparison with its operands swapped (to put
/// the fact on the left).
constexpr Cmp mirror(Cmp cmp) {
  switch (cmp) {
    case Cmp::lt:
      return Cmp::gt;
    case Cmp::le:
      return Cmp::ge;
    case Cmp::gt:
      return Cmp::lt;
    case Cmp::ge:
      return Cmp::le;
    default:
      return cmp;
  }
}

enum class ArithOp : std::uint8_t {
  add_int,
  sub_int,
  mul_int,
  add_dec,
  sub_dec,
  mul_dec,
  div_dec,
  date_add,
  date_sub,
  date_diff
};

/// Node and step flags.
inline constexpr std::uint8_t kPromoteLeft = 1;  ///< int operand read as decimal
inline constexpr std::uint8_t kPromoteRight = 2;
inline constexpr std::uint8_t kNegate = 4;  ///< `not in`

struct ProgramNode {
  Opcode op = Opcode::constant;
  Cmp cmp = Cmp::eq;
  std::uint8_t flags = 0;
  std::int32_t a = 0;
  std::int32_t b = 0;
  std::int32_t c = 0;
  Value value;
};

struct ArithStep {
  ArithOp op = ArithOp::add_int;
  std::uint8_t flags = 0;
  std::int32_t child = 0;
};

}  // namespace shenpi::detail::expr

namespace shenpi::detail {

/// Immutable once compiled; shared by every Expression that holds it.
struct Program {
  std::vector<expr::ProgramNode> nodes;
  std::vector<expr::ArithStep> steps;
  std::vector<std::int32_t> pool;   ///< child lists and string-id lists
  std::vector<std::int32_t> slots;  ///< fact slots read, ascending, unique
  std::int32_t root = 0;
  FactType type = FactType::boolean;
};

}  // namespace shenpi::detail

namespace shenpi::detail::expr {

namespace typed {
struct Tree;
}

/// Lowers a checked tree (one with no errors) into a Program of type
/// `expected`, interning its strings and the values of enums it reads.
std::shared_ptr<const Program> lower(const typed::Tree& tree, FactType expected,
                                     StringTable& strings);

}  // namespace shenpi::detail::expr
