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

/// The item's 办事指南 as a citizen reads it, from the same rulebook the
/// engine evaluates, so guide and engine cannot disagree.
std::string render_guide(const Rulebook& book, const Item& item);

}  // namespace shenpi
