// Binding: an application checked against its item, facts into slots,
// materials and commitments into bitsets.
#include <fmt/format.h>

#include "evaluate/bound.hpp"
#include "evaluate/facts.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi {
namespace {

using detail::Value;

struct Binder {
  const Rulebook& book;
  const Item& item;
  BoundApplication::Impl& app;
  std::vector<Diagnostic>& out;

  std::int32_t string_id(const std::string& text) {
    const std::int32_t id = detail::RulebookAccess::data(book).strings.find(text);
    if (id >= 0) return id;
    for (std::size_t k = 0; k < app.extra_strings.size(); ++k) {
      if (app.extra_strings[k] == text) return -static_cast<std::int32_t>(k) - 1;
    }
    app.extra_strings.push_back(text);
    return -static_cast<std::int32_t>(app.extra_strings.size());
  }

  /// The bound form of a value check_fact_value accepted for `fact`.
  Value convert(const ApplicationFact& f, const Fact& fact) {
    const FactValue& v = f.value;
    switch (fact.type) {
      case FactType::boolean:
        return Value::boolean(std::get<bool>(v));
      case FactType::integer:
        return Value::integer(std::get<std::int64_t>(v));
      case FactType::decimal:
        if (const auto* i = std::get_if<std::int64_t>(&v)) {
          return Value::decimal(static_cast<double>(*i));
        }
        return Value::decimal(std::get<double>(v));
      case FactType::date:
        if (const auto* d = std::get_if<Date>(&v)) return Value::date_value(d->days());
        return Value::date_value(Date::parse(std::get<std::string>(v))->days());
      case FactType::string:
        if (const auto* s = std::get_if<std::string>(&v)) return Value::string(string_id(*s));
        return Value::string(string_id(f.text));
      case FactType::enumeration: {
        const auto* s = std::get_if<std::string>(&v);
        return Value::string(
            detail::RulebookAccess::data(book).strings.find(s != nullptr ? *s : f.text));
      }
      case FactType::string_list: {
        std::vector<std::int32_t> ids;
        for (const auto& s : std::get<std::vector<std::string>>(v)) ids.push_back(string_id(s));
        app.lists.push_back(std::move(ids));
        return Value::list_value(nullptr, 0);  // pointed at storage once lists stop growing
      }
    }
    return Value::unknown();
  }

  void bind_facts(const Application& a) {
    std::vector<int> list_slots;
    for (const auto& f : a.facts) {
      const Fact* fact = book.find_fact(item, f.path);
      if (fact == nullptr) {
        out.push_back(detail::unknown_fact(item, f.path, f.location));
        continue;
      }
      if (auto error = check_fact_value(*fact, f.value, f.location, f.text)) {
        out.push_back(std::move(*error));
        continue;
      }
      app.facts[static_cast<std::size_t>(fact->slot)] = convert(f, *fact);
      if (fact->type == FactType::string_list) list_slots.push_back(fact->slot);
    }
    for (std::size_t k = 0; k < list_slots.size(); ++k) {
      const auto& storage = app.lists[k];
      app.facts[static_cast<std::size_t>(list_slots[k])] =
          Value::list_value(storage.data(), static_cast<std::int32_t>(storage.size()));
    }
  }

  void bind_materials(const Application& a) {
    for (const auto& m : a.materials) {
      const int i = item.material_index(m.id);
      if (i < 0) {
        out.push_back(
            make_diagnostic(codes::unknown_material, m.location,
                            fmt::format("item {} lists no material '{}'", item.code, m.id)));
        continue;
      }
      detail::set_bit(app.submitted, static_cast<std::size_t>(i));
    }
  }

  void bind_commitments(const Application& a) {
    for (const auto& c : a.commitments) {
      if (c.id == tolerance_letter_id) {
        app.tolerance_letter = true;
        continue;
      }
      if (const int i = item.material_index(c.id); i >= 0) {
        detail::set_bit(app.committed, static_cast<std::size_t>(i));
        continue;
      }
      const auto cond = std::find_if(item.conditions.begin(), item.conditions.end(),
                                     [&](const Condition& x) { return x.id == c.id; });
      if (cond != item.conditions.end()) {
        detail::set_bit(app.condition_commit,
                        static_cast<std::size_t>(cond - item.conditions.begin()));
        continue;
      }
      out.push_back(
          make_diagnostic(codes::unknown_commitment, c.location,
                          fmt::format("'{}' is neither a material, a condition of item {} nor `{}`",
                                      c.id, item.code, tolerance_letter_id)));
    }
  }
};

}  // namespace

BoundApplication::BoundApplication(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BoundApplication::~BoundApplication() = default;
const Item& BoundApplication::item() const {
  return impl_->book->items()[static_cast<std::size_t>(impl_->item)];
}
int BoundApplication::item_index() const {
  return impl_->item;
}
Date BoundApplication::submitted_on() const {
  return impl_->submitted_on;
}

BindResult bind_application(const Rulebook& book, const Application& a) {
  // Every rulebook is made by load_rulebook as a shared_ptr, so this only
  // throws (std::bad_weak_ptr) for a Rulebook owned some other way.
  return bind_application(book.shared_from_this(), a);
}

BindResult bind_application(std::shared_ptr<const Rulebook> owner, const Application& a) {
  BindResult result;
  const Rulebook& book = *owner;
  auto& out = result.diagnostics;
  const int index = detail::bind_version(book, a, out);
  if (index < 0) return result;
  const Item& item = book.items()[static_cast<std::size_t>(index)];
  auto impl = std::make_unique<BoundApplication::Impl>();
  impl->book = std::move(owner);
  impl->item = index;
  impl->submitted_on = a.submitted_on;
  impl->date_location = a.date_location.file.empty() ? a.location : a.date_location;
  const auto& plan = detail::RulebookAccess::data(book).plans[static_cast<std::size_t>(index)];
  impl->facts.assign(static_cast<std::size_t>(plan.slot_count), Value::unknown());
  impl->submitted.assign(static_cast<std::size_t>(plan.word_count), 0);
  impl->committed.assign(static_cast<std::size_t>(plan.word_count), 0);
  impl->condition_commit.assign((item.conditions.size() + 63) / 64, 0);
  if (!book.calendar().covers(a.submitted_on)) {
    out.push_back(make_diagnostic(
        codes::bad_application_date, a.date_location.file.empty() ? a.location : a.date_location,
        fmt::format("submitted_on {} is outside the loaded calendar years",
                    a.submitted_on.to_string())));
  }
  Binder binder{book, item, *impl, out};
  binder.bind_facts(a);
  binder.bind_materials(a);
  binder.bind_commitments(a);
  sort_diagnostics(out);
  if (!has_errors(out)) {
    result.application = std::make_shared<const BoundApplication>(std::move(impl));
  }
  return result;
}

namespace detail {

std::string format_bound_value(const BoundApplication::Impl& app, const Value& value) {
  const auto& strings = detail::RulebookAccess::data(*app.book).strings;
  const auto text = [&](std::int32_t id) -> std::string {
    if (id >= 0) return std::string(strings.text(id));
    return app.extra_strings[static_cast<std::size_t>(-id - 1)];
  };
  switch (value.kind) {
    case Value::Kind::string:
      return fmt::format("\"{}\"", text(value.s));
    case Value::Kind::list: {
      std::vector<std::string> parts;
      parts.reserve(static_cast<std::size_t>(value.list_size));
      for (std::int32_t k = 0; k < value.list_size; ++k) {
        parts.push_back(fmt::format("\"{}\"", text(value.list[k])));
      }
      return fmt::format("[{}]", fmt::join(parts, ", "));
    }
    default:
      return format_value(value, strings);
  }
}

}  // namespace detail
}  // namespace shenpi
