// shenpi.Decision: statuses as dicts of words, deadlines as datetime.date,
// and the library's own renderers for JSON, notices and traces, so Python
// and the CLI cannot disagree.
#include "shenpi/record.hpp"
#include "wrappers.hpp"

namespace shenpi::python {
namespace {

/// Raises for the accessors that need an outcome (batch results with
/// errors="return" can hold invalid decisions).
const Decision& valid(const PyDecision& self) {
  if (!self.decision.valid()) raise_application_error(self.decision.diagnostics);
  return self.decision;
}

py::dict condition_statuses(const PyDecision& self) {
  const Decision& d = valid(self);
  py::dict out;
  for (std::size_t i = 0; i < d.conditions.size(); ++i) {
    out[py::str(d.item().conditions[i].id)] = word(to_string(d.conditions[i]));
  }
  return out;
}

py::dict material_statuses(const PyDecision& self) {
  const Decision& d = valid(self);
  py::dict out;
  for (std::size_t i = 0; i < d.materials.size(); ++i) {
    out[py::str(d.item().materials[i].id)] = word(to_string(d.materials[i].status));
  }
  return out;
}

py::list materials_with(const PyDecision& self, MaterialStatus status) {
  const Decision& d = valid(self);
  py::list out;
  for (std::size_t i = 0; i < d.materials.size(); ++i) {
    if (d.materials[i].status == status) out.append(d.item().materials[i].id);
  }
  return out;
}

py::object json_loads(const std::string& text) {
  return py::module_::import("json").attr("loads")(text);
}

std::string repr(const PyDecision& self) {
  const Decision& d = self.decision;
  if (!d.valid()) return "<shenpi.Decision invalid: " + summarize(d.diagnostics) + ">";
  std::string out = "<shenpi.Decision " + d.item().code + " " + std::string(to_string(*d.outcome));
  const int missing = d.count(MaterialStatus::missing);
  const int tolerated = d.count(MaterialStatus::tolerated);
  if (missing > 0) out += ", " + std::to_string(missing) + " missing";
  if (tolerated > 0) out += ", " + std::to_string(tolerated) + " tolerated";
  return out + ">";
}

}  // namespace

void init_decision(py::module_& m) {
  py::class_<PyDecision> cls(m, "Decision", R"(What the engine decided for one application.

Statuses use the words of the JSON form: outcome accept,
accept_with_deficiency, supplement, reject or review (a rule failed at
runtime, SP613: manual review); materials submitted, shared, committed,
tolerated, not_required or missing; conditions met, unmet, committed,
unknown or error. A decision from evaluate_many(errors="return") may be
invalid: ``valid`` is False, ``outcome`` None and ``diagnostics`` say why.)");
  cls.def_property_readonly(
      "outcome",
      [](const PyDecision& self) -> py::object {
        if (!self.decision.valid()) return py::none();
        return word(to_string(*self.decision.outcome));
      },
      "accept | accept_with_deficiency | supplement | reject | review (None when invalid).");
  cls.def_property_readonly(
      "valid", [](const PyDecision& self) { return self.decision.valid(); },
      "False when the application was rejected as malformed.");
  cls.def_property_readonly(
      "diagnostics", [](const PyDecision& self) { return to_py(self.decision.diagnostics); },
      "Why an invalid decision has no outcome (empty when valid).");
  cls.def_property_readonly(
      "item", [](const PyDecision& self) { return valid(self).item().code; }, "The item code.");
  cls.def_property_readonly(
      "item_name", [](const PyDecision& self) { return valid(self).item().name; },
      "The item name.");
  cls.def_property_readonly(
      "submitted_on",
      [](const PyDecision& self) { return to_py_date(valid(self).application->submitted_on()); },
      "The submission date (datetime.date).");
  cls.def(
      "record",
      [](const PyDecision& self) {
        const Decision& d = valid(self);
        if (!self.application) {
          throw py::value_error(
              "record() needs a decision from Rulebook.evaluate (batch results keep no "
              "application)");
        }
        const auto r = make_record(*self.handle->book, *self.application, d);
        return py::module_::import("json").attr("loads")(record_to_json(*r));
      },
      "The decision record as a dict: item, version, effective, as_of, the canonical "
      "application and SHA-256 digests of application, item version and calendar years "
      "(docs/versions.md).");
  cls.def_property_readonly("conditions", &condition_statuses,
                            "Condition id → status, in item order.");
  cls.def_property_readonly("materials", &material_statuses,
                            "Material id → status, in item order.");
  cls.def_property_readonly(
      "missing",
      [](const PyDecision& self) { return materials_with(self, MaterialStatus::missing); },
      "Ids of the materials the applicant must still bring (status missing).");
  cls.def_property_readonly(
      "tolerated",
      [](const PyDecision& self) { return materials_with(self, MaterialStatus::tolerated); },
      "Ids of the materials accepted as 容缺, to be supplied by deadlines['tolerance'].");
  cls.def_property_readonly(
      "tolerance",
      [](const PyDecision& self) { return std::string(to_string(valid(self).tolerance)); },
      "How the 容缺 policy applied: not_needed, applied, no_policy, policy_not_met, too_many, "
      "letter_missing.");
  cls.def_property_readonly(
      "deadlines",
      [](const PyDecision& self) {
        const Deadlines& d = valid(self).deadlines;
        py::dict out;
        out["promised"] = to_py_date(d.promised);
        out["statutory"] = to_py_date(d.statutory);
        out["tolerance"] = to_py_date(d.tolerance);
        return out;
      },
      "{'promised', 'statutory', 'tolerance'} → datetime.date, or None when it does not apply.");
  cls.def(
      "to_dict",
      [](const PyDecision& self, bool trace) {
        return json_loads(decision_to_json(self.decision, trace));
      },
      py::arg("trace") = false,
      "The decision as `shenpi eval --json` prints it, parsed (dates as 'YYYY-MM-DD' text); "
      "``trace=True`` adds "
      "the trace.");
  cls.def(
      "to_json",
      [](const PyDecision& self, bool trace) { return decision_to_json(self.decision, trace); },
      py::arg("trace") = false,
      "The JSON text of `shenpi eval --json` (schema: docs/decision.md).");
  cls.def(
      "notice", [](const PyDecision& self) { return render_notice(self.decision); },
      "The notice a window clerk hands over (Chinese): 受理通知书, 容缺受理通知书, "
      "补正材料一次性告知书 or "
      "不予受理决定书.");
  cls.def(
      "trace", [](const PyDecision& self) { return render_trace(valid(self)); },
      "Every condition and material with its expression, the fact values read, the result and its "
      "legal basis, "
      "as text.");
  cls.def("__repr__", &repr);
}

}  // namespace shenpi::python
