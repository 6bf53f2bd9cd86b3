#include "expr_test_util.hpp"

#include <algorithm>

#include "base/civil.hpp"
#include "shenpi/diagnostics.hpp"

namespace shenpi::detail::expr_testing {

ExprEnv::ExprEnv() {
  auto add = [&](std::string path, FactType type, std::vector<std::string> values = {}) {
    Fact f;
    f.path = std::move(path);
    f.type = type;
    f.values = std::move(values);
    detail::FactAccess::set_slot(f, static_cast<std::int32_t>(facts.size()));
    facts.push_back(std::move(f));
  };
  add("sells.bulk_food", FactType::boolean);
  add("staff.count", FactType::integer);
  add("premises.area_m2", FactType::decimal);
  add("applicant.name", FactType::string);
  add("applicant.credit", FactType::enumeration, {"good", "normal", "dishonest"});
  add("applicant.birth_date", FactType::date);
  add("business.scope", FactType::string_list);
  add("applicant.kind", FactType::enumeration, {"enterprise", "individual_business"});
  add("guarantor.credit", FactType::enumeration, {"good", "normal", "dishonest"});
  add("order.total", FactType::integer);  // starts with the keyword `or`
  add("notice.sent", FactType::boolean);  // starts with `not`
  add("index.value", FactType::integer);  // starts with `in`
  add("android", FactType::boolean);      // starts with `and`
  add("license.expires", FactType::date);
  materials = {"application-form", "layout-plan", "safety-rules"};
  scope.fact = [this](std::string_view path) { return fact(path); };
  scope.material = [this](std::string_view id) -> std::int32_t {
    const auto it = std::find(materials.begin(), materials.end(), id);
    return it == materials.end() ? -1 : static_cast<std::int32_t>(it - materials.begin());
  };
}

const Fact* ExprEnv::fact(std::string_view path) const {
  for (const auto& f : facts) {
    if (f.path == path) return &f;
  }
  return nullptr;
}

CompileResult ExprEnv::compile(std::string_view text, FactType expected) {
  return compile_expression(text, TextOrigin::single({kFile, kLine, kColumn}), scope, strings,
                            expected);
}

CompileResult ExprEnv::compile_at(std::string_view text, const TextOrigin& origin) {
  return compile_expression(text, origin, scope, strings);
}

std::int32_t days(std::string_view yyyy_mm_dd) {
  const auto d = civil::parse_date(yyyy_mm_dd);
  REQUIRE(d.has_value());
  return *d;
}

App::App(ExprEnv& e) : env(e), facts(e.facts.size()) {}

App& App::set(std::string_view path, Value value) {
  const Fact* f = env.fact(path);
  REQUIRE(f != nullptr);
  facts[static_cast<std::size_t>(detail::FactAccess::slot(*f))] = value;
  return *this;
}

App& App::text(std::string_view path, std::string_view value) {
  const Fact* f = env.fact(path);
  REQUIRE(f != nullptr);
  texts.emplace_back(detail::FactAccess::slot(*f), std::string(value));
  return *this;
}

App& App::list(std::string_view path, const std::vector<std::string>& values) {
  const Fact* f = env.fact(path);
  REQUIRE(f != nullptr);
  lists.emplace_back(detail::FactAccess::slot(*f), values);
  return *this;
}

std::int32_t App::id_of(const std::string& text) {
  const std::int32_t id = env.strings.find(text);
  if (id >= 0) return id;
  const auto it = std::find(foreign.begin(), foreign.end(), text);
  if (it != foreign.end()) return -1 - static_cast<std::int32_t>(it - foreign.begin());
  foreign.push_back(text);
  return -static_cast<std::int32_t>(foreign.size());
}

App& App::date(std::string_view path, std::string_view yyyy_mm_dd) {
  return set(path, Value::date_value(days(yyyy_mm_dd)));
}

App& App::submit(std::string_view material) {
  const std::int32_t index = env.scope.material(material);
  REQUIRE(index >= 0);
  materials[0] |= std::uint64_t{1} << index;
  return *this;
}

App& App::today(std::string_view yyyy_mm_dd) {
  today_days = days(yyyy_mm_dd);
  return *this;
}

EvalContext App::context() {
  for (const auto& [slot, text] : texts)
    facts[static_cast<std::size_t>(slot)] = Value::string(id_of(text));
  list_ids.clear();
  list_ids.reserve(lists.size());
  for (const auto& [slot, values] : lists) {
    auto& ids = list_ids.emplace_back();
    for (const auto& v : values) ids.push_back(id_of(v));
    facts[static_cast<std::size_t>(slot)] =
        Value::list_value(ids.data(), static_cast<std::int32_t>(ids.size()));
  }
  return {facts, materials, today_days};
}

std::string eval(App& app, std::string_view text, FactType expected) {
  const CompileResult r = app.env.compile(text, expected);
  INFO("expression: ", text, "\n", describe(r.diagnostics));
  REQUIRE(r.program != nullptr);
  return format_value(run(*r.program, app.context()), app.env.strings);
}

std::string describe(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) out += format_diagnostic(d);
  return out;
}

}  // namespace shenpi::detail::expr_testing
