// From the case split to scenarios: one per situation, each with the facts
// that lead there (simplified over the cases seen) and an example application.
#include <regex>

#include <fmt/format.h>

#include "notice/words.hpp"
#include "scenarios/split.hpp"
#include "shenpi/diagnostic_codes.hpp"

namespace shenpi {
namespace {

using detail::Bucket;
using detail::Case;
using detail::FactDomain;

/// `为good`, but `小于10` and `未提供` as they are.
std::string phrase(const std::string& word) {
  for (const char* relational : {"小于", "大于", "介于", "未提供"}) {
    if (word.rfind(relational, 0) == 0) return word;
  }
  return "为" + word;
}

/// `a为x且b为y或z`, or the combinations when they are not a product; empty
/// when no fact matters. A fact taking every value of its domain is left out.
std::string describe(const std::vector<FactDomain>& domains, const Bucket& b) {
  std::vector<std::set<int>> values(domains.size());
  for (const Case& c : b.seen) {
    for (std::size_t d = 0; d < c.size(); ++d) {
      if (c[d] >= 0) values[d].insert(c[d]);
    }
  }
  std::size_t product = 1;
  for (const auto& v : values) product *= v.empty() ? 1 : v.size();
  const auto label = [&](std::size_t d) {
    const Fact& f = *domains[d].fact;
    return f.label.empty() ? f.path : f.label;
  };
  std::vector<std::string> parts;
  if (product == b.seen.size()) {
    for (std::size_t d = 0; d < values.size(); ++d) {
      if (values[d].empty() || values[d].size() == domains[d].values.size()) continue;
      std::vector<std::string> words;
      for (const int v : values[d]) words.push_back(domains[d].words[std::size_t(v)]);
      // `为是或未提供`: the connector once, unless the first word brings its own.
      std::string text = phrase(words[0]);
      for (std::size_t w = 1; w < words.size(); ++w) {
        text += "或" + (phrase(words[w]).rfind("为", 0) == 0 ? words[w] : phrase(words[w]));
      }
      parts.push_back(label(d) + text);
    }
    return fmt::format("{}", fmt::join(parts, "且"));
  }
  for (const Case& c : b.seen) {
    if (parts.size() == 8) {
      parts.push_back(fmt::format("等{}种组合", b.seen.size()));
      break;
    }
    std::vector<std::string> words;
    for (std::size_t d = 0; d < c.size(); ++d) {
      if (c[d] >= 0)
        words.push_back(fmt::format("{}为{}", label(d), domains[d].words[std::size_t(c[d])]));
    }
    parts.push_back(fmt::format("（{}）", fmt::join(words, "且")));
  }
  return fmt::format("{}", fmt::join(parts, "或"));
}

struct Builder {
  const Rulebook& book;
  const Item& item;
  const ScenarioOptions& options;
  const detail::SplitResult& split;
  ScenarioSet& out;

  /// A scenario whose example has the facts of `c`, submits the required
  /// materials the applicant brings except `omit`, and signs `commit`.
  Scenario make(Outcome outcome, std::string kind, const Case& c,
                const std::vector<std::string>& omit, const std::vector<std::string>& commit) {
    Scenario s;
    s.outcome = outcome;
    s.kind = std::move(kind);
    s.example.item = item.code;
    s.example.submitted_on = options.submitted_on;
    for (std::size_t d = 0; d < c.size(); ++d) {
      const auto& given = split.domains[d].given[std::size_t(c[d])];
      if (given) s.example.facts.push_back({split.domains[d].fact->path, *given, {}, {}});
    }
    const auto k = detail::classify(item, detail::case_values(book, item, split.domains, c));
    // The split reads `submitted(...)` as not submitted; a condition it found
    // unmet or undecided must stay so in the example, so the materials such a
    // condition asks about are withheld (the evaluator then agrees).
    std::vector<std::string> withheld;
    static const std::regex kSubmitted(R"re(submitted\(\s*"([^"]+)"\s*\))re");
    for (std::size_t i = 0; i < item.conditions.size(); ++i) {
      if (k.conditions[i] && *k.conditions[i]) continue;
      const std::string text = item.conditions[i].when.text();
      for (std::sregex_iterator it(text.begin(), text.end(), kSubmitted), end; it != end; ++it)
        withheld.push_back((*it)[1].str());
    }
    for (std::size_t i = 0; i < item.materials.size(); ++i) {
      const Material& m = item.materials[i];
      if (!k.required[i] || m.source == Material::Source::shared) continue;
      if (std::find(withheld.begin(), withheld.end(), m.id) != withheld.end()) {
        s.missing.push_back(m.name);
      } else if (std::find(commit.begin(), commit.end(), m.id) != commit.end()) {
        s.commit.push_back(m.name);
      } else if (std::find(omit.begin(), omit.end(), m.id) != omit.end()) {
        (outcome == Outcome::accept_with_deficiency ? s.tolerated : s.missing).push_back(m.name);
      } else {
        s.example.materials.push_back({m.id, {}});
        s.submit.push_back(m.name);
      }
    }
    for (const auto& id : commit) s.example.commitments.push_back({id, {}});
    return s;
  }

  /// Required applicant materials of a case, filtered.
  template <class F>
  std::vector<const Material*> required(const Case& c, F keep) const {
    const auto k = detail::classify(item, detail::case_values(book, item, split.domains, c));
    std::vector<const Material*> found;
    for (std::size_t i = 0; i < item.materials.size(); ++i) {
      const Material& m = item.materials[i];
      if (k.required[i] && m.source == Material::Source::applicant && keep(m)) found.push_back(&m);
    }
    return found;
  }

  void accepts();
  void tolerance();
  void supplements();
  void rejects();
};

void Builder::accepts() {
  for (const auto& [req, bucket] : split.all_met) {
    Scenario s = make(Outcome::accept, "all-met", bucket.first, {}, {});
    const std::string when = describe(split.domains, bucket);
    if (!when.empty()) s.when.push_back(when);
    s.summary = fmt::format(
        "受理条件全部满足{}，提交：{}", when.empty() ? "" : "，" + when,
        s.submit.empty() ? "无需提交材料" : fmt::format("{}", fmt::join(s.submit, "、")));
    out.scenarios.push_back(std::move(s));
  }
  if (!split.committed) return;
  const Case& c = split.committed->first;
  const auto k = detail::classify(item, detail::case_values(book, item, split.domains, c));
  std::vector<std::string> commit, texts;
  for (std::size_t i = 0; i < item.conditions.size(); ++i) {
    if (k.conditions[i] && *k.conditions[i]) continue;
    commit.push_back(item.conditions[i].id);
    texts.push_back("「" + item.conditions[i].text + "」");
  }
  std::vector<std::string> materials;
  for (const Material* m : required(c, [](const Material& m) { return m.commitment_allowed; })) {
    commit.push_back(m->id);
    materials.push_back(m->name);
  }
  Scenario s = make(Outcome::accept, "committed", c, {}, commit);
  s.when.push_back(describe(split.domains, *split.committed));
  s.summary = fmt::format(
      "{}未载明相关事实、无法当场证明的，签署告知承诺后受理{}", fmt::join(texts, ""),
      materials.empty() ? std::string()
                        : fmt::format("（{}也可以承诺代替）", fmt::join(materials, "、")));
  s.commit.insert(s.commit.begin(), texts.begin(), texts.end());
  out.scenarios.push_back(std::move(s));
}

void Builder::tolerance() {
  if (!split.tolerated) return;
  const Case& c = split.tolerated->first;
  const auto tolerable = required(c, [](const Material& m) { return m.tolerable && !m.core; });
  if (tolerable.empty()) return;
  const TolerancePolicy& t = item.tolerance;
  const std::size_t cap =
      t.max_missing < 0 ? tolerable.size() : std::min(tolerable.size(), std::size_t(t.max_missing));
  if (cap == 0) return;
  std::vector<std::string> omit, names;
  for (std::size_t i = 0; i < tolerable.size(); ++i) {
    if (i < cap) omit.push_back(tolerable[i]->id);
    names.push_back(tolerable[i]->name);
  }
  std::vector<std::string> commit;
  if (t.letter_required) commit.emplace_back(tolerance_letter_id);
  Scenario s = make(Outcome::accept_with_deficiency, "tolerated", c, omit, commit);
  s.commit.clear();
  const std::string when = describe(split.domains, *split.tolerated);
  if (!when.empty()) s.when.push_back(when);
  const bool capped = t.max_missing >= 0 && std::size_t(t.max_missing) < names.size();
  s.summary = fmt::format(
      "{}{}可容缺：{}{}，{}内补齐{}", when, when.empty() ? "" : "，", fmt::join(names, "、"),
      capped ? fmt::format("中至多{}项", t.max_missing) : std::string(),
      t.supply_within.to_chinese(), t.letter_required ? "，须签容缺承诺书" : "");
  out.scenarios.push_back(std::move(s));
}

void Builder::supplements() {
  for (const auto& [i, bucket] : split.unmet) {
    const Condition& cond = item.conditions[i];
    Scenario s = make(Outcome::supplement, "condition", bucket.first, {}, {});
    const std::string when = describe(split.domains, bucket);
    s.when.push_back(when);
    s.summary = fmt::format("「{}」不满足（{}）{}，须补正", cond.text, when,
                            cond.commitment_allowed ? "且未签告知承诺" : "");
    out.scenarios.push_back(std::move(s));
  }
  if (split.facts_unknown) {
    Scenario s = make(Outcome::supplement, "facts", split.facts_unknown->first, {}, {});
    // Every fact a condition reads that is unknown in some case of the group.
    for (std::size_t d = 0; d < split.domains.size(); ++d) {
      const int unknown = static_cast<int>(split.domains[d].values.size()) - 1;
      if (std::any_of(split.facts_unknown->seen.begin(), split.facts_unknown->seen.end(),
                      [&](const Case& c) { return c[d] == unknown; })) {
        s.missing.push_back(out.fact_labels[d]);
      }
    }
    s.summary =
        fmt::format("未提供判断受理条件所需的情况（{}）的，须补正", fmt::join(s.missing, "、"));
    out.scenarios.push_back(std::move(s));
  }
  if (!split.all_met.empty()) {
    const Case& c = split.all_met.begin()->second.first;
    const auto plain =
        required(c, [](const Material& m) { return !m.tolerable && !m.commitment_allowed; });
    if (!plain.empty()) {
      Scenario s = make(Outcome::supplement, "materials", c, {plain.front()->id}, {});
      s.summary = fmt::format("受理条件满足但缺少须提交的材料（如{}）的，须补正，一次性告知",
                              plain.front()->name);
      out.scenarios.push_back(std::move(s));
    }
  }
  if (split.refused) {
    const Case& c = split.refused->first;
    const auto tolerable = required(c, [](const Material& m) { return m.tolerable && !m.core; });
    if (!tolerable.empty()) {
      std::vector<std::string> commit;
      if (item.tolerance.letter_required) commit.emplace_back(tolerance_letter_id);
      Scenario s =
          make(Outcome::supplement, "tolerance-refused", c, {tolerable.front()->id}, commit);
      // The complement of the policy reads better as the policy negated.
      const std::string when = item.tolerance.when.empty()
                                   ? std::string("容缺条件不成立")
                                   : fmt::format("容缺条件「{}」不成立或无法判断",
                                                 detail::readable(book, item, item.tolerance.when));
      s.when.push_back(when);
      s.summary = fmt::format("{}，缺少{}的，须补正", when, tolerable.front()->name);
      out.scenarios.push_back(std::move(s));
    }
  }
}

void Builder::rejects() {
  for (const auto& [i, bucket] : split.reject) {
    Scenario s = make(Outcome::reject, "condition", bucket.first, {}, {});
    s.submit.clear();
    s.example.materials.clear();
    const std::string when = describe(split.domains, bucket);
    s.when.push_back(when);
    s.summary = fmt::format("「{}」不满足（{}）的，不予受理", item.conditions[i].text, when);
    out.scenarios.push_back(std::move(s));
  }
}

}  // namespace

ScenarioSet scenarios(const Rulebook& book, std::string_view item_code,
                      const ScenarioOptions& options) {
  ScenarioSet out;
  out.item = std::string(item_code);
  const Item* item = book.find_item(item_code);
  if (item == nullptr) {
    out.complete = false;
    out.diagnostics.push_back(make_diagnostic(
        codes::scenarios_unknown_item, {}, fmt::format("no item '{}' in the rulebook", item_code)));
    return out;
  }
  out.name = item->name;
  const detail::SplitResult split = detail::split_cases(book, *item, options);
  for (const auto& d : split.domains) {
    out.facts.push_back(d.fact->path);
    out.fact_labels.push_back(d.fact->label.empty() ? d.fact->path : d.fact->label);
  }
  out.cases_total = split.total;
  out.cases_examined = split.examined;
  out.complete = split.complete;
  if (!split.complete) {
    out.diagnostics.push_back(make_diagnostic(
        codes::scenarios_too_large, item->location,
        fmt::format("item {} reads {} facts, {} combinations; stopped after {} (limit {}): the "
                    "scenarios listed are incomplete",
                    item->code, split.domains.size(), split.total, split.examined,
                    options.max_cases)));
  }
  Builder b{book, *item, options, split, out};
  b.accepts();
  b.tolerance();
  b.supplements();
  b.rejects();
  return out;
}

}  // namespace shenpi
