// Checked expressions of the rule language (`when`, `required`, `tolerance.when`).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "shenpi/diagnostics.hpp"

namespace shenpi {

namespace detail {
struct Program;           // compiled form, private to src/expr
struct ExpressionAccess;  // the evaluator's way to the program (src/expr/program.hpp)
struct FactAccess;        // the loader's and binder's way to a fact's slot (ditto)
}  // namespace detail

/// Types of facts and expressions.
enum class FactType { boolean, integer, decimal, string, enumeration, date, string_list };

/// "bool", "int", "decimal", "string", "enum", "date", "list<string>".
const char* to_string(FactType type);

/// A declared fact (一数一源: one name, one type, everywhere).
struct Fact {
  std::string path;  ///< dotted name, e.g. `applicant.credit`
  FactType type = FactType::string;
  std::string label;                ///< Chinese label shown in notices
  std::vector<std::string> values;  ///< allowed values of an enum
  /// Chinese labels of `values`, parallel to it; an entry is empty when
  /// facts.yaml gave the list form (`values: [good, normal]`).
  std::vector<std::string> value_labels;
  SourceLocation location;

 private:
  // Which slot of an item's bound facts holds this fact: the library's
  // business (Rulebook::fact_slot_count and fact_in_slot are the public view).
  friend struct detail::FactAccess;
  std::int32_t slot_ = -1;
};

/// The label of an enum value of `fact`, or `value` itself when it has none.
const std::string& value_label(const Fact& fact, const std::string& value);

/// A checked, compiled expression. Cheap to copy (shares the program).
/// Immutable; safe for concurrent use.
class Expression {
 public:
  Expression() = default;
  Expression(std::string text, SourceLocation location,
             std::shared_ptr<const detail::Program> program)
      : text_(std::move(text)), location_(std::move(location)), program_(std::move(program)) {}

  /// Empty when the rule file gave no expression.
  bool empty() const { return program_ == nullptr; }
  const std::string& text() const { return text_; }
  const SourceLocation& location() const { return location_; }
  /// Slots of the facts the expression reads, ascending, each once.
  std::vector<std::int32_t> fact_slots() const;

 private:
  friend struct detail::ExpressionAccess;

  std::string text_;
  SourceLocation location_;
  std::shared_ptr<const detail::Program> program_;
};

}  // namespace shenpi
