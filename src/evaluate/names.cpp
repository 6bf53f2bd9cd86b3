// The words of DESIGN.md for outcomes and statuses, both ways.
#include <array>
#include <utility>

#include "shenpi/evaluate.hpp"

namespace shenpi {
namespace {

constexpr std::array kOutcomes = {
    std::pair{Outcome::accept, std::string_view("accept")},
    std::pair{Outcome::accept_with_deficiency, std::string_view("accept_with_deficiency")},
    std::pair{Outcome::supplement, std::string_view("supplement")},
    std::pair{Outcome::reject, std::string_view("reject")},
    std::pair{Outcome::review, std::string_view("review")}};
constexpr std::array kConditions = {
    std::pair{ConditionStatus::met, std::string_view("met")},
    std::pair{ConditionStatus::unmet, std::string_view("unmet")},
    std::pair{ConditionStatus::committed, std::string_view("committed")},
    std::pair{ConditionStatus::unknown, std::string_view("unknown")},
    std::pair{ConditionStatus::error, std::string_view("error")}};
constexpr std::array kMaterials = {
    std::pair{MaterialStatus::submitted, std::string_view("submitted")},
    std::pair{MaterialStatus::shared, std::string_view("shared")},
    std::pair{MaterialStatus::committed, std::string_view("committed")},
    std::pair{MaterialStatus::tolerated, std::string_view("tolerated")},
    std::pair{MaterialStatus::not_required, std::string_view("not_required")},
    std::pair{MaterialStatus::missing, std::string_view("missing")}};
constexpr std::array kTolerance = {
    std::pair{ToleranceState::not_needed, std::string_view("not_needed")},
    std::pair{ToleranceState::applied, std::string_view("applied")},
    std::pair{ToleranceState::no_policy, std::string_view("no_policy")},
    std::pair{ToleranceState::policy_not_met, std::string_view("policy_not_met")},
    std::pair{ToleranceState::too_many, std::string_view("too_many")},
    std::pair{ToleranceState::letter_missing, std::string_view("letter_missing")}};

template <typename T, std::size_t N>
std::string_view name_of(const std::array<std::pair<T, std::string_view>, N>& table, T value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return "?";
}

template <typename T, std::size_t N>
std::optional<T> value_of(const std::array<std::pair<T, std::string_view>, N>& table,
                          std::string_view text) {
  for (const auto& [v, name] : table) {
    if (name == text) return v;
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(Outcome v) {
  return name_of(kOutcomes, v);
}
std::string_view to_string(ConditionStatus v) {
  return name_of(kConditions, v);
}
std::string_view to_string(MaterialStatus v) {
  return name_of(kMaterials, v);
}
std::string_view to_string(ToleranceState v) {
  return name_of(kTolerance, v);
}
std::optional<Outcome> parse_outcome(std::string_view t) {
  return value_of(kOutcomes, t);
}
std::optional<ConditionStatus> parse_condition_status(std::string_view t) {
  return value_of(kConditions, t);
}
std::optional<MaterialStatus> parse_material_status(std::string_view t) {
  return value_of(kMaterials, t);
}

}  // namespace shenpi
