// POST /v1/evaluate and /v1/evaluate-batch: applications in, decisions out,
// in the JSON of `shenpi eval --json` (docs/decision.md).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "serve/router.hpp"
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

Decided decide(ServeState& state, const Snapshot& snap, std::string_view text,
               const std::string& name, bool trace, bool notice = false) {
  Decided out;
  ApplicationResult app = parse_application(text, name);
  if (!app.application) {
    out.diagnostics = std::move(app.diagnostics);
    state.metrics.decision(std::nullopt);
    return out;
  }
  // An item no rulebook holds is decided by the first, which says SP602.
  const Rulebook* book = snap.book_of_item(app.application->item);
  const Rulebook& deciding = book != nullptr ? *book : snap.first();
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

/// Decides every application of a batch, in order. The one place a batch is
/// decided: when the library offers a parallel batch entry point, it
/// replaces this loop and nothing else changes.
std::vector<Decided> decide_all(ServeState& state, const Snapshot& snap,
                                const std::vector<std::string_view>& texts) {
  std::vector<Decided> out;
  out.reserve(texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    out.push_back(decide(state, snap, texts[i], fmt::format("request[{}]", i), false));
  }
  return out;
}

/// The top-level elements of a JSON array, as text spans. Strings are
/// skipped with their escapes so brackets inside them do not count. An
/// empty optional on an unbalanced or truncated array.
std::optional<std::vector<std::string_view>> split_array(std::string_view body) {
  std::vector<std::string_view> parts;
  int depth = 0;
  bool in_string = false;
  std::size_t start = std::string_view::npos;
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    if (c == '[' || c == '{') {
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

std::string item_result(std::size_t index, const Decided& d) {
  if (d.ok) return one_line(d.json);
  return one_line(fmt::format(R"({{"index":{},"error":"invalid_application","diagnostics":{}}})",
                              index, diagnostics_to_json(d.diagnostics)));
}

}  // namespace

ApiResponse handle_evaluate(ServeState& state, const Snapshot& snap, std::string_view body,
                            std::string_view query) {
  auto flag = [&](std::string_view name) {
    const auto v = query_value(query, name);
    return v && *v != "0" && *v != "false";
  };
  Decided d = decide(state, snap, body, "request", flag("trace"), flag("notice"));
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
  const std::vector<Decided> decided = decide_all(state, snap, texts);
  std::string out = array ? "[" : "";
  for (std::size_t i = 0; i < decided.size(); ++i) {
    if (array && i > 0) out += ',';
    out += item_result(i, decided[i]);
    if (!array) out += '\n';
  }
  if (array) out += "]";
  return {200,
          array ? "application/json" : "application/x-ndjson",
          std::move(out),
          Route::evaluate_batch,
          {}};
}

}  // namespace shenpi::detail
