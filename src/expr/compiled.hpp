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

namespace shenpi::detail {

enum class Opcode : std::uint8_t {
  constant,  ///< `value`
  fact_bool, fact_int, fact_dec, fact_id, fact_date, fact_list,  ///< slot `a`
  logical_not,       ///< child `a`
  logical_and,       ///< children pool[b, b + c)
  logical_or,        ///< children pool[b, b + c)
  negate_int, negate_dec, to_decimal,  ///< child `a`
  arith,             ///< first child `a`, steps[b, b + c)
  cmp_bool, cmp_int, cmp_dec, cmp_id, cmp_date,  ///< children `a`, `b`; `cmp`, `flags`
  fact_cmp_int, fact_cmp_dec, fact_cmp_id, fact_cmp_date,  ///< slot `a` against `value`
  in_list,           ///< child `a` in list child `b`
  in_const,          ///< child `a` in ids pool[b, b + c)
  fact_in_const,     ///< slot `a` in ids pool[b, b + c)
  submitted,         ///< material `a`
  age, len,          ///< child `a`
};

enum class Cmp : std::uint8_t { eq, ne, lt, le, gt, ge };

enum class ArithOp : std::uint8_t {
  add_int, sub_int, mul_int, add_dec, sub_dec, mul_dec, div_dec, date_add, date_sub, date_diff
};

/// Node and step flags.
inline constexpr std::uint8_t kPromoteLeft = 1;   ///< int operand read as decimal
inline constexpr std::uint8_t kPromoteRight = 2;
inline constexpr std::uint8_t kNegate = 4;        ///< `not in`

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

/// Immutable once compiled; shared by every Expression that holds it.
struct Program {
  std::vector<ProgramNode> nodes;
  std::vector<ArithStep> steps;
  std::vector<std::int32_t> pool;   ///< child lists and string-id lists
  std::vector<std::int32_t> slots;  ///< fact slots read, ascending, unique
  std::int32_t root = 0;
  FactType type = FactType::boolean;
};

namespace typed {
struct Tree;
}

/// Lowers a checked tree (one with no errors) into a Program of type
/// `expected`, interning its strings and the values of enums it reads.
std::shared_ptr<const Program> lower(const typed::Tree& tree, FactType expected, StringTable& strings);

}  // namespace shenpi::detail
