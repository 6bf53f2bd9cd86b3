// The case split proper: every combination of representative fact values,
// each classified by what the item's expressions make of it.
#pragma once

#include <map>
#include <set>
#include <vector>

#include "scenarios/domains.hpp"
#include "shenpi/scenarios.hpp"

namespace shenpi::detail {

/// A combination: one index into each domain.
using Case = std::vector<int>;

/// What the expressions make of one case.
struct Classified {
  std::vector<std::optional<bool>> conditions;  ///< per item condition
  std::vector<bool> required;                   ///< per item material (unknown counts as required)
  std::optional<bool> tolerance;                ///< tolerance.when; true when it has none
};

/// The cases that reach one situation: the first one (the example), and
/// their values on the facts that matter there (others set to -1).
struct Bucket {
  Case first;
  std::set<Case> seen;
};

/// Collected while splitting.
struct SplitResult {
  std::vector<FactDomain> domains;
  long total = 0;
  long examined = 0;
  bool complete = true;
  std::map<std::size_t, Bucket> reject;  ///< reject condition → cases where it is unmet
  std::map<std::size_t, Bucket> unmet;   ///< other condition → unmet while the rest are met
  std::optional<Bucket> facts_unknown;   ///< a condition unknown, none unmet
  std::map<std::vector<bool>, Bucket> all_met;  ///< all conditions met, by required materials
  std::optional<Bucket> committed;              ///< only committable conditions not met
  std::optional<Bucket> tolerated;              ///< all met and the 容缺 policy applies
  std::optional<Bucket> refused;                ///< all met and the 容缺 policy does not apply
};

/// Runs the split under `options.max_cases`.
SplitResult split_cases(const Rulebook& book, const Item& item, const ScenarioOptions& options);

/// The slot values of a case.
std::vector<Value> case_values(const Rulebook& book, const Item& item,
                               const std::vector<FactDomain>& domains, const Case& c);

Classified classify(const Item& item, const std::vector<Value>& facts);

}  // namespace shenpi::detail
