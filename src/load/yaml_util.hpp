// Reading YAML with locations: the one place yaml-cpp's 0-based marks become
// 1-based locations and yaml-cpp exceptions become diagnostics.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "expr/program.hpp"
#include "load/yaml_tree.hpp"
#include "shenpi/calendar.hpp"
#include "shenpi/diagnostics.hpp"

namespace shenpi::detail {

class YamlCache;  // load/yaml_cache.hpp

/// A parsed YAML document and the text it came from.
struct YamlDocument {
  std::string file;
  std::string text;
  std::shared_ptr<const yaml::Tree> tree;
  yaml::Node root;  ///< points into `tree`
};

/// The largest file read by default (16 MiB): a rule, case or application
/// file is kilobytes; /dev/zero or a mistaken dump must not eat the memory.
inline constexpr std::size_t kMaxFileBytes = std::size_t{16} << 20;

/// Reads and parses a regular file of at most `max_bytes`; SP100 when
/// unreadable (with the reason), SP101 when not YAML or not UTF-8. With a
/// `cache`, the tree comes from (and goes to) it; the result is the same.
std::optional<YamlDocument> read_yaml_file(const std::string& path, std::vector<Diagnostic>& out,
                                           std::size_t max_bytes = kMaxFileBytes,
                                           YamlCache* cache = nullptr);
/// Parses text under a display name; SP101 when not YAML.
std::optional<YamlDocument> parse_yaml_text(std::string text, const std::string& name,
                                            std::vector<Diagnostic>& out,
                                            YamlCache* cache = nullptr);

/// An expression as the compiler reads it, and where each of its lines
/// starts in the file (see expression_source.cpp).
struct ExpressionSource {
  std::string text;
  TextOrigin origin;
};

/// Typed access to one document's nodes; every problem becomes a diagnostic
/// with the node's file:line:col. Accessors return nullopt after reporting.
class YamlReader {
 public:
  YamlReader(const YamlDocument& doc, std::vector<Diagnostic>& out) : doc_(doc), out_(out) {}

  const YamlDocument& document() const { return doc_; }
  SourceLocation location(const yaml::Node& node) const;
  void report(std::string_view code, const yaml::Node& node, std::string message) const;
  void report(std::string_view code, SourceLocation where, std::string message) const;
  void add(Diagnostic diagnostic) const { out_.push_back(std::move(diagnostic)); }

  /// SP103 unless `node` is a mapping / sequence.
  bool expect_map(const yaml::Node& node, std::string_view what) const;
  bool expect_sequence(const yaml::Node& node, std::string_view what) const;
  /// SP102 for each key of `map` not in `allowed` (naming the allowed ones),
  /// SP105 for a key given twice.
  void check_keys(const yaml::Node& map, std::initializer_list<std::string_view> allowed,
                  std::string_view what) const;
  /// SP104 when `key` is absent from `map`.
  bool require(const yaml::Node& map, std::string_view key, std::string_view what) const;

  std::optional<std::string> scalar(const yaml::Node& node, std::string_view what) const;
  std::optional<bool> boolean(const yaml::Node& node, std::string_view what) const;
  std::optional<long long> integer(const yaml::Node& node, std::string_view what) const;
  std::optional<double> number(const yaml::Node& node, std::string_view what) const;
  std::optional<Duration> duration(const yaml::Node& node, std::string_view what) const;
  std::optional<Date> date(const yaml::Node& node, std::string_view what) const;
  /// A list of scalars; a single scalar counts as a list of one.
  std::optional<std::vector<std::string>> string_list(const yaml::Node& node,
                                                      std::string_view what) const;

  /// Where the text of a scalar starts, with line starts for block scalars
  /// and quoted scalars, so expression columns map back into the file.
  TextOrigin origin(const yaml::Node& node) const;
  /// The text of a scalar expression and its origin, exact also when YAML
  /// folded it over several lines or decoded escapes in it (but for columns
  /// inside a string literal after an escape).
  ExpressionSource expression_source(const yaml::Node& node) const;
  /// The source line `line` (1-based) of the document, for carets.
  std::string_view source_line(int line) const;

 private:
  const YamlDocument& doc_;
  std::vector<Diagnostic>& out_;
};

/// Reads a whole regular file of at most `max_bytes` into `text`; false
/// when it cannot be read, with the reason in `why`.
bool read_text_file(const std::string& path, std::string& text,
                    std::size_t max_bytes = kMaxFileBytes, std::string* why = nullptr);

}  // namespace shenpi::detail
