// Arbitrary bytes as every kind of rule file and as an application: the
// loader must answer with diagnostics, never crash or hang. The diagnostics
// are then printed (caret under the source line) and written as JSON, as
// `shenpi check` would, since messages quote the input.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "check/check.hpp"
#include "load/loader.hpp"
#include "shenpi/evaluate.hpp"

namespace {

shenpi::detail::RulebookData& shared_facts() {
  static shenpi::detail::RulebookData data = [] {
    shenpi::detail::RulebookData d;
    std::vector<shenpi::Diagnostic> out;
    const std::string text =
        "facts:\n  applicant.credit: { type: enum, values: [good, normal, dishonest] }\n"
        "  premises.area_m2: { type: decimal }\n  applicant.uses_agent: { type: bool }\n";
    if (auto doc = shenpi::detail::parse_yaml_text(text, "facts.yaml", out)) {
      shenpi::detail::load_shared_facts(*doc, d, out);
    }
    return d;
  }();
  return data;
}

void print(const shenpi::detail::YamlDocument& doc, const std::vector<shenpi::Diagnostic>& out) {
  std::vector<shenpi::Diagnostic> unused;
  const shenpi::detail::YamlReader reader(doc, unused);
  for (const auto& d : out) (void)shenpi::format_diagnostic(d, reader.source_line(d.location.line));
  (void)shenpi::diagnostics_to_json(out);
}

/// A diagnostic about the input must point inside it: a line past the end
/// means a location was computed wrongly (e.g. inside an expression).
/// Lines end at LF, CRLF or a lone CR (YAML 1.2; src/load/yaml_util.cpp).
void check_lines(const std::string& text, const std::vector<shenpi::Diagnostic>& out) {
  int lines = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')))
      ++lines;
  }
  for (const auto& d : out) {
    if (d.location.file == "fuzz.yaml" && (d.location.line < 0 || d.location.line > lines))
      std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  if (size > 4096) return 0;  // deep YAML nesting is yaml-cpp's recursion, not ours
  const std::string text(reinterpret_cast<const char*>(bytes), size);
  std::vector<shenpi::Diagnostic> out;
  if (auto doc = shenpi::detail::parse_yaml_text(text, "fuzz.yaml", out)) {
    shenpi::detail::RulebookData data = shared_facts();
    // As facts.yaml and materials.yaml of a second folder, then as an item
    // and a bundle against what those declared.
    shenpi::detail::load_shared_facts(*doc, data, out);
    shenpi::detail::load_catalog(*doc, data, out);
    if (auto item = shenpi::detail::load_item(*doc, data, data.strings, out))
      data.items.push_back(std::move(*item));
    if (auto bundle = shenpi::detail::load_bundle(*doc, out))
      data.bundles.push_back(std::move(*bundle));
    shenpi::detail::check_rulebook(data, out);
    print(*doc, out);
  }
  check_lines(text, out);
  (void)shenpi::diagnostics_to_json(out);
  check_lines(text, shenpi::parse_application(text, "fuzz.yaml").diagnostics);
  return 0;
}
