// Application dicts → shenpi::Application. Runs under the GIL, once per
// application, so it is the cost evaluate_many cannot spread over cores:
// keys are interned, lookups go through tables built once per rulebook, and
// values are converted straight to the type the item declares.
#pragma once

#include <string_view>
#include <unordered_map>
#include <vector>

#include "common.hpp"

namespace shenpi::python {

/// What converting an application needs to know about one item.
struct ItemLookup {
  int index = -1;
  const Item* item = nullptr;
  /// Item-local facts shadow shared ones, as Rulebook::find_fact does.
  std::unordered_map<std::string_view, const Fact*> facts;
  std::unordered_map<std::string_view, int> materials;
  std::unordered_map<std::string_view, int> conditions;
};

/// Lookup tables over a rulebook, keyed by views into its own strings.
/// Immutable after construction; the rulebook must outlive it.
class ApplicationIndex {
 public:
  explicit ApplicationIndex(const Rulebook& book);
  const Rulebook& book() const { return book_; }
  const ItemLookup* find(std::string_view code) const;

 private:
  const Rulebook& book_;
  std::vector<ItemLookup> items_;
  std::unordered_map<std::string_view, const ItemLookup*> by_code_;
};

/// One application being converted: the diagnostics found so far, the
/// result, and its item once known.
struct ConvertContext {
  std::vector<Diagnostic>& diagnostics;
  Application app;
  const ItemLookup* item = nullptr;

  /// A diagnostic located at `field` (`application.facts['x']`).
  void report(std::string_view code, std::string field, std::string message);
  /// SP604 `expected <expected>, got <type> (<repr>)`.
  void wrong_type(const std::string& field, std::string_view expected, PyObject* value);
};

/// `application.facts['<path>']`.
std::string fact_field(std::string_view path);
/// The UTF-8 text of a str (cached inside the object by CPython).
std::string_view utf8(PyObject* s);

/// Converts application dicts (the YAML `application:` shape). Problems
/// become diagnostics whose `file` is the field path, so a batch can go on
/// past a bad row. Needs the GIL; one converter per call, not shared.
class ApplicationConverter {
 public:
  explicit ApplicationConverter(const ApplicationIndex& index);

  /// Appends the application to `out` and returns true, or appends to
  /// `diagnostics` and returns false.
  bool convert(PyObject* app, std::vector<Application>& out, std::vector<Diagnostic>& diagnostics);

 private:
  using Context = ConvertContext;
  bool read_item(Context& c, PyObject* value);
  void read_date(Context& c, PyObject* value);
  void read_facts(Context& c, PyObject* value);            // convert_facts.cpp
  void read_ids(Context& c, PyObject* value, bool commitments);
  void unknown_keys(Context& c, PyObject* app);

  const ApplicationIndex& index_;
  PyObject* key_item_;
  PyObject* key_submitted_on_;
  PyObject* key_facts_;
  PyObject* key_materials_;
  PyObject* key_commitments_;
  PyObject* key_application_;
};

}  // namespace shenpi::python
