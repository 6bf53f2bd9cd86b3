// shenpi.compare: the C++ comparison (include/shenpi/compare.hpp) as its JSON
// text; shenpi/_compare.py turns it into dicts or pandas frames.
#include <filesystem>

#include "common.hpp"
#include "shenpi/compare.hpp"

namespace shenpi::python {

void init_compare(py::module_& m) {
  m.def(
      "_compare",
      [](const std::vector<std::shared_ptr<BookHandle>>& handles, std::vector<std::string> labels,
         const std::string& format) {
        std::vector<std::shared_ptr<const Rulebook>> books;
        for (std::size_t j = 0; j < handles.size(); ++j) {
          if (!handles[j]) throw py::type_error("compare() takes shenpi.Rulebook objects");
          books.push_back(handles[j]->book);
          if (j < labels.size()) continue;
          // The folder's name, as `shenpi compare` labels its columns.
          std::filesystem::path p(handles[j]->paths.empty() ? "" : handles[j]->paths.front());
          if (!p.has_filename()) p = p.parent_path();
          labels.push_back(p.filename().string());
        }
        Comparison c;
        {
          py::gil_scoped_release release;
          c = compare(books, labels);
        }
        return format == "html" ? to_html(c) : format == "text" ? to_text(c) : to_json(c);
      },
      py::arg("books"), py::arg("labels"), py::arg("format") = "json",
      "The comparison of rulebooks as JSON, text or HTML (docs/compare.md).");
}

}  // namespace shenpi::python
