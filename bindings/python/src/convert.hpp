// Application dicts → shenpi::Application. Runs under the GIL, once per
// application, so it is the cost evaluate_many cannot spread over cores:
// keys are interned, lookups go through tables built once per rulebook, and
// values are converted straight to the type the item declares.
#pragma once

#include <cstdint>
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
  Application& app;
  const ItemLookup* item = nullptr;
  std::size_t facts = 0;  ///< entries of app.facts written so far
  std::size_t materials = 0;
  std::size_t commitments = 0;

  /// The next entry to fill, reusing one an earlier application left (and
  /// its string capacity) when there is one.
  template <typename T>
  static T& next(std::vector<T>& v, std::size_t& used) {
    if (used == v.size()) v.emplace_back();
    return v[used++];
  }

  /// A diagnostic located at `field` (`application.facts['x']`).
  void report(std::string_view code, std::string field, std::string message);
  /// SP604 `expected <expected>, got <type> (<repr>)`.
  void wrong_type(const std::string& field, std::string_view expected, PyObject* value);
};

/// `application.facts['<path>']`.
std::string fact_field(std::string_view path);
/// The UTF-8 text of a str (cached inside the object by CPython). A str
/// holding lone surrogates (os.fsdecode's stand-ins for bytes that are no
/// UTF-8, or a '\udcff' typed in) has no UTF-8 form: its bytes then come
/// from the surrogateescape handler (the original bytes) or surrogatepass,
/// which are no UTF-8 either, so no id or enum value matches them and the
/// library's checks refuse them with their usual diagnostic, quoting the
/// bytes as \xNN. `hold` keeps those bytes alive.
std::string_view utf8(PyObject* s, py::object& hold);

/// Remembers what a Python str resolved to, by object identity: the dicts
/// of a batch usually share their key objects (literals, copies of one
/// template), so most lookups become a pointer compare instead of hashing
/// and comparing text. Each entry holds a reference to its key, so the
/// address cannot be taken by another string while cached. Needs the GIL.
class KeyCache {
 public:
  KeyCache() : entries_(kSize) {}
  ~KeyCache();
  KeyCache(const KeyCache&) = delete;
  KeyCache& operator=(const KeyCache&) = delete;

  /// What (key, scope) resolved to, or nullptr when not cached.
  const void* find(PyObject* key, int scope) const {
    const Entry& e = entries_[slot(key, scope)];
    return e.key == key && e.scope == scope ? e.value : nullptr;
  }
  void put(PyObject* key, int scope, const void* value);

 private:
  struct Entry {
    PyObject* key = nullptr;
    int scope = 0;
    const void* value = nullptr;
  };
  static constexpr std::size_t kSize = 1024;  // a power of two
  static std::size_t slot(PyObject* key, int scope) {
    const auto bits = reinterpret_cast<std::uintptr_t>(key) >> 4;  // objects are 16-byte aligned
    return (bits ^ (static_cast<std::size_t>(scope) * 0x9E3779B1U)) & (kSize - 1);
  }
  std::vector<Entry> entries_;
};

/// Converts application dicts (the YAML `application:` shape). Problems
/// become diagnostics whose `file` is the field path, so a batch can go on
/// past a bad row. Needs the GIL; one converter per call, not shared.
class ApplicationConverter {
 public:
  explicit ApplicationConverter(const ApplicationIndex& index);

  /// Fills `out` and returns true, or appends to `diagnostics` and returns
  /// false (`out` then holds a partial application). `out` may hold an
  /// earlier application: batches reuse Application objects so their
  /// strings and vectors keep their storage, which saves most allocations.
  bool convert(PyObject* app, Application& out, std::vector<Diagnostic>& diagnostics);

 private:
  using Context = ConvertContext;
  bool read_item(Context& c, PyObject* value);
  void read_date(Context& c, PyObject* value);
  void read_facts(Context& c, PyObject* value);  // convert_facts.cpp
  void read_ids(Context& c, PyObject* value, bool commitments);
  void unknown_keys(Context& c, PyObject* app);

  /// The fact `key` names for `item`, or nullptr.
  const Fact* find_fact(const ItemLookup& item, PyObject* key);
  /// The material `key` names in `item`, or nullptr.
  const Material* find_material(const ItemLookup& item, PyObject* key);

  const ApplicationIndex& index_;
  KeyCache cache_;  // scopes: item index for facts, ~index for materials, kItemScope for codes
  static constexpr int kItemScope = 1 << 30;
  PyObject* key_item_;
  PyObject* key_submitted_on_;
  PyObject* key_facts_;
  PyObject* key_materials_;
  PyObject* key_commitments_;
  PyObject* key_application_;
};

}  // namespace shenpi::python
