// SlotBinder: typed values into a bound application's slots and bitsets.
// The one conversion from a fact value to its bound Value, for the fast
// path and the slow path's Binder alike; its acceptance mirrors
// check_fact_value (model/fact_value.cpp), which the unit tests hold it to.
#include "evaluate/slot_binder.hpp"

#include <algorithm>
#include <cmath>

#include "base/text.hpp"

namespace shenpi::detail {

namespace {

/// Clears what an earlier binding left in `impl`, keeping the storage;
/// `lists` is left as is: the binder counts the lists it uses.
void reset_for(BoundApplication::Impl& impl, const RulebookData& data, int index, Date day) {
  const auto& plan = data.plans[static_cast<std::size_t>(index)];
  impl.item = index;
  impl.submitted_on = day;
  impl.facts.assign(static_cast<std::size_t>(plan.slot_count), Value::unknown());
  impl.extra_strings.clear();
  impl.submitted.assign(static_cast<std::size_t>(plan.word_count), 0);
  impl.committed.assign(static_cast<std::size_t>(plan.word_count), 0);
  impl.condition_commit.assign(
      (data.items[static_cast<std::size_t>(index)].conditions.size() + 63) / 64, 0);
  impl.tolerance_letter = false;
  impl.deadlines_ready = false;
}

}  // namespace

bool SlotBinder::begin(const Rulebook& book, std::string_view item, Date submitted_on,
                       std::optional<Date> as_of, Decision& out, SourceLocation date_location) {
  impl_ = nullptr;
  const int index = version_index(RulebookAccess::data(book), item, as_of.value_or(submitted_on));
  return index >= 0 && begin_at(book, index, submitted_on, out, std::move(date_location));
}

bool SlotBinder::begin_at(const Rulebook& book, int index, Date submitted_on, Decision& out,
                          SourceLocation date_location) {
  impl_ = nullptr;
  const RulebookData& data = RulebookAccess::data(book);
  if (!book.calendar().covers(submitted_on)) return false;
  // The decision's own bound application, when nothing else holds it, is
  // bound again in place, as detail::decide_into does.
  const std::shared_ptr<const BoundApplication>& held = out.application;
  if (held == nullptr || held.use_count() != 1 || BoundAccess::impl(*held).book.get() != &book) {
    auto fresh = std::make_unique<BoundApplication::Impl>();
    fresh->book = book.shared_from_this();
    out.application = std::make_shared<const BoundApplication>(std::move(fresh));
  }
  book_ = &book;
  data_ = &data;
  out_ = &out;
  impl_ = const_cast<BoundApplication::Impl*>(&BoundAccess::impl(*out.application));
  reset_for(*impl_, data, index, submitted_on);
  impl_->date_location = std::move(date_location);
  given_.assign(
      (static_cast<std::size_t>(data.plans[static_cast<std::size_t>(index)].slot_count) + 63) / 64,
      0);
  list_slots_.clear();
  lists_used_ = 0;
  check_twice_ = true;
  return true;
}

void SlotBinder::attach(const Rulebook& book, BoundApplication::Impl& impl) {
  book_ = &book;
  data_ = &RulebookAccess::data(book);
  impl_ = &impl;
  out_ = nullptr;
  list_slots_.clear();
  impl.lists.clear();
  lists_used_ = 0;
  check_twice_ = false;
}

const Fact* SlotBinder::fact(std::string_view path) const {
  return find_item_fact(*data_, static_cast<std::size_t>(impl_->item), path);
}

std::int32_t SlotBinder::string_id(std::string_view text) {
  const std::int32_t id = data_->strings.find(text);
  if (id >= 0) return id;
  auto& extra = impl_->extra_strings;
  for (std::size_t k = 0; k < extra.size(); ++k) {
    if (extra[k] == text) return -static_cast<std::int32_t>(k) - 1;
  }
  extra.emplace_back(text);
  return -static_cast<std::int32_t>(extra.size());
}

bool SlotBinder::enum_value(const Fact& fact, std::string_view text, Value& out) const {
  if (std::none_of(fact.values.begin(), fact.values.end(),
                   [&](const std::string& w) { return name_equal(w, text); })) {
    return false;
  }
  out = Value::string(data_->strings.find(text));
  return true;
}

/// A scalar's text as written, for a string or enum fact (any other type
/// takes no text in place of its own value).
bool SlotBinder::text_value(const Fact& fact, std::string_view text, Value& out) {
  if (fact.type == FactType::enumeration) return enum_value(fact, text, out);
  if (fact.type != FactType::string || text.empty() || !is_utf8(text)) return false;
  out = Value::string(string_id(text));
  return true;
}

bool SlotBinder::claim(const Fact& fact) {
  if (!check_twice_) return true;
  const auto slot = static_cast<std::size_t>(FactAccess::slot(fact));
  const std::uint64_t bit = std::uint64_t{1} << (slot % 64);
  if ((given_[slot / 64] & bit) != 0) return false;
  given_[slot / 64] |= bit;
  return true;
}

bool SlotBinder::put(const Fact& fact, Value value) {
  if (!claim(fact)) return false;
  impl_->facts[static_cast<std::size_t>(FactAccess::slot(fact))] = value;
  return true;
}

bool SlotBinder::set_bool(const Fact& fact, bool value, std::string_view text) {
  Value v;
  if (fact.type == FactType::boolean) {
    v = Value::boolean(value);
  } else if (!text_value(fact, text, v)) {
    return false;
  }
  return put(fact, v);
}

bool SlotBinder::set_int(const Fact& fact, std::int64_t value, std::string_view text) {
  Value v;
  if (fact.type == FactType::integer) {
    v = Value::integer(value);
  } else if (fact.type == FactType::decimal) {
    v = Value::decimal(static_cast<double>(value));
  } else if (!text_value(fact, text, v)) {
    return false;
  }
  return put(fact, v);
}

bool SlotBinder::set_double(const Fact& fact, double value, std::string_view text) {
  Value v;
  if (fact.type == FactType::decimal) {
    if (!std::isfinite(value)) return false;
    v = Value::decimal(value);
  } else if (!text_value(fact, text, v)) {
    return false;
  }
  return put(fact, v);
}

bool SlotBinder::set_text(const Fact& fact, std::string_view value) {
  Value v;
  switch (fact.type) {
    case FactType::date: {
      const auto day = Date::parse(value);
      if (!day) return false;
      v = Value::date_value(day->days());
      break;
    }
    case FactType::string:
      if (!is_utf8(value)) return false;
      v = Value::string(string_id(value));
      break;
    case FactType::enumeration:
      if (!enum_value(fact, value, v)) return false;
      break;
    default:
      return false;
  }
  return put(fact, v);
}

bool SlotBinder::set_date(const Fact& fact, Date value, std::string_view text) {
  Value v;
  if (fact.type == FactType::date) {
    v = Value::date_value(value.days());
  } else if (!text_value(fact, text, v)) {
    return false;
  }
  return put(fact, v);
}

bool SlotBinder::begin_list(const Fact& fact) {
  if (fact.type != FactType::string_list || !claim(fact)) return false;
  auto& lists = impl_->lists;
  if (lists_used_ < lists.size()) {
    lists[lists_used_].clear();
  } else {
    lists.emplace_back();
  }
  ++lists_used_;
  list_slots_.push_back(FactAccess::slot(fact));
  return true;
}

bool SlotBinder::add_to_list(std::string_view value) {
  if (lists_used_ == 0 || !is_utf8(value)) return false;
  const std::int32_t id = string_id(value);
  impl_->lists[lists_used_ - 1].push_back(id);
  return true;
}

bool SlotBinder::set_texts(const Fact& fact, std::span<const std::string_view> values) {
  if (!begin_list(fact)) return false;
  return std::all_of(values.begin(), values.end(),
                     [&](std::string_view v) { return add_to_list(v); });
}

bool SlotBinder::assign(const Fact& fact, const FactValue& value, std::string_view text) {
  if (const auto* b = std::get_if<bool>(&value)) return set_bool(fact, *b, text);
  if (const auto* i = std::get_if<std::int64_t>(&value)) return set_int(fact, *i, text);
  if (const auto* d = std::get_if<double>(&value)) return set_double(fact, *d, text);
  if (const auto* s = std::get_if<std::string>(&value)) return set_text(fact, *s);
  if (const auto* day = std::get_if<Date>(&value)) return set_date(fact, *day, text);
  const auto& list = std::get<std::vector<std::string>>(value);
  if (!begin_list(fact)) return false;
  for (const auto& s : list) {
    if (!add_to_list(s)) return false;
  }
  return true;
}

bool SlotBinder::material(std::string_view id) {
  const int i = data_->plans[static_cast<std::size_t>(impl_->item)].materials.find(id);
  if (i < 0 || test_bit(impl_->submitted, static_cast<std::size_t>(i))) return false;
  set_bit(impl_->submitted, static_cast<std::size_t>(i));
  return true;
}

bool SlotBinder::commitment(std::string_view id) {
  if (id == tolerance_letter_id) {
    if (impl_->tolerance_letter) return false;
    impl_->tolerance_letter = true;
    return true;
  }
  const ItemPlan& plan = data_->plans[static_cast<std::size_t>(impl_->item)];
  const std::uint64_t hash = name_hash(id);
  if (const int i = plan.materials.find(id, hash); i >= 0) {
    if (test_bit(impl_->committed, static_cast<std::size_t>(i))) return false;
    set_bit(impl_->committed, static_cast<std::size_t>(i));
    return true;
  }
  if (const int i = plan.conditions.find(id, hash); i >= 0) {
    if (test_bit(impl_->condition_commit, static_cast<std::size_t>(i))) return false;
    set_bit(impl_->condition_commit, static_cast<std::size_t>(i));
    return true;
  }
  return false;
}

void SlotBinder::fix_lists() {
  // Lists stop growing only now: a value points at its storage once.
  for (std::size_t k = 0; k < list_slots_.size(); ++k) {
    const auto& storage = impl_->lists[k];
    impl_->facts[static_cast<std::size_t>(list_slots_[k])] =
        Value::list_value(storage.data(), static_cast<std::int32_t>(storage.size()));
  }
}

void SlotBinder::deadlines() {
  if (counted_.empty()) counted_.resize(kCounted);
  if (counted_book_ != book_ || counted_owner_.expired()) {
    ++generation_;
    counted_book_ = book_;
    counted_owner_ = book_->weak_from_this();
  }
  const std::int32_t day = impl_->submitted_on.days();
  const auto slot = static_cast<std::size_t>(day + impl_->item * 61) % kCounted;
  Counted& c = counted_[slot];
  if (c.generation == generation_ && c.item == impl_->item && c.day == day) {
    impl_->deadlines = c.deadlines;
    impl_->deadlines_ready = true;
    return;
  }
  bind_deadlines(*book_, *impl_);
  c = Counted{generation_, impl_->item, day, impl_->deadlines};
}

void SlotBinder::finish() {
  fix_lists();
  deadlines();
  book_->evaluate(out_->application, *out_);
}

}  // namespace shenpi::detail
