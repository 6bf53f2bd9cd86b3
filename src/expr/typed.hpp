// The checked form of an expression: every node has a type, every path is
// resolved to its fact and every function to its meaning. The checker
// builds it from the syntax tree; the compiler lowers it to a Program.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "expr/ast.hpp"
#include "expr/parse.hpp"
#include "expr/program.hpp"

namespace shenpi::detail::expr::typed {

/// Fact types plus what only appears inside expressions: a list literal
/// (legal only right of `in`) and `error`, which silences follow-up errors.
enum class Type : std::uint8_t {
  error,
  boolean,
  integer,
  decimal,
  string,
  enumeration,
  date,
  string_list,
  list_literal
};

enum class Kind : std::uint8_t {
  constant,  ///< boolean / integer / decimal / date / text
  fact,
  list,     ///< list literal: `items`
  logic,    ///< `op` (and / or) over `children`
  arith,    ///< `children[0]` then one step per further child, operators in `ops`
  compare,  ///< `op` over children[0], children[1] (also in / not in)
  logical_not,
  negate,
  submitted,  ///< `material`
  age,
  len,
};

struct Node {
  Kind kind = Kind::constant;
  Type type = Type::error;
  ast::Op op = ast::Op::and_;
  std::vector<int> children;
  std::vector<ast::Op> ops;      ///< arith: the operator before children[k + 1]
  std::vector<Type> step_types;  ///< arith: the type after step k
  const Fact* fact = nullptr;    ///< fact reads (and the enum they carry)
  bool boolean = false;
  std::int64_t integer = 0;
  double decimal = 0;
  std::int32_t date = 0;           ///< days since 1970-01-01
  std::string text;                ///< string constant
  std::vector<std::string> items;  ///< list literal
  std::vector<std::size_t> item_offsets;
  std::int32_t material = -1;
  std::size_t offset = 0;  ///< where the node starts in the text
};

struct Tree {
  std::vector<Node> nodes;
  int root = -1;
  bool ok = false;  ///< no errors were reported
};

/// Type-checks a parsed expression; diagnostics (SP201–SP205) go to `out`.
/// The root must have type `expected` (an int is fine where a decimal is).
Tree check(const ParsedExpression& parsed, std::string_view text, const TextOrigin& origin,
           const Scope& scope, FactType expected, std::vector<Diagnostic>& out);

/// Parses and checks an already checked expression again, for renderers
/// that need its structure (the Chinese sentence of a condition). Empty
/// when the text does not check against `scope`.
std::optional<Tree> typed_tree(std::string_view text, const Scope& scope);

/// Divisors (SP315 constant zero, an error; SP316 a divisor that may be
/// zero and is not guarded, a warning). Runs on a tree without errors.
void check_divisors(const Tree& tree, std::string_view text, const TextOrigin& origin,
                    std::vector<Diagnostic>& out);

/// "bool", "int", …, "list literal", for messages.
const char* type_name(Type type);
bool is_number(Type type);

}  // namespace shenpi::detail::expr::typed
