// The parse-tree cache (LoadOptions::cache_dir): a warm load must give a
// cold load's items and diagnostics, and no entry, however damaged or
// foreign, may crash the loader or change what it reads.
#include <doctest/doctest.h>

#include <fmt/format.h>
#include <openssl/evp.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "diag_helpers.hpp"
#include "load/yaml_cache.hpp"
#include "shenpi/record.hpp"

using namespace shenpi;
using namespace shenpi::test;
namespace fs = std::filesystem;
namespace yaml = shenpi::detail::yaml;

namespace {

/// Anchors, aliases (one self-referring), nulls, quoting styles, block
/// scalars and Chinese text: every kind of cell and flag.
constexpr std::string_view kYaml = R"(base: &b { x: 1, y: "two" }
copy: *b
loop: &l [a, *l]
empty:
quoted: '单引号'
block: |
  第一行
  第二行
list:
  - ~
  - !!str 3
  - { k: [] }
)";

std::shared_ptr<const yaml::Tree> parsed(std::string_view text) {
  yaml::ParseError error;
  auto tree = yaml::parse(std::string(text), error);
  REQUIRE_MESSAGE(tree != nullptr, error.message);
  return tree;
}

void check_same(const yaml::Tree& a, const yaml::Tree& b) {
  REQUIRE(a.cells.size() == b.cells.size());
  for (std::size_t i = 0; i < a.cells.size(); ++i) {
    const auto& x = a.cells[i];
    const auto& y = b.cells[i];
    CHECK((x.kind == y.kind && x.plain == y.plain && x.line == y.line && x.column == y.column &&
           x.text == y.text && x.first == y.first && x.count == y.count));
  }
  CHECK(a.children == b.children);
  CHECK(a.texts == b.texts);
}

/// Re-signs an entry after a test edited it, so only the plausibility
/// checks stand between the edit and the loader.
void reseal(std::string& entry) {
  entry.resize(entry.size() - 32);
  unsigned char sum[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  REQUIRE(EVP_Digest(entry.data(), entry.size(), sum, &size, EVP_sha256(), nullptr) == 1);
  entry.append(reinterpret_cast<const char*>(sum), size);
}

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_all(const fs::path& p, std::string_view bytes) {
  std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
}

/// Everything load_rulebook reports and builds, as comparable text.
std::string summary(const LoadResult& r) {
  std::string out = describe(r.diagnostics);
  for (const auto& d : r.diagnostics) {
    for (const auto& n : d.notes)
      out += fmt::format("note {}:{}:{} {}\n", n.location.file, n.location.line, n.location.column,
                         n.message);
  }
  out += fmt::format("stats {} {}\n", r.stats.items, r.stats.bundles);
  if (!r.ok()) return out;
  for (const auto& item : r.rulebook->items()) {
    out += canonical_item(item) + "\n";
    out +=
        fmt::format("at {}:{}:{}\n", item.location.file, item.location.line, item.location.column);
    for (const auto& m : item.materials)
      out += fmt::format("{} at {}:{}\n", m.id, m.location.line, m.location.column);
    for (const auto& c : item.conditions)
      out +=
          fmt::format("{} at {}:{} {}\n", c.id, c.location.line, c.location.column, c.when.text());
  }
  for (const auto& b : r.rulebook->bundles())
    out += fmt::format("bundle {} at {}:{}\n", b.code, b.location.line, b.location.column);
  return out;
}

/// A rulebook with clean items, one with warnings and one that is no YAML.
void write_book(TempBook& book, bool with_errors) {
  for (int i = 0; i < 20; ++i) {
    book.item(item_with(R"(materials:
  - { use: id-card }
  - { id: plan, name: 平面图, basis: law }
conditions:
  - { id: c1, text: 面积, when: premises.area_m2 >= 10 }
)",
                        fmt::format("T-{:02}", i)),
              fmt::format("i{:02}.yaml", i));
  }
  if (with_errors) book.item("item: [unclosed\n", "broken.yaml");
  book.bundle("bundle:\n  code: B-1\n  name: 一件事\n  items: [T-00, T-01]\n");
}

/// A cache folder in the temp directory (not made: the loader makes it),
/// removed when the object dies.
struct CacheFolder {
  fs::path root;
  CacheFolder() {
    static std::atomic<int> counter{0};
    root = fs::temp_directory_path() /
           fmt::format("shenpi-cache-test-{}-{}", ::getpid(), counter++) / "cache";
    fs::remove_all(root.parent_path());
  }
  ~CacheFolder() {
    std::error_code ec;
    fs::remove_all(root.parent_path(), ec);
  }
  LoadOptions options() const {
    LoadOptions o = test_options();
    o.cache_dir = root.string();
    return o;
  }
  std::vector<fs::path> entries() const {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(root / "yaml-1", ec)) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
  }
};

}  // namespace

TEST_CASE("yaml cache: an entry decodes to the tree it was made from") {
  const auto tree = parsed(kYaml);
  const auto key = detail::cache_key(kYaml);
  const std::string entry = detail::encode_tree(*tree, key, kYaml.size());
  const auto back = detail::decode_tree(entry, key, kYaml.size());
  REQUIRE(back != nullptr);
  check_same(*tree, *back);
  // An empty document is one null cell without a position.
  const auto empty = parsed("");
  const auto empty_key = detail::cache_key("");
  const auto empty_back =
      detail::decode_tree(detail::encode_tree(*empty, empty_key, 0), empty_key, 0);
  REQUIRE(empty_back != nullptr);
  check_same(*empty, *empty_back);
}

TEST_CASE("yaml cache: a truncated, altered or foreign entry is refused") {
  const auto tree = parsed(kYaml);
  const auto key = detail::cache_key(kYaml);
  const std::string entry = detail::encode_tree(*tree, key, kYaml.size());
  for (std::size_t n = 0; n < entry.size(); ++n)
    CHECK(detail::decode_tree(std::string_view(entry).substr(0, n), key, kYaml.size()) == nullptr);
  for (std::size_t at = 0; at < entry.size(); ++at) {
    std::string bad = entry;
    bad[at] = static_cast<char>(bad[at] ^ 0x20);
    CHECK(detail::decode_tree(bad, key, kYaml.size()) == nullptr);
  }
  CHECK(detail::decode_tree(entry + "x", key, kYaml.size()) == nullptr);
  CHECK(detail::decode_tree(entry, detail::cache_key("other: 1\n"), kYaml.size()) == nullptr);
  CHECK(detail::decode_tree(entry, key, kYaml.size() + 1) == nullptr);
}

TEST_CASE("yaml cache: a sealed entry describing an impossible tree is refused") {
  const std::string text = "a: [b, c]\n";
  const auto tree = parsed(text);
  const auto key = detail::cache_key(text);
  // Cells start after the 80-byte header, 24 bytes each: kind, plain, 0, line,
  // column, text, first, count. Cell 0 is the root mapping.
  const auto edited = [&](std::size_t offset, std::uint32_t value, std::size_t width) {
    std::string entry = detail::encode_tree(*tree, key, text.size());
    std::memcpy(entry.data() + offset, &value, width);
    reseal(entry);
    return detail::decode_tree(entry, key, text.size());
  };
  const std::size_t cell0 = 80;
  const std::size_t children = cell0 + 24 * tree->cells.size();
  CHECK(edited(cell0, 9, 1) == nullptr);                                   // no such kind
  CHECK(edited(cell0, 0, 1) == nullptr);                                   // undefined
  CHECK(edited(cell0 + 1, 2, 1) == nullptr);                               // plain is 0 or 1
  CHECK(edited(cell0 + 4, static_cast<std::uint32_t>(-5), 4) == nullptr);  // negative line
  CHECK(edited(cell0 + 20, 1, 4) == nullptr);                              // odd mapping
  CHECK(edited(cell0 + 16, 1000, 4) == nullptr);                           // children past the end
  CHECK(edited(cell0 + 24 + 12, 1000, 4) == nullptr);                      // text past the end
  CHECK(edited(children, 1000, 4) == nullptr);                             // child past the cells
  CHECK(edited(56, 1000000, 4) == nullptr);                                // cell count
  // The edit that changes nothing passes: the checks above are the refusals.
  CHECK(edited(cell0 + 4, static_cast<std::uint32_t>(tree->cells[0].line), 4) != nullptr);
}

TEST_CASE("yaml cache: cold, filling and warm loads give the same rulebook and diagnostics") {
  for (const bool with_errors : {false, true}) {
    TempBook book;
    write_book(book, with_errors);
    CacheFolder cache;
    const std::string cold = summary(book.load());
    CHECK(!fs::exists(cache.root));  // nothing written without the option
    const std::string filling = summary(book.load(cache.options()));
    const auto entries = cache.entries();
    // 20 items are one text each, the bundle, facts, materials and the 4
    // national calendar years another each; the broken file is not cached.
    CHECK(entries.size() == 20 + 1 + 2 + 4);
    const auto written = fs::last_write_time(entries.front());
    const std::string warm = summary(book.load(cache.options()));
    CHECK(filling == cold);
    CHECK(warm == cold);
    CHECK(fs::last_write_time(entries.front()) == written);  // a hit is not rewritten
    CHECK(cache.entries() == entries);
  }
}

TEST_CASE("yaml cache: damaged and foreign entries are parsed again and rewritten") {
  TempBook book;
  write_book(book, true);
  CacheFolder cache;
  const std::string cold = summary(book.load());
  book.load(cache.options());
  const auto entries = cache.entries();
  REQUIRE(entries.size() > 3);
  std::vector<std::string> good;
  for (const auto& e : entries) good.push_back(read_all(e));
  write_all(entries[0], good[0].substr(0, good[0].size() / 2));  // truncated
  write_all(entries[1], "");                                     // empty
  write_all(entries[2], good[3]);                                // another text's entry
  std::string flipped = good[3];
  flipped[flipped.size() / 2] ^= 0x01;
  write_all(entries[3], flipped);  // one bit
  const LoadResult warm = book.load(cache.options());
  CHECK(summary(warm) == cold);
  CHECK_NO_DIAG(warm.diagnostics, "SP112");
  for (std::size_t i = 0; i < 4; ++i) CHECK(read_all(entries[i]) == good[i]);
}

TEST_CASE("yaml cache: a folder that cannot be written is one warning, the rules unchanged") {
  TempBook book;
  write_book(book, false);
  const std::string cold = summary(book.load());
  CacheFolder cache;
  fs::create_directories(cache.root.parent_path());
  write_all(cache.root, "a file where the folder should be");
  const LoadResult r = book.load(cache.options());
  REQUIRE(count_code(r.diagnostics, "SP112") == 1);
  const auto it = std::find_if(r.diagnostics.begin(), r.diagnostics.end(),
                               [](const Diagnostic& d) { return d.code == "SP112"; });
  CHECK(it->severity == Severity::warning);
  CHECK(it->location.file == cache.root.string());
  CHECK(r.ok());
  // Without the warning, the load is the cold one.
  LoadResult without = r;
  without.diagnostics.erase(it - r.diagnostics.begin() + without.diagnostics.begin());
  CHECK(summary(without) == cold);
  // Disabled like any warning.
  LoadOptions quiet = cache.options();
  quiet.disabled = {"cache-unwritable"};
  CHECK_NO_DIAG(book.diagnostics(quiet), "SP112");
}

TEST_CASE("yaml cache: a folder where an entry is a folder warns and still loads") {
  TempBook book;
  write_book(book, false);
  CacheFolder cache;
  book.load(cache.options());
  const auto entries = cache.entries();
  REQUIRE(!entries.empty());
  fs::remove(entries[0]);
  fs::create_directory(entries[0]);
  const LoadResult r = book.load(cache.options());
  CHECK(r.ok());
  CHECK(count_code(r.diagnostics, "SP112") == 1);
}

TEST_SUITE("load.concurrency") {
  TEST_CASE("yaml cache: loads sharing a folder at once all read the rules right") {
    TempBook book;
    write_book(book, true);
    CacheFolder cache;
    const std::string cold = summary(book.load());
    std::vector<std::string> seen(4);
    {
      std::vector<std::jthread> loads;
      for (auto& s : seen) loads.emplace_back([&] { s = summary(book.load(cache.options())); });
    }
    for (const auto& s : seen) CHECK(s == cold);
    // Every temporary file was renamed into place or removed.
    for (const auto& e : cache.entries())
      CHECK(e.filename().string().rfind(".tmp-", 0) == std::string::npos);
    CHECK(summary(book.load(cache.options())) == cold);
  }
}
