// shenpi.load and shenpi.Rulebook: loading, single evaluation, the calendar
// and graphs, pickling by source paths. Introspection: introspect.cpp;
// batches: batch.cpp.
#include <filesystem>

#include "convert.hpp"
#include "wrappers.hpp"

namespace shenpi::python {
namespace {

using RulebookClass = py::class_<BookHandle, std::shared_ptr<BookHandle>>;

/// A path or a list of paths (str or os.PathLike) as the bytes the file
/// system sees (os.fsencode): a str with lone surrogates from os.fsdecode
/// names its file, and one that names none is SP100 like any missing path.
std::vector<std::string> path_list(py::handle paths) {
  std::vector<std::string> out;
  if (PyUnicode_Check(paths.ptr()) || py::hasattr(paths, "__fspath__")) {
    out.push_back(path_arg(paths));
    return out;
  }
  if (PyBytes_Check(paths.ptr()) || !py::isinstance<py::iterable>(paths)) {
    throw py::type_error(
        "shenpi.load: expected a path (str or os.PathLike) or a list of paths, got " +
        type_name(paths.ptr()));
  }
  for (py::handle p : paths) out.push_back(path_arg(p));
  if (out.empty()) throw py::value_error("shenpi.load: no path given");
  return out;
}

/// Names for LoadOptions::disabled; one that is no UTF-8 is SP111 like any
/// unknown name.
std::vector<std::string> name_list(py::handle names) {
  std::vector<std::string> out;
  for (py::handle name : names) {
    if (!PyUnicode_Check(name.ptr())) {
      throw py::type_error("shenpi.load: disabled names are str, got " + type_name(name.ptr()));
    }
    py::object hold;
    out.emplace_back(utf8(name.ptr(), hold));
  }
  return out;
}

std::vector<std::string> fs_paths(py::handle paths) {
  std::vector<std::string> out;
  for (py::handle p : paths) out.push_back(path_arg(p));
  return out;
}

std::string load_message(const std::vector<std::string>& paths,
                         const std::vector<Diagnostic>& diagnostics) {
  int errors = 0;
  const Diagnostic* first = nullptr;
  for (const auto& d : diagnostics) {
    if (d.severity != Severity::error) continue;
    ++errors;
    if (first == nullptr) first = &d;
  }
  std::string where;
  for (const auto& p : paths) where += (where.empty() ? "" : ", ") + p;
  std::string out = "the rulebook " + where + " has " + std::to_string(errors) +
                    (errors == 1 ? " error" : " errors");
  if (first != nullptr) out += "; first: " + format_diagnostic(*first);
  return out;
}

std::shared_ptr<BookHandle> load(py::handle paths, py::handle disabled_names,
                                 py::handle calendar_folders) {
  auto handle = std::make_shared<BookHandle>();
  const std::vector<std::string> given = path_list(paths);
  const std::vector<std::string> disabled = name_list(disabled_names);
  const std::vector<std::string> calendar_dirs = fs_paths(calendar_folders);
  LoadOptions options;
  options.disabled = disabled;
  options.calendar_dirs = calendar_dirs;
  LoadResult loaded;
  {
    py::gil_scoped_release release;  // reading and checking YAML: other Python threads may run
    loaded = load_rulebook(given, options);
  }
  if (!loaded.ok()) raise_rule_error(load_message(given, loaded.diagnostics), loaded.diagnostics);
  handle->book = loaded.rulebook;
  handle->warnings = std::move(loaded.diagnostics);
  // Absolute, so a pickled rulebook loads on a worker whatever its cwd.
  for (const auto& p : given)
    handle->paths.push_back(std::filesystem::absolute(p).lexically_normal().string());
  for (const auto& d : calendar_dirs) {
    handle->calendar_dirs.push_back(std::filesystem::absolute(d).lexically_normal().string());
  }
  handle->disabled = disabled;
  handle->index = std::make_shared<const ApplicationIndex>(*handle->book);
  for (const auto& item : handle->book->items()) {
    auto& ids = handle->material_ids.emplace_back();
    for (const auto& m : item.materials) ids.push_back(py::str(m.id));
  }
  return handle;
}

PyDecision evaluate(const std::shared_ptr<BookHandle>& self, py::handle app,
                    const py::object& as_of) {
  ApplicationConverter converter(*self->index);
  auto converted = std::make_shared<Application>();
  std::vector<Diagnostic> diagnostics;
  if (!converter.convert(app.ptr(), *converted, diagnostics)) raise_application_error(diagnostics);
  if (!as_of.is_none()) converted->as_of = date_arg(as_of, "as_of");
  Decision decision = self->book->evaluate(*converted);
  if (!decision.valid()) raise_application_error(decision.diagnostics);
  return PyDecision{std::move(decision), self, std::move(converted)};
}

const Item& find_item(const BookHandle& self, const std::string& code) {
  const Item* item = self.book->find_item(code);
  if (item == nullptr) throw py::key_error("no item '" + code + "' in the rulebook");
  return *item;
}

/// The version of `code` in force on `as_of` (None: the current one).
const Item& find_item_on(const BookHandle& self, const std::string& code, const py::object& as_of) {
  if (as_of.is_none()) return find_item(self, code);
  const Date day = date_arg(as_of, "as_of");
  const Item* item = self.book->find_item(code, day);
  if (item == nullptr) {
    throw py::key_error("no version of item '" + code + "' in force on " + day.to_string());
  }
  return *item;
}

void define_methods(RulebookClass& cls) {
  cls.def("evaluate", &evaluate, py::arg("app"), py::kw_only(), py::arg("as_of") = py::none(),
          R"(Decide one application.

``app`` is a dict shaped like the YAML application: ``{"item": code,
"submitted_on": date or "YYYY-MM-DD", "facts": {path: value}, "materials":
[ids], "commitments": [ids]}`` (``{"application": {...}}`` also works).
Fact values are checked against the declared types (bool, int, decimal,
str, enum value, date or "YYYY-MM-DD", list of str); None and NaN leave a
fact unknown. Raises ApplicationError naming the field on bad input.
``as_of`` (a date) decides under the item version in force that day instead
of on ``submitted_on`` (docs/versions.md).)");
  cls.def_property_readonly(
      "calendar", [](const std::shared_ptr<BookHandle>& self) { return PyCalendar{self}; },
      "The working-day calendar the rulebook loaded (Calendar).");
  cls.def(
      "graph",
      [](const std::shared_ptr<BookHandle>& self, const std::string& code, bool statutory,
         const py::object& start, const py::object& as_of) {
        std::optional<Date> date, on;
        if (!start.is_none()) date = date_arg(start, "start");
        if (!as_of.is_none()) on = date_arg(as_of, "as_of");
        return make_graph(self, code, statutory, date, on);
      },
      py::arg("code"), py::kw_only(), py::arg("statutory") = false, py::arg("start") = py::none(),
      py::arg("as_of") = py::none(),
      R"(The parallel-approval graph of bundle ``code`` (Graph).

``statutory=True`` plans with statutory limits instead of promised ones;
``start`` (a date) adds a dated schedule; ``as_of`` (a date, default
``start``, else the current versions) picks the item versions in force. Raises KeyError for an unknown
bundle. A bundle with a dependency cycle gives a graph whose ``ok`` is
False and whose ``diagnostics`` show the cycle.)");
  cls.def(
      "guide",
      [](const BookHandle& self, const std::string& code, const py::object& as_of) {
        return render_guide(*self.book, find_item_on(self, code, as_of));
      },
      py::arg("code"), py::kw_only(), py::arg("as_of") = py::none(),
      "The item's 办事指南 as text, from the same rules the engine evaluates; ``as_of`` (a date) "
      "picks the version in force that day (default: the current version).");
  cls.def_property_readonly(
      "sources",
      [](const BookHandle& self) {
        py::list out;
        for (const auto& p : self.paths) out.append(py_path(p));
        return out;
      },
      "The absolute paths the rulebook was loaded from (what pickling stores).");
  cls.def_property_readonly(
      "diagnostics", [](const BookHandle& self) { return to_py(self.warnings); },
      "Warnings found while loading (errors raise RuleError instead).");
  cls.def(
      "__contains__",
      [](const BookHandle& self, const std::string& code) {
        return self.book->find_item(code) != nullptr;
      },
      "True when the rulebook has an item with this code.");
  cls.def("__reduce__", [](const BookHandle& self) {
    // Pickled by source: a worker loads its own copy (immutable and
    // thread-safe there too) instead of receiving a serialized model.
    const py::object load_fn = py::module_::import("shenpi").attr("load");
    const auto paths = [](const std::vector<std::string>& list) {
      py::list out;
      for (const auto& p : list) out.append(py_path(p));
      return out;
    };
    py::list disabled;
    for (const auto& name : self.disabled) disabled.append(py_text(name));
    return py::make_tuple(load_fn,
                          py::make_tuple(paths(self.paths), disabled, paths(self.calendar_dirs)));
  });
  cls.def("__repr__", [](const BookHandle& self) {
    std::string where;
    for (const auto& p : self.paths) where += (where.empty() ? "" : ", ") + p;
    return py_text("<shenpi.Rulebook " + where + ": " + std::to_string(self.book->items().size()) +
                   " items, " + std::to_string(self.book->bundles().size()) + " bundles>");
  });
}

}  // namespace

void init_rulebook(py::module_& m) {
  RulebookClass cls(m, "Rulebook",
                    R"(A checked, immutable rulebook (items, materials, bundles, calendar).

Made by shenpi.load. Safe to use from many threads at once; pickles by its
source paths, so it can be sent to Dask workers, which load it again.)");
  define_methods(cls);
  init_introspect(cls);
  init_batch(cls);
  init_batch_json(cls);
  init_frame(cls);
  m.def("load", &load, py::arg("paths"), py::arg("disabled") = py::tuple(),
        py::arg("calendar_dirs") = py::tuple(),
        R"(Load and check a rulebook from a folder, a file, or a list of them.

``disabled`` silences warnings by code or name; ``calendar_dirs`` replaces
the default calendar folder (``<rulebook>/../calendar``). Raises RuleError,
whose ``diagnostics`` lists every problem, when the rules have errors or
cannot be read.)");
}

}  // namespace shenpi::python
