// shenpi.Graph: the parallel-approval plan of a bundle as Python data
// (lists of codes, dicts per node, edge and checklist line, dates), with
// the library's own DOT, Mermaid, text and JSON renderers.
#include "shenpi/diagnostic_codes.hpp"
#include "wrappers.hpp"

namespace shenpi::python {
namespace {

py::dict node_row(const ApprovalGraph& g, const GraphNode& n) {
  py::dict r;
  r["code"] = n.code;
  r["name"] = n.name;
  r["authority"] = n.authority;
  r["limit"] = n.limit.to_string();
  r["duration"] = n.duration;
  r["stage"] = g.stages()[static_cast<std::size_t>(n.stage)].id;
  r["level"] = n.level;
  r["earliest_start"] = n.earliest_start;
  r["earliest_finish"] = n.earliest_finish;
  r["latest_start"] = n.latest_start;
  r["latest_finish"] = n.latest_finish;
  r["slack"] = n.slack;
  r["on_critical_path"] = n.on_critical_path;
  r["start"] = to_py_date(n.start);
  r["finish"] = to_py_date(n.finish);
  return r;
}

py::list schedule_rows(const ApprovalGraph& g) {
  py::list out;
  for (const auto& e : g.schedule()) {
    py::dict r;
    const GraphNode* node = g.find_node(e.code);
    r["code"] = e.code;
    r["name"] = node != nullptr ? node->name : std::string();
    r["start"] = to_py_date(e.start);
    r["finish"] = to_py_date(e.finish);
    out.append(r);
  }
  return out;
}

/// SP504 from a dated plan: the start or an end date is outside the calendar.
void raise_on_calendar(const ApprovalGraph& g, Date start) {
  for (const auto& d : g.diagnostics()) {
    if (d.code == codes::date_outside_calendar)
      raise_calendar_error(CalendarError{start, d.message});
  }
}

py::list stages(const ApprovalGraph& g) {
  py::list out;
  for (const auto& s : g.stages()) {
    py::dict r;
    r["id"] = s.id;
    r["name"] = s.name;
    r["items"] = s.items;
    out.append(r);
  }
  return out;
}

py::list edges(const ApprovalGraph& g) {
  py::list out;
  for (const auto& e : g.edges()) {
    py::dict r;
    r["from"] = e.from;
    r["to"] = e.to;
    r["kind"] = std::string(to_string(e.kind));
    r["material"] = e.material.empty() ? py::object(py::none()) : py::cast(e.material);
    r["on_critical_path"] = e.on_critical_path;
    out.append(r);
  }
  return out;
}

py::list checklist(const ApprovalGraph& g) {
  py::list out;
  for (const auto& c : g.checklist()) {
    py::dict r;
    r["material"] = c.material;
    r["name"] = c.name;
    r["items"] = c.items;
    r["conditional"] = c.conditional;
    out.append(r);
  }
  return out;
}

std::string repr(const PyGraph& self) {
  const ApprovalGraph& g = self.graph;
  std::string out =
      "<shenpi.Graph " + g.bundle_code() + ": " + std::to_string(g.nodes().size()) + " items";
  if (!g.ok()) return out + ", has errors>";
  return out + ", critical " + std::to_string(g.critical_length()) + " / serial " +
         std::to_string(g.serial_length()) + " working days>";
}

void define_plan(py::class_<PyGraph>& cls) {
  cls.def_property_readonly(
      "levels", [](const PyGraph& s) { return s.graph.levels(); },
      "Item codes per topological level: what can run at the same time (empty on a cycle).");
  cls.def_property_readonly(
      "critical_path", [](const PyGraph& s) { return s.graph.critical_path(); },
      "Item codes of one longest path, first to last.");
  cls.def_property_readonly(
      "critical_length", [](const PyGraph& s) { return s.graph.critical_length(); },
      "Working days from start to end when items run in parallel (并联).");
  cls.def_property_readonly(
      "serial_length", [](const PyGraph& s) { return s.graph.serial_length(); },
      "Working days if the items ran one after another (串联).");
  cls.def_property_readonly(
      "nodes",
      [](const PyGraph& s) {
        py::list out;
        for (const auto& n : s.graph.nodes()) out.append(node_row(s.graph, n));
        return out;
      },
      "One dict per item: code, name, authority, limit, duration, stage, level, earliest/latest "
      "start/finish, slack, on_critical_path, start, finish (dates when scheduled).");
  cls.def_property_readonly(
      "edges", [](const PyGraph& s) { return edges(s.graph); },
      "Orderings: from, to, kind (material | depends | stage), material, on_critical_path.");
  cls.def_property_readonly(
      "stages", [](const PyGraph& s) { return stages(s.graph); },
      "Stages in order: id, name, items.");
  cls.def_property_readonly(
      "checklist", [](const PyGraph& s) { return checklist(s.graph); },
      "The merged checklist (一表申请): material, name, items asking for it, conditional.");
  cls.def_property_readonly(
      "asked_separately", [](const PyGraph& s) { return s.graph.asked_separately(); },
      "Materials the items would ask one by one (sum over items).");
  cls.def_property_readonly(
      "asked_merged", [](const PyGraph& s) { return s.graph.asked_merged(); },
      "Lines on the merged checklist.");
  cls.def_property_readonly(
      "start", [](const PyGraph& s) { return to_py_date(s.graph.start()); },
      "First working day of a dated plan, else None.");
  cls.def_property_readonly(
      "finish", [](const PyGraph& s) { return to_py_date(s.graph.finish()); },
      "Day the last item ends in a dated plan, else None.");
  cls.def(
      "schedule",
      [](const PyGraph& self, const py::object& start) {
        if (start.is_none()) {
          if (!self.graph.start())
            throw py::value_error("schedule(): the graph has no start date; pass one");
          return schedule_rows(self.graph);
        }
        const Date date = date_arg(start, "start");
        const PyGraph dated =
            make_graph(self.handle, self.graph.bundle_code(), self.graph.statutory(), date);
        return schedule_rows(dated.graph);
      },
      py::arg("start") = py::none(),
      "The dated schedule from ``start`` (a date; moved to the next working day): one dict per "
      "item with code, "
      "name, start and finish (datetime.date), ordered by start. Raises CalendarError outside the "
      "calendar.");
}

}  // namespace

PyGraph make_graph(const BookPtr& handle, const std::string& code, bool statutory,
                   std::optional<Date> start, std::optional<Date> as_of) {
  if (handle->book->find_bundle(code) == nullptr) {
    std::string known;
    for (const auto& b : handle->book->bundles()) known += (known.empty() ? "" : ", ") + b.code;
    throw py::key_error("no bundle '" + code +
                        "' in the rulebook; bundles: " + (known.empty() ? "(none)" : known));
  }
  GraphOptions options;
  options.statutory = statutory;
  options.start = start;
  options.as_of = as_of;
  PyGraph out{handle->book->graph(code, options), handle};
  if (start) raise_on_calendar(out.graph, *start);
  return out;
}

void init_graph(py::module_& m) {
  py::class_<PyGraph> cls(m, "Graph", R"(The parallel-approval plan (并联审批) of a bundle.

Made by Rulebook.graph(code). An immutable value. When the bundle has a
dependency cycle, ``ok`` is False, ``diagnostics`` shows the cycle and
levels, critical path and schedule are empty.)");
  cls.def_property_readonly(
      "code", [](const PyGraph& s) { return s.graph.bundle_code(); }, "The bundle code.");
  cls.def_property_readonly(
      "name", [](const PyGraph& s) { return s.graph.bundle_name(); }, "The bundle name.");
  cls.def_property_readonly(
      "target", [](const PyGraph& s) { return duration_text(s.graph.target()); },
      "The bundle's target (`1 working day`), or None.");
  cls.def_property_readonly(
      "target_days",
      [](const PyGraph& s) -> py::object {
        return s.graph.target_days() < 0 ? py::object(py::none()) : py::cast(s.graph.target_days());
      },
      "The target in working days, or None.");
  cls.def_property_readonly(
      "statutory", [](const PyGraph& s) { return s.graph.statutory(); },
      "True when planned with statutory limits, False for promised ones.");
  cls.def_property_readonly(
      "ok", [](const PyGraph& s) { return s.graph.ok(); }, "False when the graph has errors.");
  cls.def_property_readonly(
      "diagnostics", [](const PyGraph& s) { return to_py(s.graph.diagnostics()); },
      "Cycles (SP401) and other problems of the plan.");
  define_plan(cls);
  cls.def(
      "to_dot", [](const PyGraph& s) { return to_dot(s.graph); },
      "Graphviz DOT: stages as clusters, the critical path in bold red.");
  cls.def(
      "to_mermaid", [](const PyGraph& s) { return to_mermaid(s.graph); },
      "Markdown with a Mermaid flowchart and, when dated, a Gantt chart.");
  cls.def(
      "to_text", [](const PyGraph& s) { return to_text(s.graph); },
      "The plan as `shenpi graph` prints it.");
  cls.def(
      "to_json", [](const PyGraph& s) { return to_json(s.graph); },
      "Everything in the graph as JSON text.");
  cls.def(
      "to_dict",
      [](const PyGraph& s) { return py::module_::import("json").attr("loads")(to_json(s.graph)); },
      "The JSON form, parsed (as `shenpi graph --format json` prints it).");
  cls.def("__repr__", &repr);
}

}  // namespace shenpi::python
