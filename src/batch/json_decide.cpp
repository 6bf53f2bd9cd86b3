// decide_json_fast: one pass of simdjson On-Demand over the text, each
// value handed to the SlotBinder as it is read. It reads exactly what the
// full reader (load/json_application.cpp) reads, with the same simdjson calls,
// and declines whatever that reader would report or treat specially, so the
// decision is the full reader's by construction; the unit tests
// (tests/unit/load/evaluate_json_test.cpp) compare both on every shipped
// application and on mutations of them.
#include "batch/json_decide.hpp"

#include <algorithm>
#include <array>

#include <optional>

#include <simdjson.h>

#include "evaluate/slot_binder.hpp"
#include "load/json_application.hpp"
#include "load/json_lines.hpp"

namespace shenpi::detail {

namespace od = simdjson::ondemand;

namespace {

/// A number or boolean as written, without the white space simdjson's raw
/// token keeps after it (the full reader's scalar_text trims the same).
std::string_view trimmed_token(od::value& v) {
  std::string_view raw = v.raw_json_token();
  while (!raw.empty() &&
         (raw.back() == ' ' || raw.back() == '\t' || raw.back() == '\n' || raw.back() == '\r')) {
    raw.remove_suffix(1);
  }
  return raw;
}

struct FastReading {
  SlotBinder& binder;
  Lines lines;
  const Rulebook& book;
  std::optional<Date> as_of;
  Decision& out;
  std::string_view item;
  Date day;
  const char* day_at = nullptr;
  bool begun = false;

  /// Begins binding once item and submitted_on are known.
  bool start() {
    if (begun) return true;
    if (item.data() == nullptr || day_at == nullptr) return false;
    SourceLocation at;
    lines.at(day_at, at);
    begun = binder.begin(book, item, day, as_of, out, std::move(at));
    return begun;
  }

  bool fact_value(const Fact& fact, od::value& v) {
    od::json_type type{};
    if (v.type().get(type) != simdjson::SUCCESS) return false;
    switch (type) {
      case od::json_type::string: {
        std::string_view s;
        return v.get_string().get(s) == simdjson::SUCCESS && binder.set_text(fact, s);
      }
      case od::json_type::boolean: {
        bool b = false;
        return v.get_bool().get(b) == simdjson::SUCCESS &&
               binder.set_bool(fact, b, b ? "true" : "false");
      }
      case od::json_type::number:
        return number(fact, v);
      case od::json_type::array:
        return list(fact, v);
      default:
        return false;  // null and mappings: the full reader has words for them
    }
  }

  bool number(const Fact& fact, od::value& v) {
    od::number_type kind{};
    if (v.get_number_type().get(kind) != simdjson::SUCCESS) return false;
    const std::string_view text = trimmed_token(v);
    if (kind == od::number_type::signed_integer) {
      std::int64_t i = 0;
      return v.get_int64().get(i) == simdjson::SUCCESS && binder.set_int(fact, i, text);
    }
    if (kind == od::number_type::floating_point_number) {
      double d = 0;
      return v.get_double().get(d) == simdjson::SUCCESS && binder.set_double(fact, d, text);
    }
    return false;  // past 64 bits: the full reader keeps it as text
  }

  bool list(const Fact& fact, od::value& v) {
    od::array array;
    if (v.get_array().get(array) != simdjson::SUCCESS || !binder.begin_list(fact)) return false;
    for (auto element : array) {
      std::string_view s;
      if (element.get_string().get(s) != simdjson::SUCCESS || !binder.add_to_list(s)) return false;
    }
    return true;
  }

  /// Whether `v` is `null`, which states nothing (the readers' rule);
  /// nullopt when the token is broken.
  static std::optional<bool> is_null(od::value& v) {
    od::json_type type{};
    if (v.type().get(type) != simdjson::SUCCESS) return std::nullopt;
    return type == od::json_type::null;
  }

  bool facts(od::value& v) {
    const auto null = is_null(v);
    if (!null || *null) return null.has_value();
    od::object object;
    if (v.get_object().get(object) != simdjson::SUCCESS) return false;
    for (auto field_result : object) {
      od::field field;
      std::string_view key;
      if (std::move(field_result).get(field) != simdjson::SUCCESS ||
          field.unescaped_key().get(key) != simdjson::SUCCESS) {
        return false;
      }
      const Fact* fact = binder.fact(key);
      od::value value = field.value();
      if (fact == nullptr || !fact_value(*fact, value)) return false;
    }
    return true;
  }

  /// materials (`commitments` false) or commitments: a list of id strings.
  bool ids(od::value& v, bool commitments) {
    const auto null = is_null(v);
    if (!null || *null) return null.has_value();
    od::array array;
    if (v.get_array().get(array) != simdjson::SUCCESS) return false;
    for (auto element : array) {
      std::string_view id;
      if (element.get_string().get(id) != simdjson::SUCCESS) return false;
      if (!(commitments ? binder.commitment(id) : binder.material(id))) return false;
    }
    return true;
  }

  bool key_value(std::size_t k, od::value& v) {
    switch (k) {
      case 0:
        return v.get_string().get(item) == simdjson::SUCCESS;
      case 1: {
        day_at = v.raw_json_token().data();
        std::string_view text;
        if (v.get_string().get(text) != simdjson::SUCCESS) return false;
        const auto parsed = Date::parse(text);
        if (parsed) day = *parsed;
        return parsed.has_value();
      }
      case 2:
        return start() && facts(v);
      default:
        return start() && ids(v, k == 4);
    }
  }

  bool application(od::value& v) {
    static constexpr std::array<std::string_view, 5> kKeys = {"item", "submitted_on", "facts",
                                                              "materials", "commitments"};
    od::object object;
    if (v.get_object().get(object) != simdjson::SUCCESS) return false;
    std::array<bool, kKeys.size()> seen{};
    for (auto field_result : object) {
      od::field field;
      std::string_view key;
      if (std::move(field_result).get(field) != simdjson::SUCCESS ||
          field.unescaped_key().get(key) != simdjson::SUCCESS) {
        return false;
      }
      const auto k =
          static_cast<std::size_t>(std::find(kKeys.begin(), kKeys.end(), key) - kKeys.begin());
      // Unknown keys, repeats, and item or date after the lists: the full
      // reader's business.
      if (k == kKeys.size() || seen[k] || (k < 2 && begun)) return false;
      seen[k] = true;
      od::value value = field.value();
      if (!key_value(k, value)) return false;
    }
    return start();
  }
};

/// The fast path; false at the first thing it would not take as is (`out`
/// is then unspecified: the caller decides the text by the full reader).
bool decide_json_fast(od::parser& parser, SlotBinder& binder, std::string_view text,
                      std::size_t capacity, const std::string& name, int first_line,
                      const Rulebook& book, std::optional<Date> as_of, Decision& out) {
  od::document doc;
  if (parser.iterate(text.data(), text.size(), capacity).get(doc) != simdjson::SUCCESS) {
    return false;
  }
  od::object root;
  if (doc.get_object().get(root) != simdjson::SUCCESS) return false;
  FastReading r{binder, Lines(text, name, first_line), book, as_of, out, {}, {}, nullptr, false};
  bool read = false;
  for (auto field_result : root) {
    od::field field;
    std::string_view key;
    if (read || std::move(field_result).get(field) != simdjson::SUCCESS ||
        field.unescaped_key().get(key) != simdjson::SUCCESS || key != "application") {
      return false;  // other root keys, even ignored ones, go the full way
    }
    od::value value = field.value();
    if (!r.application(value)) return false;
    read = true;
  }
  // Nothing may follow the document (the full reader's SP608).
  if (!read || doc.current_location().error() == simdjson::SUCCESS) return false;
  binder.finish();
  return true;
}

}  // namespace

struct JsonDecider::Impl {
  od::parser parser;
  SlotBinder binder;
  JsonApplicationReader reader;  ///< the full reader, when the fast path declines
  Application application;
  std::vector<Diagnostic> diagnostics;
  std::string copy;  ///< padded copy of text that came without room to read ahead
};

JsonDecider::JsonDecider() : impl_(std::make_unique<Impl>()) {
  const auto error = impl_->parser.allocate(4096);  // a typical application
  (void)error;  // a failed allocation is retried by iterate(), then the full reader reports it
}
JsonDecider::~JsonDecider() = default;

bool JsonDecider::decide(std::string_view text, std::size_t capacity, const std::string& name,
                         int first_line, const Rulebook& book, std::optional<Date> as_of,
                         Decision& out) {
  if (capacity < text.size() + kJsonPadding) {
    impl_->copy.assign(text);
    impl_->copy.append(kJsonPadding, ' ');
    text = std::string_view(impl_->copy.data(), text.size());
    capacity = impl_->copy.size();
  }
  if (decide_json_fast(impl_->parser, impl_->binder, text, capacity, name, first_line, book, as_of,
                       out)) {
    return true;
  }
  // The full reader says what the fast path would not take as is.
  impl_->diagnostics.clear();
  if (impl_->reader.read(text, capacity, name, first_line, impl_->application,
                         impl_->diagnostics)) {
    impl_->application.as_of = as_of;
    decide_into(book, impl_->application, out);
    return false;
  }
  out = Decision{};
  out.diagnostics = std::move(impl_->diagnostics);
  impl_->diagnostics = {};
  return false;
}

}  // namespace shenpi::detail

namespace shenpi {

void Rulebook::evaluate_json(std::string_view text, const std::string& name, Decision& out,
                             std::optional<Date> as_of) const {
  // One decider per thread, built on first use and kept: building its
  // parsers costs more than deciding a typical application.
  thread_local detail::JsonDecider decider;
  decider.decide(text, 0, name, 1, *this, as_of, out);
}

}  // namespace shenpi
