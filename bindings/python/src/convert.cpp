// Application dicts → shenpi::Application: the top-level shape, the item,
// the date and the material / commitment ids (facts: convert_facts.cpp).
// Everything the binder would reject is found here first, so the message
// names the field (`application.materials[2]: item … lists no material 'x'`).
#include "convert.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi::python {

std::string_view utf8(PyObject* s, py::object& hold) {
  Py_ssize_t size = 0;
  const char* text = PyUnicode_AsUTF8AndSize(s, &size);
  if (text != nullptr) return {text, static_cast<std::size_t>(size)};
  if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) throw py::error_already_set();
  PyErr_Clear();
  PyObject* bytes = PyUnicode_AsEncodedString(s, "utf-8", "surrogateescape");
  if (bytes == nullptr) {  // surrogates outside U+DC80..U+DCFF
    PyErr_Clear();
    bytes = PyUnicode_AsEncodedString(s, "utf-8", "surrogatepass");
    if (bytes == nullptr) throw py::error_already_set();
  }
  hold = py::reinterpret_steal<py::object>(bytes);
  return {PyBytes_AS_STRING(bytes), static_cast<std::size_t>(PyBytes_GET_SIZE(bytes))};
}

std::string fact_field(std::string_view path) {
  return "application.facts['" + std::string(path) + "']";
}

void ConvertContext::report(std::string_view code, std::string field, std::string message) {
  diagnostics.push_back(
      make_diagnostic(code, SourceLocation{std::move(field), 0, 0}, std::move(message)));
}

void ConvertContext::wrong_type(const std::string& field, std::string_view expected,
                                PyObject* value) {
  report(codes::fact_wrong_type, field,
         "expected " + std::string(expected) + ", got " + type_name(value) + " (" +
             short_repr(value) + ")");
}

KeyCache::~KeyCache() {
  for (const Entry& e : entries_) Py_XDECREF(e.key);
}

void KeyCache::put(PyObject* key, std::uintptr_t scope, const void* value) {
  // The newest entry takes the first way; the one it displaces moves to the
  // second, and the one there (the older) is dropped.
  const std::size_t s = slot(key, scope);
  Entry& first = entries_[s];
  Entry& second = entries_[s ^ 1];
  Py_INCREF(key);
  Py_XDECREF(second.key);
  second = first;
  first = {key, scope, value};
}

const Fact* ApplicationConverter::find_fact(const ItemLookup& item, PyObject* key) {
  if (const void* hit = cache_.find(key, item.index)) return static_cast<const Fact*>(hit);
  py::object hold;
  const std::string_view path = utf8(key, hold);
  const Fact* fact = nullptr;
  if (const auto found = item.facts.find(path); found != item.facts.end()) {
    fact = found->second;
  } else if (const auto other = item.other_facts.find(path); other != item.other_facts.end()) {
    fact = other->second;
  } else {
    return nullptr;
  }
  cache_.put(key, item.index, fact);
  return fact;
}

const Material* ApplicationConverter::find_material(const ItemLookup& item, PyObject* key) {
  if (const void* hit = cache_.find(key, ~item.index)) return static_cast<const Material*>(hit);
  py::object hold;
  const std::string_view id = utf8(key, hold);
  const Material* m = nullptr;
  if (const auto found = item.materials.find(id); found != item.materials.end()) {
    m = &item.item->materials[static_cast<std::size_t>(found->second)];
  } else if (const auto other = item.other_materials.find(id);
             other != item.other_materials.end()) {
    m = other->second;
  } else {
    return nullptr;
  }
  cache_.put(key, ~item.index, m);
  return m;
}

const std::string* ApplicationConverter::find_commitment(const ItemLookup& item, PyObject* key) {
  const std::uintptr_t scope = kCommitScope + static_cast<std::uintptr_t>(item.index);
  if (const void* hit = cache_.find(key, scope)) return static_cast<const std::string*>(hit);
  static const std::string letter(tolerance_letter_id);
  py::object hold;
  const std::string_view text = utf8(key, hold);
  const std::string* id = nullptr;
  if (text == letter) {
    id = &letter;
  } else if (const auto m = item.materials.find(text); m != item.materials.end()) {
    id = &item.item->materials[static_cast<std::size_t>(m->second)].id;
  } else if (const auto k = item.conditions.find(text); k != item.conditions.end()) {
    id = &item.item->conditions[static_cast<std::size_t>(k->second)].id;
  } else if (const auto om = item.other_materials.find(text); om != item.other_materials.end()) {
    id = &om->second->id;
  } else if (const auto oc = item.other_conditions.find(text); oc != item.other_conditions.end()) {
    id = oc->second;
  }
  if (id != nullptr) cache_.put(key, scope, id);
  return id;
}

ApplicationIndex::ApplicationIndex(const Rulebook& book) : book_(book) {
  items_.resize(book.items().size());
  for (std::size_t i = 0; i < book.items().size(); ++i) {
    const Item& item = book.items()[i];
    ItemLookup& l = items_[i];
    l.index = static_cast<int>(i);
    l.item = &item;
    for (const auto& f : book.facts()) l.facts[f.path] = &f;
    for (const auto& f : item.facts) l.facts[f.path] = &f;
    for (std::size_t m = 0; m < item.materials.size(); ++m) {
      l.materials.emplace(item.materials[m].id, int(m));
    }
    for (std::size_t c = 0; c < item.conditions.size(); ++c) {
      l.conditions.emplace(item.conditions[c].id, int(c));
    }
  }
  // Several versions of a code: applications are checked against the names
  // of every version here; the library binds the version in force and
  // checks them against it (docs/versions.md).
  for (auto& l : items_) {
    if (book.find_item(l.item->code) != l.item) continue;
    by_code_.emplace(l.item->code, &l);
    for (const auto& other : items_) {
      if (&other == &l || other.item->code != l.item->code) continue;
      for (const auto& f : other.item->facts) {
        if (!l.facts.contains(f.path)) l.other_facts.emplace(f.path, &f);
      }
      for (const auto& m : other.item->materials) {
        if (!l.materials.contains(m.id)) l.other_materials.emplace(m.id, &m);
      }
      for (const auto& c : other.item->conditions) {
        if (!l.conditions.contains(c.id)) l.other_conditions.emplace(c.id, &c.id);
      }
    }
  }
}

const ItemLookup* ApplicationIndex::find(std::string_view code) const {
  const auto it = by_code_.find(code);
  return it == by_code_.end() ? nullptr : it->second;
}

ApplicationConverter::ApplicationConverter(const ApplicationIndex& index) : index_(index) {}

bool ApplicationConverter::convert(PyObject* app, Application& out,
                                   std::vector<Diagnostic>& diagnostics) {
  Context c{diagnostics, out};
  const auto before = diagnostics.size();
  py::object holder;  // keeps a dict made from another mapping alive
  // The YAML file's shape, {"application": {...}}, is accepted as well (one
  // level only: a dict holding itself must not recurse).
  for (int level = 0; level < 2; ++level) {
    if (!PyDict_Check(app)) {
      if (PyUnicode_Check(app) || !PyObject_HasAttrString(app, "keys")) {
        c.report(codes::application_shape, "application", "expected a dict, got " + type_name(app));
        return false;
      }
      holder = py::dict(py::reinterpret_borrow<py::object>(app));
      app = holder.ptr();
    }
    PyObject* inner =
        PyDict_Size(app) == 1 ? PyDict_GetItemWithError(app, keys_.application) : nullptr;
    if (inner == nullptr || level == 1) break;
    app = inner;
  }
  const ApplicationFields fields = keys_.read(app);
  PyObject* item = fields.item;
  PyObject* date = fields.submitted_on;
  PyObject* facts = fields.facts;
  PyObject* materials = fields.materials;
  PyObject* commitments = fields.commitments;
  if (PyDict_Size(app) > fields.present()) unknown_keys(c, app);
  const bool item_known = read_item(c, item);
  read_date(c, date);
  if (item_known) {
    read_facts(c, facts);
    read_ids(c, materials, false);
    read_ids(c, commitments, true);
  }
  out.facts.resize(c.facts);
  out.materials.resize(c.materials);
  out.commitments.resize(c.commitments);
  return diagnostics.size() == before;
}

void ApplicationConverter::unknown_keys(Context& c, PyObject* app) {
  Py_ssize_t pos = 0;
  PyObject* key = nullptr;
  PyObject* value = nullptr;
  while (PyDict_Next(app, &pos, &key, &value)) {
    if (keys_.is_field(key)) continue;
    if (PyUnicode_Check(key)) {
      py::object hold;
      const std::string_view k = utf8(key, hold);
      if (k == "item" || k == "submitted_on" || k == "facts" || k == "materials" ||
          k == "commitments") {
        continue;
      }
    }
    c.report(codes::application_shape, "application[" + short_repr(key) + "]",
             "unknown key; an application has item, submitted_on, facts, materials, commitments");
  }
}

bool ApplicationConverter::read_item(Context& c, PyObject* value) {
  if (value == nullptr) {
    c.report(codes::application_shape, "application.item", "missing: the item code is required");
    return false;
  }
  if (!PyUnicode_Check(value)) {
    c.wrong_type("application.item", "str (an item code)", value);
    return false;
  }
  c.item = static_cast<const ItemLookup*>(cache_.find(value, kItemScope));
  if (c.item == nullptr) {
    py::object hold;
    const std::string_view code = utf8(value, hold);
    c.item = index_.find(code);
    if (c.item == nullptr) {
      c.report(codes::unknown_item, "application.item",
               "no item '" + std::string(code) + "' in the rulebook");
      return false;
    }
    cache_.put(value, kItemScope, c.item);
  }
  set_text(c.app.item, c.item->item->code);
  return true;
}

void ApplicationConverter::read_date(Context& c, PyObject* value) {
  static constexpr const char* field = "application.submitted_on";
  if (value == nullptr) {
    c.report(codes::bad_application_date, field,
             "missing: the date the application was submitted is required");
    return;
  }
  std::optional<Date> date = date_from_py(value);
  if (!date && PyUnicode_Check(value)) {
    py::object hold;
    date = Date::parse(utf8(value, hold));
  }
  if (!date) {
    c.report(codes::bad_application_date, field,
             "expected datetime.date or 'YYYY-MM-DD', got " + type_name(value) + " (" +
                 short_repr(value) + ")");
    return;
  }
  const Calendar& calendar = index_.book().calendar();
  if (!calendar.covers(*date)) {
    c.report(codes::bad_application_date, field,
             date->to_string() + " is outside the loaded calendar (" + calendar.coverage() + ")");
    return;
  }
  c.app.submitted_on = *date;
}

namespace {

/// A list of ids: list or tuple directly, any other iterable but str,
/// bytes and dicts through iteration (sets, numpy arrays).
std::optional<py::list> id_list(PyObject* value) {
  if (PyUnicode_Check(value) || PyBytes_Check(value) || PyDict_Check(value)) return std::nullopt;
  if (PyList_Check(value)) return py::reinterpret_borrow<py::list>(value);
  PyObject* iter = PyObject_GetIter(value);
  if (iter == nullptr) {
    PyErr_Clear();
    return std::nullopt;
  }
  Py_DECREF(iter);
  return py::list(py::reinterpret_borrow<py::object>(value));
}

}  // namespace

void ApplicationConverter::read_ids(Context& c, PyObject* value, bool commitments) {
  const char* name = commitments ? "application.commitments" : "application.materials";
  if (value == nullptr || value == Py_None) return;
  const std::optional<py::list> ids = id_list(value);
  if (!ids) {
    c.report(codes::application_shape, name,
             std::string("expected a list of ") + (commitments ? "commitment" : "material") +
                 " ids, got " + type_name(value));
    return;
  }
  auto& entries = commitments ? c.app.commitments : c.app.materials;
  std::size_t& used = commitments ? c.commitments : c.materials;
  const Py_ssize_t n = PyList_GET_SIZE(ids->ptr());
  const ItemLookup& item = *c.item;
  for (Py_ssize_t k = 0; k < n; ++k) {
    PyObject* id = PyList_GET_ITEM(ids->ptr(), k);
    const auto field = [&] { return std::string(name) + "[" + std::to_string(k) + "]"; };
    if (!PyUnicode_Check(id)) {
      c.wrong_type(field(), "str (an id)", id);
      continue;
    }
    py::object hold;
    if (!commitments) {
      const Material* m = find_material(item, id);
      if (m == nullptr) {
        c.report(
            codes::unknown_material, field(),
            "item " + item.item->code + " lists no material '" + std::string(utf8(id, hold)) + "'");
        continue;
      }
      set_text(Context::next(entries, used).id, m->id);
      continue;
    }
    const std::string* known = find_commitment(item, id);
    if (known == nullptr) {
      const std::string_view text = utf8(id, hold);
      c.report(codes::unknown_commitment, field(),
               "'" + std::string(text) + "' is neither a material, a condition of item " +
                   item.item->code + " nor `" + std::string(tolerance_letter_id) + "`");
      continue;
    }
    set_text(Context::next(entries, used).id, *known);
  }
}

}  // namespace shenpi::python
