// Diagnostics: source locations, stable codes, GCC-style printing.
#pragma once

#include <compare>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace shenpi {

/// A place in a source file. Lines and columns are 1-based; 0 means "unknown".
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;

  auto operator<=>(const SourceLocation&) const = default;
};

enum class Severity { note, warning, error };

/// "note", "warning" or "error".
std::string_view to_string(Severity severity);

/// A secondary message attached to a diagnostic ("declared here").
struct DiagnosticNote {
  SourceLocation location;
  std::string message;

  bool operator==(const DiagnosticNote&) const = default;
};

/// One problem found in a rule file, an application or a case timeline.
/// A value type: copyable, comparable, no ties to the rulebook it came from.
struct Diagnostic {
  std::string code;  ///< stable code such as "SP203"; see docs/diagnostics.md
  Severity severity = Severity::error;
  SourceLocation location;
  std::string message;
  std::vector<DiagnosticNote> notes;

  bool operator==(const Diagnostic&) const = default;
};

/// An entry of the diagnostic catalogue: every code shenpi can emit.
struct DiagnosticInfo {
  std::string_view code;
  std::string_view name;  ///< kebab-case name, usable to silence a warning
  Severity severity;      ///< default severity
  std::string_view summary;
};

/// The whole catalogue, sorted by code. Static storage; thread-safe.
std::span<const DiagnosticInfo> diagnostic_catalog();

/// Looks up a code ("SP203") or a name ("vague-material"); nullptr if unknown.
const DiagnosticInfo* find_diagnostic(std::string_view code_or_name);

/// Builds a diagnostic with the catalogue's severity for `code`.
Diagnostic make_diagnostic(std::string_view code, SourceLocation location, std::string message);

/// True when any diagnostic is an error.
bool has_errors(std::span<const Diagnostic> diagnostics);

/// Sorts by file, line, column, code and message, and drops exact duplicates,
/// so output is deterministic.
void sort_diagnostics(std::vector<Diagnostic>& diagnostics);

/// `file:line:col: error[SP203]: message`, plus one line per note.
/// When `source_line` is given, the line and a caret under the column follow.
std::string format_diagnostic(const Diagnostic& diagnostic, std::string_view source_line = {});

/// Diagnostics as a JSON array (code, severity, file, line, column, message, notes).
std::string diagnostics_to_json(std::span<const Diagnostic> diagnostics);

}  // namespace shenpi
