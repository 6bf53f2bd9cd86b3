// Helpers the subcommands share: printing diagnostics with source carets,
// and simple flag parsing.
#pragma once

#include <iosfwd>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "shenpi/diagnostics.hpp"
#include "shenpi/rulebook.hpp"

namespace shenpi::cli {

/// Prints diagnostics GCC-style, each followed by its source line and a caret.
void print_diagnostics(std::span<const Diagnostic> diagnostics, std::ostream& err);

/// Command-line arguments split into positionals and `--flag [value]`s.
struct ParsedArgs {
  std::vector<std::string> positional;
  std::map<std::string, std::vector<std::string>> values;  ///< flags that take a value
  std::vector<std::string> switches;                       ///< flags without one
  std::string error;                                       ///< non-empty on a usage error

  bool has(const std::string& name) const;
  std::optional<std::string> value(const std::string& name) const;
};

/// The rulebooks named on a command line, each loaded on its own: a folder
/// of jurisdictions (`rules/`) stands for each rulebook folder inside it.
std::vector<std::string> expand_rulebooks(std::span<const std::string> paths);

/// `value_flags` take the next argument (`--format json` or `--format=json`);
/// `switch_flags` take none. Anything else starting with `--` is a usage error.
/// `--cache DIR` is taken by every command (they all load rules): see
/// load_options.
ParsedArgs parse_args(std::span<const std::string> args,
                      std::span<const std::string_view> value_flags,
                      std::span<const std::string_view> switch_flags);

/// The LoadOptions a command loads its rules with: the cache folder of
/// `--cache DIR`, else of the environment variable SHENPI_CACHE, else none
/// (`--cache ''` turns a SHENPI_CACHE off). docs/rulebook.md.
LoadOptions load_options(const ParsedArgs& parsed);

}  // namespace shenpi::cli
