// check_fact_value and fact_type_error (include/shenpi/evaluate.hpp): which
// value fits which fact type, and the one sentence that says it does not.
#include "model/fact_value.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "base/text.hpp"
#include "shenpi/diagnostic_codes.hpp"
#include "shenpi/evaluate.hpp"

namespace shenpi {
namespace {

/// What a fact of `fact`'s type must be, as the message says it.
std::string expected(const Fact& fact) {
  switch (fact.type) {
    case FactType::boolean:
      return "a bool (true or false)";
    case FactType::integer:
      return "an int (a whole number within 64 bits)";
    case FactType::decimal:
      return "a decimal (a finite number)";
    case FactType::string:
      return "a string (UTF-8 text)";
    case FactType::enumeration:
      return fmt::format("one of: {}", fmt::join(fact.values, ", "));
    case FactType::date:
      return "a date (YYYY-MM-DD)";
    case FactType::string_list:
      return "a list of strings";
  }
  return to_string(fact.type);
}

std::string quoted(std::string_view text) {
  return fmt::format("'{}'", detail::printable(text, 60));
}

std::string number(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "infinity" : "-infinity";
  return fmt::format("{}", d);
}

/// The value as the message quotes it: the text a file wrote, else the
/// typed value in YAML/JSON spelling.
std::string given(const FactValue& value, std::string_view text) {
  if (!text.empty()) return quoted(text);
  struct Describe {
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(std::int64_t i) const { return std::to_string(i); }
    std::string operator()(double d) const { return number(d); }
    std::string operator()(const std::string& s) const { return quoted(s); }
    std::string operator()(const Date& d) const { return d.to_string(); }
    std::string operator()(const std::vector<std::string>& l) const {
      // The one element that is no UTF-8, or the list as a whole.
      for (std::size_t k = 0; k < l.size(); ++k) {
        if (!detail::is_utf8(l[k])) return fmt::format("a list with {} at [{}]", quoted(l[k]), k);
      }
      return "a list";
    }
  };
  return std::visit(Describe{}, value);
}

bool fits(const Fact& fact, const FactValue& value, std::string_view text) {
  switch (fact.type) {
    case FactType::boolean:
      return std::holds_alternative<bool>(value);
    case FactType::integer:
      return std::holds_alternative<std::int64_t>(value);
    case FactType::decimal:
      if (const auto* d = std::get_if<double>(&value)) return std::isfinite(*d);
      return std::holds_alternative<std::int64_t>(value);
    case FactType::date:
      if (std::holds_alternative<Date>(value)) return true;
      if (const auto* s = std::get_if<std::string>(&value)) return Date::parse(*s).has_value();
      return false;
    case FactType::string:
      if (const auto* s = std::get_if<std::string>(&value)) return detail::is_utf8(*s);
      return !text.empty() && !std::holds_alternative<std::vector<std::string>>(value) &&
             detail::is_utf8(text);
    case FactType::enumeration: {
      const auto* s = std::get_if<std::string>(&value);
      if (s == nullptr && (text.empty() || std::holds_alternative<std::vector<std::string>>(value)))
        return false;
      const std::string_view v = s != nullptr ? std::string_view(*s) : text;
      return std::find(fact.values.begin(), fact.values.end(), v) != fact.values.end();
    }
    case FactType::string_list:
      if (const auto* l = std::get_if<std::vector<std::string>>(&value)) {
        return std::all_of(l->begin(), l->end(),
                           [](const std::string& s) { return detail::is_utf8(s); });
      }
      return false;
  }
  return false;
}

}  // namespace

namespace detail {

std::string wrong_fact_message(std::string_view path, std::string_view expected,
                               std::string_view given) {
  return fmt::format("fact '{}' must be {}; got {}", printable(path, 200), expected, given);
}

Diagnostic wrong_fact_value(std::string_view path, std::string_view expected,
                            std::string_view given, SourceLocation location) {
  return make_diagnostic(codes::fact_wrong_type, std::move(location),
                         wrong_fact_message(path, expected, given));
}

}  // namespace detail

Diagnostic fact_type_error(const Fact& fact, std::string_view given, SourceLocation location) {
  return detail::wrong_fact_value(fact.path, expected(fact), given, std::move(location));
}

std::optional<Diagnostic> check_fact_value(const Fact& fact, const FactValue& value,
                                           const SourceLocation& location, std::string_view text) {
  if (fits(fact, value, text)) return std::nullopt;
  return fact_type_error(fact, given(value, text), location);
}

}  // namespace shenpi
