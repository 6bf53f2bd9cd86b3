// LoadOptions::disabled: known codes and names silence warnings; a name the
// catalogue does not know is reported (SP111), never silently ignored.
#include <algorithm>

#include "diag_helpers.hpp"

using namespace shenpi;
using namespace shenpi::test;

namespace {

int count(const std::vector<Diagnostic>& out, std::string_view code) {
  return static_cast<int>(
      std::count_if(out.begin(), out.end(), [&](const Diagnostic& d) { return d.code == code; }));
}

}  // namespace

TEST_CASE("an unknown name in LoadOptions.disabled is warning SP111") {
  LoadOptions options = test_options();
  options.disabled = {"SP302", "missing-basis", "SP999"};
  const LoadResult r = load_fixture("check/warnings", options);
  REQUIRE(r.ok());  // a warning: the rulebook still loads
  CHECK(count(r.diagnostics, "SP302") == 0);
  REQUIRE(count(r.diagnostics, "SP111") == 2);
  for (const auto& d : r.diagnostics) {
    if (d.code != "SP111") continue;
    CHECK(d.severity == Severity::warning);
    CHECK(d.location.file.empty());
    const bool named = d.message.find("'missing-basis'") != std::string::npos ||
                       d.message.find("'SP999'") != std::string::npos;
    CHECK_MESSAGE(named, d.message);
  }
}

TEST_CASE("known codes and names in LoadOptions.disabled give no SP111") {
  LoadOptions options = test_options();
  options.disabled = {"SP302", "condition-without-basis", "SP111"};
  const LoadResult r = load_fixture("check/warnings", options);
  CHECK(count(r.diagnostics, "SP111") == 0);
  CHECK(count(r.diagnostics, "SP302") == 0);
  CHECK(count(r.diagnostics, "SP303") == 0);
}
