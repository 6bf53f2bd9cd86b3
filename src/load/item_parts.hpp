// Pieces of an item file read before its expressions are compiled: each
// keeps the YAML nodes of its expressions so they compile once every fact
// and material of the item is known.
#pragma once

#include <vector>

#include "load/loader.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi::detail {

/// What the section readers of one item share.
struct ItemReader {
  const YamlReader& r;
  const RulebookData& data;
  StringTable& strings;  ///< thread-safe: items load in parallel
  Item& item;
  yaml::Node tolerance_when;  ///< compiled by load_item with the others
};

void read_item_header(ItemReader& ir, const yaml::Node& node);
void read_conditions(ItemReader& ir, const yaml::Node& node, std::vector<yaml::Node>& when_nodes);
void read_materials(ItemReader& ir, const yaml::Node& node,
                    std::vector<yaml::Node>& required_nodes);
void read_tolerance(ItemReader& ir, const yaml::Node& node);
void read_time_limit(ItemReader& ir, const yaml::Node& node);
void read_steps(ItemReader& ir, const yaml::Node& node, std::vector<yaml::Node>& when_nodes);
void read_outputs(ItemReader& ir, const yaml::Node& node);
void read_fees(ItemReader& ir, const yaml::Node& node);
/// `item.effective: {from, until}` (src/load/versions.cpp).
void read_effective(ItemReader& ir, const yaml::Node& node);

/// `allowed` / `forbidden` (also true / false).
std::optional<bool> read_allowed(const YamlReader& r, const yaml::Node& node,
                                 std::string_view what);
/// SP106 when `basis` is not one of the item's basis ids.
void check_basis_ref(const ItemReader& ir, const yaml::Node& node, const std::string& basis);
/// SP105 for ids repeated within one list of an item.
template <typename T>
void check_unique_ids(const YamlReader& r, const std::vector<T>& list, std::string_view what) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (list[i].id == list[j].id) {
        Diagnostic d = make_diagnostic(codes::duplicate_id, list[i].location,
                                       std::string(what) + " '" + list[i].id + "' defined twice");
        d.notes.push_back({list[j].location, "first defined here"});
        r.add(std::move(d));
        break;
      }
    }
  }
}

}  // namespace shenpi::detail
