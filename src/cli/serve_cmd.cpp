// `shenpi serve RULES... [--port N] [--bind ADDR] …`: the rulebook as an
// HTTP JSON service (docs/serve.md).
#include <array>
#include <charconv>
#include <ostream>

#include <fmt/format.h>

#include "cli/cli_util.hpp"
#include "cli/commands.hpp"
#include "shenpi/serve.hpp"

namespace shenpi::cli {
namespace {

constexpr const char* kServeUsage =
    "usage: shenpi serve RULES... [--port N] [--bind ADDR] [--threads N] [--body-limit BYTES]\n"
    "                    [--read-timeout MS] [--idle-timeout MS] [--log FILE] [--no-site]\n"
    "                    [--cache DIR]\n"
    "  --port N           TCP port (default 8080; 0 picks a free one)\n"
    "  --bind ADDR        address to listen on (default 127.0.0.1)\n"
    "  --threads N        worker threads (default: one per core)\n"
    "  --body-limit BYTES largest request body (default 16777216); larger ones get 413\n"
    "  --read-timeout MS  time a request may take to arrive (default 15000)\n"
    "  --idle-timeout MS  keep-alive connections idle longer are closed (default 60000)\n"
    "  --log FILE         access and event log, JSON lines (default: stderr)\n"
    "  --no-site          do not serve the public site at /\n"
    "  --cache DIR        keep parsed rule files here for fast reloads (default: $SHENPI_CACHE)\n"
    "signals: SIGHUP reloads the rules; SIGTERM or SIGINT stop after in-flight requests\n";

int usage(std::ostream& err, const std::string& problem) {
  err << "shenpi serve: " << problem << "\n" << kServeUsage;
  return 2;
}

/// A whole non-negative number within [low, high]; nullopt otherwise.
std::optional<long long> number(const std::string& text, long long low, long long high) {
  long long value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < low || value > high)
    return std::nullopt;
  return value;
}

/// Fills the numeric options; an error message for the first bad one.
std::string numeric_options(const ParsedArgs& parsed, ServeOptions& o) {
  struct Spec {
    const char* flag;
    long long low;
    long long high;
  };
  constexpr std::array<Spec, 5> kSpecs{{{"port", 0, 65535},
                                        {"threads", 1, 1024},
                                        {"body-limit", 1, 1LL << 32},
                                        {"read-timeout", 1, 3600000},
                                        {"idle-timeout", 1, 3600000}}};
  for (const auto& spec : kSpecs) {
    const auto text = parsed.value(spec.flag);
    if (!text) continue;
    const auto v = number(*text, spec.low, spec.high);
    if (!v)
      return fmt::format("--{} wants a whole number from {} to {}, not '{}'", spec.flag, spec.low,
                         spec.high, *text);
    const std::string_view flag = spec.flag;
    if (flag == "port") o.port = static_cast<unsigned short>(*v);
    if (flag == "threads") o.threads = static_cast<int>(*v);
    if (flag == "body-limit") o.body_limit = static_cast<std::size_t>(*v);
    if (flag == "read-timeout") o.read_timeout_ms = static_cast<int>(*v);
    if (flag == "idle-timeout") o.idle_timeout_ms = static_cast<int>(*v);
  }
  return {};
}

}  // namespace

int run_serve(Args args, std::ostream& out, std::ostream& err) {
  constexpr std::array<std::string_view, 7> kValues{
      "port", "bind", "threads", "body-limit", "read-timeout", "idle-timeout", "log"};
  constexpr std::array<std::string_view, 2> kSwitches{"no-site", "help"};
  const ParsedArgs parsed = parse_args(args, kValues, kSwitches);
  if (parsed.has("help")) {
    out << kServeUsage;
    return 0;
  }
  if (!parsed.error.empty()) return usage(err, parsed.error);
  if (parsed.positional.empty()) return usage(err, "serve needs at least one RULES folder");
  ServeOptions options;
  options.rules = parsed.positional;
  if (auto problem = numeric_options(parsed, options); !problem.empty()) return usage(err, problem);
  options.bind = parsed.value("bind").value_or(options.bind);
  options.log_file = parsed.value("log").value_or("");
  options.site = !parsed.has("no-site");
  options.cache_dir = load_options(parsed).cache_dir;
  Server server(options);
  const ReloadReport started = server.start();
  if (!started.ok) {
    print_diagnostics(started.diagnostics, err);
    err << "shenpi serve: 未能启动服务\n";
    return 1;
  }
  return server.run();
}

}  // namespace shenpi::cli
