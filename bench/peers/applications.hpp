// The applications of bench/peers/generate.mjs, made in C++ straight into
// shenpi::Application values (no JSON text, no Node): the same mulberry32
// stream, drawn in the same order, so a seed gives the same applications as
// the JavaScript generator (checked field by field against its JSONL for
// seed 20261201, 1,000 applications). shenpi decides them accept 127,
// accept_with_deficiency 96, supplement 617, reject 160 (so does
// shenpi_peers_driver on generate.mjs's file). Used by the benchmarks and
// the evaluator's regression test.
#pragma once

#include <cmath>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "shenpi/evaluate.hpp"

namespace shenpi::peers {

/// The peer item's rulebook (bench/peers/rules/peer) against the shipped
/// calendars; throws when it does not load. Needs SHENPI_SOURCE_DIR.
inline std::shared_ptr<const Rulebook> load_peer_book() {
  LoadOptions options;
  options.calendar_dirs = {SHENPI_SOURCE_DIR "/rules/calendar"};
  LoadResult loaded = load_rulebook({SHENPI_SOURCE_DIR "/bench/peers/rules/peer"}, options);
  if (!loaded.ok()) throw std::runtime_error("bench/peers/rules/peer does not load");
  return loaded.rulebook;
}

/// mulberry32, as generate.mjs: 32-bit wrap-around arithmetic throughout.
class Mulberry32 {
 public:
  explicit Mulberry32(std::uint32_t seed) : a_(seed) {}
  double operator()() {
    a_ += 0x6d2b79f5U;
    std::uint32_t t = a_;
    t = (t ^ (t >> 15)) * (t | 1U);
    t ^= t + (t ^ (t >> 7)) * (t | 61U);
    return static_cast<double>(t ^ (t >> 14)) / 4294967296.0;
  }

 private:
  std::uint32_t a_;
};

/// One application of generate.mjs, drawn from `random`.
inline Application peer_application(Mulberry32& random) {
  const auto chance = [&](double p) { return random() < p; };
  const auto pick = [&](std::initializer_list<const char*> list) {
    return std::string(list.begin()[static_cast<std::size_t>(random() * list.size())]);
  };
  const auto between = [&](std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(std::floor(random() * static_cast<double>(hi - lo + 1)));
  };
  Application a;
  a.item = "PEER-0001";
  const auto fact = [&](const char* path, FactValue value) {
    a.facts.push_back(ApplicationFact{path, std::move(value), {}, {}});
  };
  // The object literal of generate.mjs, key by key; `&&` short-circuits.
  const bool refused = chance(0.16);
  const std::string kind =
      refused && chance(0.4) ? std::string("person") : pick({"enterprise", "individual_business"});
  const std::string credit =
      refused && chance(0.5) ? std::string("dishonest") : pick({"good", "good", "good", "normal"});
  fact("applicant.kind", kind);
  fact("applicant.credit", credit);
  fact("applicant.uses_agent", chance(0.3));
  fact("applicant.false_commitment", chance(0.1));
  fact("premises.area_m2", std::round((5 + random() * 195) * 10) / 10);
  fact("premises.residential", chance(0.15));
  fact("premises.neighbours_agree", chance(0.7));
  fact("shop.type", pick({"retail", "catering", "canteen"}));
  fact("shop.staff", chance(0.05) ? between(0, 2) : between(3, 120));
  fact("shop.capital_wan", std::round(random() * 150000) / 100);
  std::vector<std::string> scope;
  if (chance(0.05)) {
    scope = {"wholesale"};
  } else {
    scope = {pick({"retail", "catering"})};
    if (chance(0.4)) scope.emplace_back("wholesale");
  }
  fact("shop.scope", std::move(scope));
  fact("shop.district", chance(0.06) ? std::string("hexi") : pick({"binhai", "heping", "nankai"}));
  fact("shop.has_manager", chance(0.85));
  bool revoked = refused && chance(0.3);
  if (refused && kind != "person" && credit != "dishonest") revoked = true;
  fact("shop.revoked_5y", revoked);
  for (int i = 1; i <= 20; ++i) {
    const std::string m = (i < 10 ? "m0" : "m") + std::to_string(i);
    if ((i == 3 || i == 4) && !chance(0.2)) continue;  // shared: usually not brought
    if (i >= 10 && i <= 12 && chance(0.25)) continue;  // tolerable
    if ((i == 13 || i == 14) && chance(0.35)) {        // committable
      if (chance(0.8)) a.commitments.push_back({m, {}});
      continue;
    }
    if (chance(0.025)) {
      if (chance(0.3)) a.commitments.push_back({m, {}});  // a commitment it does not allow
      continue;
    }
    a.materials.push_back({m, {}});
  }
  if (chance(0.3)) a.commitments.push_back({"c04", {}});
  if (chance(0.4)) a.commitments.push_back({"c06", {}});
  if (chance(0.75)) a.commitments.push_back({"tolerance-letter", {}});
  a.submitted_on = *Date::from_ymd(2026, 1, 5) + static_cast<std::int32_t>(between(0, 300));
  return a;
}

/// `count` applications from `seed` (generate.mjs's defaults: 1000, 20261201).
inline std::vector<Application> peer_applications(int count = 1000, std::uint32_t seed = 20261201) {
  Mulberry32 random(seed);
  std::vector<Application> out;
  out.reserve(static_cast<std::size_t>(count));
  for (int n = 0; n < count; ++n) out.push_back(peer_application(random));
  return out;
}

}  // namespace shenpi::peers
