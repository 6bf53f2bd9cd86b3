// Reading applications from JSON text with simdjson: the fast path for the
// text department systems send. Same diagnostics as the YAML reader
// (src/evaluate/application.cpp); simdjson stays behind this header.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shenpi/evaluate.hpp"

namespace shenpi::detail {

/// Bytes a caller must leave readable after JSON text it hands in as
/// already padded (simdjson reads ahead in 64-byte blocks).
inline constexpr std::size_t kJsonPadding = 64;

/// Parses `{"application": {...}}` documents. Holds simdjson's parser and
/// its buffers, so one reader parses many documents without allocating
/// again. Not thread-safe: one reader per thread.
class JsonApplicationReader {
 public:
  JsonApplicationReader();
  ~JsonApplicationReader();
  JsonApplicationReader(const JsonApplicationReader&) = delete;
  JsonApplicationReader& operator=(const JsonApplicationReader&) = delete;

  /// Parses `text` into `out` (cleared first, its storage reused).
  /// `capacity` is how many bytes from text.data() may be read: at least
  /// text.size() + kJsonPadding, or the text is copied first. Locations
  /// are `name:line:column`, lines counted from `first_line`. Returns false
  /// and appends diagnostics (SP601, SP607, SP608) when the text is no
  /// well-formed application.
  bool read(std::string_view text, std::size_t capacity, const std::string& name, int first_line,
            Application& out, std::vector<Diagnostic>& diagnostics);
  /// Reads and decides `text` into `out` (Rulebook::evaluate_json):
  /// straight into out's bound application through a SlotBinder when the
  /// text is an application in the usual form, else by read() and
  /// decide_into, with their diagnostics. The same decision either way.
  /// `capacity` and locations as for read(). True when the fast path
  /// decided it (for tests and benchmarks; the decision is the same).
  bool decide(std::string_view text, std::size_t capacity, const std::string& name, int first_line,
              const Rulebook& book, std::optional<Date> as_of, Decision& out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// True when `text` starts (after white space) with `{`: a JSON document.
bool looks_like_json(std::string_view text);

}  // namespace shenpi::detail
