// The flat YAML tree the loader reads instead of yaml-cpp's node graph: it
// must answer every question the readers ask the way yaml-cpp's Load did.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "load/yaml_tree.hpp"
#include "load/yaml_util.hpp"

using namespace shenpi::detail;

namespace {

std::shared_ptr<const yaml::Tree> parse_ok(const std::string& text) {
  yaml::ParseError error;
  auto tree = yaml::parse(text, error);
  REQUIRE_MESSAGE(tree != nullptr, error.message);
  return tree;
}

yaml::Node root_of(const std::shared_ptr<const yaml::Tree>& tree) {
  return {tree.get(), 0};
}

}  // namespace

TEST_CASE("yaml tree: mappings, sequences and scalars with 1-based positions") {
  const auto tree = parse_ok("item:\n  code: A-1\n  tags: [x, 'y', \"z\"]\n  none:\n");
  const yaml::Node root = root_of(tree);
  REQUIRE(root.is_map());
  CHECK(root.size() == 1);
  const yaml::Node item = root["item"];
  REQUIRE(item.is_map());
  CHECK(item.line() == 2);
  CHECK(item.column() == 3);
  CHECK(item["code"].scalar() == "A-1");
  CHECK(item["code"].line() == 2);
  CHECK(item["code"].column() == 9);
  const yaml::Node tags = item["tags"];
  REQUIRE(tags.is_sequence());
  CHECK(tags.size() == 3);
  std::vector<std::string> seen;
  for (const auto& t : tags) seen.push_back(t.scalar());
  CHECK(seen == std::vector<std::string>{"x", "y", "z"});
  // A key without a value is there, and null.
  CHECK(item["none"].defined());
  CHECK(item["none"].is_null());
  CHECK(item["none"].scalar().empty());
}

TEST_CASE("yaml tree: a missing key is undefined, with no position") {
  const auto tree = parse_ok("a: 1\n");
  const yaml::Node missing = root_of(tree)["b"];
  CHECK_FALSE(missing.defined());
  CHECK_FALSE(static_cast<bool>(missing));
  CHECK(missing.line() == 0);
  CHECK(missing.size() == 0);
  CHECK_FALSE(missing["c"].defined());
  // Looking up a key of a scalar or a list is undefined too, not an error.
  CHECK_FALSE(root_of(tree)["a"]["x"].defined());
  CHECK(root_of(tree)["a"].begin() == root_of(tree)["a"].end());
}

TEST_CASE("yaml tree: only plain scalars are plain") {
  const auto tree = parse_ok("a: 5\nb: '5'\nc: \"5\"\nd: |\n  5\ne: !!str 5\n");
  const yaml::Node root = root_of(tree);
  CHECK(root["a"].plain());
  CHECK_FALSE(root["b"].plain());
  CHECK_FALSE(root["c"].plain());
  CHECK_FALSE(root["d"].plain());
  CHECK_FALSE(root["e"].plain());
  CHECK(root["d"].scalar() == "5\n");
}

TEST_CASE("yaml tree: entries keep file order and repeated keys") {
  const auto tree = parse_ok("b: 1\na: 2\nb: 3\n");
  std::vector<std::string> keys;
  for (const auto& kv : root_of(tree).entries())
    keys.push_back(kv.first.scalar() + "=" + kv.second.scalar());
  CHECK(keys == std::vector<std::string>{"b=1", "a=2", "b=3"});
  // A lookup finds the first, as yaml-cpp did; check_keys reports the second.
  CHECK(root_of(tree)["b"].scalar() == "1");
}

TEST_CASE("yaml tree: an alias is the node it names") {
  const auto tree = parse_ok("base: &b {x: 1}\nuse: *b\n");
  const yaml::Node use = root_of(tree)["use"];
  REQUIRE(use.is_map());
  CHECK(use["x"].scalar() == "1");
  CHECK(use.line() == 1);  // where the anchored node is
  // A node that names itself is a cycle the readers never walk into.
  const auto self = parse_ok("&a [*a]\n");
  const yaml::Node list = root_of(self);
  REQUIRE(list.is_sequence());
  CHECK((*list.begin()).is_sequence());
}

TEST_CASE("yaml tree: an empty document is a null root") {
  for (const char* text : {"", "# only a comment\n", "---\n"}) {
    const auto tree = parse_ok(text);
    CHECK(root_of(tree).is_null());
  }
}

TEST_CASE("yaml tree: invalid YAML is an error at its place") {
  yaml::ParseError error;
  CHECK(yaml::parse("a: [1, 2\nb: 3\n", error) == nullptr);
  CHECK_FALSE(error.message.empty());
  CHECK(error.line >= 1);
  CHECK(yaml::parse("a: *nowhere\n", error) == nullptr);
  CHECK(error.line == 1);
}

TEST_CASE("yaml tree: deep nesting does not overflow the stack") {
  std::string text(5000, '[');
  text += std::string(5000, ']');
  yaml::ParseError error;
  // yaml-cpp may refuse it; either way an answer, not a crash.
  const auto tree = yaml::parse(text, error);
  CHECK((tree != nullptr || !error.message.empty()));
}

TEST_CASE("yaml text: CR alone breaks lines as LF and CR LF do (YAML 1.2, 5.4)") {
  // A file saved with classic Mac line ends, starting with a comment, once
  // read as one comment line: an empty document.
  for (const std::string& text :
       {std::string("# head\rapplication:\r  item: A-1\r  tags: [x]\r"),
        std::string("# head\r\napplication:\r\n  item: A-1\r\n  tags: [x]\r\n"),
        std::string("# head\napplication:\n  item: A-1\n  tags: [x]\n")}) {
    std::vector<shenpi::Diagnostic> out;
    const auto doc = parse_yaml_text(text, "cr.yaml", out);
    REQUIRE(doc);
    CHECK(out.empty());
    const yaml::Node item = doc->root["application"]["item"];
    REQUIRE(item.is_scalar());
    CHECK(item.scalar() == "A-1");
    CHECK(item.line() == 3);
    CHECK(item.column() == 9);
    CHECK(doc->root["application"]["tags"].size() == 1);
  }
}
