// The version macros come from CMake's project version and agree with each other.
#include <string>

#include <doctest/doctest.h>

#include "shenpi/shenpi.hpp"

TEST_CASE("the version macros agree") {
  const std::string composed = std::to_string(SHENPI_VERSION_MAJOR) + "." +
                               std::to_string(SHENPI_VERSION_MINOR) + "." +
                               std::to_string(SHENPI_VERSION_PATCH);
  CHECK(composed == SHENPI_VERSION_STRING);
  CHECK(SHENPI_VERSION ==
        SHENPI_VERSION_MAJOR * 10000 + SHENPI_VERSION_MINOR * 100 + SHENPI_VERSION_PATCH);
  static_assert(SHENPI_VERSION >= 100, "0.1.0 or later");
}
