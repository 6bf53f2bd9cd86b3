// Dates, strings, diagnostics and exceptions shared by the adapters.
#include "common.hpp"

#include "shenpi/diagnostic_codes.hpp"

#include <unordered_map>

#include <datetime.h>  // the CPython datetime C API; its capsule pointer is per file, so dates live here

namespace shenpi::python {
namespace {

// PyDateTime_IMPORT fills a file-static pointer; do it on first use, under the GIL.
void ensure_datetime() {
  if (PyDateTimeAPI == nullptr) {
    PyDateTime_IMPORT;
    if (PyDateTimeAPI == nullptr) throw py::error_already_set();
  }
}

// The classes of shenpi/_errors.py, looked up once. Leaked on purpose: a
// static py::object would be released after the interpreter is gone.
py::handle errors_attr(const char* name) {
  return py::object(py::module_::import("shenpi._errors").attr(name)).release();
}

[[noreturn]] void raise_instance(py::handle type, const py::object& instance) {
  PyErr_SetObject(type.ptr(), instance.ptr());
  throw py::error_already_set();
}

}  // namespace

py::object to_py_date(Date date) {
  ensure_datetime();
  PyObject* d = PyDate_FromDate(date.year(), date.month(), date.day());
  if (d == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(d);
}

py::object to_py_date(const std::optional<Date>& date) {
  return date ? to_py_date(*date) : py::none();
}

std::optional<Date> date_from_py(PyObject* object) {
  ensure_datetime();
  if (!PyDate_Check(object)) return std::nullopt;  // also true for datetime.datetime (a subclass)
  return Date::from_ymd(PyDateTime_GET_YEAR(object), PyDateTime_GET_MONTH(object),
                        PyDateTime_GET_DAY(object));
}

Date date_arg(py::handle object, const char* what) {
  if (auto d = date_from_py(object.ptr())) return *d;
  if (PyUnicode_Check(object.ptr())) {
    const auto text = object.cast<std::string>();
    if (auto d = Date::parse(text)) return *d;
    throw py::value_error(std::string(what) + ": '" + text + "' is not a date (YYYY-MM-DD)");
  }
  throw py::type_error(std::string(what) + ": expected datetime.date or 'YYYY-MM-DD', got " +
                       type_name(object.ptr()));
}

PyObject* interned(std::string_view text) {
  // Never released: these few strings live as long as the interpreter, and
  // dropping them from a static destructor after finalization would crash.
  // The GIL serializes access to the table.
  static auto* table = new std::unordered_map<std::string, PyObject*>();
  const auto it = table->find(std::string(text));
  if (it != table->end()) return it->second;
  PyObject* s = PyUnicode_FromStringAndSize(text.data(), static_cast<Py_ssize_t>(text.size()));
  if (s == nullptr) throw py::error_already_set();
  PyUnicode_InternInPlace(&s);
  table->emplace(std::string(text), s);
  return s;
}

py::str py_text(std::string_view text) {
  PyObject* s =
      PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "backslashreplace");
  if (s == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(s);
}

py::str py_path(std::string_view path) {
  PyObject* s = PyUnicode_DecodeFSDefaultAndSize(path.data(), static_cast<Py_ssize_t>(path.size()));
  if (s == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(s);
}

std::string path_arg(py::handle path) {
  static const auto fsencode = py::object(py::module_::import("os").attr("fsencode")).release();
  const py::bytes bytes = fsencode(path);
  return bytes.cast<std::string>();
}

std::string short_repr(PyObject* object, std::size_t limit) {
  PyObject* r = PyObject_Repr(object);
  if (r == nullptr) {
    PyErr_Clear();
    return "<unprintable>";
  }
  Py_ssize_t size = 0;
  const char* text = PyUnicode_AsUTF8AndSize(r, &size);
  std::string out =
      text != nullptr ? std::string(text, static_cast<std::size_t>(size)) : "<unprintable>";
  Py_DECREF(r);
  if (out.size() > limit) out = out.substr(0, limit) + "...";
  return out;
}

std::string type_name(PyObject* object) {
  const py::handle type(reinterpret_cast<PyObject*>(Py_TYPE(object)));
  const auto module = py::str(type.attr("__module__")).cast<std::string>();
  const auto name = py::str(type.attr("__qualname__")).cast<std::string>();
  return module == "builtins" ? name : module + "." + name;
}

py::object to_py(const Diagnostic& d) {
  static const auto note_type = errors_attr("DiagnosticNote");
  static const auto diagnostic_type = errors_attr("Diagnostic");
  py::list notes;
  for (const auto& n : d.notes) {
    notes.append(note_type(py_text(n.location.file), n.location.line, n.location.column,
                           py_text(n.message)));
  }
  return diagnostic_type(d.code, std::string(to_string(d.severity)), py_text(d.location.file),
                         d.location.line, d.location.column, py_text(d.message), py::tuple(notes));
}

py::list to_py(const std::vector<Diagnostic>& diagnostics) {
  py::list out;
  for (const auto& d : diagnostics) out.append(to_py(d));
  return out;
}

std::string summarize(const std::vector<Diagnostic>& diagnostics) {
  if (diagnostics.empty()) return "invalid application";
  const Diagnostic& first = diagnostics.front();
  // Application diagnostics made here carry the field path as their "file"
  // (`application.facts['x']`); the library's own carry a real place or none.
  std::string where = first.location.file;
  if (first.location.line > 0) where += ":" + std::to_string(first.location.line);
  std::string out = where.empty() ? first.message : where + ": " + first.message;
  if (diagnostics.size() > 1) {
    out += " (and " + std::to_string(diagnostics.size() - 1) + " more; see .diagnostics)";
  }
  return out;
}

void raise_rule_error(const std::string& message, const std::vector<Diagnostic>& diagnostics) {
  static const auto type = errors_attr("RuleError");
  raise_instance(type, type(py_text(message), to_py(diagnostics)));
}

void raise_application_error(const std::vector<Diagnostic>& diagnostics,
                             std::optional<std::size_t> index) {
  static const auto type = errors_attr("ApplicationError");
  std::string message = summarize(diagnostics);
  if (index) message = "apps[" + std::to_string(*index) + "]: " + message;
  raise_instance(type,
                 type(py_text(message), to_py(diagnostics), index ? py::cast(*index) : py::none()));
}

void raise_calendar_error(const CalendarError& error) {
  static const auto type = errors_attr("CalendarError");
  const std::vector<Diagnostic> why{
      make_diagnostic(codes::date_outside_calendar, {}, error.message)};
  raise_instance(type, type(py_text(error.message), to_py_date(error.date), to_py(why)));
}

py::object duration_text(const std::optional<Duration>& duration) {
  return duration ? py::cast(duration->to_string()) : py::none();
}

}  // namespace shenpi::python
