// Rulebook.evaluate_json and evaluate_jsonl: JSON text in, decisions out.
// The texts are only located under the GIL (views into the str/bytes
// objects, which the call keeps alive); the library's Rulebook::evaluate_json
// (simdjson On-Demand straight into a reused decision) then runs on every
// core without it.
#include <algorithm>
#include <cstring>
#include <thread>

#include "batch_fused.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi::python {
namespace {

/// Buffers exported by the inputs, released with the GIL held when the
/// call ends (a bytearray cannot be resized meanwhile).
class Buffers {
 public:
  Buffers() = default;
  Buffers(const Buffers&) = delete;
  Buffers& operator=(const Buffers&) = delete;
  ~Buffers() {
    for (auto& b : views_) PyBuffer_Release(&b);
  }
  /// The bytes of `object`, or nullopt (Python error cleared) when it
  /// exports no contiguous buffer.
  std::optional<std::string_view> get(PyObject* object) {
    Py_buffer view;
    if (PyObject_GetBuffer(object, &view, PyBUF_SIMPLE) != 0) {
      PyErr_Clear();
      return std::nullopt;
    }
    views_.push_back(view);
    return std::string_view(static_cast<const char*>(view.buf), static_cast<std::size_t>(view.len));
  }

 private:
  std::vector<Py_buffer> views_;
};

/// The UTF-8 bytes of a str, or nullopt (error cleared) for one that has
/// none (a lone surrogate).
std::optional<std::string_view> str_bytes(PyObject* s) {
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(s, &size);
  if (data == nullptr) {
    PyErr_Clear();
    return std::nullopt;
  }
  return std::string_view(data, static_cast<std::size_t>(size));
}

/// One text to parse and the line of the buffer it starts on.
struct Text {
  std::string_view bytes;
  int first_line = 1;
};

/// Texts located under the GIL; a row that is no text has its diagnostic.
struct Texts {
  std::vector<Text> rows;
  std::vector<std::pair<std::size_t, Diagnostic>> refused;  ///< ascending rows
  std::vector<bool> bad;
};

/// Parses, binds and decides every text, then returns the results.
py::list decide_texts(const std::shared_ptr<BookHandle>& self, const Texts& texts,
                      const std::string& detail, const std::string& errors,
                      std::optional<int> threads, std::optional<std::size_t> chunk_size,
                      const std::string& name, const char* function) {
  const bool raise = parse_batch_errors(errors, function);
  const int workers = parse_batch_threads(threads, function);
  const std::size_t n = texts.rows.size();
  const std::size_t chunk = batch_chunk(n, workers, chunk_size);
  ListResults results(parse_batch_detail(detail, function), n, chunk);
  const auto decide = [&](std::size_t row, Decision& out) {
    if (texts.bad[row]) {
      const auto at = std::lower_bound(texts.refused.begin(), texts.refused.end(), row,
                                       [](const auto& e, std::size_t r) { return e.first < r; });
      out = Decision{};
      out.diagnostics.push_back(at->second);
    } else {
      // Straight from the parser into the thread's reused decision; any
      // unusual text takes the library's reader (parse_application_json),
      // so codes, messages and places are those of `shenpi eval`.
      self->book->evaluate_json(texts.rows[row].bytes, kRowPlaceholder, out);
    }
    results.record(row, out);
  };
  {
    py::gil_scoped_release release;
    run_decisions(n, workers, chunk, decide);
    results.name_rows([&](std::size_t row, Diagnostic& d) {
      if (d.location.file != kRowPlaceholder && !d.location.file.empty()) return;
      d.location.file = name.empty() ? "apps[" + std::to_string(row) + "]" : name;
      if (d.location.line > 0) d.location.line += texts.rows[row].first_line - 1;
    });
  }
  const auto invalid = results.errors();
  if (raise) raise_first(invalid);
  return results.build(self);
}

Diagnostic refuse(const std::string& message) {
  return make_diagnostic(codes::application_shape, {kRowPlaceholder, 0, 0}, message);
}

py::list evaluate_json(const std::shared_ptr<BookHandle>& self, py::handle docs,
                       const std::string& detail, const std::string& errors,
                       std::optional<int> threads, std::optional<std::size_t> chunk_size) {
  if (PyUnicode_Check(docs.ptr()) || PyBytes_Check(docs.ptr()) || PyByteArray_Check(docs.ptr()) ||
      PyMemoryView_Check(docs.ptr()) || !py::isinstance<py::iterable>(docs)) {
    throw py::type_error("evaluate_json: expected a list of JSON texts (str or bytes), got " +
                         type_name(docs.ptr()) +
                         "; for one buffer of JSON lines use evaluate_jsonl");
  }
  // A tuple snapshot keeps every text alive while the GIL is released.
  const py::object seq = py::reinterpret_steal<py::object>(PySequence_Tuple(docs.ptr()));
  if (!seq) throw py::error_already_set();
  const std::size_t n = static_cast<std::size_t>(PyTuple_GET_SIZE(seq.ptr()));
  Texts texts;
  texts.rows.resize(n);
  texts.bad.assign(n, false);
  Buffers buffers;
  for (std::size_t i = 0; i < n; ++i) {
    PyObject* doc = PyTuple_GET_ITEM(seq.ptr(), static_cast<Py_ssize_t>(i));
    std::optional<std::string_view> bytes;
    if (PyUnicode_Check(doc)) {
      bytes = str_bytes(doc);
      if (!bytes) {
        texts.refused.emplace_back(
            i, make_diagnostic(codes::application_json_syntax, {kRowPlaceholder, 0, 0},
                               "invalid JSON: the str is not valid UTF-8 "
                               "(it holds a lone surrogate)"));
      }
    } else if (PyBytes_Check(doc)) {
      // Immutable and kept alive by the tuple: read in place, without
      // exporting (and later releasing) a buffer per text.
      bytes =
          std::string_view(PyBytes_AS_STRING(doc), static_cast<std::size_t>(PyBytes_GET_SIZE(doc)));
    } else if (PyByteArray_Check(doc) || PyMemoryView_Check(doc)) {
      bytes = buffers.get(doc);
      if (!bytes) texts.refused.emplace_back(i, refuse("the buffer is not contiguous"));
    } else {
      texts.refused.emplace_back(
          i, refuse("expected JSON text (str or bytes), got " + type_name(doc)));
    }
    if (!bytes) {
      texts.bad[i] = true;
      continue;
    }
    texts.rows[i] = Text{*bytes, 1};
  }
  return decide_texts(self, texts, detail, errors, threads, chunk_size, "", "evaluate_json");
}

bool blank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

/// The non-blank lines of `part`, numbered from 1, and how many lines it has.
std::size_t split_lines(std::string_view part, std::vector<Text>& rows) {
  std::size_t lines = 0;
  for (std::size_t at = 0; at < part.size(); ++lines) {
    const char* nl =
        static_cast<const char*>(std::memchr(part.data() + at, '\n', part.size() - at));
    const std::size_t end =
        nl == nullptr ? part.size() : static_cast<std::size_t>(nl - part.data());
    std::string_view text = part.substr(at, end - at);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    if (!blank(text)) rows.push_back(Text{text, static_cast<int>(lines) + 1});
    at = end + 1;
  }
  return lines;
}

/// The non-blank lines of `all`, split in parallel: a serial split of a
/// gigabyte is a tenth of the whole call. Parts end at a newline; their
/// line numbers are shifted by the lines of the parts before.
std::vector<Text> split_jsonl(std::string_view all) {
  const std::size_t cores = std::max(1U, std::thread::hardware_concurrency());
  const std::size_t parts = all.size() < (std::size_t{1} << 20) ? 1 : cores;
  std::vector<std::string_view> pieces;
  for (std::size_t at = 0, k = 0; at < all.size(); ++k) {
    std::size_t end = k + 1 == parts ? all.size() : std::max(at, all.size() / parts * (k + 1));
    if (end < all.size()) {
      const char* nl =
          static_cast<const char*>(std::memchr(all.data() + end, '\n', all.size() - end));
      end = nl == nullptr ? all.size() : static_cast<std::size_t>(nl - all.data()) + 1;
    }
    pieces.push_back(all.substr(at, end - at));
    at = end;
  }
  std::vector<std::vector<Text>> rows(pieces.size());
  std::vector<std::size_t> lines(pieces.size());
  {
    std::vector<std::jthread> threads;
    for (std::size_t k = 1; k < pieces.size(); ++k) {
      threads.emplace_back([&, k] { lines[k] = split_lines(pieces[k], rows[k]); });
    }
    if (!pieces.empty()) lines[0] = split_lines(pieces[0], rows[0]);
  }
  std::vector<Text> out;
  if (rows.empty()) return out;
  std::size_t total = 0;
  for (const auto& r : rows) total += r.size();
  out = std::move(rows[0]);
  out.reserve(total);
  std::size_t before = lines[0];
  for (std::size_t k = 1; k < rows.size(); ++k) {
    for (Text& t : rows[k]) t.first_line += static_cast<int>(before);
    out.insert(out.end(), rows[k].begin(), rows[k].end());
    before += lines[k];
  }
  return out;
}

py::list evaluate_jsonl(const std::shared_ptr<BookHandle>& self, py::handle data,
                        const std::string& detail, const std::string& errors,
                        std::optional<int> threads, std::optional<std::size_t> chunk_size,
                        const std::string& name) {
  Buffers buffers;
  std::optional<std::string_view> bytes;
  if (PyUnicode_Check(data.ptr())) {
    bytes = str_bytes(data.ptr());
    if (!bytes) {
      throw py::value_error("evaluate_jsonl: the str is not valid UTF-8 (a lone surrogate)");
    }
  } else {
    bytes = buffers.get(data.ptr());
    if (!bytes) {
      throw py::type_error(
          "evaluate_jsonl: expected bytes (or another buffer, or str) of JSON "
          "lines, got " +
          type_name(data.ptr()));
    }
  }
  Texts texts;
  {
    py::gil_scoped_release release;  // a gigabyte of lines takes a while to split
    texts.rows = split_jsonl(*bytes);
    texts.bad.assign(texts.rows.size(), false);
  }
  return decide_texts(self, texts, detail, errors, threads, chunk_size,
                      name.empty() ? std::string("<jsonl>") : name, "evaluate_jsonl");
}

constexpr const char* kDetailDoc = R"(
``detail`` chooses what comes back, one entry per application, as for
evaluate_many: ``"decision"`` Decision objects; ``"outcome"`` the outcome
strings; ``"missing"`` ``(outcome, (missing material ids…))`` tuples.
``errors="raise"`` raises ApplicationError for the first bad application
(its ``index`` says which); ``errors="return"`` gives invalid Decisions
(``valid`` False) or None outcomes instead. ``threads`` (default: every
core) and ``chunk_size`` (applications per unit of work; default: chosen
from the batch size) tune the run.)";

}  // namespace

void init_batch_json(py::class_<BookHandle, std::shared_ptr<BookHandle>>& cls) {
  static const std::string json_doc =
      std::string(R"(Decide many JSON applications, in order, on all cores.

``docs`` is a list (or iterable) of JSON texts, ``str`` or ``bytes`` each,
every one ``{"application": {...}}`` as ``shenpi eval`` reads it. Parsing
(simdjson), binding and deciding run without the GIL. Diagnostics of a bad
text are located at ``apps[i]:line:column``.)") +
      kDetailDoc;
  static const std::string jsonl_doc =
      std::string(R"(Decide a buffer of JSON lines, in order, on all cores.

``data`` is ``bytes`` (or a bytearray, memoryview, mmap or str) holding
one ``{"application": {...}}`` per line, as ``shenpi eval --batch`` reads;
blank lines are skipped, so result ``i`` is the i-th non-blank line.
Diagnostics are located at ``name:line:column``, lines of the buffer.)") +
      kDetailDoc;
  cls.def("evaluate_json", &evaluate_json, py::arg("docs"), py::kw_only(),
          py::arg("detail") = "decision", py::arg("errors") = "raise",
          py::arg("threads") = py::none(), py::arg("chunk_size") = py::none(), json_doc.c_str());
  cls.def("evaluate_jsonl", &evaluate_jsonl, py::arg("data"), py::kw_only(),
          py::arg("detail") = "decision", py::arg("errors") = "raise",
          py::arg("threads") = py::none(), py::arg("chunk_size") = py::none(),
          py::arg("name") = "<jsonl>", jsonl_doc.c_str());
}

}  // namespace shenpi::python
