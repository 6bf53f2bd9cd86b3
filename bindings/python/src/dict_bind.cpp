// DictRecords bound by handle (dict_bind.hpp).
#include "dict_bind.hpp"

namespace shenpi::python {

ItemHandles::ItemHandles(const TypedBinder& resolver, const FastItem& fast)
    : item(resolver.item(fast.lookup->item->code)) {
  // Names come from the current version (what the reader checked against);
  // a version that lacks one gets an invalid handle, and a record using it
  // is decided through its Application instead.
  const Item& current = *fast.lookup->item;
  versions.resize(item.version_count());
  for (std::size_t p = 0; p < versions.size(); ++p) {
    Version& v = versions[p];
    v.facts.reserve(fast.facts.size());
    v.words.resize(fast.facts.size());
    for (std::size_t f = 0; f < fast.facts.size(); ++f) {
      const Fact& fact = *fast.facts[f];
      v.facts.push_back(resolver.fact(item, p, fact.path));
      if (fact.type != FactType::enumeration) continue;
      for (const std::string& word : fact.values) {
        v.words[f].push_back(resolver.value(v.facts[f], word));
      }
    }
    for (const Material& m : current.materials) {
      v.materials.push_back(resolver.material(item, p, m.id));
      v.committed.push_back(resolver.commitment(item, p, m.id));
    }
    for (const Condition& c : current.conditions) {
      v.conditions.push_back(resolver.commitment(item, p, c.id));
    }
    v.letter = resolver.commitment(item, p, tolerance_letter_id);
  }
}

void RecordDecider::decide(const DictRecord& record, Decision& out) {
  if (bind(record, out)) return;
  record.to_application(application_);
  book_.evaluate(application_, out);
}

bool RecordDecider::bind(const DictRecord& record, Decision& out) {
  const ItemHandles& handles = *record.item->handles;
  const int position = binder_.begin(handles.item, record.submitted_on, out);
  if (position < 0) return false;
  const ItemHandles::Version& v = handles.versions[static_cast<std::size_t>(position)];
  for (const DictRecord::Value& value : record.facts) {
    if (!bind_fact(v, record, value)) return false;
  }
  for (const std::uint32_t m : record.materials) {
    if (!binder_.add(v.materials[m])) return false;
  }
  for (const std::uint32_t c : record.commitments) {
    const EntryHandle& entry = (c & DictRecord::kLetter) != 0 ? v.letter
                               : (c & DictRecord::kCondition) != 0
                                   ? v.conditions[c & ~DictRecord::kCondition]
                                   : v.committed[c];
    if (!binder_.add(entry)) return false;
  }
  binder_.finish();
  return true;
}

bool RecordDecider::bind_fact(const ItemHandles::Version& v, const DictRecord& record,
                              const DictRecord::Value& value) {
  using Kind = DictRecord::Value::Kind;
  const FactHandle& fact = v.facts[value.fact];
  if (!fact.valid()) return false;
  switch (value.kind) {
    case Kind::boolean:
      return binder_.set_bool(fact, value.b);
    case Kind::integer:
      return binder_.set_int(fact, value.i);
    case Kind::decimal:
      return binder_.set_decimal(fact, value.d);
    case Kind::word: {
      const ValueHandle& word = v.words[value.fact][value.begin];
      return word.valid() && binder_.set(fact, word);
    }
    case Kind::text:
      return binder_.set_text(fact, record.text_of(value.begin, value.end));
    case Kind::texts:
      pieces_.clear();
      for (std::uint32_t p = value.begin; p < value.end; ++p) {
        pieces_.push_back(record.text_of(record.pieces[p].first, record.pieces[p].second));
      }
      return binder_.set_texts(fact, pieces_);
  }
  return false;
}

}  // namespace shenpi::python
