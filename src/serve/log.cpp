#include "serve/log.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace shenpi::detail {
namespace {

/// A JSON string; bytes that are not UTF-8 (a hostile target) become U+FFFD.
/// Printable ASCII without quote or backslash (every ordinary address,
/// method and path) is written as it is: a line per request must be cheap.
std::string quoted(std::string_view text) {
  const bool plain = std::all_of(text.begin(), text.end(), [](char c) {
    return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
  });
  if (plain) {
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    out += text;
    out += '"';
    return out;
  }
  return nlohmann::json(std::string(text))
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

ServeLog::~ServeLog() {
  if (owned_) std::fclose(out_);
}

bool ServeLog::open(const std::string& path) {
  if (path.empty()) return true;
  std::FILE* f = std::fopen(path.c_str(), "a");
  if (f == nullptr) return false;
  std::setvbuf(f, nullptr, _IOLBF, 1 << 16);
  out_ = f;
  owned_ = true;
  return true;
}

void ServeLog::write(std::string line) {
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), out_);
}

std::string utc_timestamp() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
}

void ServeLog::access(const AccessEntry& e) {
  write(fmt::format(
      R"({{"time":"{}","event":"request","remote":{},"method":{},"target":{},"route":"{}",)"
      R"("status":{},"bytes_in":{},"bytes_out":{},"duration_ms":{:.3f}}})",
      utc_timestamp(), quoted(e.remote), quoted(e.method), quoted(e.target), e.route, e.status,
      e.bytes_in, e.bytes_out, e.seconds * 1e3));
}

void ServeLog::event(std::string_view name, std::string_view fields, std::string_view message) {
  write(fmt::format(R"({{"time":"{}","event":"{}",{}{}"message":{}}})", utc_timestamp(), name,
                    fields, fields.empty() ? "" : ",", quoted(message)));
}

}  // namespace shenpi::detail
