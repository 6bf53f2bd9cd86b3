// The C++ objects behind the Python classes other than Rulebook. Each keeps
// the rulebook handle alive: decisions point into their item, calendars
// into the rulebook.
#pragma once

#include "common.hpp"

namespace shenpi::python {

/// shenpi.Decision: a decision and the rulebook it came from.
struct PyDecision {
  Decision decision;
  BookPtr handle;
  /// The application as given, for record(); null for batch decisions.
  std::shared_ptr<const Application> application = nullptr;
};

/// shenpi.Graph: the approval graph of a bundle; `handle` lets schedule()
/// recompute it from another start date.
struct PyGraph {
  ApprovalGraph graph;
  BookPtr handle;
};

/// shenpi.Calendar: the working-day calendar of a rulebook.
struct PyCalendar {
  BookPtr handle;
  const Calendar& calendar() const { return handle->book->calendar(); }
};

/// Builds the graph of `code`; raises KeyError for an unknown bundle.
PyGraph make_graph(const BookPtr& handle, const std::string& code, bool statutory,
                   std::optional<Date> start, std::optional<Date> as_of = std::nullopt);

}  // namespace shenpi::python
