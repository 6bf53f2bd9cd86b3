// shenpi.diff's compiled part: the library's diff as JSON text, which the
// Python side turns into dicts (and pandas frames).
#include "shenpi/diff.hpp"
#include "convert.hpp"
#include "wrappers.hpp"

namespace shenpi::python {
namespace {

/// A caseload from a path (str / os.PathLike) or a list of application dicts.
Caseload caseload(const BookHandle& book, const py::object& apps) {
  if (py::isinstance<py::str>(apps) || py::hasattr(apps, "__fspath__")) {
    const std::string path = py::str(py::module_::import("os").attr("fspath")(apps));
    Caseload c = read_caseload(path);
    if (!c.diagnostics.empty()) raise_application_error(c.diagnostics);
    return c;
  }
  Caseload c;
  ApplicationConverter converter(*book.index);
  int k = 0;
  for (const auto& app : apps) {
    ++k;
    std::string id = std::to_string(k);
    py::object body = py::reinterpret_borrow<py::object>(app);
    // An "id" names the application in the examples; the rest is the application.
    if (py::isinstance<py::dict>(app) && app.cast<py::dict>().contains("id")) {
      py::dict copy = app.attr("copy")();
      id = py::str(copy["id"]);
      PyDict_DelItemString(copy.ptr(), "id");
      body = copy;
    }
    Application converted;
    std::vector<Diagnostic> diagnostics;
    if (!converter.convert(body.ptr(), converted, diagnostics))
      raise_application_error(diagnostics);
    c.applications.push_back(std::move(converted));
    c.ids.push_back(std::move(id));
  }
  return c;
}

}  // namespace

void init_diff(py::module_& m) {
  m.def(
      "_diff",
      [](const BookHandle& old_book, const BookHandle& new_book, const py::object& apps) {
        RulebookDiff diff = diff_rules(*old_book.book, *new_book.book);
        if (!apps.is_none()) {
          const Caseload c = caseload(new_book, apps);
          py::gil_scoped_release release;
          diff.impact = diff_applications(*old_book.book, *new_book.book, c.applications, c.ids);
          diff.has_impact = true;
        }
        return diff_to_json(diff);
      },
      py::arg("old"), py::arg("new"), py::arg("apps") = py::none(),
      "The diff of two rulebooks as JSON text; use shenpi.diff().");
}

}  // namespace shenpi::python
