// The shenpi side of bench/peers: decides every application of a JSONL
// file, writes the decisions (outcome and missing material ids, one JSON
// line each) for the harness to compare with the peers, and prints the
// timings as one JSON object on stdout, each {"wall_ns", "cpu_ns"} per
// application (CPU time of the whole process, so on a shared machine the
// CPU figure is the one that does not depend on what else runs):
//   fresh_decide parse_application + evaluate into a new Decision: nothing reused
//   json_decide  JSON text -> decision by Rulebook::evaluate_json into one
//                reused Decision (simdjson On-Demand straight into the
//                decision's bound application, no Application built)
//   json_parse   JSON text -> Application alone (parse_application_json, the
//                full reader that evaluate_json falls back to for unusual text)
//   bound        evaluate of an already bound application
//   batch        json_decide over all applications on `threads` threads
//                (throughput = 1e9 / wall_ns)
// Usage: shenpi_peers_driver RULES APPS.jsonl [--decisions FILE]
//        [--threads N] [--seconds S]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <time.h>

#include "shenpi/evaluate.hpp"
#include "shenpi/rulebook.hpp"

namespace {

using Clock = std::chrono::steady_clock;

/// CPU time of all threads of this process, in seconds.
double process_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

/// Wall and CPU time per application, in nanoseconds.
struct Timing {
  double wall_ns = 0;
  double cpu_ns = 0;
};

struct Options {
  std::string rules;
  std::string apps;
  std::string decisions;
  unsigned threads = std::max(1U, std::thread::hardware_concurrency());
  double seconds = 0.5;  ///< minimum wall time of each measurement
};

Options parse_options(int argc, char** argv) {
  Options o;
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--decisions" && has_value) {
      o.decisions = argv[++i];
    } else if (arg == "--threads" && has_value) {
      o.threads = static_cast<unsigned>(std::max(1, std::stoi(argv[++i])));
    } else if (arg == "--seconds" && has_value) {
      o.seconds = std::stod(argv[++i]);
    } else if (!arg.empty() && arg[0] == '-') {
      throw std::invalid_argument("unknown option " + arg);
    } else {
      positional.push_back(arg);
    }
  }
  if (positional.size() != 2) throw std::invalid_argument("expected RULES and APPS.jsonl");
  o.rules = positional[0];
  o.apps = positional[1];
  return o;
}

/// The file, and where each non-empty line starts and ends.
struct Lines {
  std::string text;
  std::vector<std::pair<std::size_t, std::size_t>> spans;

  std::string_view line(std::size_t i) const {
    return {text.data() + spans[i].first, spans[i].second};
  }
  std::size_t size() const { return spans.size(); }
};

Lines read_lines(const std::string& path) {
  Lines lines;
  std::ifstream in(path, std::ios::binary);
  lines.text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (!in && !in.eof()) throw std::runtime_error(path + ": cannot read");
  const std::string_view all(lines.text.data(), lines.text.size());
  std::size_t start = 0;
  while (start < all.size()) {
    std::size_t end = all.find('\n', start);
    if (end == std::string_view::npos) end = all.size();
    if (all.find_first_not_of(" \t\r", start) < end) lines.spans.emplace_back(start, end - start);
    start = end + 1;
  }
  return lines;
}

const std::string kName = "apps";

/// One thread's reusable state for the JSON path: what a department system
/// deciding a stream of JSON texts keeps between calls.
struct JsonDecider {
  const shenpi::Rulebook& book;
  shenpi::Application app;
  std::vector<shenpi::Diagnostic> diagnostics;
  shenpi::Decision decision;
  std::string error;

  explicit JsonDecider(const shenpi::Rulebook& b) : book(b) {}

  bool failed(const std::vector<shenpi::Diagnostic>& found, const char* what) {
    error = found.empty() ? what : shenpi::format_diagnostic(found.front());
    return false;
  }
  /// JSON text into the reused Application; false (with `error`) when it is malformed.
  bool parse(const Lines& lines, std::size_t i) {
    diagnostics.clear();
    if (shenpi::parse_application_json(lines.line(i), kName, app, diagnostics)) return true;
    return failed(diagnostics, "does not parse");
  }
  /// false (with `error`) when the line does not parse or bind.
  bool decide(const Lines& lines, std::size_t i) {
    book.evaluate_json(lines.line(i), kName, decision);
    return decision.valid() || failed(decision.diagnostics, "does not decide");
  }
};

/// `{"outcome":"…","missing":["…"]}`: what every engine of the harness reports.
std::string summary(const shenpi::Decision& d) {
  std::string s = "{\"outcome\":\"";
  s += d.valid() ? std::string(shenpi::to_string(*d.outcome)) : "invalid";
  s += "\",\"missing\":[";
  const char* sep = "";
  for (std::size_t m = 0; m < d.materials.size(); ++m) {
    if (d.materials[m].status != shenpi::MaterialStatus::missing) continue;
    s += sep;
    s += "\"" + d.item().materials[m].id + "\"";
    sep = ",";
  }
  return s + "]}";
}

std::string line_error(std::size_t i, const std::string& what) {
  return "line " + std::to_string(i + 1) + ": " + what;
}

/// Decides every line both ways, by evaluate_json into one reused Decision
/// (bound again in place) and afresh (parse_application, evaluate into a
/// new Decision); they must agree. Returns the summaries.
std::vector<std::string> check_paths(const shenpi::Rulebook& book, const Lines& lines) {
  std::vector<std::string> out;
  JsonDecider json(book);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!json.decide(lines, i)) throw std::runtime_error(line_error(i, json.error));
    const shenpi::ApplicationResult parsed = shenpi::parse_application(lines.line(i), "apps");
    if (!parsed.application) throw std::runtime_error(line_error(i, "library reader refuses it"));
    const std::string via_library = summary(book.evaluate(*parsed.application));
    out.push_back(summary(json.decision));
    if (via_library != out.back()) {
      throw std::runtime_error(
          line_error(i, "JSON path " + out.back() + " but library path " + via_library));
    }
  }
  return out;
}

/// Runs `step(i)` over all n indexes, pass after pass, for at least `seconds`,
/// after one untimed pass (caches, first-use sizing of reused buffers).
Timing time_per_step(std::size_t n, double seconds, const std::function<void(std::size_t)>& step) {
  for (std::size_t i = 0; i < n; ++i) step(i);
  const double cpu = process_cpu_seconds();
  const auto start = Clock::now();
  std::size_t steps = 0;
  std::chrono::duration<double> elapsed{};
  do {
    for (std::size_t i = 0; i < n; ++i) step(i);
    steps += n;
    elapsed = Clock::now() - start;
  } while (elapsed.count() < seconds);
  const auto count = static_cast<double>(steps);
  return {elapsed.count() * 1e9 / count, (process_cpu_seconds() - cpu) * 1e9 / count};
}

/// The batch: `passes` rounds over all lines shared by `threads` workers in
/// chunks (an atomic cursor, so a slow core never leaves the other idle).
Timing batch_timing(const shenpi::Rulebook& book, const Lines& lines, unsigned threads,
                    std::size_t passes) {
  constexpr std::size_t kChunk = 64;
  const std::size_t total = passes * lines.size();
  std::atomic<std::size_t> cursor{0};
  std::atomic<bool> failed{false};
  const auto work = [&] {
    JsonDecider decider(book);
    for (std::size_t start; (start = cursor.fetch_add(kChunk)) < total;) {
      for (std::size_t k = start; k < std::min(start + kChunk, total); ++k) {
        if (!decider.decide(lines, k % lines.size())) failed = true;
      }
    }
  };
  const double cpu = process_cpu_seconds();
  const auto begin = Clock::now();
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work);
  for (auto& t : pool) t.join();
  const std::chrono::duration<double> elapsed = Clock::now() - begin;
  if (failed) throw std::runtime_error("batch: an application failed to decide");
  const auto count = static_cast<double>(total);
  return {elapsed.count() * 1e9 / count, (process_cpu_seconds() - cpu) * 1e9 / count};
}

void write_decisions(const std::string& path, const std::vector<std::string>& decisions) {
  std::ofstream out(path);
  for (const auto& d : decisions) out << d << '\n';
  if (!out) throw std::runtime_error(path + ": cannot write");
}

int run(const Options& o) {
  shenpi::LoadResult loaded = shenpi::load_rulebook({o.rules});
  if (!loaded.ok()) {
    for (const auto& d : loaded.diagnostics) std::cerr << shenpi::format_diagnostic(d);
    return 1;
  }
  const shenpi::Rulebook& book = *loaded.rulebook;
  const Lines lines = read_lines(o.apps);
  if (lines.size() == 0) throw std::runtime_error(o.apps + ": no applications");
  const std::vector<std::string> decisions = check_paths(book, lines);
  if (!o.decisions.empty()) write_decisions(o.decisions, decisions);

  const Timing fresh = time_per_step(lines.size(), o.seconds, [&](std::size_t i) {
    const shenpi::ApplicationResult parsed = shenpi::parse_application(lines.line(i), "apps");
    const shenpi::Decision d = book.evaluate(*parsed.application);
    if (!d.valid()) throw std::runtime_error(line_error(i, "no decision"));
  });
  JsonDecider json(book);
  const Timing json_decide = time_per_step(lines.size(), o.seconds, [&](std::size_t i) {
    if (!json.decide(lines, i)) throw std::runtime_error(line_error(i, json.error));
  });
  const Timing json_parse = time_per_step(lines.size(), o.seconds, [&](std::size_t i) {
    if (!json.parse(lines, i)) throw std::runtime_error(line_error(i, json.error));
  });
  std::vector<std::shared_ptr<const shenpi::BoundApplication>> bound;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    json.parse(lines, i);
    bound.push_back(shenpi::bind_application(book, json.app).application);
  }
  shenpi::Decision decision;
  const Timing bound_eval = time_per_step(
      lines.size(), o.seconds, [&](std::size_t i) { book.evaluate(bound[i], decision); });
  // Enough passes for about `seconds` of work on all threads.
  const double per_pass = json_decide.cpu_ns * static_cast<double>(lines.size()) / o.threads;
  const auto passes = static_cast<std::size_t>(std::max(1.0, o.seconds * 1e9 / per_pass));
  const Timing batch = batch_timing(book, lines, o.threads, passes);
  const auto field = [](const char* name, const Timing& t) {
    return "\"" + std::string(name) + "\":{\"wall_ns\":" + std::to_string(t.wall_ns) +
           ",\"cpu_ns\":" + std::to_string(t.cpu_ns) + "}";
  };
  std::cout << "{\"applications\":" << lines.size() << ",\"threads\":" << o.threads << ","
            << field("fresh_decide", fresh) << "," << field("json_decide", json_decide) << ","
            << field("json_parse", json_parse) << "," << field("bound", bound_eval) << ","
            << field("batch", batch) << "}\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(parse_options(argc, argv));
  } catch (const std::invalid_argument& e) {
    std::cerr << "shenpi_peers_driver: " << e.what()
              << "\nusage: shenpi_peers_driver RULES APPS.jsonl [--decisions FILE] [--threads N] "
                 "[--seconds S]\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "shenpi_peers_driver: " << e.what() << '\n';
    return 1;
  }
}
