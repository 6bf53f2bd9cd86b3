// JSON application text into shenpi::Application with simdjson, for the
// peer driver only. The library reads JSON through its YAML reader today
// (slow, but with line/column diagnostics); this reader is what an
// embedding department system would write against the public API, so the
// driver can show both paths side by side. When the library gains its own
// JSON path (issue #13, point 1) the driver should call that instead.
#pragma once

#include <simdjson.h>

#include <string>
#include <string_view>

#include "shenpi/evaluate.hpp"

namespace peers {

/// Reads one `{"application": {...}}` document of `length` bytes at `data`;
/// `capacity` bytes are readable from `data` (simdjson reads ahead, so at
/// least length + SIMDJSON_PADDING). On failure returns false and says why
/// in `error`; `out` is then unspecified. `out` is overwritten, so one
/// Application can be reused line after line.
bool read_json_application(simdjson::ondemand::parser& parser, const char* data, std::size_t length,
                           std::size_t capacity, shenpi::Application& out, std::string& error);

}  // namespace peers
