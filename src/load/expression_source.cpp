// Where each character of an expression sits in its YAML file. YAML changes
// a scalar's text on the way in: plain and quoted scalars fold line breaks
// into spaces, quoted ones decode escapes. A TextOrigin can only restart at
// a newline of the text, so the expression is compiled from a copy in which
// every fold is a newline again (both are whitespace to an expression) and
// each line of the copy starts where its source line does. Columns are exact
// except inside a string literal after an escape (`\"a\tb\"`).
#include "load/yaml_util.hpp"

namespace shenpi::detail {
namespace {

bool blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/// True when `src` starts with whitespace that runs into a line break.
bool folds(std::string_view src) {
  for (const char c : src) {
    if (c == '\n') return true;
    if (!blank(c)) return false;
  }
  return false;
}

/// Bytes of the escape at `src` (after its backslash) and of its decoded
/// text, for a YAML double-quoted scalar; {0, 0} when unknown.
std::pair<std::size_t, std::size_t> escape_size(std::string_view src) {
  if (src.empty()) return {0, 0};
  const auto hex = [&](std::size_t digits) -> std::pair<std::size_t, std::size_t> {
    if (src.size() < 1 + digits) return {0, 0};
    unsigned long code = 0;
    for (std::size_t k = 1; k <= digits; ++k) {
      const char c = src[k];
      const int v = c >= '0' && c <= '9'   ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                           : -1;
      if (v < 0) return {0, 0};
      code = code * 16 + static_cast<unsigned long>(v);
    }
    const std::size_t bytes = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    return {1 + digits, bytes};
  };
  switch (src[0]) {
    case 'x':
      return hex(2);
    case 'u':
      return hex(4);
    case 'U':
      return hex(8);
    case 'N':
    case '_':
      return {1, 2};  // U+0085, U+00A0
    case 'L':
    case 'P':
      return {1, 3};  // U+2028, U+2029
    default:
      return {1, 1};
  }
}

/// Walks the scalar's source and its text side by side. Returns false when
/// they cannot be matched; the caller then falls back to the start.
bool align(std::string_view src, int line, int column, char quote, const std::string& text,
           ExpressionSource& out) {
  std::size_t i = 0;       // in text
  std::size_t j = 0;       // in src
  bool in_string = false;  // inside an expression's "..." literal
  const auto step = [&](std::size_t n) {
    for (std::size_t k = 0; k < n && j < src.size(); ++k, ++j) {
      if (src[j] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
  };
  // Appends to the copy; every newline in it starts a line at the current
  // source position, since TextOrigin counts lines by newlines.
  const auto emit = [&](std::string_view chars) {
    for (const char c : chars) {
      if (c == '"' && (out.text.empty() || out.text.back() != '\\')) in_string = !in_string;
      out.text += c;
      if (c == '\n') out.origin.lines.push_back({line, column});
    }
  };
  out.origin.lines.push_back({line, column});
  while (i < text.size()) {
    if (j >= src.size()) return false;
    const char c = text[i];
    const std::string_view rest(text.data() + i, text.size() - i);
    if (quote == '"' && src[j] == '\\') {
      const auto [length, bytes] = escape_size(src.substr(j + 1));
      // An escaped line break joins lines without a character: no match.
      if (length == 0 || src[j + 1] == '\n' || src[j + 1] == '\r' || bytes > rest.size()) {
        return false;
      }
      step(1 + length);
      emit(rest.substr(0, bytes));
      i += bytes;
      // The escape is longer than its character, so columns after it would
      // drift; after a closing quote or a blank an extra newline (harmless
      // between tokens) restarts the mapping exactly where the source goes on.
      const char decoded = out.text.back();
      if (bytes == 1 && !in_string && (decoded == '"' || decoded == ' ' || decoded == '\t')) {
        emit("\n");
      }
    } else if (quote == '\'' && c == '\'' && src.substr(j, 2) == "''") {
      step(2);
      emit(rest.substr(0, 1));
      ++i;
    } else if (blank(c) && folds(src.substr(j))) {
      // A line break in the source, with the whitespace around it, became
      // one space (or newlines for blank lines) in the text.
      const int before = line;
      while (j < src.size() && blank(src[j])) step(1);
      const std::size_t from = i;
      while (i < text.size() && (text[i] == ' ' || text[i] == '\n')) ++i;
      // Inside a string literal the value must not change: keep YAML's.
      emit(line == before || in_string ? std::string_view(text).substr(from, i - from) : "\n");
    } else if (src[j] == c && c != '\n') {
      emit(rest.substr(0, 1));
      ++i;
      step(1);
    } else {
      return false;
    }
  }
  return true;
}

/// Offset of 1-based `line`:`column` in `text`, or npos.
std::size_t offset_of(std::string_view text, int line, int column) {
  std::size_t at = 0;
  for (int l = 1; l < line; ++l) {
    at = text.find('\n', at);
    if (at == std::string_view::npos) return at;
    ++at;
  }
  at += static_cast<std::size_t>(column - 1);
  return at <= text.size() ? at : std::string_view::npos;
}

}  // namespace

ExpressionSource YamlReader::expression_source(const yaml::Node& node) const {
  ExpressionSource result{node.scalar(), origin(node)};
  const SourceLocation start = location(node);
  const std::size_t at = start.line > 0 && start.column > 0
                             ? offset_of(doc_.text, start.line, start.column)
                             : std::string_view::npos;
  if (at == std::string_view::npos || at >= doc_.text.size()) return result;
  const char lead = doc_.text[at];
  if (lead == '|') return result;  // a literal block: origin() maps it line by line
  const char quote = lead == '"' || lead == '\'' ? lead : '\0';
  std::size_t first = at + (quote != '\0' ? 1 : 0);
  int line = start.line;
  int column = start.column + (quote != '\0' ? 1 : 0);
  if (lead == '>') {
    // A folded block starts at the first character after the indicator's
    // line; leading blank lines of its text are left to origin().
    first = doc_.text.find('\n', at);
    if (result.text.empty() || result.text.front() == '\n' || first == std::string::npos) {
      return result;
    }
    for (++first, ++line, column = 1; first < doc_.text.size() && blank(doc_.text[first]);
         ++first) {
      column = doc_.text[first] == '\n' ? 1 : column + 1;
      line += doc_.text[first] == '\n' ? 1 : 0;
    }
  }
  ExpressionSource aligned;
  aligned.origin.file = doc_.file;
  if (align(std::string_view(doc_.text).substr(first), line, column, quote, result.text, aligned)) {
    return aligned;
  }
  if (lead == '>') return result;
  // Unmatched (should not happen): keep every line on the scalar's first
  // line rather than counting lines the file does not have.
  const auto count = std::count(result.text.begin(), result.text.end(), '\n') + 1;
  result.origin.lines.assign(static_cast<std::size_t>(count), result.origin.lines.front());
  return result;
}

}  // namespace shenpi::detail
