// `shenpi replay`: re-decide the application a decision record embeds and
// list, in Chinese, everything that came out differently.
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "shenpi/diagnostic_codes.hpp"
#include "shenpi/notice.hpp"
#include "shenpi/record.hpp"

namespace shenpi {
namespace {

using nlohmann::json;

std::string text_or(const json& j, const char* key, const char* fallback = "（无）") {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return fallback;
  return it->is_string() ? it->get<std::string>() : it->dump();
}

void compare(std::vector<std::string>& out, const std::string& what, const std::string& was,
             const std::string& now) {
  if (was != now) out.push_back(fmt::format("{}：记录为 {}，重放为 {}", what, was, now));
}

/// {id: status} of a decision JSON list of {id, status}.
void compare_list(std::vector<std::string>& out, const char* what, const json& was,
                  const json& now) {
  std::map<std::string, std::string> before, after;
  for (const auto& e : was) before[text_or(e, "id")] = text_or(e, "status");
  for (const auto& e : now) after[text_or(e, "id")] = text_or(e, "status");
  for (const auto& [id, status] : before) {
    const auto it = after.find(id);
    compare(out, fmt::format("{} {}", what, id), status,
            it == after.end() ? "（已删除）" : it->second);
  }
  for (const auto& [id, status] : after) {
    if (before.count(id) == 0) compare(out, fmt::format("{} {}", what, id), "（无此项）", status);
  }
}

void compare_decisions(std::vector<std::string>& out, const json& was, const json& now) {
  compare(out, "结论", text_or(was, "outcome"), text_or(now, "outcome"));
  compare_list(out, "条件", was.value("conditions", json::array()),
               now.value("conditions", json::array()));
  compare_list(out, "材料", was.value("materials", json::array()),
               now.value("materials", json::array()));
  compare(out, "容缺", text_or(was, "tolerance"), text_or(now, "tolerance"));
  const json d0 = was.value("deadlines", json::object());
  const json d1 = now.value("deadlines", json::object());
  compare(out, "承诺办结日期", text_or(d0, "promised"), text_or(d1, "promised"));
  compare(out, "法定办结日期", text_or(d0, "statutory"), text_or(d1, "statutory"));
  compare(out, "容缺补齐日期", text_or(d0, "tolerance"), text_or(d1, "tolerance"));
}

void compare_records(std::vector<std::string>& out, const json& was, const json& now) {
  compare(out, "适用的事项版本", text_or(was, "version"), text_or(now, "version"));
  if (text_or(was, "item_sha256") != text_or(now, "item_sha256")) {
    out.push_back(fmt::format("事项规则自作出决定后已变更：规则摘要记录为 {}，现为 {}",
                              text_or(was, "item_sha256"), text_or(now, "item_sha256")));
  }
  compare(out, "计算期限所用的日历年份", text_or(was, "calendar_years"),
          text_or(now, "calendar_years"));
  if (text_or(was, "calendar_sha256") != text_or(now, "calendar_sha256")) {
    out.push_back(fmt::format("节假日日历自作出决定后已变更：日历摘要记录为 {}，现为 {}",
                              text_or(was, "calendar_sha256"), text_or(now, "calendar_sha256")));
  }
}

Diagnostic bad_record(const std::string& name, const std::string& message) {
  return make_diagnostic(codes::bad_decision_record, {name, 0, 0}, message);
}

}  // namespace

ReplayReport replay(const Rulebook& book, std::string_view decision_json, const std::string& name) {
  ReplayReport report;
  const json was = json::parse(decision_json, nullptr, false);
  if (was.is_discarded() || !was.is_object()) {
    report.diagnostics.push_back(
        bad_record(name, "not a JSON decision (run `shenpi eval --json`)"));
    return report;
  }
  const auto record = was.find("record");
  if (record == was.end() || !record->is_object() || !record->contains("application") ||
      !(*record)["application"].is_object()) {
    report.diagnostics.push_back(
        bad_record(name, "the decision has no `record` with an `application`"));
    return report;
  }
  const std::string embedded = (*record)["application"].dump();
  if (sha256_hex(embedded) != text_or(*record, "application_sha256")) {
    report.diagnostics.push_back(
        make_diagnostic(codes::decision_record_altered, {name, 0, 0},
                        "the embedded application does not match record.application_sha256: the "
                        "record was edited"));
    return report;
  }
  ApplicationResult parsed = parse_application("{\"application\":" + embedded + "}", name);
  if (!parsed.application) {
    report.diagnostics = std::move(parsed.diagnostics);
    return report;
  }
  if (const auto as_of = Date::parse(text_or(*record, "as_of", "")))
    parsed.application->as_of = as_of;
  const Decision decision = book.evaluate(*parsed.application);
  if (!decision.valid()) {
    report.diagnostics = decision.diagnostics;
    return report;
  }
  json now = json::parse(decision_to_json(decision));
  now["record"] = json::parse(record_to_json(*make_record(book, *parsed.application, decision)));
  compare_decisions(report.differences, was, now);
  compare_records(report.differences, *record, now["record"]);
  return report;
}

}  // namespace shenpi
