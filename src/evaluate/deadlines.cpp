// An application's deadlines, counted when it is bound: they depend on the
// item version and the submission date only, so re-deciding a bound
// application (the hot path) copies them instead of walking the calendar.
#include "evaluate/bound.hpp"

namespace shenpi::detail {

BoundDeadline count_deadline(const Calendar& calendar, Date from, const Duration& limit,
                             CalendarError* failure) {
  BoundDeadline d;
  d.date = calendar.due_date(from, limit, failure);
  d.provisional = d.date && calendar.provisional_between(from, *d.date);
  return d;
}

void bind_deadlines(const Rulebook& book, BoundApplication::Impl& impl) {
  const Item& item = book.items()[static_cast<std::size_t>(impl.item)];
  const Calendar& calendar = book.calendar();
  // Outside the calendar the message is only needed by a decision that
  // reports it: evaluation counts such a deadline again to say why.
  impl.deadlines[kPromised] =
      count_deadline(calendar, impl.submitted_on, item.time_limit.promised, nullptr);
  impl.deadlines[kStatutory] =
      count_deadline(calendar, impl.submitted_on, item.time_limit.statutory, nullptr);
  impl.deadlines[kToleranceSupply] =
      item.tolerance.present
          ? count_deadline(calendar, impl.submitted_on, item.tolerance.supply_within, nullptr)
          : BoundDeadline{};
  impl.deadlines_ready = true;
}

}  // namespace shenpi::detail
