// application.facts → ApplicationFact. Python's part is only to turn a
// Python object into the library's typed value (numpy scalars unwrapped,
// pandas' missing markers skipped, Decimal and datetime.date converted);
// whether the value fits the fact, and the words that say it does not, are
// the library's (check_fact_value, include/shenpi/evaluate.hpp), the same
// as for YAML and JSON. Diagnostics are located at the field,
// `application.facts['premises.area_m2']`.
#include <algorithm>
#include <climits>
#include <cmath>
#include <cstring>

#include "convert.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi::python {
namespace {

bool is_basic(PyObject* v) {
  return PyUnicode_Check(v) || PyLong_Check(v) || PyFloat_Check(v);
}

bool type_is(PyObject* v, const char* name) {
  return std::strcmp(Py_TYPE(v)->tp_name, name) == 0;
}

/// numpy scalars (numpy.int64, numpy.bool_ …) as the Python value they hold,
/// so `df.itertuples()` rows work like plain dicts. Arrays are left alone:
/// one of strings is a list.
py::object unwrap_numpy(PyObject* v) {
  if (std::strncmp(Py_TYPE(v)->tp_name, "numpy.", 6) == 0 && !type_is(v, "numpy.ndarray") &&
      PyObject_HasAttrString(v, "item")) {
    return py::reinterpret_borrow<py::object>(v).attr("item")();
  }
  return py::reinterpret_borrow<py::object>(v);
}

/// None, NaN (float, numpy or Decimal), pandas.NaT and pandas.NA: a cell
/// with no value, as pandas marks a gap. The fact stays unknown, as
/// `fact: ~` does in YAML, so a DataFrame row converts as is. (Infinities
/// are values, and no decimal: SP604.)
bool is_missing(PyObject* v) {
  if (v == Py_None) return true;
  if (PyFloat_Check(v)) return std::isnan(PyFloat_AS_DOUBLE(v));
  if (is_basic(v) || PyBool_Check(v)) return false;
  if (type_is(v, "NaTType") || type_is(v, "NAType")) return true;
  if ((type_is(v, "decimal.Decimal") || type_is(v, "Decimal")) &&
      PyObject_HasAttrString(v, "is_nan")) {
    // is_nan() rather than comparing: a signalling NaN raises on comparison.
    return py::reinterpret_borrow<py::object>(v).attr("is_nan")().cast<bool>();
  }
  return false;
}

/// Assigns text to a fact value, reusing the string it may already hold.
void set_string(FactValue& out, std::string_view text) {
  if (auto* s = std::get_if<std::string>(&out)) {
    set_text(*s, text);
  } else {
    out.emplace<std::string>(text);
  }
}

/// `int (7)`: how a Python object the library has no value for is named.
std::string described(PyObject* value) {
  return type_name(value) + " (" + short_repr(value) + ")";
}

/// Converts one fact's Python value to the library's FactValue and has the
/// library check it. A diagnostic goes to `c` at the fact's field.
struct FactReader {
  ConvertContext& c;
  const Fact& fact;

  std::string field() const { return fact_field(fact.path); }

  /// SP604 for an object that is no fact value at all (dict, bytes, an int
  /// past 64 bits, an infinite Decimal …): the library's sentence, given
  /// what Python calls the object.
  bool not_a_value(PyObject* value, std::string field_name = {}) const {
    c.diagnostics.push_back(fact_type_error(
        fact, described(value), {field_name.empty() ? field() : std::move(field_name), 0, 0}));
    return false;
  }

  /// A whole number as an int fact takes it: pandas turns an int column
  /// with gaps into floats.
  bool whole(double d, FactValue& out) const {
    if (fact.type != FactType::integer || std::trunc(d) != d || std::fabs(d) >= 9.0e18) {
      return false;
    }
    out = static_cast<std::int64_t>(d);
    return true;
  }

  bool integer(PyObject* value, FactValue& out) const {
    int overflow = 0;
    const long long i = PyLong_AsLongLongAndOverflow(value, &overflow);
    if (overflow != 0) return not_a_value(value);  // past 64 bits, as in YAML
    if (i == -1 && PyErr_Occurred()) throw py::error_already_set();
    out = static_cast<std::int64_t>(i);
    return true;
  }

  /// decimal.Decimal, fractions.Fraction: anything that says it is a number.
  bool number(PyObject* value, FactValue& out) const {
    const double d = PyFloat_AsDouble(value);
    if (d == -1.0 && PyErr_Occurred()) throw py::error_already_set();
    // Decimal('1e400') and Decimal('Infinity') become inf: name what was given.
    if (!std::isfinite(d)) return not_a_value(value);
    if (!whole(d, out)) out = d;
    return true;
  }

  bool string_list(PyObject* value, FactValue& out) const {
    PyObject* seq = PySequence_Fast(value, "");
    if (seq == nullptr) {
      PyErr_Clear();
      return not_a_value(value);
    }
    const py::object hold_seq = py::reinterpret_steal<py::object>(seq);
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    // Filled in place: a reused entry keeps its list's strings' storage.
    auto* kept = std::get_if<std::vector<std::string>>(&out);
    std::vector<std::string> fresh;
    std::vector<std::string>& list = kept != nullptr ? *kept : fresh;
    std::size_t used = 0;
    bool ok = true;
    for (Py_ssize_t k = 0; k < n; ++k) {
      PyObject* e = PySequence_Fast_GET_ITEM(seq, k);
      if (!PyUnicode_Check(e)) {
        const std::string at = "[" + std::to_string(k) + "]";
        c.diagnostics.push_back(fact_type_error(fact, "a list with " + described(e) + " at " + at,
                                                {field() + at, 0, 0}));
        ok = false;
        continue;
      }
      py::object hold;
      set_text(ConvertContext::next(list, used), utf8(e, hold));
    }
    list.resize(used);
    if (ok && kept == nullptr) out = std::move(fresh);
    return ok;
  }

  /// The library's typed value of `value`, chosen by its Python type; false
  /// after a diagnostic for an object that has none.
  bool typed(PyObject* value, FactValue& out) const {
    if (PyBool_Check(value)) {  // bool is an int subclass: test it first
      out = value == Py_True;
      return true;
    }
    if (PyLong_Check(value)) return integer(value, out);
    if (PyFloat_Check(value)) {
      const double d = PyFloat_AS_DOUBLE(value);
      if (!whole(d, out)) out = d;  // inf stays inf: the library refuses it
      return true;
    }
    if (PyUnicode_Check(value)) {
      py::object hold;
      set_string(out, utf8(value, hold));
      return true;
    }
    if (const std::optional<Date> d = date_from_py(value)) {
      out = *d;
      return true;
    }
    const bool text_like = PyBytes_Check(value) || PyByteArray_Check(value) || PyDict_Check(value);
    if (fact.type == FactType::string_list && !text_like) return string_list(value, out);
    if (!text_like && PyObject_HasAttrString(value, "__float__")) return number(value, out);
    return not_a_value(value);
  }

  bool convert(PyObject* value, FactValue& out) const {
    if (!typed(value, out)) return false;
    static const SourceLocation nowhere;  // the field is named only on failure
    if (auto error = check_fact_value(fact, out, nowhere)) {
      error->location.file = field();
      c.diagnostics.push_back(std::move(*error));
      return false;
    }
    return true;
  }
};

}  // namespace

ApplicationConverter::Fast ApplicationConverter::fast_value(const Fact& fact, PyObject* value,
                                                            FactValue& out) {
  // Exact types only (a subclass may convert differently), and only the
  // pairs check_fact_value accepts as they are, so skipping it changes
  // nothing; everything else takes the general path below.
  PyTypeObject* type = Py_TYPE(value);
  if (value == Py_None) return Fast::missing;
  if (type == &PyBool_Type) {
    if (fact.type != FactType::boolean) return Fast::no;
    out = value == Py_True;
    return Fast::stored;
  }
  if (type == &PyLong_Type) {
    if (fact.type != FactType::integer && fact.type != FactType::decimal) return Fast::no;
    int overflow = 0;
    const long long i = PyLong_AsLongLongAndOverflow(value, &overflow);
    if (overflow != 0 || (i == -1 && PyErr_Occurred())) {
      PyErr_Clear();
      return Fast::no;
    }
    out = static_cast<std::int64_t>(i);
    return Fast::stored;
  }
  if (type == &PyFloat_Type) {
    const double d = PyFloat_AS_DOUBLE(value);
    if (std::isnan(d)) return Fast::missing;
    if (fact.type != FactType::decimal || !std::isfinite(d)) return Fast::no;
    out = d;
    return Fast::stored;
  }
  if (type != &PyUnicode_Type ||
      (fact.type != FactType::string && fact.type != FactType::enumeration)) {
    return Fast::no;
  }
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(value, &size);  // UTF-8 when it succeeds
  if (data == nullptr) {
    PyErr_Clear();
    return Fast::no;
  }
  const std::string_view text(data, static_cast<std::size_t>(size));
  if (fact.type == FactType::enumeration) {
    // An enum word is checked once per str object (the words of a
    // caseload are a handful of objects).
    const auto scope = reinterpret_cast<std::uintptr_t>(&fact);
    if (cache_.find(value, scope) == nullptr) {
      if (std::find(fact.values.begin(), fact.values.end(), text) == fact.values.end())
        return Fast::no;
      cache_.put(value, scope, &fact);
    }
  }
  set_string(out, text);
  return Fast::stored;
}

void ApplicationConverter::read_facts(Context& c, PyObject* value) {
  if (value == nullptr || value == Py_None) return;
  py::object holder;  // keeps a dict made from another mapping alive
  if (!PyDict_Check(value)) {
    if (PyUnicode_Check(value) || !PyObject_HasAttrString(value, "keys")) {
      c.report(codes::application_shape, "application.facts",
               "expected a dict of fact values, got " + type_name(value));
      return;
    }
    holder = py::dict(py::reinterpret_borrow<py::object>(value));
    value = holder.ptr();
  }
  Py_ssize_t pos = 0;
  PyObject* key = nullptr;
  PyObject* v = nullptr;
  while (PyDict_Next(value, &pos, &key, &v)) {
    if (!PyUnicode_Check(key)) {
      c.report(codes::application_shape, "application.facts[" + short_repr(key) + "]",
               "fact names are str");
      continue;
    }
    const Fact* found = find_fact(*c.item, key);
    if (found == nullptr) {
      py::object hold;
      const std::string_view path = utf8(key, hold);
      // The library's SP603: set_fact looks at the path before the value.
      Application scratch;
      if (auto error = set_fact(scratch, index_.book(), *c.item->item, path, FactValue{},
                                {fact_field(path), 0, 0})) {
        c.diagnostics.push_back(std::move(*error));
      }
      continue;
    }
    ApplicationFact& f = Context::next(c.app.facts, c.facts);
    const Fast fast = fast_value(*found, v, f.value);
    if (fast != Fast::no) {
      if (fast == Fast::missing) {
        --c.facts;
        continue;
      }
      set_text(f.path, found->path);
      continue;
    }
    const py::object plain = is_basic(v) ? py::object() : unwrap_numpy(v);
    PyObject* given = plain ? plain.ptr() : v;
    if (is_missing(given)) {
      --c.facts;
      continue;
    }
    if (!FactReader{c, *found}.convert(given, f.value)) {
      --c.facts;  // the application is bad anyway; keep the entry for reuse
      continue;
    }
    set_text(f.path, found->path);
  }
}

}  // namespace shenpi::python
