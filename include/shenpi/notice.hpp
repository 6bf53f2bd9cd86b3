// Rendering decisions and items for people and tools. Kept apart from
// evaluation: a decision holds ids, these functions turn them into words.
#pragma once

#include <string>

#include "shenpi/evaluate.hpp"
#include "shenpi/rulebook.hpp"

namespace shenpi {

/// The notice a window clerk hands over (Chinese): 受理通知书,
/// 容缺受理通知书, 补正材料一次性告知书 or 不予受理决定书, by outcome.
/// An invalid decision renders its diagnostics.
std::string render_notice(const Decision& decision);

/// Every condition and material with its expression, the fact values it
/// read, the result and its legal basis, as text.
std::string render_trace(const Decision& decision);

/// The decision as JSON (schema: docs/decision.md); `trace` adds the trace.
std::string decision_to_json(const Decision& decision, bool trace = false);

/// An expression of `item` (a condition's `when`, a material's `required`,
/// `tolerance.when`, a step's `when`) as a Chinese sentence: fact labels for
/// paths, value labels for enum values, bool facts as statements
/// (`food.bulk_food` reads 经营散装食品, `not food.bulk_food` 不经营散装食品).
/// Empty for an empty expression. Thread-safe.
std::string describe_expression(const Rulebook& book, const Item& item,
                                const Expression& expression);

/// An item kind in Chinese (`administrative_license` → 行政许可); an unknown
/// kind as it is.
std::string kind_to_chinese(const std::string& kind);

/// How a material is handed in, in Chinese: `原件1份、复印件2份、可提交电子件`.
std::string form_to_chinese(const MaterialForm& form);

/// The item's 办事指南 as a citizen reads it, from the same rulebook the
/// engine evaluates, so guide and engine cannot disagree.
std::string render_guide(const Rulebook& book, const Item& item);

}  // namespace shenpi
