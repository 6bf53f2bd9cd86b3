// Private entry points of the loader, one per section of a rulebook folder.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "load/yaml_util.hpp"
#include "model/data.hpp"

namespace shenpi::detail {

/// Reads `facts:` of facts.yaml or of an item: path → {type, label, values}.
/// `first_slot` is the slot of the first fact read.
std::vector<Fact> read_facts(const YamlReader& reader, const yaml::Node& facts, int first_slot);

/// `form:` of a material and `source:` (applicant | shared).
std::optional<MaterialForm> read_form(const YamlReader& reader, const yaml::Node& node);
std::optional<Material::Source> read_source(const YamlReader& reader, const yaml::Node& node);

/// facts.yaml of a rulebook folder.
void load_shared_facts(const YamlDocument& doc, RulebookData& data, std::vector<Diagnostic>& out);
/// materials.yaml of a rulebook folder.
void load_catalog(const YamlDocument& doc, RulebookData& data, std::vector<Diagnostic>& out);
/// One item file; expressions are compiled against the shared facts in
/// `data` and intern their strings in `strings` (safe from many threads).
std::optional<Item> load_item(const YamlDocument& doc, const RulebookData& data,
                              StringTable& strings, std::vector<Diagnostic>& out);
/// notices.yaml of a rulebook folder (SP318 for a second file).
void load_notices(const YamlDocument& doc, RulebookData& data, std::vector<Diagnostic>& out);
/// One bundle file.
std::optional<Bundle> load_bundle(const YamlDocument& doc, std::vector<Diagnostic>& out);

/// Reads every file of a rulebook into `data`, in a fixed order (facts,
/// materials, calendars, items in parallel, bundles), so diagnostics and the
/// model are deterministic. Rulebook-wide checks are not done here: they are
/// check_rulebook's (check/check.hpp), called by load_rulebook (src/rulebook).
/// false when the paths name no rulebook (nothing was read).
bool read_rulebook(const std::vector<std::string>& paths, const LoadOptions& options,
                   RulebookData& data, std::vector<Diagnostic>& out);

/// Versions of one code: SP105 for a second file without `effective`,
/// SP116 for overlapping periods, SP117 for a gap (src/load/versions.cpp).
/// Drops true duplicates, keeping the first.
void check_versions(RulebookData& data, std::vector<Diagnostic>& out);

}  // namespace shenpi::detail
