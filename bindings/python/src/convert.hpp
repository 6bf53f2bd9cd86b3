// Application dicts → shenpi::Application. Runs under the GIL, once per
// application, so it is the cost evaluate_many cannot spread over cores:
// keys are interned, lookups go through tables built once per rulebook, and
// values are converted straight to the type the item declares.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
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
  /// Of the current version of a code with several: the names only other
  /// versions declare. The converter takes them, and the library checks
  /// them against the version in force on the filing day (an older one may
  /// still list a material the current one dropped).
  std::unordered_map<std::string_view, const Fact*> other_facts;
  std::unordered_map<std::string_view, const Material*> other_materials;
  std::unordered_map<std::string_view, const std::string*> other_conditions;
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

/// Sets `to` to `from`. The strings of a reused Application mostly get a
/// text of the length they hold (the same key, an id of the same form), so
/// that case is a plain copy, without std::string's general assign; about a
/// third of converting a dict was spent in assign.
inline void set_text(std::string& to, std::string_view from) {
  if (to.size() == from.size()) {
    if (!from.empty()) std::memcpy(to.data(), from.data(), from.size());
    return;
  }
  to.assign(from.data(), from.size());
}

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
  KeyCache(KeyCache&&) = delete;
  ~KeyCache();
  KeyCache(const KeyCache&) = delete;
  KeyCache& operator=(const KeyCache&) = delete;

  /// What (key, scope) resolved to, or nullptr when not cached. A scope is
  /// any number that keeps lookups of different kinds apart (an item
  /// index, a Fact's address).
  /// A hit in the second way moves to the first: a key met every row then
  /// stays while a stream of one-off strings (the words of dicts that each
  /// json.loads made) passes through the pair's other way.
  const void* find(PyObject* key, std::uintptr_t scope) {
    const std::size_t s = slot(key, scope);
    Entry& first = entries_[s];  // two ways: a pair of hot keys sharing a slot
    if (first.key == key && first.scope == scope) return first.value;
    Entry& second = entries_[s ^ 1];  // would otherwise evict each other every row
    if (second.key != key || second.scope != scope) return nullptr;
    std::swap(first, second);
    return first.value;
  }
  void put(PyObject* key, std::uintptr_t scope, const void* value);

 private:
  struct Entry {
    PyObject* key = nullptr;
    std::uintptr_t scope = 0;
    const void* value = nullptr;
  };
  static constexpr int kBits = 12;
  static constexpr std::size_t kSize = std::size_t{1} << kBits;
  static std::size_t slot(PyObject* key, std::uintptr_t scope) {
    const std::uint64_t x = hash_words(scope, reinterpret_cast<std::uintptr_t>(key) >> 4);
    return static_cast<std::size_t>(x >> (64 - kBits));
  }
  std::vector<Entry> entries_;
};

/// The five fields of an application dict, looked up by keys interned
/// once (nullptr: absent).
struct ApplicationFields {
  PyObject* item = nullptr;
  PyObject* submitted_on = nullptr;
  PyObject* facts = nullptr;
  PyObject* materials = nullptr;
  PyObject* commitments = nullptr;
  /// How many of the five the dict has.
  Py_ssize_t present() const {
    return (item != nullptr) + (submitted_on != nullptr) + (facts != nullptr) +
           (materials != nullptr) + (commitments != nullptr);
  }
};

/// The keys of an application dict, shared by the converter and the dict
/// fast path so both read a dict the same way.
struct ApplicationKeys {
  PyObject* item = interned("item");
  PyObject* submitted_on = interned("submitted_on");
  PyObject* facts = interned("facts");
  PyObject* materials = interned("materials");
  PyObject* commitments = interned("commitments");
  PyObject* application = interned("application");

  /// The fields of the dict `app`; raises the lookup's Python error.
  ApplicationFields read(PyObject* app) const {
    ApplicationFields f{
        PyDict_GetItemWithError(app, item), PyDict_GetItemWithError(app, submitted_on),
        PyDict_GetItemWithError(app, facts), PyDict_GetItemWithError(app, materials),
        PyDict_GetItemWithError(app, commitments)};
    if (PyErr_Occurred()) throw py::error_already_set();
    return f;
  }
  /// Whether `key` is one of the five field keys, by identity.
  bool is_field(PyObject* key) const {
    return key == item || key == submitted_on || key == facts || key == materials ||
           key == commitments;
  }
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

  /// What the fast path made of a fact value: stored in the entry, a
  /// missing marker (None, NaN: the fact stays unknown), or not handled
  /// (the general path decides, and words any problem).
  enum class Fast { stored, missing, no };
  /// Stores the common exact types (bool, int, float, str) that fit `fact`
  /// as they are, without the general path's checks (convert_facts.cpp).
  Fast fast_value(const Fact& fact, PyObject* value, FactValue& out);

  /// The fact `key` names for `item`, or nullptr.
  const Fact* find_fact(const ItemLookup& item, PyObject* key);
  /// The material `key` names in `item`, or nullptr.
  const Material* find_material(const ItemLookup& item, PyObject* key);

  const ApplicationIndex& index_;
  /// The commitment `key` names in `item` (its canonical id), or nullptr.
  const std::string* find_commitment(const ItemLookup& item, PyObject* key);

  // Scopes: the item index for facts, ~index for materials, kItemScope for
  // item codes, kCommitScope + index for commitments, a Fact's address
  // for the enum words it takes (convert_facts.cpp).
  KeyCache cache_;
  static constexpr int kItemScope = 1 << 30;
  static constexpr std::uintptr_t kCommitScope = std::uintptr_t{1} << 40;
  ApplicationKeys keys_;
};

}  // namespace shenpi::python
