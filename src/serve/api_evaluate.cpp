// POST /v1/evaluate and /v1/evaluate-batch: applications in, decisions out,
// in the JSON of `shenpi eval --json` (docs/decision.md).
#include <algorithm>

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

/// The rulebook that decides `application`: the first holding its item. An
/// item no rulebook holds is decided by the first, which says SP602.
const Rulebook& deciding_book(const Snapshot& snap, const Application& application) {
  const Rulebook* book = snap.book_of_item(application.item);
  return book != nullptr ? *book : snap.first();
}

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
  const Rulebook& deciding = deciding_book(snap, *app.application);
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

std::string invalid_row(std::size_t index, const std::vector<Diagnostic>& diagnostics) {
  return one_line(fmt::format(R"({{"index":{},"error":"invalid_application","diagnostics":{}}})",
                              index, diagnostics_to_json(diagnostics)));
}

/// The applications of a batch that one rulebook decides, and where each
/// stands in the batch.
struct BookShare {
  const Rulebook* book = nullptr;
  std::vector<Application> applications;
  std::vector<std::size_t> index;
};

/// Decides every application of a batch and returns one compact JSON row
/// each, in input order. Reading is sequential (simdjson, a few µs each);
/// deciding and writing run on the library's evaluate_many thread pool.
std::vector<std::string> decide_all(ServeState& state, const Snapshot& snap,
                                    const std::vector<std::string_view>& texts) {
  std::vector<std::string> rows(texts.size());
  std::vector<BookShare> shares;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    ApplicationResult app = parse_application_json(texts[i], fmt::format("request[{}]", i));
    if (!app.application) {
      rows[i] = invalid_row(i, app.diagnostics);
      state.metrics.decision(std::nullopt);
      continue;
    }
    const Rulebook* book = &deciding_book(snap, *app.application);
    auto share = std::find_if(shares.begin(), shares.end(),
                              [&](const BookShare& s) { return s.book == book; });
    if (share == shares.end()) share = shares.insert(shares.end(), BookShare{book, {}, {}});
    share->applications.push_back(std::move(*app.application));
    share->index.push_back(i);
  }
  for (const BookShare& share : shares) {
    // Each row has one writer; the vector is never resized meanwhile.
    evaluate_many(*share.book, share.applications, [&](std::size_t k, const Decision& decision) {
      const std::size_t i = share.index[k];
      state.metrics.decision(decision.outcome);
      if (!append_decision_with_record(*share.book, share.applications[k], decision, rows[i])) {
        rows[i] = invalid_row(i, decision.diagnostics);
      }
    });
  }
  return rows;
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
  const std::vector<std::string> rows = decide_all(state, snap, texts);
  std::size_t size = 2;
  for (const auto& row : rows) size += row.size() + 1;
  std::string out;
  out.reserve(size);
  if (array) out += '[';
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (array && i > 0) out += ',';
    out += rows[i];
    if (!array) out += '\n';
  }
  if (array) out += ']';
  return {200,
          array ? "application/json" : "application/x-ndjson",
          std::move(out),
          Route::evaluate_batch,
          {}};
}

}  // namespace shenpi::detail
