// notices.yaml: how one authority's notices look (header, 文号, contact,
// 补正 reply period, signature and receipt lines). docs/decision.md.
#include <fmt/format.h>

#include "load/loader.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi::detail {
namespace {

/// A 文号 pattern may only use the placeholders the renderer fills: any
/// other `{…}` would print as is in every notice.
bool valid_number_pattern(const std::string& pattern, std::string& bad) {
  for (std::size_t at = pattern.find('{'); at != std::string::npos;
       at = pattern.find('{', at + 1)) {
    const auto close = pattern.find('}', at);
    const std::string name =
        close == std::string::npos ? pattern.substr(at) : pattern.substr(at, close - at + 1);
    if (name != "{year}" && name != "{kind}" && name != "{seq}") {
      bad = name;
      return false;
    }
  }
  return true;
}

}  // namespace

void load_notices(const YamlDocument& doc, RulebookData& data, std::vector<Diagnostic>& out) {
  const YamlReader r(doc, out);
  if (doc.root.is_null()) return;
  if (!r.expect_map(doc.root, "notices.yaml")) return;
  r.check_keys(doc.root, {"notices"}, "notices.yaml");
  if (!r.require(doc.root, "notices", "notices.yaml")) return;
  const yaml::Node node = doc.root["notices"];
  if (!r.expect_map(node, "notices")) return;
  if (!data.notices.location.file.empty()) {
    // Rulebooks checked together share one set of notices.
    r.report(codes::duplicate_id, node,
             "notices are defined twice (one notices.yaml per rulebook)");
    return;
  }
  r.check_keys(node, {"header", "number", "contact", "supplement_within", "signature", "receipt"},
               "notices");
  NoticeSettings n;
  n.location = r.location(node);
  const auto text = [&](const char* key) {
    return node[key] ? r.scalar(node[key], fmt::format("notices.{}", key)).value_or("")
                     : std::string();
  };
  n.header = text("header");
  n.number = text("number");
  n.contact = text("contact");
  n.signature = text("signature");
  n.receipt = text("receipt");
  if (std::string bad; !valid_number_pattern(n.number, bad)) {
    r.report(
        codes::bad_value, node["number"],
        fmt::format("notices.number uses '{}'; the placeholders are {{year}}, {{kind}}, {{seq}}",
                    bad));
  }
  if (node["supplement_within"]) {
    n.supplement_within = r.duration(node["supplement_within"], "notices.supplement_within");
  }
  data.notices = std::move(n);
}

}  // namespace shenpi::detail
