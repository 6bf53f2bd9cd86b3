// TypedBinder (shenpi/binder.hpp): names resolved once into handles, then
// applications bound by handle through the SlotBinder, the one conversion
// of a fact value into its slot. A handle carries what the SlotBinder
// would look up per application (the fact, the string id, the bit), so
// binding by handle is the SlotBinder's own binding minus the lookups and
// refuses exactly what it refuses.
#include "shenpi/binder.hpp"

#include <algorithm>
#include <cmath>

#include "base/text.hpp"
#include "evaluate/slot_binder.hpp"
#include "model/data.hpp"

namespace shenpi {

using detail::RulebookAccess;
using detail::Value;

int ItemHandle::position_on(Date day) const {
  for (std::size_t k = 0; k < versions_.size(); ++k) {
    if (versions_[k]->effective.covers(day)) return static_cast<int>(k);
  }
  return -1;
}

TypedBinder::TypedBinder(const Rulebook& book)
    : book_(book.shared_from_this()), slots_(std::make_unique<detail::SlotBinder>()) {}
TypedBinder::~TypedBinder() = default;
TypedBinder::TypedBinder(TypedBinder&&) noexcept = default;
TypedBinder& TypedBinder::operator=(TypedBinder&&) noexcept = default;

ItemHandle TypedBinder::item(std::string_view code) const {
  ItemHandle out;
  const auto& data = RulebookAccess::data(*book_);
  const auto found = data.versions.find(code);
  if (found == data.versions.end()) return out;
  // The order version_index scans in, so position_on picks the same version.
  for (const int index : found->second) {
    out.versions_.push_back(&data.items[static_cast<std::size_t>(index)]);
    out.indexes_.push_back(index);
  }
  return out;
}

FactHandle TypedBinder::fact(const ItemHandle& item, std::size_t position,
                             std::string_view path) const {
  FactHandle out;
  if (position >= item.indexes_.size()) return out;
  const std::int32_t index = item.indexes_[position];
  out.fact =
      detail::find_item_fact(RulebookAccess::data(*book_), static_cast<std::size_t>(index), path);
  if (out.fact != nullptr) out.version = index;
  return out;
}

ValueHandle TypedBinder::value(const FactHandle& fact, std::string_view text) const {
  ValueHandle out;
  if (!fact.valid()) return out;
  const auto& strings = RulebookAccess::data(*book_).strings;
  Value v;
  switch (fact.fact->type) {
    case FactType::date: {  // SlotBinder::set_text's conversions, done once
      const auto day = Date::parse(text);
      if (!day) return out;
      v = Value::date_value(day->days());
      break;
    }
    case FactType::string:
    case FactType::string_list:  // an element
      if (!detail::is_utf8(text) || strings.find(text) < 0)
        return out;  // no rule's string: set_text
      v = Value::string(strings.find(text));
      break;
    case FactType::enumeration: {
      const auto& words = fact.fact->values;
      if (std::find(words.begin(), words.end(), text) == words.end()) return out;
      v = Value::string(strings.find(text));
      break;
    }
    default:
      return out;
  }
  out.fact = fact.fact;
  out.kind = static_cast<std::uint8_t>(v.kind);
  out.bits = v.kind == Value::Kind::date ? v.date : v.s;
  return out;
}

namespace {

EntryHandle entry(EntryHandle::Kind kind, int bit, std::int32_t version) {
  EntryHandle out;
  if (bit < 0) return out;
  out.kind = kind;
  out.bit = bit;
  out.version = version;
  return out;
}

}  // namespace

EntryHandle TypedBinder::material(const ItemHandle& item, std::size_t position,
                                  std::string_view id) const {
  if (position >= item.indexes_.size()) return {};
  const std::int32_t index = item.indexes_[position];
  const auto& plan = RulebookAccess::data(*book_).plans[static_cast<std::size_t>(index)];
  return entry(EntryHandle::Kind::material, plan.materials.find(id), index);
}

EntryHandle TypedBinder::commitment(const ItemHandle& item, std::size_t position,
                                    std::string_view id) const {
  if (position >= item.indexes_.size()) return {};
  const std::int32_t index = item.indexes_[position];
  if (id == tolerance_letter_id) return entry(EntryHandle::Kind::letter, 0, index);
  const auto& plan = RulebookAccess::data(*book_).plans[static_cast<std::size_t>(index)];
  // Materials first, as SlotBinder::commitment looks them up.
  if (const int i = plan.materials.find(id); i >= 0)
    return entry(EntryHandle::Kind::committed_material, i, index);
  return entry(EntryHandle::Kind::condition, plan.conditions.find(id), index);
}

int TypedBinder::begin(const ItemHandle& item, Date submitted_on, Decision& out,
                       std::optional<Date> as_of) {
  version_ = -1;
  const int position = item.position_on(as_of.value_or(submitted_on));
  if (position < 0) return -1;
  const std::int32_t index = item.indexes_[static_cast<std::size_t>(position)];
  if (!slots_->begin_at(*book_, index, submitted_on, out)) return -1;
  version_ = index;
  return position;
}

namespace {

/// Writes a value into a claimed slot field by field (reset_for left it
/// unknown), as Value's named constructors make it.
template <typename Fill>
bool write(detail::SlotBinder& slots, const Fact& fact, Value::Kind kind, Fill fill) {
  Value* slot = slots.claim_slot(fact);
  if (slot == nullptr) return false;
  slot->kind = kind;
  slot->i = 0;
  fill(*slot);
  return true;
}

}  // namespace

// The typed setters take what SlotBinder's take with no text as written
// (its text_value refuses an empty text, so only the fact's own type is
// left), writing in place; the unit tests hold them to the slow path.
bool TypedBinder::set_bool(const FactHandle& fact, bool value) {
  if (!current(fact.version) || fact.fact->type != FactType::boolean) return false;
  return write(*slots_, *fact.fact, Value::Kind::boolean, [&](Value& v) { v.b = value; });
}

bool TypedBinder::set_int(const FactHandle& fact, std::int64_t value) {
  if (!current(fact.version)) return false;
  if (fact.fact->type == FactType::integer)
    return write(*slots_, *fact.fact, Value::Kind::integer, [&](Value& v) { v.i = value; });
  if (fact.fact->type == FactType::decimal) {
    return write(*slots_, *fact.fact, Value::Kind::decimal,
                 [&](Value& v) { v.d = static_cast<double>(value); });
  }
  return false;
}

bool TypedBinder::set_decimal(const FactHandle& fact, double value) {
  if (!current(fact.version) || fact.fact->type != FactType::decimal || !std::isfinite(value))
    return false;
  return write(*slots_, *fact.fact, Value::Kind::decimal, [&](Value& v) { v.d = value; });
}

bool TypedBinder::set_date(const FactHandle& fact, Date value) {
  if (!current(fact.version) || fact.fact->type != FactType::date) return false;
  return write(*slots_, *fact.fact, Value::Kind::date, [&](Value& v) { v.date = value.days(); });
}

bool TypedBinder::set(const FactHandle& fact, const ValueHandle& value) {
  if (!current(fact.version) || value.fact != fact.fact ||
      fact.fact->type == FactType::string_list) {
    return false;  // a list's element is no value of the list
  }
  const auto kind = static_cast<Value::Kind>(value.kind);
  const auto bits = static_cast<std::int32_t>(value.bits);
  return write(*slots_, *fact.fact, kind, [&](Value& v) {
    if (kind == Value::Kind::date) {
      v.date = bits;
    } else {
      v.s = bits;
    }
  });
}

bool TypedBinder::set_text(const FactHandle& fact, std::string_view text) {
  return current(fact.version) && slots_->set_text(*fact.fact, text);
}

bool TypedBinder::set_texts(const FactHandle& fact, std::span<const std::string_view> values) {
  return current(fact.version) && slots_->set_texts(*fact.fact, values);
}

bool TypedBinder::set_values(const FactHandle& fact, std::span<const ValueHandle> values) {
  if (!current(fact.version) || fact.fact->type != FactType::string_list) return false;
  for (const ValueHandle& v : values) {
    if (v.fact != fact.fact) return false;
  }
  if (!slots_->begin_list(*fact.fact)) return false;
  for (const ValueHandle& v : values) slots_->add_id_to_list(static_cast<std::int32_t>(v.bits));
  return true;
}

namespace {

/// One entry into its bitset; internal, so the list loop below calls no
/// exported function per id.
bool add_entry(detail::SlotBinder& slots, const EntryHandle& entry) {
  const auto bit = static_cast<std::size_t>(entry.bit);
  switch (entry.kind) {
    case EntryHandle::Kind::material:
      return slots.material_at(bit);
    case EntryHandle::Kind::committed_material:
      return slots.committed_material_at(bit);
    case EntryHandle::Kind::condition:
      return slots.condition_commitment_at(bit);
    case EntryHandle::Kind::letter:
      return slots.tolerance_letter();
    case EntryHandle::Kind::none:
      break;
  }
  return false;
}

}  // namespace

bool TypedBinder::add(std::span<const EntryHandle> entries) {
  for (const EntryHandle& e : entries) {
    if (!current(e.version) || !add_entry(*slots_, e)) return false;
  }
  return true;
}

bool TypedBinder::add(const EntryHandle& entry) {
  return current(entry.version) && add_entry(*slots_, entry);
}

void TypedBinder::finish() {
  if (version_ < 0) return;
  version_ = -1;
  slots_->finish();
}

}  // namespace shenpi
