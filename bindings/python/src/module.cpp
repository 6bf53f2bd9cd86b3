// The compiled private module `shenpi._shenpi`: thin adapters over the C++
// library, one file per class. The public package `shenpi` re-exports it
// and adds the pure-Python parts (exceptions, conveniences).
#include "common.hpp"

namespace py = pybind11;

PYBIND11_MODULE(_shenpi, m) {
  using namespace shenpi::python;
  m.doc() = "Compiled core of shenpi; import `shenpi` instead.";
  // Order matters for signatures in docstrings: classes before the
  // functions and methods that return them.
  init_decision(m);
  init_graph(m);
  init_calendar(m);
  init_rulebook(m);
  init_compare(m);
  init_diff(m);
  m.def(
      "diagnostic_catalog",
      [] {
        py::list out;
        for (const auto& info : shenpi::diagnostic_catalog()) {
          py::dict row;
          row["code"] = std::string(info.code);
          row["name"] = std::string(info.name);
          row["severity"] = std::string(shenpi::to_string(info.severity));
          row["summary"] = std::string(info.summary);
          out.append(row);
        }
        return out;
      },
      "Every diagnostic code shenpi can emit: code, name, severity, summary "
      "(docs/diagnostics.md).");
  m.attr("__version__") = SHENPI_VERSION_STRING;  // shenpi/version.hpp
}
