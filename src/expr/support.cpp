// The small pieces of the expression interface: interned strings, source
// mapping, value printing and the public helpers of shenpi/expr.hpp.
#include <fmt/format.h>

#include "base/civil.hpp"
#include "expr/compiled.hpp"

namespace shenpi {

const char* to_string(FactType type) {
  switch (type) {
    case FactType::boolean:
      return "bool";
    case FactType::integer:
      return "int";
    case FactType::decimal:
      return "decimal";
    case FactType::string:
      return "string";
    case FactType::enumeration:
      return "enum";
    case FactType::date:
      return "date";
    case FactType::string_list:
      return "list<string>";
  }
  return "string";
}

const std::string& value_label(const Fact& fact, const std::string& value) {
  for (std::size_t k = 0; k < fact.values.size() && k < fact.value_labels.size(); ++k) {
    if (fact.values[k] == value && !fact.value_labels[k].empty()) return fact.value_labels[k];
  }
  return value;
}

std::vector<std::int32_t> Expression::fact_slots() const {
  if (program_ == nullptr) return {};
  const auto slots = detail::program_fact_slots(*program_);
  return {slots.begin(), slots.end()};
}

}  // namespace shenpi

namespace shenpi::detail {

StringTable::StringTable(const StringTable& other) : texts_(other.texts_) {
  reindex();
}

StringTable& StringTable::operator=(const StringTable& other) {
  if (this != &other) {
    texts_ = other.texts_;
    reindex();
  }
  return *this;
}

void StringTable::reindex() {
  ids_.clear();
  for (std::size_t id = 0; id < texts_.size(); ++id) {
    ids_.emplace(texts_[id], static_cast<std::int32_t>(id));
  }
}

std::int32_t StringTable::intern(std::string_view text) {
  const std::lock_guard lock(mutex_);
  if (const auto it = ids_.find(text); it != ids_.end()) return it->second;
  const auto id = static_cast<std::int32_t>(texts_.size());
  ids_.emplace(texts_.emplace_back(text), id);
  return id;
}

std::int32_t StringTable::find(std::string_view text) const {
  const auto it = ids_.find(text);
  return it == ids_.end() ? -1 : it->second;
}

SourceLocation TextOrigin::at(std::size_t offset, std::string_view text) const {
  if (lines.empty()) return {file, 0, 0};
  offset = std::min(offset, text.size());
  std::size_t line = 0;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  const auto column = static_cast<int>(offset - line_start);
  if (line < lines.size()) return {file, lines[line].line, lines[line].column + column};
  // More text lines than the loader described: assume the last described
  // line's indentation continues.
  const LineStart& last = lines.back();
  return {file, last.line + static_cast<int>(line - (lines.size() - 1)), last.column + column};
}

TextOrigin TextOrigin::single(SourceLocation start) {
  TextOrigin origin;
  origin.file = std::move(start.file);
  origin.lines.push_back({start.line, start.column});
  return origin;
}

namespace {

std::string quoted(std::int32_t id, const StringTable& strings) {
  if (id < 0 || static_cast<std::size_t>(id) >= strings.size()) return "\"?\"";
  std::string out = "\"";
  for (const char c : strings.text(id)) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + '"';
}

}  // namespace

std::string format_value(const Value& value, const StringTable& strings) {
  switch (value.kind) {
    case Value::Kind::unknown:
      return "unknown";
    case Value::Kind::boolean:
      return value.b ? "true" : "false";
    case Value::Kind::integer:
      return fmt::format("{}", value.i);
    case Value::Kind::decimal:
      return fmt::format("{}", value.d);
    case Value::Kind::string:
      return quoted(value.s, strings);
    case Value::Kind::date: {
      const civil::CivilDate d = civil::civil_from_days(value.date);
      return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
    }
    case Value::Kind::list: {
      std::string out = "[";
      for (std::int32_t i = 0; i < value.list_size && value.list != nullptr; ++i) {
        if (i > 0) out += ',';
        out += quoted(value.list[i], strings);
      }
      return out + ']';
    }
  }
  return "unknown";
}

}  // namespace shenpi::detail
