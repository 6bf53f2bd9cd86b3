// The case clock: which days after acceptance count against the limit.
//
// Counting convention (docs/calendar.md): the acceptance day is not
// counted; a pause (补正 requested → received, 特别程序 started → ended)
// stops the clock for the days after the day it starts, up to and including
// the day it ends. Days are working days, or natural days for a natural-day
// limit.
#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "shenpi/calendar.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi {
namespace {

using Kind = ClockEventKind;

constexpr std::array<std::pair<Kind, std::string_view>, 7> kKindNames{{
    {Kind::accepted, "accepted"},
    {Kind::supplement_requested, "supplement_requested"},
    {Kind::supplement_received, "supplement_received"},
    {Kind::special_started, "special_started"},
    {Kind::special_ended, "special_ended"},
    {Kind::extension_granted, "extension_granted"},
    {Kind::decided, "decided"},
}};

/// Beyond any real limit; keeps day arithmetic far from overflow when a
/// caller builds a Duration by hand (parse_duration stops at 10000).
constexpr int kMaxDays = 100000;

/// Days in (from, to] not counted.
struct Pause {
  Date from;
  Date to;
};

/// A validated timeline.
struct Timeline {
  const ClockEvent* accepted = nullptr;
  const ClockEvent* decided = nullptr;
  std::vector<Pause> pauses;
  bool suspended = false;
  int extension = 0;
};

class Validator {
 public:
  Validator(const Calendar& calendar, const Duration& limit,
            const std::optional<Duration>& extension, std::vector<Diagnostic>& out)
      : calendar_(calendar), limit_(limit), extension_(extension), out_(out) {}

  void run(const std::vector<ClockEvent>& events, Timeline& t) {
    const ClockEvent* previous = nullptr;
    for (const ClockEvent& e : events) {
      if (!calendar_.covers(e.date)) {
        error(codes::date_outside_calendar, e,
              fmt::format("{} on {} is outside the calendar ({})", to_string(e.kind),
                          e.date.to_string(), calendar_.coverage()));
      }
      if (previous && e.date < previous->date) {
        error(codes::clock_order, e,
              fmt::format("{} on {} is dated before the event listed above it ({} on {})",
                          to_string(e.kind), e.date.to_string(), to_string(previous->kind),
                          previous->date.to_string()),
              previous);
      }
      previous = &e;
      step(e, t);
    }
    if (events.empty()) {
      out_.push_back(make_diagnostic(codes::clock_impossible, {},
                                     "a case needs at least an `accepted` event"));
    }
  }

  const ClockEvent* open_supplement = nullptr;
  const ClockEvent* open_special = nullptr;

 private:
  void error(std::string_view code, const ClockEvent& e, std::string message,
             const ClockEvent* note = nullptr) {
    Diagnostic d = make_diagnostic(code, e.location, std::move(message));
    if (note) {
      d.notes.push_back(
          {note->location, fmt::format("{} on {}", to_string(note->kind), note->date.to_string())});
    }
    out_.push_back(std::move(d));
  }

  void step(const ClockEvent& e, Timeline& t) {
    if (t.decided) {
      error(codes::clock_impossible, e,
            fmt::format("{} after the case was decided", to_string(e.kind)), t.decided);
      return;
    }
    if (e.kind == Kind::accepted) {
      if (t.accepted) {
        error(codes::clock_impossible, e, "the case is accepted twice", t.accepted);
      } else {
        t.accepted = &e;
      }
      return;
    }
    if (!t.accepted) {
      error(codes::clock_impossible, e,
            fmt::format("{} before the case was accepted: a timeline starts with `accepted`",
                        to_string(e.kind)));
      return;
    }
    switch (e.kind) {
      case Kind::supplement_requested:
        open(e, open_supplement,
             "a supplement is requested again before the last request was answered");
        break;
      case Kind::special_started:
        open(e, open_special, "a special procedure starts while another is still open");
        break;
      case Kind::supplement_received:
        close(e, open_supplement, "a supplement is received but none was requested", t);
        break;
      case Kind::special_ended:
        close(e, open_special, "a special procedure ends but none was started", t);
        break;
      case Kind::extension_granted:
        extend(e, t);
        break;
      case Kind::decided:
        decide(e, t);
        break;
      case Kind::accepted:
        break;
    }
  }

  void open(const ClockEvent& e, const ClockEvent*& slot, const char* twice) {
    if (slot) {
      error(codes::clock_impossible, e, twice, slot);
      return;
    }
    slot = &e;
  }

  void close(const ClockEvent& e, const ClockEvent*& slot, const char* unopened, Timeline& t) {
    if (!slot) {
      error(codes::clock_impossible, e, unopened);
      return;
    }
    t.pauses.push_back({slot->date, e.date});
    slot = nullptr;
  }

  void extend(const ClockEvent& e, Timeline& t) {
    if (t.extension > 0) {
      // 行政许可法 第四十二条: a limit is extended once.
      error(codes::clock_impossible, e,
            "the limit is extended twice; an extension is granted once");
      return;
    }
    const std::optional<Duration> length = e.extension ? e.extension : extension_;
    if (!length || length->count == 0) {
      error(codes::clock_impossible, e,
            "extension granted, but neither the event nor the item states its length");
      return;
    }
    if (length->count < 0 || length->count > kMaxDays) {
      error(codes::clock_impossible, e,
            fmt::format("an extension of {} days is out of range", length->count));
      return;
    }
    if (length->unit != limit_.unit && limit_.count > 0) {
      error(codes::clock_impossible, e,
            fmt::format("the extension ({}) and the limit ({}) count different kinds of days",
                        length->to_string(), limit_.to_string()));
      return;
    }
    t.extension = length->count;
  }

  void decide(const ClockEvent& e, Timeline& t) {
    if (open_special) {
      error(codes::clock_impossible, e,
            "the case is decided while a special procedure is still open", open_special);
      return;
    }
    // A decision during 补正 (e.g. the application is deemed withdrawn)
    // closes the pause: the days waiting for the applicant never count.
    if (open_supplement) {
      t.pauses.push_back({open_supplement->date, e.date});
      open_supplement = nullptr;
    }
    t.decided = &e;
  }

  const Calendar& calendar_;
  const Duration& limit_;
  const std::optional<Duration>& extension_;
  std::vector<Diagnostic>& out_;
};

/// Counts days of the limit's unit and turns calendar errors into SP504.
class Counter {
 public:
  Counter(const Calendar& calendar, Duration::Unit unit) : calendar_(calendar), unit_(unit) {}

  /// Days in (a, b], b >= a.
  std::optional<int> count(Date a, Date b) {
    if (unit_ == Duration::Unit::natural_days) return b - a;
    return calendar_.working_days_between(a, b, &error);
  }
  /// The date of the n-th day after a (n >= 1), or a itself when n == 0.
  std::optional<Date> advance(Date a, int n) {
    if (unit_ == Duration::Unit::natural_days) return a + n;
    return calendar_.add_working_days(a, n, &error);
  }

  CalendarError error;

 private:
  const Calendar& calendar_;
  Duration::Unit unit_;
};

/// Running stretches (a, b] of the clock between acceptance and `end`.
std::vector<Pause> running_segments(Date accepted, Date end, std::vector<Pause> pauses) {
  std::sort(pauses.begin(), pauses.end(),
            [](const Pause& x, const Pause& y) { return x.from < y.from; });
  std::vector<Pause> segments;
  Date cursor = accepted;
  for (const Pause& p : pauses) {
    if (p.from > cursor) segments.push_back({cursor, std::min(p.from, end)});
    cursor = std::max(cursor, p.to);
  }
  if (end > cursor) segments.push_back({cursor, end});
  return segments;
}

struct Segment {
  Date from;
  Date to;
  int days;
};

/// The due date: the day the limit's last counted day falls on (moved to a
/// working day for natural days). nullopt in `due` while suspended before
/// the limit ran out; false when the calendar lacks a day.
bool find_due_date(const Calendar& calendar, const ClockStatus& s,
                   const std::vector<Segment>& segments, Date end, Counter& counter,
                   std::optional<Date>& due) {
  std::optional<Date> last;
  if (s.limit == 0) last = s.accepted_on;
  int seen = 0;
  for (const Segment& g : segments) {
    if (last) break;
    if (seen + g.days >= s.limit) {
      last = counter.advance(g.from, s.limit - seen);
      if (!last) return false;
    }
    seen += g.days;
  }
  if (!last && !s.suspended) {
    // Not run out yet: the clock keeps running from `end`.
    last = counter.advance(end, s.limit - s.days_used);
    if (!last) return false;
  }
  if (last && s.unit == Duration::Unit::natural_days && s.limit > 0) {
    // A natural-day period ending on a day off ends on the next working day.
    last = calendar.next_working_day(*last, &counter.error);
    if (!last) return false;
  }
  due = last;
  return true;
}

std::optional<ClockStatus> compute(const Calendar& calendar, const Duration& limit,
                                   const Timeline& t, Date end, Counter& counter) {
  ClockStatus s;
  s.unit = limit.unit;
  s.limit = limit.count + t.extension;
  s.accepted_on = t.accepted->date;
  s.decided = t.decided != nullptr;
  if (t.decided) s.decided_on = t.decided->date;
  s.suspended = t.suspended;
  std::vector<Segment> segments;
  for (const Pause& p : running_segments(t.accepted->date, end, t.pauses)) {
    const std::optional<int> n = counter.count(p.from, p.to);
    if (!n) return std::nullopt;
    segments.push_back({p.from, p.to, *n});
    s.days_used += *n;
  }
  if (!find_due_date(calendar, s, segments, end, counter, s.due_date)) return std::nullopt;
  if (s.due_date) {
    // Counted days after the due date; a day off after it is not overdue yet.
    for (const Segment& g : segments) {
      if (g.to <= *s.due_date) continue;
      const std::optional<int> n = counter.count(std::max(g.from, *s.due_date), g.to);
      if (!n) return std::nullopt;
      s.overdue_by += *n;
    }
  }
  s.overdue = s.overdue_by > 0;
  if (s.overdue) {
    s.days_left = -s.overdue_by;
  } else if (!s.due_date) {
    s.days_left = s.limit - s.days_used;
  } else if (*s.due_date > end) {
    const std::optional<int> n = counter.count(end, *s.due_date);
    if (!n) return std::nullopt;
    s.days_left = *n;
  }
  return s;
}

/// SP702 for an event after today; SP504 when today itself is not covered
/// (it only matters while the case is open).
void check_today(const Calendar& calendar, const std::vector<ClockEvent>& events, Date today,
                 const SourceLocation& today_location, bool decided, std::vector<Diagnostic>& out) {
  for (const ClockEvent& e : events) {
    if (e.date <= today) continue;
    Diagnostic d = make_diagnostic(codes::clock_order, e.location,
                                   fmt::format("{} on {} is after today ({})", to_string(e.kind),
                                               e.date.to_string(), today.to_string()));
    if (!today_location.file.empty()) d.notes.push_back({today_location, "today is set here"});
    out.push_back(std::move(d));
  }
  if (!decided && !calendar.covers(today)) {
    out.push_back(make_diagnostic(codes::date_outside_calendar, today_location,
                                  fmt::format("today ({}) is outside the calendar ({})",
                                              today.to_string(), calendar.coverage())));
  }
}

}  // namespace

std::string_view to_string(ClockEventKind kind) {
  for (const auto& [k, name] : kKindNames) {
    if (k == kind) return name;
  }
  return "?";
}

std::optional<ClockEventKind> parse_clock_event_kind(std::string_view name) {
  for (const auto& [k, n] : kKindNames) {
    if (n == name) return k;
  }
  return std::nullopt;
}

ClockResult run_clock(const Calendar& calendar, const Duration& limit,
                      const std::optional<Duration>& extension,
                      const std::vector<ClockEvent>& events, Date today) {
  return run_clock(calendar, limit, extension, events, today, SourceLocation{});
}

ClockResult run_clock(const Calendar& calendar, const Duration& limit,
                      const std::optional<Duration>& extension,
                      const std::vector<ClockEvent>& events, Date today,
                      const SourceLocation& today_location) {
  ClockResult result;
  auto& out = result.diagnostics;
  if (limit.count < 0 || limit.count > kMaxDays) {
    out.push_back(make_diagnostic(codes::bad_duration, {},
                                  fmt::format("a limit of {} days is out of range", limit.count)));
    return result;
  }
  Timeline t;
  Validator validator(calendar, limit, extension, out);
  validator.run(events, t);
  check_today(calendar, events, today, today_location, t.decided != nullptr, out);
  if (has_errors(out) || !t.accepted) {
    sort_diagnostics(out);
    return result;
  }
  const Date end = t.decided ? t.decided->date : today;
  // Pauses still open today run up to today.
  for (const ClockEvent* open : {validator.open_supplement, validator.open_special}) {
    if (open) {
      t.pauses.push_back({open->date, end});
      t.suspended = true;
    }
  }
  Counter counter(calendar, limit.unit);
  result.status = compute(calendar, limit, t, end, counter);
  if (result.status) {
    ClockStatus& s = *result.status;
    const Date last = s.due_date && end < *s.due_date ? *s.due_date : end;
    s.provisional = calendar.provisional_between(t.accepted->date, last);
  }
  if (!result.status) {
    out.push_back(make_diagnostic(
        codes::date_outside_calendar, t.accepted->location,
        fmt::format("the case clock needs days the calendar lacks: {}", counter.error.message)));
  }
  return result;
}

}  // namespace shenpi
