// One bundle file (一件事 / staged project).
#include <fmt/format.h>

#include "load/item_parts.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi::detail {
namespace {

std::string text_of(const YamlReader& r, const yaml::Node& map, const char* key) {
  if (!map[key]) return {};
  return r.scalar(map[key], key).value_or("");
}

Stage read_stage_items(const YamlReader& r, const yaml::Node& node, Stage stage) {
  if (!r.expect_sequence(node, "items")) return stage;
  // An empty stage is a bundle that does nothing there: a mistake, not a plan.
  if (node.size() == 0) r.report(codes::bad_value, node, "a stage lists no items (`items: []`)");
  for (const auto& code : node) {
    if (auto text = r.scalar(code, "an item code")) {
      stage.items.push_back(*text);
      stage.item_locations.push_back(r.location(code));
    }
  }
  return stage;
}

void read_stages(const YamlReader& r, const yaml::Node& node, Bundle& bundle) {
  if (!r.expect_sequence(node, "bundle.stages")) return;
  if (node.size() == 0) r.report(codes::bad_value, node, "a bundle lists no stages (`stages: []`)");
  for (const auto& s : node) {
    if (!r.expect_map(s, "a stage")) continue;
    r.check_keys(s, {"id", "name", "items"}, "a stage");
    if (!r.require(s, "id", "a stage") || !r.require(s, "items", "a stage")) continue;
    Stage stage{text_of(r, s, "id"), text_of(r, s, "name"), {}, r.location(s["id"]), {}};
    bundle.stages.push_back(read_stage_items(r, s["items"], std::move(stage)));
  }
  check_unique_ids(r, bundle.stages, "stage");
}

void read_depends(const YamlReader& r, const yaml::Node& node, Bundle& bundle) {
  if (!r.expect_sequence(node, "bundle.depends")) return;
  for (const auto& d : node) {
    if (!r.expect_map(d, "a dependency")) continue;
    r.check_keys(d, {"before", "after"}, "a dependency");
    if (!r.require(d, "before", "a dependency") || !r.require(d, "after", "a dependency")) continue;
    bundle.depends.push_back({text_of(r, d, "before"), text_of(r, d, "after"), r.location(d)});
  }
}

}  // namespace

std::optional<Bundle> load_bundle(const YamlDocument& doc, std::vector<Diagnostic>& out) {
  const YamlReader r(doc, out);
  if (!r.expect_map(doc.root, "a bundle file")) return std::nullopt;
  r.check_keys(doc.root, {"bundle"}, "a bundle file");
  if (!r.require(doc.root, "bundle", "a bundle file")) return std::nullopt;
  const yaml::Node node = doc.root["bundle"];
  if (!r.expect_map(node, "bundle")) return std::nullopt;
  r.check_keys(node, {"code", "name", "target", "items", "stages", "depends"}, "bundle");
  Bundle bundle;
  bundle.location = r.location(node);
  if (r.require(node, "code", "bundle")) {
    bundle.code = text_of(r, node, "code");
    bundle.location = r.location(node["code"]);
  }
  if (r.require(node, "name", "bundle")) bundle.name = text_of(r, node, "name");
  if (node["target"]) bundle.target = r.duration(node["target"], "bundle.target");
  if (node["items"] && node["stages"]) {
    r.report(codes::unknown_key, node["stages"],
             "a bundle takes either `items:` (one stage) or `stages:`, not both");
  } else if (node["items"]) {
    Stage stage{"main", bundle.name, {}, r.location(node["items"]), {}};
    bundle.stages.push_back(read_stage_items(r, node["items"], std::move(stage)));
  } else if (node["stages"]) {
    read_stages(r, node["stages"], bundle);
  } else {
    r.report(codes::missing_key, node, "bundle lacks `items:` or `stages:`");
  }
  if (node["depends"]) read_depends(r, node["depends"], bundle);
  return bundle;
}

}  // namespace shenpi::detail
