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
  const Duration& promised = item.time_limit.promised;
  const Duration& statutory = item.time_limit.statutory;
  const Duration& supply = item.tolerance.supply_within;
  // Outside the calendar the message is only needed by a decision that
  // reports it: evaluation counts such a deadline again to say why.
  impl.deadlines[kPromised] = count_deadline(calendar, impl.submitted_on, promised, nullptr);
  impl.deadlines[kStatutory] =
      statutory == promised ? impl.deadlines[kPromised]
                            : count_deadline(calendar, impl.submitted_on, statutory, nullptr);
  // The same limit falls due the same day: items often give the 容缺
  // supply the promised limit (5 working days both), so it is not counted twice.
  if (!item.tolerance.present) {
    impl.deadlines[kToleranceSupply] = BoundDeadline{};
  } else if (supply == promised) {
    impl.deadlines[kToleranceSupply] = impl.deadlines[kPromised];
  } else {
    impl.deadlines[kToleranceSupply] = count_deadline(calendar, impl.submitted_on, supply, nullptr);
  }
  impl.deadlines_ready = true;
}

}  // namespace shenpi::detail
