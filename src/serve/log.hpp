// The service's log: one JSON object a line (access lines and events), to
// stderr or a file. Field names are ASCII; `message` is Chinese for people.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace shenpi::detail {

struct AccessEntry {
  std::string_view remote;
  std::string_view method;
  std::string_view target;
  std::string_view route;
  int status = 0;
  std::size_t bytes_in = 0;
  std::size_t bytes_out = 0;
  double seconds = 0;
};

/// Thread-safe: each line goes out in one fwrite, which stdio locks.
class ServeLog {
 public:
  ServeLog() = default;
  ~ServeLog();
  ServeLog(const ServeLog&) = delete;
  ServeLog& operator=(const ServeLog&) = delete;

  /// Opens `path` for appending; empty: stderr. False when it cannot be opened.
  bool open(const std::string& path);
  void access(const AccessEntry& entry);
  /// An event line: `{"time":…,"event":name, <fields>, "message":message}`.
  /// `fields` is a JSON object body without braces (`"ok":true,"items":3`), may be empty.
  void event(std::string_view name, std::string_view fields, std::string_view message);

 private:
  void write(std::string line);
  std::FILE* out_ = stderr;
  bool owned_ = false;
};

/// Now as `2026-12-01T19:20:00.123Z`.
std::string utc_timestamp();

}  // namespace shenpi::detail
