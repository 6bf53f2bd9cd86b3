// What a department system does with shenpi: load the rulebook once at
// start-up, refuse to run on rule errors, then decide applications.
#include <iostream>

#include <shenpi/shenpi.hpp>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: embed RULES [APPLICATION]\n";
    return 2;
  }
  const shenpi::LoadResult loaded = shenpi::load_rulebook({argv[1]});
  for (const auto& d : loaded.diagnostics) std::cerr << shenpi::format_diagnostic(d);
  if (!loaded.ok()) return 1;
  const shenpi::Rulebook& book = *loaded.rulebook;
  std::cout << book.items().size() << " items, " << book.bundles().size() << " bundles\n";
  for (const auto& item : book.items()) std::cout << "  " << item.code << "  " << item.name << "\n";
  if (argc > 2) {
    const shenpi::ApplicationResult app = shenpi::read_application_file(argv[2]);
    if (!app.application) {
      for (const auto& d : app.diagnostics) std::cerr << shenpi::format_diagnostic(d);
      return 1;
    }
    const shenpi::Decision decision = book.evaluate(*app.application);
    if (!decision.valid()) {
      for (const auto& d : decision.diagnostics) std::cerr << shenpi::format_diagnostic(d);
      return 1;
    }
    std::cout << "outcome: " << shenpi::to_string(*decision.outcome) << "\n";
  }
  return 0;
}
