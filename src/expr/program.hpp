// Private interface of the expression module: compile checked expressions
// into a flat program and run it over interned values.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "shenpi/diagnostics.hpp"
#include "shenpi/expr.hpp"

namespace shenpi::detail {

/// Interns every string an expression or a fact's enum can compare against,
/// so evaluation compares integers. Filled while loading (intern() may be
/// called from many threads at once, as items load in parallel; ids then
/// depend on the order and only ever compare for equality), read-only after.
class StringTable {
 public:
  StringTable() = default;
  /// Copies re-point the index at their own texts; not while interning.
  StringTable(const StringTable& other);
  StringTable& operator=(const StringTable& other);
  ~StringTable() = default;

  std::int32_t intern(std::string_view text);
  /// -1 when the text was never interned.
  std::int32_t find(std::string_view text) const;
  std::string_view text(std::int32_t id) const { return texts_[static_cast<std::size_t>(id)]; }
  std::size_t size() const { return texts_.size(); }

 private:
  /// Points the index at this table's own texts.
  void reindex();

  std::mutex mutex_;               ///< guards interning only
  std::deque<std::string> texts_;  ///< a deque, so the keys below stay put
  std::unordered_map<std::string_view, std::int32_t> ids_;
};

/// A runtime value. Strings and enum values are ids from the StringTable;
/// strings an application brings that no rule mentions get negative ids,
/// unique within that application. Lists point into storage owned by the
/// bound application.
struct Value {
  enum class Kind : std::uint8_t { unknown, boolean, integer, decimal, string, date, list };
  Kind kind = Kind::unknown;
  union {
    bool b;
    std::int64_t i = 0;
    double d;
    std::int32_t s;     // string id
    std::int32_t date;  // days since 1970-01-01
  };
  const std::int32_t* list = nullptr;  // string ids
  std::int32_t list_size = 0;

  static Value unknown() { return {}; }
  static Value boolean(bool v) {
    Value x;
    x.kind = Kind::boolean;
    x.b = v;
    return x;
  }
  static Value integer(std::int64_t v) {
    Value x;
    x.kind = Kind::integer;
    x.i = v;
    return x;
  }
  static Value decimal(double v) {
    Value x;
    x.kind = Kind::decimal;
    x.d = v;
    return x;
  }
  static Value string(std::int32_t id) {
    Value x;
    x.kind = Kind::string;
    x.s = id;
    return x;
  }
  static Value date_value(std::int32_t days) {
    Value x;
    x.kind = Kind::date;
    x.date = days;
    return x;
  }
  static Value list_value(const std::int32_t* data, std::int32_t n) {
    Value x;
    x.kind = Kind::list;
    x.list = data;
    x.list_size = n;
    return x;
  }
};

/// Maps an offset inside an expression's text back to the rule file, so a
/// diagnostic points at the column inside the expression (also for quoted
/// and block scalars). `lines[k]` is where line k of the text starts; for a
/// quoted scalar, the first line starts after the quote.
struct TextOrigin {
  std::string file;
  struct LineStart {
    int line;
    int column;
  };
  std::vector<LineStart> lines;
  SourceLocation at(std::size_t offset, std::string_view text) const;
  /// A single-line origin starting at `start`.
  static TextOrigin single(SourceLocation start);
};

/// What an expression may name. `fact` returns nullptr for unknown paths;
/// `material` returns the item's material index or -1.
struct Scope {
  std::function<const Fact*(std::string_view path)> fact;
  std::function<std::int32_t(std::string_view id)> material;
};

struct CompileResult {
  std::shared_ptr<const Program> program;  // null when diagnostics hold errors
  FactType type = FactType::boolean;
  std::vector<Diagnostic> diagnostics;
};

/// Parses (Spirit X3), type-checks against `scope` and compiles `text`.
/// The result must have type `expected`. Never throws.
CompileResult compile_expression(std::string_view text, const TextOrigin& origin,
                                 const Scope& scope, StringTable& strings,
                                 FactType expected = FactType::boolean);

/// What a program reads while it runs. `materials` is a bitset over the
/// item's materials (bit k = material k submitted).
/// Why a run could not compute a value although every fact it read was
/// given: a defect of the rule, not of the application.
enum class RunError : std::uint8_t { none, division_by_zero, overflow };

struct EvalContext {
  std::span<const Value> facts;
  std::span<const std::uint64_t> materials;
  std::int32_t today = 0;  // days since epoch: the submission date, for age()
  /// When set, receives the first runtime error of the run (the value is
  /// then unknown). Owned by the caller; one per thread.
  RunError* error = nullptr;
};

/// "division by zero", "overflow".
const char* to_string(RunError error);

/// Runs a program. Kleene logic: unknown facts propagate as unknown unless
/// the result is decided without them (`false and x` is false).
/// No allocation, no I/O; safe for concurrent use.
Value run(const Program& program, const EvalContext& context);

/// Fact slots a program reads, ascending, each once.
std::span<const std::int32_t> program_fact_slots(const Program& program);

/// Text of a value for traces and notices (`"good"`, `45`, `2025-09-26`, `["a","b"]`).
std::string format_value(const Value& value, const StringTable& strings);

/// A fact's slot (private to the library): set by the loader, read by the
/// compiler and the binder. The public way is Rulebook::fact_in_slot.
struct FactAccess {
  static std::int32_t slot(const Fact& f) { return f.slot_; }
  static void set_slot(Fact& f, std::int32_t slot) { f.slot_ = slot; }
};

/// The compiled program behind an Expression (private to the library).
struct ExpressionAccess {
  static const Program* program(const Expression& e) { return e.program_.get(); }
};

}  // namespace shenpi::detail
