// Reading applications from a YAML tree: shared by parse_application and the
// rule-test files, which hold applications inline.
#pragma once

#include "load/yaml_util.hpp"
#include "shenpi/evaluate.hpp"

namespace shenpi::detail {

/// Reads the mapping of one application (the value of `application:`).
ApplicationResult read_application(const YamlDocument& doc, const yaml::Node& node);

}  // namespace shenpi::detail
