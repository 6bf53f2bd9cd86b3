// The GIL side of evaluate_many's fast path (dict_fast.hpp): dicts into
// DictRecords, refusing whatever the general converter would treat
// differently from "store it as it is".
#include "dict_fast.hpp"

#include "dict_bind.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace shenpi::python {
namespace {

/// The cache scope of item codes, besides the addresses of FastItems and
/// Facts (which are aligned, so address + 1 … + 3 are no other object's).
constexpr std::uintptr_t kCodeScope = 1;

std::uintptr_t scope_of(const void* p, std::uintptr_t offset) {
  return reinterpret_cast<std::uintptr_t>(p) + offset;
}

[[gnu::noinline]] bool utf8_of(PyObject* s, std::string_view& out);

/// The UTF-8 of an exact str, or false for one that has none (lone
/// surrogates: the general path words those). An ASCII str holds its bytes
/// inline: read in place, inline (names and ids are ASCII, a row looks up
/// dozens, and GCC made this a call of some 800 instructions a row).
[[gnu::always_inline]] inline bool text_of(PyObject* s, std::string_view& out) {
  if (PyUnicode_IS_COMPACT_ASCII(s)) {
    out = {static_cast<const char*>(PyUnicode_DATA(s)),
           static_cast<std::size_t>(PyUnicode_GET_LENGTH(s))};
    return true;
  }
  return utf8_of(s, out);
}

bool utf8_of(PyObject* s, std::string_view& out) {
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(s, &size);
  if (data == nullptr) {
    PyErr_Clear();
    return false;
  }
  out = {data, static_cast<std::size_t>(size)};
  return true;
}

/// A cached small number: 0 stands for "not cached", so numbers go in + 1.
/// KeyCache's values are opaque words, never dereferenced.
const void* as_entry(std::uint64_t n) {
  return reinterpret_cast<const void*>(  // NOLINT(performance-no-int-to-ptr)
      static_cast<std::uintptr_t>(n + 1));
}
std::uint64_t from_entry(const void* p) {
  return static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(p)) - 1;
}

/// A list or tuple (exactly): the converter reads both as they are.
bool is_plain_sequence(PyObject* v) {
  return PyList_CheckExact(v) || PyTuple_CheckExact(v);
}

}  // namespace

void StrNames::build(const std::vector<std::string_view>& names) {
  by_bytes_.build(names);
  std::vector<std::uint64_t> hashes;
  hashes.reserve(names.size());
  for (const auto name : names) {
    const py::str s(name.data(), name.size());
    hashes.push_back(static_cast<std::uint64_t>(py::hash(s)));
  }
  by_python_hash_.build(names, hashes);
}

FastItem::FastItem(const ItemLookup& l, const TypedBinder& resolver) : lookup(&l) {
  facts.reserve(l.facts.size());
  std::vector<std::string_view> paths;
  for (const auto& [path, fact] : l.facts) {
    paths.push_back(path);
    facts.push_back(fact);
  }
  fact_names.build(paths);
  // The converter's order of lookups: a commitment is the tolerance letter,
  // else a material, else a condition (NameIndex keeps a name's first index).
  const Item& item = *l.item;
  std::vector<std::string_view> ids{tolerance_letter_id};
  commitment_entries.push_back(DictRecord::kLetter);
  std::vector<std::string_view> materials;
  for (std::size_t m = 0; m < item.materials.size(); ++m) {
    materials.push_back(item.materials[m].id);
    ids.push_back(item.materials[m].id);
    commitment_entries.push_back(static_cast<std::uint32_t>(m));
  }
  for (std::size_t c = 0; c < item.conditions.size(); ++c) {
    ids.push_back(item.conditions[c].id);
    commitment_entries.push_back(DictRecord::kCondition | static_cast<std::uint32_t>(c));
  }
  material_names.build(materials);
  commitment_names.build(ids);
  handles = std::make_shared<const ItemHandles>(resolver, *this);
}

void DictRecord::clear() {
  facts.clear();
  materials.clear();
  commitments.clear();
  text.clear();
  pieces.clear();
}

void DictRecord::to_application(Application& out) const {
  const Item& it = *item->lookup->item;
  set_text(out.item, it.code);
  out.submitted_on = submitted_on;
  out.facts.resize(facts.size());
  for (std::size_t k = 0; k < facts.size(); ++k) {
    const Value& v = facts[k];
    const Fact& fact = *item->facts[v.fact];
    ApplicationFact& f = out.facts[k];
    set_text(f.path, fact.path);
    switch (v.kind) {
      case Value::Kind::boolean:
        f.value = v.b;
        break;
      case Value::Kind::integer:
        f.value = v.i;
        break;
      case Value::Kind::decimal:
        f.value = v.d;
        break;
      case Value::Kind::word:
        f.value = fact.values[v.begin];
        break;
      case Value::Kind::text:
        f.value = std::string(text_of(v.begin, v.end));
        break;
      case Value::Kind::texts: {
        std::vector<std::string> list;
        list.reserve(v.end - v.begin);
        for (std::uint32_t p = v.begin; p < v.end; ++p) {
          list.emplace_back(text_of(pieces[p].first, pieces[p].second));
        }
        f.value = std::move(list);
        break;
      }
    }
  }
  out.materials.resize(materials.size());
  for (std::size_t k = 0; k < materials.size(); ++k) {
    set_text(out.materials[k].id, it.materials[materials[k]].id);
  }
  out.commitments.resize(commitments.size());
  for (std::size_t k = 0; k < commitments.size(); ++k) {
    const std::uint32_t c = commitments[k];
    const std::string_view id = (c & kLetter) != 0      ? tolerance_letter_id
                                : (c & kCondition) != 0 ? it.conditions[c & ~kCondition].id
                                                        : it.materials[c].id;
    set_text(out.commitments[k].id, id);
  }
}

DictReader::DictReader(const ApplicationIndex& index) : index_(index), resolver_(index.book()) {}

bool DictReader::read(PyObject* app, DictRecord& out) {
  if (!PyDict_CheckExact(app)) return false;
  const ApplicationFields f = keys_.read(app);
  PyObject* code = f.item;
  PyObject* day = f.submitted_on;
  PyObject* facts_dict = f.facts;
  PyObject* materials = f.materials;
  PyObject* commitments = f.commitments;
  // Another key (unknown, or the {"application": …} shape): the general path.
  if (code == nullptr || day == nullptr || PyDict_GET_SIZE(app) != f.present()) {
    return false;
  }
  out.clear();
  out.item = item(code);
  return out.item != nullptr && date(day, out.submitted_on) && facts(facts_dict, out) &&
         ids(materials, false, out) && ids(commitments, true, out);
}

const FastItem* DictReader::item(PyObject* code) {
  if (!PyUnicode_CheckExact(code)) return nullptr;
  if (const void* hit = cache_.find(code, kCodeScope)) return static_cast<const FastItem*>(hit);
  std::string_view text;
  if (!text_of(code, text)) return nullptr;
  const ItemLookup* lookup = index_.find(text);
  if (lookup == nullptr) return nullptr;
  FastItem* found = nullptr;
  for (FastItem& known : items_) found = known.lookup == lookup ? &known : found;
  if (found == nullptr) found = &items_.emplace_back(*lookup, resolver_);
  remember(code, kCodeScope, found);
  return found;
}

bool DictReader::date(PyObject* value, Date& out) {
  // Parsed every row, not cached: a caseload's dates are mostly objects of
  // their own, which would only push the hot keys out of the cache.
  std::optional<Date> d;
  if (PyUnicode_CheckExact(value)) {
    std::string_view text;
    if (!text_of(value, text)) return false;
    d = Date::parse(text);
  } else if (std::strcmp(Py_TYPE(value)->tp_name, "datetime.date") == 0) {
    d = date_from_py(value);  // datetime and pandas.Timestamp: the general path
  }
  if (!d || !index_.book().calendar().covers(*d)) return false;
  out = *d;
  return true;
}

void DictReader::remember(PyObject* key, std::uintptr_t scope, const void* value) {
  // A str only its container holds (json.loads makes one per value) will
  // not be met again as another container's: caching it would only cost
  // the reference counting and push a shared key out.
  if (Py_REFCNT(key) > 1) cache_.put(key, scope, value);
}

std::int64_t DictReader::number(const StrNames& names, PyObject* key, std::uintptr_t scope) {
  if (const void* hit = cache_.find(key, scope)) return static_cast<std::int64_t>(from_entry(hit));
  return number_by_text(names, key, scope);
}

std::int64_t DictReader::number_by_text(const StrNames& names, PyObject* key,
                                        std::uintptr_t scope) {
  std::string_view text;
  if (!text_of(key, text)) return -1;
  const int found = names.find(key, text);
  if (found < 0) return -1;
  remember(key, scope, as_entry(static_cast<std::uint64_t>(found)));
  return found;
}

bool DictReader::facts(PyObject* dict, DictRecord& out) {
  if (dict == nullptr || dict == Py_None) return true;
  if (!PyDict_CheckExact(dict)) return false;
  Py_ssize_t pos = 0;
  PyObject* key = nullptr;
  PyObject* v = nullptr;
  while (PyDict_Next(dict, &pos, &key, &v)) {
    if (!PyUnicode_CheckExact(key)) return false;
    const std::int64_t found = number(out.item->fact_names, key, scope_of(out.item, 0));
    if (found < 0) return false;
    const auto n = static_cast<std::uint32_t>(found);
    if (!value(n, *out.item->facts[n], v, out)) return false;
  }
  return true;
}

bool DictReader::value(std::uint32_t number, const Fact& fact, PyObject* v, DictRecord& out) {
  // The pairs ApplicationConverter::fast_value stores as they are (and a
  // list of str for a list fact); None and NaN leave the fact unknown.
  using Kind = DictRecord::Value::Kind;
  const FactType type = fact.type;
  PyTypeObject* t = Py_TYPE(v);
  DictRecord::Value r;
  r.fact = number;
  if (v == Py_None) return true;
  if (t == &PyBool_Type) {
    if (type != FactType::boolean) return false;
    r.kind = Kind::boolean;
    r.b = v == Py_True;
  } else if (t == &PyLong_Type) {
    if (type != FactType::integer && type != FactType::decimal) return false;
    int overflow = 0;
    const long long i = PyLong_AsLongLongAndOverflow(v, &overflow);
    if (overflow != 0 || (i == -1 && PyErr_Occurred())) {
      PyErr_Clear();
      return false;
    }
    r.kind = Kind::integer;
    r.i = i;
  } else if (t == &PyFloat_Type) {
    const double d = PyFloat_AS_DOUBLE(v);
    if (std::isnan(d)) return true;
    if (type != FactType::decimal || !std::isfinite(d)) return false;
    r.kind = Kind::decimal;
    r.d = d;
  } else if (t == &PyUnicode_Type) {
    if (type == FactType::enumeration) {
      r.kind = Kind::word;
      if (!word(fact, v, r.begin)) return false;
    } else if (type == FactType::string) {
      std::string_view text;
      if (!text_of(v, text)) return false;
      r.kind = Kind::text;
      r.begin = static_cast<std::uint32_t>(out.text.size());
      out.text.append(text);
      r.end = static_cast<std::uint32_t>(out.text.size());
    } else {
      return false;
    }
  } else if (type == FactType::string_list && is_plain_sequence(v)) {
    if (!texts(v, r, out)) return false;
  } else {
    return false;
  }
  out.facts.push_back(r);
  return true;
}

bool DictReader::word(const Fact& fact, PyObject* v, std::uint32_t& out) {
  const std::uintptr_t scope = scope_of(&fact, 3);
  if (const void* hit = cache_.find(v, scope)) {
    out = static_cast<std::uint32_t>(from_entry(hit));
    return true;
  }
  std::string_view text;
  if (!text_of(v, text)) return false;
  const auto it = std::find_if(fact.values.begin(), fact.values.end(),
                               [&](const std::string& w) { return name_equal(w, text); });
  if (it == fact.values.end()) return false;
  out = static_cast<std::uint32_t>(it - fact.values.begin());
  remember(v, scope, as_entry(out));
  return true;
}

bool DictReader::texts(PyObject* list, DictRecord::Value& value, DictRecord& out) {
  value.kind = DictRecord::Value::Kind::texts;
  value.begin = static_cast<std::uint32_t>(out.pieces.size());
  const Py_ssize_t n = PySequence_Fast_GET_SIZE(list);
  PyObject** items = PySequence_Fast_ITEMS(list);
  for (Py_ssize_t k = 0; k < n; ++k) {
    std::string_view text;
    if (!PyUnicode_CheckExact(items[k]) || !text_of(items[k], text)) return false;
    const auto begin = static_cast<std::uint32_t>(out.text.size());
    out.text.append(text);
    out.pieces.emplace_back(begin, static_cast<std::uint32_t>(out.text.size()));
  }
  value.end = static_cast<std::uint32_t>(out.pieces.size());
  return true;
}

bool DictReader::ids(PyObject* list, bool commitments, DictRecord& out) {
  if (list == nullptr || list == Py_None) return true;
  if (!is_plain_sequence(list)) return false;
  const FastItem& item = *out.item;
  const StrNames& names = commitments ? item.commitment_names : item.material_names;
  const std::uintptr_t scope = scope_of(&item, commitments ? 2 : 1);
  auto& entries = commitments ? out.commitments : out.materials;
  const Py_ssize_t n = PySequence_Fast_GET_SIZE(list);
  PyObject** items = PySequence_Fast_ITEMS(list);
  for (Py_ssize_t k = 0; k < n; ++k) {
    PyObject* id = items[k];
    if (!PyUnicode_CheckExact(id)) return false;
    const std::int64_t found = number(names, id, scope);
    if (found < 0) return false;
    const auto index = static_cast<std::size_t>(found);
    entries.push_back(commitments ? item.commitment_entries[index]
                                  : static_cast<std::uint32_t>(index));
  }
  return true;
}

}  // namespace shenpi::python
