// The fast path of evaluate_many(dicts). The calling thread must read the
// dicts under the GIL, on one core, so it does as little as it can there:
// it resolves keys, enum words and ids by the identity of their str
// objects (KeyCache) and writes a flat typed record per row (DictRecord:
// indexes and numbers, no std::string per fact, no Application); the
// workers turn the record into a decision without the GIL.
//
// The reader takes a dict only when ApplicationConverter would convert it
// as is, with the same result: exact dicts, lists, str, bool, int and float
// of the types the item declares, every name known. Anything else (a
// subclass, a wrong type, an unknown fact, material or item, a date outside
// the calendar, a numpy scalar …) is refused, and the caller converts that
// dict by the general path, which finds and words the problem. So the
// record of a row always stands for exactly the Application the converter
// would have made (DictRecord::to_application rebuilds it).
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "convert.hpp"
#include "shenpi/binder.hpp"
#include "shenpi/names.hpp"

namespace shenpi::python {

struct ItemHandles;  // dict_bind.hpp

/// Names of one kind (an item's facts, materials or commitments) to their
/// indexes, for str objects the KeyCache has not met. Flat tables over the
/// UTF-8, rather than Python dicts: a fresh str (a list's ids) has no
/// cached hash, and Python's siphash and dict probe cost several times what
/// name_hash and these tables do. A str that has its hash already (json.loads
/// hashes every key it makes, to share them within a document) is looked
/// up by that hash instead, in a second table placed by Python's hashes.
class StrNames {
 public:
  /// Needs the GIL (it hashes the names as Python str).
  void build(const std::vector<std::string_view>& names);
  /// The index of `s`, whose UTF-8 is `text`, or -1.
  int find(PyObject* s, std::string_view text) const {
    const Py_hash_t cached = reinterpret_cast<PyASCIIObject*>(s)->hash;
    return cached != -1 ? by_python_hash_.find(text, static_cast<std::uint64_t>(cached))
                        : by_bytes_.find(text);
  }

 private:
  NameIndex by_bytes_, by_python_hash_;
};

/// What the reader knows of one item code: the current version's lookup
/// tables (what the converter checks against), its facts, numbered, and
/// the handles the workers bind by. Made once by the reader (with the
/// GIL), then read by the workers (never the Python parts): immutable.
struct FastItem {
  FastItem(const ItemLookup& lookup, const TypedBinder& resolver);
  const ItemLookup* lookup = nullptr;
  std::vector<const Fact*> facts;  ///< every fact the item sees, by number
  std::shared_ptr<const ItemHandles> handles;
  /// Text → fact number, material index, commitment (an index into
  /// `commitment_entries`), for str objects the KeyCache has not met:
  /// dicts of their own objects, from json.loads, miss it every time.
  StrNames fact_names, material_names, commitment_names;
  std::vector<std::uint32_t> commitment_entries;  ///< see DictRecord::kCondition, kLetter
};

/// One row as the reader saw it: what the converter's Application would
/// hold, by index into the item instead of by name.
struct DictRecord {
  /// A fact value: its fact (FastItem::facts), its type and the value.
  struct Value {
    enum class Kind : std::uint8_t { boolean, integer, decimal, word, text, texts };
    Kind kind = Kind::boolean;
    std::uint32_t fact = 0;  ///< its number in FastItem::facts
    /// word: the index in the Fact's values; text: bytes [begin, end) of
    /// `text`; texts: pieces [begin, end) of `pieces`.
    std::uint32_t begin = 0, end = 0;
    union {
      bool b;
      std::int64_t i;
      double d;
    };
    Value() : i(0) {}
  };
  /// A commitment: a material index, kCondition | a condition index, or kLetter.
  static constexpr std::uint32_t kCondition = 1U << 30;
  static constexpr std::uint32_t kLetter = 1U << 31;

  const FastItem* item = nullptr;
  Date submitted_on;
  std::vector<Value> facts;                ///< in the dict's order
  std::vector<std::uint32_t> materials;    ///< item material indexes, in the list's order
  std::vector<std::uint32_t> commitments;  ///< see kCondition, kLetter
  std::string text;                        ///< the bytes of text values
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pieces;  ///< list elements in `text`

  void clear();
  std::string_view text_of(std::uint32_t begin, std::uint32_t end) const {
    return std::string_view(text).substr(begin, end - begin);
  }
  /// The Application the converter would have made of the dict, into `out`
  /// (reusing its storage). No GIL needed.
  void to_application(Application& out) const;
};

/// Reads dicts into DictRecords. Needs the GIL; one per call, not shared.
class DictReader {
 public:
  explicit DictReader(const ApplicationIndex& index);

  /// Fills `out` and returns true when the fast path takes `app` as is;
  /// false otherwise (`out` is then garbage: convert `app` the general way).
  bool read(PyObject* app, DictRecord& out);

 private:
  const FastItem* item(PyObject* code);
  bool date(PyObject* value, Date& out);
  bool facts(PyObject* dict, DictRecord& out);
  bool value(std::uint32_t number, const Fact& fact, PyObject* v, DictRecord& out);
  bool word(const Fact& fact, PyObject* v, std::uint32_t& out);
  bool texts(PyObject* list, DictRecord::Value& value, DictRecord& out);
  bool ids(PyObject* list, bool commitments, DictRecord& out);
  /// Caches what `key` resolved to, when the key may come again.
  void remember(PyObject* key, std::uintptr_t scope, const void* value);
  /// The index `names` gives the str `key` (through the cache), or -1.
  std::int64_t number(const StrNames& names, PyObject* key, std::uintptr_t scope);
  /// number() past the cache: out of line, so the cache's hit stays inline.
  [[gnu::noinline]] std::int64_t number_by_text(const StrNames& names, PyObject* key,
                                                std::uintptr_t scope);

  const ApplicationIndex& index_;
  TypedBinder resolver_;  ///< resolves handles only (const, no binding)
  KeyCache cache_;
  std::deque<FastItem> items_;  ///< stable addresses: the cache and the records point at them
  ApplicationKeys keys_;
};

}  // namespace shenpi::python
