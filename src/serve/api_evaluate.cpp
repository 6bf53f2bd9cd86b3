// POST /v1/evaluate and /v1/evaluate-batch: applications in, decisions out,
// in the JSON of `shenpi eval --json` (docs/decision.md).
#include <array>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "record/record_json.hpp"
#include "serve/router.hpp"
#include "shenpi/batch.hpp"
#include "shenpi/diagnostic_codes.hpp"
#include "shenpi/evaluate.hpp"
#include "shenpi/notice.hpp"
#include "shenpi/record.hpp"

namespace shenpi::detail {
namespace {

/// One application decided: the decision JSON, or the diagnostics that kept
/// it from being decided. Malformed input is the caller's error, never ours.
struct Decided {
  bool ok = false;
  std::string json;  ///< decision JSON when ok
  std::vector<Diagnostic> diagnostics;
};

Decided decide(ServeState& state, const Snapshot& snap, std::string_view text, bool trace,
               bool notice) {
  Decided out;
  // The API takes JSON only: simdjson's reader, no YAML fallback.
  ApplicationResult app = parse_application_json(text, "request");
  if (!app.application) {
    out.diagnostics = std::move(app.diagnostics);
    state.metrics.decision(std::nullopt);
    return out;
  }
  const Rulebook& deciding = snap.deciding_book(*app.application);
  const Decision decision = deciding.evaluate(*app.application);
  state.metrics.decision(decision.outcome);
  if (!decision.valid()) {
    out.diagnostics = decision.diagnostics;
    return out;
  }
  out.ok = true;
  out.json = decision_json_with_record(deciding, *app.application, decision, trace);
  if (notice) {
    // The clerk's notice beside the data, for the site's 自助预审 form: one
    // more member before the closing brace of the decision object.
    const std::size_t close = out.json.rfind('}');
    out.json.insert(close,
                    ",\n  \"notice\": " + nlohmann::json(render_notice(decision)).dump() + "\n");
  }
  return out;
}

/// Bytes the array splitter must look at; any other byte inside an
/// element is skipped in a tight loop (most of a batch is such bytes).
constexpr std::array<bool, 256> kStructural = [] {
  std::array<bool, 256> t{};
  for (const unsigned char c : {'"', '[', ']', '{', '}', ','}) t[c] = true;
  return t;
}();

bool structural(char c) {
  return kStructural[static_cast<unsigned char>(c)];
}

/// The index of the quote closing the string whose content starts at
/// `from`, or npos; a backslash escapes the byte after it.
std::size_t string_end(std::string_view body, std::size_t from) {
  for (std::size_t i = from; i < body.size(); ++i) {
    if (body[i] == '\\')
      ++i;
    else if (body[i] == '"')
      return i;
  }
  return std::string_view::npos;
}

/// The top-level elements of a JSON array, as text spans. Strings are
/// skipped with their escapes so brackets inside them do not count. An
/// empty optional on an unbalanced or truncated array.
std::optional<std::vector<std::string_view>> split_array(std::string_view body) {
  std::vector<std::string_view> parts;
  int depth = 0;
  std::size_t start = std::string_view::npos;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (depth > 1 || start != std::string_view::npos) {
      // Inside an element: only structure matters.
      while (i < body.size() && !structural(body[i])) ++i;
      if (i == body.size()) break;
    }
    const char c = body[i];
    if (c == '"') {
      if (depth == 1 && start == std::string_view::npos) start = i;  // a string element
      i = string_end(body, i + 1);
      if (i == std::string_view::npos) return std::nullopt;
    } else if (c == '[' || c == '{') {
      if (depth == 1 && start == std::string_view::npos) start = i;
      ++depth;
    } else if (c == ']' || c == '}') {
      --depth;
      if (depth == 0) {
        if (start != std::string_view::npos) parts.push_back(body.substr(start, i - start));
        return body.find_first_not_of(" \t\r\n", i + 1) == std::string_view::npos
                   ? std::optional(parts)
                   : std::nullopt;
      }
    } else if (c == ',' && depth == 1) {
      if (start == std::string_view::npos) return std::nullopt;  // `[,` or `,,`
      parts.push_back(body.substr(start, i - start));
      start = std::string_view::npos;
    } else if (depth == 1 && start == std::string_view::npos && c != ' ' && c != '\t' &&
               c != '\r' && c != '\n') {
      start = i;  // a scalar element: parse_application will say what is wrong
    }
  }
  return std::nullopt;
}

/// JSON Lines: one application a line; blank lines are skipped.
std::vector<std::string_view> split_lines(std::string_view body) {
  std::vector<std::string_view> lines;
  while (!body.empty()) {
    const std::size_t nl = body.find('\n');
    const std::string_view line = body.substr(0, nl);
    if (line.find_first_not_of(" \t\r") != std::string_view::npos) lines.push_back(line);
    if (nl == std::string_view::npos) break;
    body.remove_prefix(nl + 1);
  }
  return lines;
}

}  // namespace

ApiResponse handle_evaluate(ServeState& state, const Snapshot& snap, std::string_view body,
                            std::string_view query) {
  auto flag = [&](std::string_view name) {
    const auto v = query_value(query, name);
    return v && *v != "0" && *v != "false";
  };
  Decided d = decide(state, snap, body, flag("trace"), flag("notice"));
  if (!d.ok) return error_response(400, Route::evaluate, "invalid_application", d.diagnostics);
  // Byte for byte what `shenpi eval --json` prints.
  return {200, "application/json", std::move(d.json) + "\n", Route::evaluate, {}};
}

ApiResponse handle_evaluate_batch(ServeState& state, const Snapshot& snap, std::string_view body) {
  const std::size_t first = body.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    return error_response(400, Route::evaluate_batch, "bad_batch",
                          {make_diagnostic(codes::bad_batch, {},
                                           "the batch is empty: send a JSON array or JSON Lines")});
  }
  const bool array = body[first] == '[';
  std::vector<std::string_view> texts;
  if (array) {
    auto parts = split_array(body.substr(first));
    if (!parts) {
      return error_response(
          400, Route::evaluate_batch, "bad_batch",
          {make_diagnostic(codes::bad_batch, {}, "the batch is not a well-formed JSON array")});
    }
    texts = std::move(*parts);
  } else {
    texts = split_lines(body);
  }
  std::string out = decide_batch(state, snap, texts, array);
  return {200,
          array ? "application/json" : "application/x-ndjson",
          std::move(out),
          Route::evaluate_batch,
          {}};
}

}  // namespace shenpi::detail
