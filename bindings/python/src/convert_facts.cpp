// application.facts → ApplicationFact, checking each Python value against
// the type its fact declares, so a mistake is reported at its field
// (`application.facts['premises.area_m2']: expected decimal, got str ('45')`)
// instead of surfacing later as a bare SP604 without a place.
#include <cmath>
#include <cstring>

#include "convert.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi::python {
namespace {

bool is_basic(PyObject* v) {
  return PyUnicode_Check(v) || PyLong_Check(v) || PyFloat_Check(v);
}

/// None, NaN, pandas.NaT and pandas.NA: a cell with no value. The fact stays
/// unknown, as `fact: ~` does in YAML, so a DataFrame row converts as is.
bool is_missing(PyObject* v) {
  if (v == Py_None) return true;
  if (PyFloat_Check(v)) return std::isnan(PyFloat_AS_DOUBLE(v));
  if (is_basic(v)) return false;
  const char* name = Py_TYPE(v)->tp_name;
  return std::strcmp(name, "NaTType") == 0 || std::strcmp(name, "NAType") == 0;
}

/// numpy scalars (numpy.int64, numpy.bool_ …) as the Python value they hold,
/// so `df.itertuples()` rows work like plain dicts.
py::object unwrap_numpy(PyObject* v) {
  if (std::strncmp(Py_TYPE(v)->tp_name, "numpy.", 6) == 0 && PyObject_HasAttrString(v, "item")) {
    return py::reinterpret_borrow<py::object>(v).attr("item")();
  }
  return py::reinterpret_borrow<py::object>(v);
}

/// Assigns text to a fact value, reusing the string it may already hold.
void set_string(FactValue& out, std::string_view text) {
  if (auto* s = std::get_if<std::string>(&out)) {
    s->assign(text);
  } else {
    out.emplace<std::string>(text);
  }
}

std::string enum_values(const Fact& fact) {
  std::string out;
  for (const auto& v : fact.values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

struct FactReader {
  ConvertContext& c;
  const Fact& fact;

  bool wrong(std::string_view expected, PyObject* value) const {
    c.wrong_type(fact_field(fact.path), expected, value);
    return false;
  }

  bool integer(PyObject* value, bool is_bool, FactValue& out) const {
    if (PyLong_Check(value) && !is_bool) {
      int overflow = 0;
      const long long i = PyLong_AsLongLongAndOverflow(value, &overflow);
      if (overflow != 0) return wrong("int within 64 bits", value);
      out = static_cast<std::int64_t>(i);
      return true;
    }
    // pandas turns an int column with gaps into floats: take whole ones.
    if (PyFloat_Check(value)) {
      const double d = PyFloat_AS_DOUBLE(value);
      if (std::trunc(d) == d && std::fabs(d) < 9.0e18) {
        out = static_cast<std::int64_t>(d);
        return true;
      }
    }
    return wrong("int", value);
  }

  bool decimal(PyObject* value, bool is_bool, FactValue& out) const {
    if (PyFloat_Check(value)) {
      out = PyFloat_AS_DOUBLE(value);
      return true;
    }
    if (PyLong_Check(value) && !is_bool) {
      const double d = PyLong_AsDouble(value);
      if (d == -1.0 && PyErr_Occurred()) throw py::error_already_set();
      out = d;
      return true;
    }
    // decimal.Decimal, fractions.Fraction: anything that says it is a number.
    if (!is_bool && !PyUnicode_Check(value) && PyObject_HasAttrString(value, "__float__")) {
      out = py::float_(py::reinterpret_borrow<py::object>(value)).cast<double>();
      return true;
    }
    return wrong("decimal", value);
  }

  bool enumeration(PyObject* value, FactValue& out) const {
    if (!PyUnicode_Check(value)) return wrong("str (one of: " + enum_values(fact) + ")", value);
    const std::string_view text = utf8(value);
    for (const auto& allowed : fact.values) {
      if (allowed == text) {
        set_string(out, allowed);
        return true;
      }
    }
    c.report(codes::fact_wrong_type, fact_field(fact.path),
             "expected one of: " + enum_values(fact) + "; got '" + std::string(text) + "'");
    return false;
  }

  bool string_list(PyObject* value, FactValue& out) const {
    if (PyUnicode_Check(value) || PyBytes_Check(value) || PyDict_Check(value))
      return wrong("list of str", value);
    PyObject* seq = PySequence_Fast(value, "");
    if (seq == nullptr) {
      PyErr_Clear();
      return wrong("list of str", value);
    }
    const py::object hold = py::reinterpret_steal<py::object>(seq);
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    std::vector<std::string> list;
    list.reserve(static_cast<std::size_t>(n));
    bool ok = true;
    for (Py_ssize_t k = 0; k < n; ++k) {
      PyObject* e = PySequence_Fast_GET_ITEM(seq, k);
      if (!PyUnicode_Check(e)) {
        c.wrong_type(fact_field(fact.path) + "[" + std::to_string(k) + "]", "str", e);
        ok = false;
        continue;
      }
      list.emplace_back(utf8(e));
    }
    if (ok) out = std::move(list);
    return ok;
  }

  bool convert(PyObject* value, FactValue& out) const {
    if (!is_basic(value) && !PyBool_Check(value)) {
      const py::object plain = unwrap_numpy(value);
      if (plain.ptr() != value) return convert(plain.ptr(), out);
    }
    const bool is_bool = PyBool_Check(value);  // bool is an int subclass: test it first
    switch (fact.type) {
      case FactType::boolean:
        if (!is_bool) return wrong("bool", value);
        out = value == Py_True;
        return true;
      case FactType::integer:
        return integer(value, is_bool, out);
      case FactType::decimal:
        return decimal(value, is_bool, out);
      case FactType::string:
        if (!PyUnicode_Check(value)) return wrong("str", value);
        set_string(out, utf8(value));
        return true;
      case FactType::enumeration:
        return enumeration(value, out);
      case FactType::date: {
        std::optional<Date> d = date_from_py(value);
        if (!d && PyUnicode_Check(value)) d = Date::parse(utf8(value));
        if (!d) return wrong("date (datetime.date or 'YYYY-MM-DD')", value);
        out = *d;
        return true;
      }
      case FactType::string_list:
        return string_list(value, out);
    }
    return wrong(to_string(fact.type), value);
  }
};

}  // namespace

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
      const std::string_view path = utf8(key);
      c.report(codes::unknown_application_fact, fact_field(path),
               "item " + c.item->item->code + " declares no fact '" + std::string(path) + "'");
      continue;
    }
    if (is_missing(v)) continue;
    const Fact& fact = *found;
    ApplicationFact& f = Context::next(c.app.facts, c.facts);
    if (!FactReader{c, fact}.convert(v, f.value)) {
      --c.facts;  // the application is bad anyway; keep the entry for reuse
      continue;
    }
    f.path.assign(fact.path);
  }
}

}  // namespace shenpi::python
