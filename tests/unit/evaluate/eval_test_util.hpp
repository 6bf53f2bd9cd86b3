// Helpers shared by the evaluator and notice tests: the fixture rulebooks
// loaded once, applications built in code from a known-good baseline, and
// CHECK_DIAG(diagnostics, "SP604", line, column).
#pragma once

#include <algorithm>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <doctest/doctest.h>

#include "shenpi/evaluate.hpp"
#include "shenpi/notice.hpp"
#include "shenpi/rulebook.hpp"

namespace shenpi {
// Found by ADL before doctest's enum fallback, so failures print words, not numbers.
inline doctest::String toString(Outcome v) {
  return std::string(to_string(v)).c_str();
}
inline doctest::String toString(ConditionStatus v) {
  return std::string(to_string(v)).c_str();
}
inline doctest::String toString(MaterialStatus v) {
  return std::string(to_string(v)).c_str();
}
inline doctest::String toString(ToleranceState v) {
  return std::string(to_string(v)).c_str();
}
}  // namespace shenpi

namespace shenpi::eval_test {

inline std::string dump(const std::vector<Diagnostic>& out) {
  std::string text;
  for (const auto& d : out) text += format_diagnostic(d);
  return text;
}

/// Loads a rulebook against the shipped national calendars; REQUIREs success.
inline std::shared_ptr<const Rulebook> load_book(const std::string& path) {
  LoadOptions options;
  options.calendar_dirs = {SHENPI_SOURCE_DIR "/rules/calendar"};
  LoadResult loaded = load_rulebook({path}, options);
  REQUIRE_MESSAGE(loaded.ok(), dump(loaded.diagnostics));
  return loaded.rulebook;
}

/// tests/fixtures/evaluate/basic: items T-EV-0001 (everything), T-EV-0002
/// (no 容缺 policy), T-EV-0003 (open policy, no letter).
inline std::shared_ptr<const Rulebook> basic_ptr() {
  static const auto book = load_book(SHENPI_FIXTURES "/evaluate/basic");
  return book;
}
inline const Rulebook& basic() {
  return *basic_ptr();
}
inline const Rulebook& tianjin() {
  static const auto book = load_book(SHENPI_SOURCE_DIR "/rules/tianjin");
  return *book;
}

inline Date date(std::string_view text) {
  const auto d = Date::parse(text);
  REQUIRE_MESSAGE(d.has_value(), std::string(text));
  return *d;
}

inline void set_fact(Application& a, const std::string& path, FactValue value) {
  for (auto& f : a.facts) {
    if (f.path == path) {
      f.value = std::move(value);
      return;
    }
  }
  a.facts.push_back({path, std::move(value), {}, {}});
}

inline void drop_fact(Application& a, std::string_view path) {
  std::erase_if(a.facts, [&](const ApplicationFact& f) { return f.path == path; });
}

inline void drop_material(Application& a, std::string_view id) {
  std::erase_if(a.materials, [&](const ApplicationEntry& e) { return e.id == id; });
}

inline void add(std::vector<ApplicationEntry>& list, std::initializer_list<const char*> ids) {
  for (const char* id : ids) list.push_back({id, {}});
}

/// An application for T-EV-0001 that is accepted as is: every condition met,
/// every required material submitted (business-license is shared).
inline Application good_application() {
  Application a;
  a.item = "T-EV-0001";
  a.submitted_on = date("2025-09-26");
  set_fact(a, "applicant.credit", std::string("good"));
  set_fact(a, "applicant.false_commitment", false);
  set_fact(a, "applicant.uses_agent", false);
  set_fact(a, "premises.area_m2", 45.0);
  set_fact(a, "shop.has_manager", true);
  set_fact(a, "shop.kind", std::string("retail"));
  set_fact(a, "shop.staff", std::int64_t{3});
  add(a.materials, {"form", "plan", "staff-list", "rules"});
  return a;
}

/// Evaluates on `book` and REQUIREs a valid decision.
inline Decision decide(const Application& a, const Rulebook& book = basic()) {
  Decision d = book.evaluate(a);
  REQUIRE_MESSAGE(d.valid(), dump(d.diagnostics));
  return d;
}

inline const MaterialDecision& material(const Decision& d, std::string_view id) {
  const int i = d.item().material_index(id);
  REQUIRE_MESSAGE(i >= 0, std::string(id));
  return d.materials[static_cast<std::size_t>(i)];
}

inline MaterialStatus status(const Decision& d, std::string_view id) {
  return material(d, id).status;
}

inline ConditionStatus condition(const Decision& d, std::string_view id) {
  const auto& cs = d.item().conditions;
  const auto it =
      std::find_if(cs.begin(), cs.end(), [&](const Condition& c) { return c.id == id; });
  REQUIRE_MESSAGE(it != cs.end(), std::string(id));
  return d.conditions[static_cast<std::size_t>(it - cs.begin())];
}

inline bool has_diag(const std::vector<Diagnostic>& out, std::string_view code, int line, int col) {
  return std::any_of(out.begin(), out.end(), [&](const Diagnostic& d) {
    return d.code == code && d.location.line == line && d.location.column == col;
  });
}

/// Every field of two decisions, the bound application compared by identity
/// of item and date (the same input bound twice gives equal decisions).
inline bool same_decision(const Decision& a, const Decision& b) {
  if (a.outcome != b.outcome || a.conditions != b.conditions || a.tolerance != b.tolerance)
    return false;
  if (a.deadlines.promised != b.deadlines.promised ||
      a.deadlines.statutory != b.deadlines.statutory ||
      a.deadlines.tolerance != b.deadlines.tolerance || a.diagnostics != b.diagnostics) {
    return false;
  }
  if (a.materials.size() != b.materials.size()) return false;
  for (std::size_t i = 0; i < a.materials.size(); ++i) {
    const auto& x = a.materials[i];
    const auto& y = b.materials[i];
    if (x.status != y.status || x.commitment_refused != y.commitment_refused ||
        x.requirement_unknown != y.requirement_unknown) {
      return false;
    }
  }
  return true;
}

}  // namespace shenpi::eval_test

/// One line per expected diagnostic: code at 1-based line and column.
#define CHECK_DIAG(diags, code, line, col)                                     \
  CHECK_MESSAGE(::shenpi::eval_test::has_diag((diags), (code), (line), (col)), \
                ::shenpi::eval_test::dump(diags))
