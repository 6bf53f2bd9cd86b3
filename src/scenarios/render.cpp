// Scenarios as Chinese text, as JSON, and as a rule-test file.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "notice/words.hpp"
#include "shenpi/scenarios.hpp"

namespace shenpi {
namespace {

constexpr Outcome kOrder[] = {Outcome::accept, Outcome::accept_with_deficiency, Outcome::supplement,
                              Outcome::review, Outcome::reject};

std::string yaml_quoted(std::string_view text) {
  std::string out = "\"";
  for (const char ch : text) {
    if (ch == '"' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "\"";
}

struct YamlValue {
  std::string operator()(bool v) const { return v ? "true" : "false"; }
  std::string operator()(std::int64_t v) const { return std::to_string(v); }
  std::string operator()(double v) const { return fmt::format("{}", v); }
  std::string operator()(const std::string& v) const { return yaml_quoted(v); }
  std::string operator()(const Date& v) const { return v.to_string(); }
  std::string operator()(const std::vector<std::string>& v) const {
    std::vector<std::string> q;
    for (const auto& s : v) q.push_back(yaml_quoted(s));
    return fmt::format("[{}]", fmt::join(q, ", "));
  }
};

nlohmann::json fact_json(const FactValue& v) {
  return std::visit(
      [](const auto& x) -> nlohmann::json {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, Date>) {
          return x.to_string();
        } else {
          return x;
        }
      },
      v);
}

std::string ids(const std::vector<ApplicationEntry>& entries) {
  std::vector<std::string> q;
  for (const auto& e : entries) q.push_back(e.id);
  return fmt::format("[{}]", fmt::join(q, ", "));
}

}  // namespace

std::string to_text(const ScenarioSet& set) {
  std::string out = fmt::format("{} {} 的情形（按{}个事实分情况：{}）\n", set.item, set.name,
                                set.facts.size(), fmt::join(set.fact_labels, "、"));
  if (!set.complete) {
    out += fmt::format("注意：情形组合共{}种，只检查了{}种，下列情形不完整\n", set.cases_total,
                       set.cases_examined);
  }
  for (const Outcome o : kOrder) {
    int n = 0;
    for (const auto& s : set.scenarios) {
      if (s.outcome != o) continue;
      if (n++ == 0) out += fmt::format("\n{}\n", detail::outcome_words(o));
      out += fmt::format("  {}. {}\n", n, s.summary);
      if (!s.commit.empty()) out += fmt::format("     以承诺代替：{}\n", fmt::join(s.commit, "、"));
      if (!s.tolerated.empty())
        out += fmt::format("     容缺（后补）：{}\n", fmt::join(s.tolerated, "、"));
      if (!s.missing.empty() && o == Outcome::supplement && s.kind != "facts") {
        out += fmt::format("     缺少：{}\n", fmt::join(s.missing, "、"));
      }
    }
  }
  return out;
}

std::string to_json(const ScenarioSet& set) {
  nlohmann::json scenarios = nlohmann::json::array();
  for (const auto& s : set.scenarios) {
    nlohmann::json facts = nlohmann::json::object();
    for (const auto& f : s.example.facts) facts[f.path] = fact_json(f.value);
    nlohmann::json materials = nlohmann::json::array();
    for (const auto& m : s.example.materials) materials.push_back(m.id);
    nlohmann::json commitments = nlohmann::json::array();
    for (const auto& c : s.example.commitments) commitments.push_back(c.id);
    scenarios.push_back(
        {{"outcome", std::string(to_string(s.outcome))},
         {"kind", s.kind},
         {"summary", s.summary},
         {"when", s.when},
         {"submit", s.submit},
         {"commit", s.commit},
         {"tolerated", s.tolerated},
         {"missing", s.missing},
         {"example", {{"facts", facts}, {"materials", materials}, {"commitments", commitments}}}});
  }
  const nlohmann::json out = {{"item", set.item},
                              {"name", set.name},
                              {"facts", set.facts},
                              {"cases_total", set.cases_total},
                              {"cases_examined", set.cases_examined},
                              {"complete", set.complete},
                              {"scenarios", scenarios}};
  return out.dump(2) + "\n";
}

std::string to_rule_tests(const ScenarioSet& set) {
  std::string out = fmt::format(
      "# Written by `shenpi scenarios --emit-tests`: one application per scenario of {} {}.\n"
      "tests:\n",
      set.item, set.name);
  int n = 0;
  for (const auto& s : set.scenarios) {
    out += fmt::format("  - name: {}\n    application:\n      item: {}\n      submitted_on: {}\n",
                       yaml_quoted(fmt::format("情形{}：{}", ++n, s.summary)), set.item,
                       s.example.submitted_on.to_string());
    out += "      facts:";
    if (s.example.facts.empty()) out += " {}";
    out += "\n";
    for (const auto& f : s.example.facts) {
      out += fmt::format("        {}: {}\n", f.path, std::visit(YamlValue{}, f.value));
    }
    out += fmt::format("      materials: {}\n      commitments: {}\n", ids(s.example.materials),
                       ids(s.example.commitments));
    out += fmt::format("    expect:\n      outcome: {}\n", to_string(s.outcome));
  }
  return out;
}

}  // namespace shenpi
