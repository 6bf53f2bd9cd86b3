// A folder with enough items to load on worker threads (16 or more): the
// result must be what a one-by-one load in file order gives — the same
// items in file order, every diagnostic, and "first defined" meaning first
// in file order — whatever the scheduling.
#include <fmt/format.h>

#include "diag_helpers.hpp"

using namespace shenpi;
using namespace shenpi::test;

namespace {

/// 40 items i00..i39; i07 and i31 share a code, i20 is not YAML, i25 has an
/// unknown key and an unknown fact in an expression.
void write_catalogue(TempBook& book) {
  for (int i = 0; i < 40; ++i) {
    const std::string code = i == 31 ? "T-07" : fmt::format("T-{:02}", i);
    std::string text = item_with("", code);
    if (i == 20) text = "item: [unclosed\n";
    if (i == 25)
      text +=
          "colour: red\nconditions:\n  - { id: c, text: 条件, when: applicant.age > 1, basis: law "
          "}\n";
    book.item(text, fmt::format("i{:02}.yaml", i));
  }
}

}  // namespace

// Tagged for the ThreadSanitizer run of .ci/run (-ts=*concurrency*).
TEST_SUITE("load.concurrency") {
  TEST_CASE("a large folder loads in parallel with the result of a sequential load") {
    TempBook book;
    write_catalogue(book);
    for (int run = 0; run < 5; ++run) {
      const LoadResult r = book.load();
      const auto& d = r.diagnostics;
      CHECK_DIAG(d, "SP101", 2, 1);
      CHECK_DIAG(d, "SP102", 9, 1);
      CHECK_DIAG(d, "SP202", 11, 34);
      // The later file is the duplicate; the note points at the earlier one.
      const Diagnostic* dup = find_diag(d, "SP105", 2, 9);
      REQUIRE(dup != nullptr);
      CHECK(dup->location.file == book.path("items/i31.yaml"));
      REQUIRE(dup->notes.size() == 1);
      CHECK(dup->notes[0].location.file == book.path("items/i07.yaml"));
      CHECK(d.size() == 4);
    }
  }

  TEST_CASE("a large clean folder keeps its items in file order") {
    TempBook book;
    for (int i = 0; i < 40; ++i)
      book.item(item_with("", fmt::format("T-{:02}", 39 - i)), fmt::format("i{:02}.yaml", i));
    const LoadResult r = book.load();
    REQUIRE(r.ok());
    REQUIRE(r.rulebook->items().size() == 40);
    for (int i = 0; i < 40; ++i)
      CHECK(r.rulebook->items()[static_cast<std::size_t>(i)].code ==
            fmt::format("T-{:02}", 39 - i));
    CHECK(r.stats.items == 40);
  }

  TEST_CASE("LoadOptions::threads changes the workers, never the result") {
    TempBook book;
    write_catalogue(book);
    const auto text = [](const LoadResult& r) {
      std::string all;
      for (const auto& d : r.diagnostics) all += format_diagnostic(d);
      return all;
    };
    LoadOptions one = test_options();
    one.threads = 1;  // the calling thread only
    const std::string sequential = text(book.load(one));
    CHECK(sequential.find("SP105") != std::string::npos);
    for (const unsigned threads : {0U, 2U, 3U, 64U}) {
      LoadOptions options = test_options();
      options.threads = threads;
      CHECK_MESSAGE(text(book.load(options)) == sequential, "threads = " << threads);
    }
  }
}  // TEST_SUITE
