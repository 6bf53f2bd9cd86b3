// `shenpi replay RULES RECORD.json`: is a past decision reproduced by these
// rules? Exit 0 when identical, 1 with the differences (docs/versions.md).
#include <fstream>
#include <ostream>
#include <sstream>

#include <fmt/format.h>

#include "cli/cli_util.hpp"
#include "cli/commands.hpp"
#include "shenpi/diagnostic_codes.hpp"
#include "shenpi/record.hpp"

namespace shenpi::cli {

int run_replay(Args args, std::ostream& out, std::ostream& err) {
  const ParsedArgs parsed = parse_args(args, {}, {});
  if (!parsed.error.empty() || parsed.positional.size() != 2) {
    err << "shenpi replay: " << (parsed.error.empty() ? "usage" : parsed.error) << "\n"
        << "usage: shenpi replay RULES RECORD.json\n";
    return 2;
  }
  const std::string& file = parsed.positional[1];
  std::ifstream in(file, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  if (!in) {
    const Diagnostic d =
        make_diagnostic(codes::unreadable_source, {file, 0, 0}, "cannot read the record");
    print_diagnostics({&d, 1}, err);
    return 1;
  }
  const LoadResult loaded = load_rulebook({parsed.positional[0]}, load_options(parsed));
  if (!loaded.ok()) {
    print_diagnostics(loaded.diagnostics, err);
    return 1;
  }
  const ReplayReport report = replay(*loaded.rulebook, text, file);
  if (!report.diagnostics.empty()) {
    print_diagnostics(report.diagnostics, err);
    err << "重放失败：见上述诊断\n";
    return 1;
  }
  if (report.identical()) {
    out << "重放一致：结论、各项状态、期限与规则、日历摘要均与记录相同\n";
    return 0;
  }
  out << fmt::format("重放不一致，共 {} 处差异：\n", report.differences.size());
  for (const auto& d : report.differences) out << "  - " << d << "\n";
  return 1;
}

}  // namespace shenpi::cli
