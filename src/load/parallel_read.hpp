// Reading and parsing many YAML files on worker threads while the caller
// consumes them in order: yaml-cpp's parse is most of a large rulebook's
// load time, and it needs nothing shared.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "load/yaml_util.hpp"

namespace shenpi::detail {

/// Calls `consume(doc)` for every file that parses, in the order of `files`,
/// on the calling thread; read and parse errors go to `out` in that order.
void read_yaml_files_in_order(const std::vector<std::string>& files, std::vector<Diagnostic>& out,
                              const std::function<void(YamlDocument&)>& consume);

}  // namespace shenpi::detail
