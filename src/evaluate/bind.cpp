// Binding: an application checked against its item, facts into slots,
// materials and commitments into bitsets.
#include <fmt/format.h>

#include "evaluate/bound.hpp"
#include "evaluate/facts.hpp"
#include "evaluate/slot_binder.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi {
namespace {

using detail::Value;

struct Binder {
  const Rulebook& book;
  const Item& item;
  BoundApplication::Impl& app;
  std::vector<Diagnostic>& out;

  /// The one conversion of a checked value into its slot, shared with the
  /// fast path (slot_binder.cpp).
  detail::SlotBinder slots;

  void bind_facts(const Application& a) {
    const auto& data = detail::RulebookAccess::data(book);
    const auto index = static_cast<std::size_t>(app.item);
    slots.attach(book, app);
    for (const auto& f : a.facts) {
      const Fact* fact = detail::find_item_fact(data, index, f.path);
      if (fact == nullptr) {
        out.push_back(detail::unknown_fact(item, f.path, f.location));
        continue;
      }
      if (auto error = check_fact_value(*fact, f.value, f.location, f.text)) {
        out.push_back(std::move(*error));
        continue;
      }
      slots.assign(*fact, f.value, f.text);
    }
    slots.fix_lists();
  }

  const detail::ItemPlan& plan() const {
    return detail::RulebookAccess::data(book).plans[static_cast<std::size_t>(app.item)];
  }

  void bind_materials(const Application& a) {
    const detail::NameIndex& materials = plan().materials;
    for (const auto& m : a.materials) {
      const int i = materials.find(m.id);
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
    const detail::ItemPlan& p = plan();
    for (const auto& c : a.commitments) {
      if (c.id == tolerance_letter_id) {
        app.tolerance_letter = true;
        continue;
      }
      const std::uint64_t hash = detail::name_hash(c.id);
      if (const int i = p.materials.find(c.id, hash); i >= 0) {
        detail::set_bit(app.committed, static_cast<std::size_t>(i));
        continue;
      }
      if (const int i = p.conditions.find(c.id, hash); i >= 0) {
        detail::set_bit(app.condition_commit, static_cast<std::size_t>(i));
        continue;
      }
      out.push_back(
          make_diagnostic(codes::unknown_commitment, c.location,
                          fmt::format("'{}' is neither a material, a condition of item {} nor `{}`",
                                      c.id, item.code, tolerance_letter_id)));
    }
  }
};

/// Sizes `impl` for item `index` and clears what an earlier binding left,
/// keeping the vectors' storage.
void reset(BoundApplication::Impl& impl, const detail::RulebookData& data, std::size_t index,
           const Application& a) {
  const auto& plan = data.plans[index];
  impl.item = static_cast<int>(index);
  impl.submitted_on = a.submitted_on;
  impl.date_location = a.date_location.file.empty() ? a.location : a.date_location;
  impl.facts.assign(static_cast<std::size_t>(plan.slot_count), Value::unknown());
  impl.lists.clear();
  impl.extra_strings.clear();
  impl.submitted.assign(static_cast<std::size_t>(plan.word_count), 0);
  impl.committed.assign(static_cast<std::size_t>(plan.word_count), 0);
  impl.condition_commit.assign((data.items[index].conditions.size() + 63) / 64, 0);
  impl.tolerance_letter = false;
  impl.deadlines_ready = false;
}

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

namespace detail {

bool bind_into(const Rulebook& book, const Application& a, BoundApplication::Impl& impl,
               std::vector<Diagnostic>& out) {
  const std::size_t before = out.size();
  const int index = detail::bind_version(book, a, out);
  if (index < 0) return false;
  reset(impl, RulebookAccess::data(book), static_cast<std::size_t>(index), a);
  if (!book.calendar().covers(a.submitted_on)) {
    out.push_back(make_diagnostic(
        codes::bad_application_date, a.date_location.file.empty() ? a.location : a.date_location,
        fmt::format("submitted_on {} is outside the loaded calendar years",
                    a.submitted_on.to_string())));
  }
  Binder binder{book, book.items()[static_cast<std::size_t>(index)], impl, out, {}};
  binder.bind_facts(a);
  binder.bind_materials(a);
  binder.bind_commitments(a);
  if (out.size() != before) {
    sort_diagnostics(out);
    if (has_errors(out)) return false;
  }
  bind_deadlines(book, impl);
  return true;
}

void decide_into(const Rulebook& book, const Application& application, Decision& out) {
  // The decision's own bound application, when nothing else holds it, is
  // bound again in place: its vectors keep their storage, so a loop that
  // reuses one Decision binds without allocating.
  const std::shared_ptr<const BoundApplication>& held = out.application;
  if (held != nullptr && held.use_count() == 1 && BoundAccess::impl(*held).book.get() == &book) {
    out.diagnostics.clear();
    auto& impl = const_cast<BoundApplication::Impl&>(BoundAccess::impl(*held));
    if (bind_into(book, application, impl, out.diagnostics)) {
      book.evaluate(out.application, out);
      return;
    }
    std::vector<Diagnostic> diagnostics = std::move(out.diagnostics);
    out = Decision{};
    out.diagnostics = std::move(diagnostics);
    return;
  }
  BindResult bound = bind_application(book, application);
  if (!bound.application) {
    out = Decision{};
    out.diagnostics = std::move(bound.diagnostics);
    return;
  }
  book.evaluate(bound.application, out);  // reuses out's storage
}

}  // namespace detail

void Rulebook::evaluate(const Application& application, Decision& out) const {
  detail::decide_into(*this, application, out);
}

BindResult bind_application(std::shared_ptr<const Rulebook> owner, const Application& a) {
  BindResult result;
  auto impl = std::make_unique<BoundApplication::Impl>();
  const Rulebook& book = *owner;
  impl->book = std::move(owner);
  if (detail::bind_into(book, a, *impl, result.diagnostics)) {
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
