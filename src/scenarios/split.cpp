// The case split: a mixed-radix walk over the fact domains, classifying each
// combination with the evaluator's three-valued logic (detail::run).
#include "scenarios/split.hpp"

#include <algorithm>
#include <limits>

#include "model/data.hpp"

namespace shenpi::detail {
namespace {

/// Which domains an expression reads (indices into `domains`).
std::vector<bool> mask_of(const std::vector<FactDomain>& domains, const Expression* e) {
  std::vector<bool> mask(domains.size(), false);
  if (e == nullptr || e->empty()) return mask;
  for (const auto slot : e->fact_slots()) {
    for (std::size_t d = 0; d < domains.size(); ++d) mask[d] = mask[d] || domains[d].slot == slot;
  }
  return mask;
}

void note(std::optional<Bucket>& bucket, const Case& c, const std::vector<bool>& mask) {
  if (!bucket) bucket = Bucket{c, {}};
  Case projected = c;
  for (std::size_t d = 0; d < c.size(); ++d) {
    if (!mask[d]) projected[d] = -1;
  }
  bucket->seen.insert(std::move(projected));
}

template <class Key>
void note(std::map<Key, Bucket>& buckets, const Key& key, const Case& c,
          const std::vector<bool>& mask) {
  std::optional<Bucket> b;
  if (const auto it = buckets.find(key); it != buckets.end()) b = std::move(it->second);
  note(b, c, mask);
  buckets[key] = std::move(*b);
}

struct Splitter {
  const Rulebook& book;
  const Item& item;
  SplitResult& out;
  std::vector<std::vector<bool>> condition_masks;
  std::vector<bool> required_mask;
  std::vector<bool> tolerance_mask;
  std::vector<bool> conditions_mask;
  int committed_best = 0;

  void prepare() {
    for (const auto& c : item.conditions) condition_masks.push_back(mask_of(out.domains, &c.when));
    required_mask.assign(out.domains.size(), false);
    conditions_mask.assign(out.domains.size(), false);
    for (const auto& m : item.materials) {
      if (m.requirement != Material::Requirement::when) continue;
      const auto mask = mask_of(out.domains, &m.required);
      for (std::size_t d = 0; d < mask.size(); ++d) required_mask[d] = required_mask[d] || mask[d];
    }
    for (const auto& mask : condition_masks) {
      for (std::size_t d = 0; d < mask.size(); ++d)
        conditions_mask[d] = conditions_mask[d] || mask[d];
    }
    tolerance_mask = mask_of(out.domains, item.tolerance.present ? &item.tolerance.when : nullptr);
  }

  void visit(const Case& c) {
    const Classified k = classify(item, case_values(book, item, out.domains, c));
    bool all_met = true, any_unknown = false, only_committable = true;
    std::size_t unmet_count = 0, last_unmet = 0;
    for (std::size_t i = 0; i < k.conditions.size(); ++i) {
      const auto& s = k.conditions[i];
      const Condition& cond = item.conditions[i];
      if (s && *s) continue;
      all_met = false;
      any_unknown = any_unknown || !s;
      only_committable = only_committable && cond.commitment_allowed;
      if (s && cond.on_fail == Condition::OnFail::reject)
        note(out.reject, i, c, condition_masks[i]);
      if (s) {
        ++unmet_count;
        last_unmet = i;
      }
    }
    if (unmet_count == 1 && !any_unknown &&
        item.conditions[last_unmet].on_fail != Condition::OnFail::reject) {
      note(out.unmet, last_unmet, c, condition_masks[last_unmet]);
    }
    if (!all_met && any_unknown && unmet_count == 0) note(out.facts_unknown, c, conditions_mask);
    // A commitment stands in for proof, never against stated facts (docs/decision.md):
    // only conditions left unknown may be committed.
    if (!all_met && only_committable && unmet_count == 0) {
      // The example commits as many conditions as one case allows.
      const int not_met = static_cast<int>(std::count_if(k.conditions.begin(), k.conditions.end(),
                                                         [](const auto& s) { return !s || !*s; }));
      if (out.committed && not_met > committed_best) out.committed->first = c;
      committed_best = std::max(committed_best, not_met);
      note(out.committed, c, conditions_mask);
    }
    if (!all_met) return;
    note(out.all_met, k.required, c, required_mask);
    if (!item.tolerance.present) return;
    if (k.tolerance && *k.tolerance) {
      note(out.tolerated, c, tolerance_mask);
    } else {
      note(out.refused, c, tolerance_mask);
    }
  }

  void run(long budget) {
    out.total = 1;
    for (const auto& d : out.domains) {
      const long n = static_cast<long>(d.values.size());
      out.total = out.total > std::numeric_limits<long>::max() / n
                      ? std::numeric_limits<long>::max()
                      : out.total * n;
    }
    Case c(out.domains.size(), 0);
    for (;;) {
      if (out.examined >= budget) {
        out.complete = out.examined >= out.total;
        return;
      }
      visit(c);
      ++out.examined;
      std::size_t d = 0;
      for (; d < c.size(); ++d) {
        if (++c[d] < static_cast<int>(out.domains[d].values.size())) break;
        c[d] = 0;
      }
      if (d == c.size()) return;  // wrapped around: every combination seen
    }
  }
};

}  // namespace

std::vector<Value> case_values(const Rulebook& book, const Item& item,
                               const std::vector<FactDomain>& domains, const Case& c) {
  std::vector<Value> facts(static_cast<std::size_t>(book.fact_slot_count(item)));
  for (std::size_t d = 0; d < domains.size(); ++d) {
    facts[static_cast<std::size_t>(domains[d].slot)] =
        domains[d].values[static_cast<std::size_t>(c[d])];
  }
  return facts;
}

Classified classify(const Item& item, const std::vector<Value>& facts) {
  Classified k;
  for (const auto& c : item.conditions) {
    k.conditions.push_back(c.when.empty() ? std::optional<bool>(true) : test(c.when, facts));
  }
  for (const auto& m : item.materials) {
    bool required = m.requirement == Material::Requirement::always;
    if (m.requirement == Material::Requirement::when) {
      const auto r = test(m.required, facts);
      required = !r || *r;  // as the evaluator: undecidable means asked for
    }
    k.required.push_back(required);
  }
  k.tolerance =
      item.tolerance.when.empty() ? std::optional<bool>(true) : test(item.tolerance.when, facts);
  return k;
}

SplitResult split_cases(const Rulebook& book, const Item& item, const ScenarioOptions& options) {
  SplitResult out;
  out.domains = fact_domains(book, item);
  Splitter s{book, item, out, {}, {}, {}, {}, 0};
  s.prepare();
  s.run(options.max_cases);
  return out;
}

}  // namespace shenpi::detail
