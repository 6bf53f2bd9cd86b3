// shenpi.Calendar: working-day arithmetic on datetime.date. A date outside
// the loaded years raises CalendarError (a ValueError): never a guess.
#include <climits>

#include "wrappers.hpp"

namespace shenpi::python {
namespace {

/// The value of a calendar query, or CalendarError.
template <typename T>
T checked(const std::optional<T>& value, const CalendarError& error) {
  if (!value) raise_calendar_error(error);
  return *value;
}

CalendarError outside(const Calendar& calendar, Date date) {
  return {date, date.to_string() + " is outside the calendar (" + calendar.coverage() + ")"};
}

/// An int argument of any size, clamped to `int`: past that, every count
/// and year is outside any calendar (years run 1–9999), which the library
/// then reports as it does for any such count. `overflow` says which side.
int clamped_int(py::handle value, const char* what, int& overflow) {
  if (PyBool_Check(value.ptr()) || !PyIndex_Check(value.ptr())) {
    throw py::type_error(std::string(what) + ": expected an int, got " + type_name(value.ptr()));
  }
  const py::int_ number = py::reinterpret_steal<py::int_>(PyNumber_Index(value.ptr()));
  if (!number) throw py::error_already_set();
  overflow = 0;
  const long long n = PyLong_AsLongLongAndOverflow(number.ptr(), &overflow);
  if (overflow == 0 && n > INT_MAX) overflow = 1;
  if (overflow == 0 && n < INT_MIN) overflow = -1;
  if (overflow != 0) return overflow > 0 ? INT_MAX : INT_MIN;
  return static_cast<int>(n);
}

py::object add_working_days(const PyCalendar& s, py::handle d, py::handle n_arg) {
  const Date start = date_arg(d, "date");
  int overflow = 0;
  const int n = clamped_int(n_arg, "add_working_days(): n", overflow);
  CalendarError error;
  // INT_MAX working days run past the calendar's end, as any bigger count
  // would; a negative count is refused, however big (said with the count given).
  const auto end = s.calendar().add_working_days(start, overflow < 0 ? -1 : n, &error);
  if (!end && overflow < 0) {
    error.message =
        "cannot add a negative number of working days (" + py::str(n_arg).cast<std::string>() + ")";
  }
  return to_py_date(checked(end, error));
}

}  // namespace

void init_calendar(py::module_& m) {
  py::class_<PyCalendar> cls(m, "Calendar",
                             R"(The working-day calendar of a rulebook (Rulebook.calendar).

Weekends are days off unless listed as make-up working days (调休); listed
holidays are days off. Dates are datetime.date (or 'YYYY-MM-DD' text).)");
  cls.def_property_readonly(
      "years", [](const PyCalendar& s) { return s.calendar().years(); },
      "Covered years, ascending.");
  cls.def(
      "covers",
      [](const PyCalendar& s, py::handle d) { return s.calendar().covers(date_arg(d, "date")); },
      py::arg("date"), "True when the date's year is loaded.");
  cls.def(
      "is_working_day",
      [](const PyCalendar& s, py::handle d) {
        const Date date = date_arg(d, "date");
        const auto working = s.calendar().is_working_day(date);
        if (!working) raise_calendar_error(outside(s.calendar(), date));
        return *working;
      },
      py::arg("date"), "True on a working day. CalendarError outside the calendar.");
  cls.def(
      "add_working_days", &add_working_days, py::arg("date"), py::arg("n"),
      "The day on which ``n`` working days after ``date`` end (``date`` itself not counted; n == 0 "
      "gives "
      "``date``). CalendarError (SP504) when the count leaves the calendar, or for n < 0.");
  cls.def(
      "working_days_between",
      [](const PyCalendar& s, py::handle a, py::handle b) {
        CalendarError error;
        return checked(
            s.calendar().working_days_between(date_arg(a, "start"), date_arg(b, "end"), &error),
            error);
      },
      py::arg("start"), py::arg("end"),
      "Working days in (start, end]: ``start`` not counted, ``end`` counted; negative when end < "
      "start. "
      "CalendarError outside the calendar.");
  cls.def(
      "due_date",
      [](const PyCalendar& s, py::handle d, const std::string& limit) {
        const auto duration = parse_duration(limit);
        if (!duration)
          throw py::value_error("due_date(): '" + limit +
                                "' is not a duration (e.g. '5 working days')");
        CalendarError error;
        return to_py_date(
            checked(s.calendar().due_date(date_arg(d, "date"), *duration, &error), error));
      },
      py::arg("date"), py::arg("limit"),
      "The due date of a limit such as '5 working days', '20日' or '即办' counted from ``date`` "
      "(natural days "
      "move to the next working day).");
  cls.def(
      "is_provisional",
      [](const PyCalendar& s, py::handle year) {
        int overflow = 0;
        const int y = clamped_int(year, "is_provisional(): year", overflow);
        return overflow == 0 && s.calendar().is_provisional(y);
      },
      py::arg("year"),
      "True when ``year`` is loaded from a provisional file (statutory holidays only, no 调休; "
      "docs/calendar.md).");
  cls.def(
      "provisional_between",
      [](const PyCalendar& s, py::handle a, py::handle b) {
        return s.calendar().provisional_between(date_arg(a, "start"), date_arg(b, "end"));
      },
      py::arg("start"), py::arg("end"),
      "True when a day of [start, end] is in a provisional year: a date counted across it is an "
      "estimate (预计).");
  cls.def(
      "next_working_day",
      [](const PyCalendar& s, py::handle d) {
        CalendarError error;
        return to_py_date(
            checked(s.calendar().next_working_day(date_arg(d, "date"), &error), error));
      },
      py::arg("date"), "The first working day on or after ``date``.");
  cls.def(
      "holiday",
      [](const PyCalendar& s, py::handle d) -> py::object {
        const std::string_view name = s.calendar().day_off_name(date_arg(d, "date"));
        return name.empty() ? py::object(py::none()) : py::cast(std::string(name));
      },
      py::arg("date"), "The name of the holiday the date belongs to (春节 …), or None.");
  cls.def(
      "working_days_in_year",
      [](const PyCalendar& s, py::handle year_arg) {
        int overflow = 0;
        const int year = clamped_int(year_arg, "working_days_in_year(): year", overflow);
        const auto n = overflow == 0 ? s.calendar().working_days_in_year(year) : std::nullopt;
        if (!n) {
          const Date first = Date::from_ymd(year, 1, 1).value_or(Date{});
          raise_calendar_error({first, py::str(year_arg).cast<std::string>() +
                                           " is outside the calendar (" + s.calendar().coverage() +
                                           ")"});
        }
        return *n;
      },
      py::arg("year"), "Working days of a covered year; CalendarError for another year.");
  cls.def("__repr__", [](const PyCalendar& s) {
    std::string years;
    for (const int y : s.calendar().years())
      years += (years.empty() ? "" : ", ") + std::to_string(y);
    return "<shenpi.Calendar " + (years.empty() ? std::string("(no years)") : years) + ">";
  });
}

}  // namespace shenpi::python
