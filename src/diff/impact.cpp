// diff_applications: a caseload decided under two rulebooks, spread over a
// small pool of threads (each takes a contiguous slice; results are merged
// in input order so the examples are deterministic).
#include <algorithm>
#include <map>
#include <thread>

#include "diff/diff_parts.hpp"

namespace shenpi {
namespace {

constexpr int kInvalid = 4;  ///< after the four Outcome values

struct Result {
  int from = kInvalid;
  int to = kInvalid;
  int asked_old = 0;
  int asked_new = 0;
  std::optional<int> shift;
};

/// Materials the applicant has to hand in: required, not fetched by data
/// sharing (even when the applicant brought it anyway), not committed.
int asked(const Decision& d) {
  int n = 0;
  for (std::size_t i = 0; i < d.materials.size(); ++i) {
    const MaterialStatus s = d.materials[i].status;
    const bool required = s == MaterialStatus::submitted || s == MaterialStatus::missing ||
                          s == MaterialStatus::tolerated;
    if (required && d.item().materials[i].source == Material::Source::applicant) ++n;
  }
  return n;
}

/// The decision by the current version of the item, also when the
/// application's own date falls outside it (see diff.hpp).
Decision decide(const Rulebook& book, const Application& a) {
  const Item* current = book.find_item(a.item);
  if (current == nullptr || current->effective.covers(a.submitted_on) || a.as_of) {
    return book.evaluate(a);
  }
  Application pinned = a;
  pinned.as_of = current->effective.from ? current->effective.from : current->effective.until;
  return book.evaluate(pinned);
}

Result decide_both(const Rulebook& a, const Rulebook& b, const Application& app) {
  const Decision old_d = decide(a, app);
  const Decision new_d = decide(b, app);
  Result r;
  if (old_d.valid()) {
    r.from = static_cast<int>(*old_d.outcome);
    r.asked_old = asked(old_d);
  }
  if (new_d.valid()) {
    r.to = static_cast<int>(*new_d.outcome);
    r.asked_new = asked(new_d);
  }
  if (old_d.deadlines.promised && new_d.deadlines.promised) {
    r.shift =
        b.calendar().working_days_between(*old_d.deadlines.promised, *new_d.deadlines.promised);
  }
  return r;
}

std::string outcome_name(int k) {
  return k == kInvalid ? std::string("invalid") : std::string(to_string(static_cast<Outcome>(k)));
}

}  // namespace

Impact diff_applications(const Rulebook& old_rules, const Rulebook& new_rules,
                         const std::vector<Application>& applications,
                         const std::vector<std::string>& ids, int threads) {
  std::vector<Result> results(applications.size());
  const std::size_t n = applications.size();
  const auto workers = static_cast<std::size_t>(std::clamp(threads, 1, 64));
  std::vector<std::thread> pool;
  for (std::size_t w = 0; w < workers; ++w) {
    pool.emplace_back([&, w] {
      for (std::size_t i = n * w / workers; i < n * (w + 1) / workers; ++i) {
        results[i] = decide_both(old_rules, new_rules, applications[i]);
      }
    });
  }
  for (auto& t : pool) t.join();

  Impact impact;
  impact.applications = static_cast<int>(n);
  std::map<std::pair<int, int>, Transition> transitions;
  long long asked_old = 0, asked_new = 0, shift = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const Result& r = results[i];
    Transition& t = transitions[{r.from, r.to}];
    ++t.count;
    if (t.examples.size() < 5)
      t.examples.push_back(i < ids.size() ? ids[i] : std::to_string(i + 1));
    asked_old += r.asked_old;
    asked_new += r.asked_new;
    if (r.shift) {
      shift += *r.shift;
      ++impact.due_compared;
    }
  }
  for (auto& [key, t] : transitions) {
    t.from = outcome_name(key.first);
    t.to = outcome_name(key.second);
    impact.transitions.push_back(std::move(t));
  }
  if (n > 0) {
    impact.mean_asked_old = static_cast<double>(asked_old) / static_cast<double>(n);
    impact.mean_asked_new = static_cast<double>(asked_new) / static_cast<double>(n);
  }
  if (impact.due_compared > 0) {
    impact.mean_due_shift = static_cast<double>(shift) / impact.due_compared;
  }
  return impact;
}

}  // namespace shenpi
