// Shared pieces of the _shenpi adapters: the rulebook handle every wrapper
// keeps alive, date conversion, diagnostics and the exceptions. The adapters
// are thin: every rule lives in the C++ library, these files only translate.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "shenpi/shenpi.hpp"

namespace shenpi::python {

namespace py = pybind11;

class ApplicationIndex;  // convert.hpp

/// What a Python `Rulebook` holds. The C++ rulebook is immutable and
/// thread-safe; wrappers derived from it (Decision, Graph, Calendar) keep a
/// shared_ptr to this handle, so the rulebook outlives every object that
/// points into it (decisions hold raw pointers to their item).
struct BookHandle {
  std::shared_ptr<const Rulebook> book;
  /// Absolute source paths and options: what pickling needs to load the
  /// same rulebook again on another process (Dask workers).
  std::vector<std::string> paths;
  std::vector<std::string> disabled;
  std::vector<std::string> calendar_dirs;
  /// Lookup tables for converting application dicts, built once at load.
  std::shared_ptr<const ApplicationIndex> index;
  /// Python strings of every material id, per item, so batch results share
  /// them instead of allocating one string per application.
  std::vector<std::vector<py::object>> material_ids;
  /// Warnings loading reported (errors raise instead).
  std::vector<Diagnostic> warnings;
};
using BookPtr = std::shared_ptr<const BookHandle>;

// --- dates (the only code that touches the CPython datetime API) ---

/// A datetime.date for `date`.
py::object to_py_date(Date date);
/// None for nullopt.
py::object to_py_date(const std::optional<Date>& date);
/// The date of a datetime.date or datetime.datetime (its day); nullopt for
/// any other object.
std::optional<Date> date_from_py(PyObject* object);
/// A date argument: datetime.date or 'YYYY-MM-DD' text; raises TypeError or
/// ValueError naming `what` otherwise.
Date date_arg(py::handle object, const char* what);

// --- strings ---

/// A borrowed reference to a cached, interned Python string that lives as
/// long as the interpreter: for the handful of words (outcomes, statuses,
/// dict keys) every result repeats, so results share them. Needs the GIL.
PyObject* interned(std::string_view text);
/// The same as a new reference, for returning from bindings.
inline py::object word(std::string_view text) {
  return py::reinterpret_borrow<py::object>(interned(text));
}
/// A str of C++ text that should be UTF-8 but may not be (a path, or a
/// message quoting bytes a caller gave): bytes that are no UTF-8 show as
/// `\xNN` (backslashreplace) instead of raising UnicodeDecodeError.
py::str py_text(std::string_view text);
/// A str of a file system path, as os.fsdecode makes it: bytes that are no
/// UTF-8 become lone surrogates, so the str opens the same file again.
py::str py_path(std::string_view path);
/// A file system path argument (str, bytes or os.PathLike) as bytes, as
/// os.fsencode gives them: a str with lone surrogates keeps its bytes.
std::string path_arg(py::handle path);
/// `repr(object)`, cut to `limit` characters, for messages.
std::string short_repr(PyObject* object, std::size_t limit = 40);
/// The type name as Python users know it: `str`, `int`, `datetime.date`.
std::string type_name(PyObject* object);

// --- diagnostics and exceptions (classes defined in shenpi/_errors.py) ---

/// A shenpi.Diagnostic dataclass.
py::object to_py(const Diagnostic& diagnostic);
py::list to_py(const std::vector<Diagnostic>& diagnostics);
/// `where: message` for the first diagnostic (its file is the field path
/// for application errors), plus how many more there are.
std::string summarize(const std::vector<Diagnostic>& diagnostics);

/// Raise shenpi.RuleError(message, diagnostics).
[[noreturn]] void raise_rule_error(const std::string& message,
                                   const std::vector<Diagnostic>& diagnostics);
/// Raise shenpi.ApplicationError; `index` is the position in a batch.
[[noreturn]] void raise_application_error(const std::vector<Diagnostic>& diagnostics,
                                          std::optional<std::size_t> index = std::nullopt);
/// Raise shenpi.CalendarError (a ValueError) with the calendar's message
/// and its diagnostic SP504.
[[noreturn]] void raise_calendar_error(const CalendarError& error);

// --- hashing ---

/// Two words hashed into one whose top bits depend on every bit of both,
/// for the bindings' own tables (KeyCache, ListMemo, IdTuples,
/// SharedResults): keys are addresses, which differ in their middle bits
/// only, and bit masks. KeyCache and ListMemo index by the top bits;
/// std::unordered_map reduces the whole word modulo a prime, which reads
/// every bit. Two multiplies and no more: KeyCache hashes some forty keys
/// a row.
inline std::uint64_t hash_words(std::uint64_t a, std::uint64_t b = 0) {
  return ((a * 0x9E3779B97F4A7C15ULL) ^ b) * 0xBF58476D1CE4E5B9ULL;
}

// --- small conversions shared by the introspection code ---

/// `5 working days` or None.
py::object duration_text(const std::optional<Duration>& duration);

// --- module set-up, one per file ---
void init_rulebook(py::module_& m);
void init_introspect(py::class_<BookHandle, std::shared_ptr<BookHandle>>& cls);
void init_decision(py::module_& m);
void init_batch(py::class_<BookHandle, std::shared_ptr<BookHandle>>& cls);
void init_batch_json(py::class_<BookHandle, std::shared_ptr<BookHandle>>& cls);  // batch_json.cpp
void init_frame(py::class_<BookHandle, std::shared_ptr<BookHandle>>& cls);       // frame.cpp
void init_graph(py::module_& m);
void init_calendar(py::module_& m);
void init_compare(py::module_& m);
void init_diff(py::module_& m);  // diff.cpp

}  // namespace shenpi::python
