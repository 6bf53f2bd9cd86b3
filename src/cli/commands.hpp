// The subcommands of the `shenpi` executable. Each takes its arguments
// (without the subcommand name) and returns the exit code: 0 fine, 1 rule or
// input errors (diagnostics printed to `err`), 2 usage.
#pragma once

#include <iosfwd>
#include <span>
#include <string>

namespace shenpi::cli {

using Args = std::span<const std::string>;

int run_check(Args args, std::ostream& out, std::ostream& err);
int run_eval(Args args, std::ostream& out, std::ostream& err);
int run_guide(Args args, std::ostream& out, std::ostream& err);
int run_test(Args args, std::ostream& out, std::ostream& err);
int run_graph(Args args, std::ostream& out, std::ostream& err);
int run_calendar(Args args, std::ostream& out, std::ostream& err);
int run_clock(Args args, std::ostream& out, std::ostream& err);
int run_compare(Args args, std::ostream& out, std::ostream& err);
int run_scenarios(Args args, std::ostream& out, std::ostream& err);
int run_site(Args args, std::ostream& out, std::ostream& err);
int run_serve(Args args, std::ostream& out, std::ostream& err);
int run_replay(Args args, std::ostream& out, std::ostream& err);  // replay_cmd.cpp
int run_diff(Args args, std::ostream& out, std::ostream& err);    // diff_cmd.cpp

}  // namespace shenpi::cli
