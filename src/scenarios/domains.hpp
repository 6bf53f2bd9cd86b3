// The case split's atoms: for each fact an item reads, a few representative
// values (one per region its compiled comparisons tell apart) and `unknown`.
// The only place scenarios reads the compiled expression program.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "expr/program.hpp"
#include "shenpi/evaluate.hpp"

namespace shenpi::detail {

struct FactDomain {
  const Fact* fact = nullptr;
  int slot = -1;
  std::vector<Value> values;                    ///< the last one is unknown
  std::vector<std::optional<FactValue>> given;  ///< as an application states it; nullopt: absent
  std::vector<std::string> words;               ///< 是 / 否 / good / 25 / 未提供
};

/// The item's expressions a decision reads (conditions, `required`, `tolerance.when`).
std::vector<const Expression*> decision_expressions(const Item& item);

/// One domain per fact slot those expressions read, in slot order.
std::vector<FactDomain> fact_domains(const Rulebook& book, const Item& item);

/// Runs `e` over slot values; nullopt when the result is unknown.
std::optional<bool> test(const Expression& e, const std::vector<Value>& facts);

}  // namespace shenpi::detail
