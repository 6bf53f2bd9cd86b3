#include <algorithm>
#include <tuple>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "shenpi/diagnostics.hpp"

namespace shenpi {

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::note:
      return "note";
    case Severity::warning:
      return "warning";
    case Severity::error:
      return "error";
  }
  return "error";
}

Diagnostic make_diagnostic(std::string_view code, SourceLocation location, std::string message) {
  const DiagnosticInfo* info = find_diagnostic(code);
  Diagnostic d;
  d.code = std::string(code);
  d.severity = info ? info->severity : Severity::error;
  d.location = std::move(location);
  d.message = std::move(message);
  return d;
}

bool has_errors(std::span<const Diagnostic> diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

void sort_diagnostics(std::vector<Diagnostic>& diagnostics) {
  auto key = [](const Diagnostic& d) {
    return std::tie(d.location.file, d.location.line, d.location.column, d.code, d.message);
  };
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
  diagnostics.erase(std::unique(diagnostics.begin(), diagnostics.end()), diagnostics.end());
}

namespace {

std::string where(const SourceLocation& loc) {
  if (loc.file.empty()) return "shenpi";
  if (loc.line <= 0) return loc.file;
  if (loc.column <= 0) return fmt::format("{}:{}", loc.file, loc.line);
  return fmt::format("{}:{}:{}", loc.file, loc.line, loc.column);
}

}  // namespace

std::string format_diagnostic(const Diagnostic& d, std::string_view source_line) {
  std::string out =
      fmt::format("{}: {}[{}]: {}\n", where(d.location), to_string(d.severity), d.code, d.message);
  if (!source_line.empty() && d.location.column > 0) {
    out += fmt::format("  {}\n  ", source_line);
    // Keep tabs so the caret lines up under the source in a terminal.
    const auto col = static_cast<std::size_t>(d.location.column - 1);
    for (std::size_t i = 0; i < col && i < source_line.size(); ++i) {
      const auto c = static_cast<unsigned char>(source_line[i]);
      if (c == '\t') {
        out += '\t';
      } else if ((c & 0xC0U) != 0x80U) {
        // A CJK character is two cells wide in a terminal.
        out += c >= 0xE0U ? "  " : " ";
      }
    }
    out += "^\n";
  }
  for (const auto& n : d.notes) out += fmt::format("{}: note: {}\n", where(n.location), n.message);
  return out;
}

std::string diagnostics_to_json(std::span<const Diagnostic> diagnostics) {
  auto loc = [](const SourceLocation& l) {
    return nlohmann::json{{"file", l.file}, {"line", l.line}, {"column", l.column}};
  };
  nlohmann::json array = nlohmann::json::array();
  for (const auto& d : diagnostics) {
    nlohmann::json j = loc(d.location);
    j["code"] = d.code;
    j["severity"] = std::string(to_string(d.severity));
    j["message"] = d.message;
    j["notes"] = nlohmann::json::array();
    for (const auto& n : d.notes) {
      nlohmann::json nj = loc(n.location);
      nj["message"] = n.message;
      j["notes"].push_back(nj);
    }
    array.push_back(std::move(j));
  }
  // Messages quote rule files, which may hold invalid UTF-8; JSON must stay
  // valid (and dump must not throw), so bad bytes become U+FFFD.
  return array.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace shenpi
