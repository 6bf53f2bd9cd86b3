#include "load/yaml_util.hpp"
#include "load/yaml_cache.hpp"
#include "shenpi/diagnostic_codes.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

namespace shenpi::detail {

bool read_text_file(const std::string& path, std::string& text, std::size_t max_bytes,
                    std::string* why) {
  const auto fail = [&](std::string reason) {
    if (why != nullptr) *why = std::move(reason);
    return false;
  };
  // POSIX reads into a buffer sized once: a rulebook has thousands of small
  // files, and stdio's buffer would be one more allocation and copy each.
  // O_NONBLOCK: opening a FIFO must not wait for a writer; a regular file
  // ignores the flag.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return fail(std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    const bool dir = S_ISDIR(st.st_mode);
    ::close(fd);
    return fail(dir ? "a folder, not a file" : "not a regular file (a device, FIFO or socket)");
  }
  if (static_cast<std::size_t>(st.st_size) > max_bytes) {
    ::close(fd);
    return fail(fmt::format("{} bytes, over the limit of {} bytes", st.st_size, max_bytes));
  }
  bool ok = true;
  text.clear();
  if (ok && st.st_size > 0) text.reserve(static_cast<std::size_t>(st.st_size));
  char buffer[16384];
  while (ok) {
    // Straight into the string when its size is known; pipes and /proc
    // files report 0 and go through the buffer.
    const std::size_t room = text.capacity() - text.size();
    ssize_t got = 0;
    if (room > 0) {
      const std::size_t old = text.size();
      text.resize(text.capacity());
      got = ::read(fd, text.data() + old, room);
      text.resize(old + static_cast<std::size_t>(std::max<ssize_t>(got, 0)));
    } else {
      got = ::read(fd, buffer, sizeof buffer);
      if (got > 0) text.append(buffer, static_cast<std::size_t>(got));
    }
    if (got < 0) {
      if (errno == EINTR) continue;
      ok = false;
    }
    if (got <= 0) break;
    if (text.size() > max_bytes) {  // a file that grew while being read
      ::close(fd);
      return fail(fmt::format("over the limit of {} bytes", max_bytes));
    }
  }
  ::close(fd);
  return ok ? true : fail(std::strerror(errno));
}

namespace {

/// Length of the UTF-8 sequence at `at`, or 0 when it is not well formed
/// (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF).
std::size_t utf8_sequence(std::string_view s, std::size_t at) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[at + k]); };
  const unsigned char b0 = byte(0);
  if (b0 < 0x80) return 1;
  std::size_t n = 0;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (at + n > s.size()) return 0;
  if (byte(1) < lo || byte(1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k) {
    if (byte(k) < 0x80 || byte(k) > 0xBF) return 0;
  }
  return n;
}

/// The place of the first byte that is not UTF-8, or nullopt. Text that
/// is not UTF-8 would pass the parser and fail later, far from its cause
/// (in JSON output or in Python).
std::optional<SourceLocation> invalid_utf8(std::string_view s, const std::string& name,
                                           unsigned& byte) {
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t at = 0; at < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[at]);
    if (c < 0x80) {  // the common case, one byte at a time
      if (c == '\n') {
        ++line;
        line_start = at + 1;
      }
      ++at;
      continue;
    }
    const std::size_t n = utf8_sequence(s, at);
    if (n == 0) {
      byte = c;
      return SourceLocation{name, line, static_cast<int>(at - line_start) + 1};
    }
    at += n;
  }
  return std::nullopt;
}

/// YAML 1.2 (5.4) reads CR LF, CR and LF alike as line breaks, but
/// yaml-cpp breaks lines only at LF: a file saved with CR alone (classic
/// Mac) would read as one line, and one that starts with a comment as
/// empty. A lone CR becomes LF, byte for byte, so columns and the source
/// lines shown under diagnostics stay where they were.
void normalize_line_breaks(std::string& text) {
  for (auto at = text.find('\r'); at != std::string::npos; at = text.find('\r', at + 1)) {
    if (at + 1 == text.size() || text[at + 1] != '\n') text[at] = '\n';
  }
}

}  // namespace

std::optional<YamlDocument> parse_yaml_text(std::string text, const std::string& name,
                                            std::vector<Diagnostic>& out, YamlCache* cache) {
  normalize_line_breaks(text);
  unsigned bad = 0;
  if (const auto where = invalid_utf8(text, name, bad)) {
    out.push_back(make_diagnostic(
        codes::yaml_syntax, *where,
        fmt::format("invalid UTF-8: byte 0x{:02X} (save the file as UTF-8 without other encodings)",
                    bad)));
    return std::nullopt;
  }
  YamlDocument doc{name, std::move(text), nullptr, {}};
  yaml::ParseError error;
  // The cache keys the text as checked above: only YAML in UTF-8 is cached.
  doc.tree = cache != nullptr ? cache->parse(doc.text, error) : yaml::parse(doc.text, error);
  if (!doc.tree) {
    out.push_back(make_diagnostic(codes::yaml_syntax, {name, error.line, error.column},
                                  fmt::format("invalid YAML: {}", error.message)));
    return std::nullopt;
  }
  doc.root = yaml::Node(doc.tree.get(), 0);
  return doc;
}

std::optional<YamlDocument> read_yaml_file(const std::string& path, std::vector<Diagnostic>& out,
                                           std::size_t max_bytes, YamlCache* cache) {
  std::string text;
  std::string why;
  if (!read_text_file(path, text, max_bytes, &why)) {
    out.push_back(
        make_diagnostic(codes::unreadable_source, {path, 0, 0}, "cannot read file: " + why));
    return std::nullopt;
  }
  return parse_yaml_text(std::move(text), path, out, cache);
}

SourceLocation YamlReader::location(const yaml::Node& node) const {
  return {doc_.file, node.line(), node.column()};
}

void YamlReader::report(std::string_view code, const yaml::Node& node, std::string message) const {
  out_.push_back(make_diagnostic(code, location(node), std::move(message)));
}

void YamlReader::report(std::string_view code, SourceLocation where, std::string message) const {
  out_.push_back(make_diagnostic(code, std::move(where), std::move(message)));
}

namespace {

const char* kind_name(const yaml::Node& node) {
  switch (node.kind()) {
    case yaml::Kind::map:
      return "a mapping";
    case yaml::Kind::sequence:
      return "a list";
    case yaml::Kind::scalar:
      return "a scalar";
    case yaml::Kind::null:
      return "nothing";
    default:
      return "an undefined value";
  }
}

}  // namespace

bool YamlReader::expect_map(const yaml::Node& node, std::string_view what) const {
  if (node.is_map()) return true;
  report(codes::wrong_type, node,
         fmt::format("{} must be a mapping, found {}", what, kind_name(node)));
  return false;
}

bool YamlReader::expect_sequence(const yaml::Node& node, std::string_view what) const {
  if (node.is_sequence()) return true;
  report(codes::wrong_type, node,
         fmt::format("{} must be a list, found {}", what, kind_name(node)));
  return false;
}

void YamlReader::check_keys(const yaml::Node& map, std::initializer_list<std::string_view> allowed,
                            std::string_view what) const {
  // Maps here have a handful of keys: a linear scan beats a set's allocations.
  std::vector<std::string_view> seen;
  seen.reserve(16);
  for (const auto& kv : map.entries()) {
    if (!kv.first.is_scalar()) {
      report(codes::wrong_type, kv.first, fmt::format("keys of {} must be plain names", what));
      continue;
    }
    const std::string_view key = kv.first.scalar();
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
      report(codes::duplicate_id, kv.first, fmt::format("key '{}' given twice in {}", key, what));
    }
    seen.push_back(key);
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      report(
          codes::unknown_key, kv.first,
          fmt::format("unknown key '{}' in {} (allowed: {})", key, what, fmt::join(allowed, ", ")));
    }
  }
}

bool YamlReader::require(const yaml::Node& map, std::string_view key, std::string_view what) const {
  if (map[key]) return true;
  report(codes::missing_key, map, fmt::format("{} lacks required key '{}'", what, key));
  return false;
}

std::optional<std::string> YamlReader::scalar(const yaml::Node& node, std::string_view what) const {
  if (node.is_scalar()) return node.scalar();
  report(codes::wrong_type, node,
         fmt::format("{} must be a scalar, found {}", what, kind_name(node)));
  return std::nullopt;
}

std::optional<bool> YamlReader::boolean(const yaml::Node& node, std::string_view what) const {
  if (node.is_scalar()) {
    const auto& s = node.scalar();
    if (s == "true" || s == "True" || s == "yes") return true;
    if (s == "false" || s == "False" || s == "no") return false;
  }
  report(codes::wrong_type, node, fmt::format("{} must be true or false", what));
  return std::nullopt;
}

std::optional<long long> YamlReader::integer(const yaml::Node& node, std::string_view what) const {
  if (node.is_scalar()) {
    const auto& s = node.scalar();
    std::size_t used = 0;
    try {
      const long long v = std::stoll(s, &used);
      if (used == s.size()) return v;
    } catch (const std::exception&) {
      // falls through to the diagnostic
    }
  }
  report(codes::wrong_type, node, fmt::format("{} must be a whole number", what));
  return std::nullopt;
}

std::optional<double> YamlReader::number(const yaml::Node& node, std::string_view what) const {
  if (node.is_scalar()) {
    const auto& s = node.scalar();
    std::size_t used = 0;
    try {
      const double v = std::stod(s, &used);
      if (used == s.size() && std::isfinite(v)) return v;
    } catch (const std::exception&) {
      // falls through to the diagnostic
    }
  }
  report(codes::wrong_type, node, fmt::format("{} must be a number", what));
  return std::nullopt;
}

std::optional<Duration> YamlReader::duration(const yaml::Node& node, std::string_view what) const {
  auto text = scalar(node, what);
  if (!text) return std::nullopt;
  if (auto d = parse_duration(*text)) return d;
  report(codes::bad_duration, node,
         fmt::format("{}: '{}' is not a duration (write `5 working days`, `20 days`, `5个工作日`, "
                     "`20日`, `即办` or `immediate`)",
                     what, *text));
  return std::nullopt;
}

std::optional<Date> YamlReader::date(const yaml::Node& node, std::string_view what) const {
  auto text = scalar(node, what);
  if (!text) return std::nullopt;
  if (auto d = Date::parse(*text)) return d;
  report(codes::bad_date, node, fmt::format("{}: '{}' is not a date (YYYY-MM-DD)", what, *text));
  return std::nullopt;
}

std::optional<std::vector<std::string>> YamlReader::string_list(const yaml::Node& node,
                                                                std::string_view what) const {
  std::vector<std::string> values;
  if (node.is_scalar()) {
    values.push_back(node.scalar());
    return values;
  }
  if (node.is_null()) return values;
  if (!expect_sequence(node, what)) return std::nullopt;
  bool ok = true;
  for (const auto& element : node) {
    if (auto s = scalar(element, fmt::format("an element of {}", what))) {
      values.push_back(*s);
    } else {
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return values;
}

std::string_view YamlReader::source_line(int line) const {
  std::string_view text = doc_.text;
  for (int i = 1; i < line; ++i) {
    const auto nl = text.find('\n');
    if (nl == std::string_view::npos) return {};
    text.remove_prefix(nl + 1);
  }
  const auto nl = text.find('\n');
  auto result = text.substr(0, nl);
  if (!result.empty() && result.back() == '\r') result.remove_suffix(1);
  return result;
}

namespace {

/// Indentation (0-based) of the first non-blank line among `count` lines
/// of `text` from line `from` (1-based); -1 when all are blank. One pass,
/// so a huge block scalar costs linear time.
int first_indent(std::string_view text, int from, int count) {
  for (int i = 1; i < from; ++i) {
    const auto nl = text.find('\n');
    if (nl == std::string_view::npos) return -1;
    text.remove_prefix(nl + 1);
  }
  for (int k = 0; k < count; ++k) {
    const auto at = text.substr(0, text.find('\n')).find_first_not_of(" \t\r");
    if (at != std::string_view::npos) return static_cast<int>(at);
    const auto nl = text.find('\n');
    if (nl == std::string_view::npos) return -1;
    text.remove_prefix(nl + 1);
  }
  return -1;
}

}  // namespace

TextOrigin YamlReader::origin(const yaml::Node& node) const {
  TextOrigin origin;
  origin.file = doc_.file;
  const SourceLocation start = location(node);
  const std::string_view line = source_line(start.line);
  const auto col = static_cast<std::size_t>(start.column > 0 ? start.column - 1 : 0);
  const char lead = col < line.size() ? line[col] : '\0';
  if (lead == '|' || lead == '>') {
    // A block scalar: line k of its text is line k after the indicator
    // (leading blank lines are part of the text), every line at the
    // indentation of the first non-blank one.
    const std::string& text = node.scalar();
    const auto count = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
    const int indent = first_indent(doc_.text, start.line + 1, count);
    if (indent < 0) {
      // Nothing but blank lines: point at the indicator, not past the file.
      origin.lines.push_back({start.line, start.column});
      return origin;
    }
    for (int k = 0; k < count; ++k) origin.lines.push_back({start.line + 1 + k, indent + 1});
    return origin;
  }
  const int skip = (lead == '"' || lead == '\'') ? 1 : 0;
  origin.lines.push_back({start.line, start.column + skip});
  return origin;
}

}  // namespace shenpi::detail
