// The graph as JSON: every field of ApprovalGraph, dates as YYYY-MM-DD.
#include <nlohmann/json.hpp>

#include "shenpi/graph.hpp"

namespace shenpi {
namespace {

using json = nlohmann::ordered_json;

json optional_date(const std::optional<Date>& d) {
  return d ? json(d->to_string()) : json(nullptr);
}

json node_json(const ApprovalGraph& g, const GraphNode& n) {
  json j{{"code", n.code},           {"name", n.name},
         {"authority", n.authority}, {"limit", n.limit.to_string()},
         {"duration", n.duration},   {"stage", g.stages()[static_cast<std::size_t>(n.stage)].id}};
  if (g.ok()) {
    j["level"] = n.level;
    j["earliest_start"] = n.earliest_start;
    j["earliest_finish"] = n.earliest_finish;
    j["latest_start"] = n.latest_start;
    j["latest_finish"] = n.latest_finish;
    j["slack"] = n.slack;
    j["critical"] = n.on_critical_path;
  }
  if (n.start) {
    j["start"] = n.start->to_string();
    j["finish"] = n.finish->to_string();
  }
  return j;
}

json edges_json(const ApprovalGraph& g) {
  json edges = json::array();
  for (const auto& e : g.edges()) {
    json j{{"from", e.from}, {"to", e.to}, {"kind", std::string(to_string(e.kind))}};
    if (e.kind == EdgeKind::material) j["material"] = e.material;
    j["critical"] = e.on_critical_path;
    edges.push_back(std::move(j));
  }
  return edges;
}

json checklist_json(const ApprovalGraph& g) {
  json list = json::array();
  for (const auto& c : g.checklist()) {
    list.push_back({{"material", c.material},
                    {"name", c.name},
                    {"items", c.items},
                    {"conditional", c.conditional}});
  }
  return list;
}

}  // namespace

std::string to_json(const ApprovalGraph& g) {
  json j;
  j["bundle"] = g.bundle_code();
  j["name"] = g.bundle_name();
  j["limits"] = g.statutory() ? "statutory" : "promised";
  j["target"] = g.target()
                    ? json{{"limit", g.target()->to_string()}, {"working_days", g.target_days()}}
                    : json(nullptr);
  j["stages"] = json::array();
  for (const auto& s : g.stages()) {
    j["stages"].push_back({{"id", s.id}, {"name", s.name}, {"items", s.items}});
  }
  j["nodes"] = json::array();
  for (const auto& n : g.nodes()) j["nodes"].push_back(node_json(g, n));
  j["edges"] = edges_json(g);
  j["levels"] = g.levels();
  j["critical_path"] = g.critical_path();
  j["critical_length"] = g.critical_length();
  j["serial_length"] = g.serial_length();
  j["start"] = optional_date(g.start());
  j["finish"] = optional_date(g.finish());
  // Present only when true: dates counted across a provisional year (预计).
  if (g.provisional()) j["provisional"] = true;
  j["schedule"] = json::array();
  for (const auto& s : g.schedule()) {
    json line = {
        {"code", s.code}, {"start", s.start.to_string()}, {"finish", s.finish.to_string()}};
    if (s.provisional) line["provisional"] = true;
    j["schedule"].push_back(std::move(line));
  }
  j["checklist"] = checklist_json(g);
  j["asked_separately"] = g.asked_separately();
  j["asked_merged"] = g.asked_merged();
  j["diagnostics"] = json::parse(diagnostics_to_json(g.diagnostics()));
  return j.dump(2) + "\n";
}

}  // namespace shenpi
