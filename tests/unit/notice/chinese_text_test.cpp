// Every word a clerk or citizen reads is Chinese (issue #12 §2): the guide
// of every shipped item, and the notice and the text trace of every example
// application and of an empty application to every shipped item, hold no
// ASCII identifier (a fact path, an enum id, a rule id, an outcome id).
// Item codes (事项编码) are the only ASCII words allowed: they are printed
// on purpose, as the official code of the matter.
#include <algorithm>
#include <filesystem>
#include <set>

#include "evaluate/eval_test_util.hpp"
#include "shenpi/diff.hpp"

namespace shenpi {
namespace {

using eval_test::load_book;

constexpr const char* kJurisdictions[] = {"tianjin", "tianshui", "hebei"};

struct Shipped {
  std::vector<std::shared_ptr<const Rulebook>> books;
  std::set<std::string> codes;  ///< item, catalogue and bundle codes
};

const Shipped& shipped() {
  static const Shipped s = [] {
    Shipped out;
    for (const char* j : kJurisdictions) {
      out.books.push_back(load_book(std::string(SHENPI_SOURCE_DIR "/rules/") + j));
      for (const auto& item : out.books.back()->items()) {
        out.codes.insert(item.code);
        if (!item.catalog.code.empty()) out.codes.insert(item.catalog.code);
      }
      for (const auto& b : out.books.back()->bundles()) out.codes.insert(b.code);
    }
    return out;
  }();
  return s;
}

bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

/// The ASCII words of `text` (runs of letters, digits, `_`, `.`, `-` with
/// at least one letter) that are not a shipped code.
std::vector<std::string> identifiers(const std::string& text) {
  std::vector<std::string> found;
  for (std::size_t at = 0; at < text.size();) {
    if (!word_char(text[at])) {
      ++at;
      continue;
    }
    std::size_t end = at;
    while (end < text.size() && word_char(text[end])) ++end;
    std::string word = text.substr(at, end - at);
    while (!word.empty() && (word.back() == '.' || word.back() == '-')) word.pop_back();
    const bool letter = std::any_of(word.begin(), word.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    });
    if (letter && shipped().codes.count(word) == 0) found.push_back(word);
    at = end;
  }
  return found;
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : ", ") + w;
  return out;
}

void check_chinese(const std::string& what, const std::string& text) {
  CAPTURE(what);
  CHECK_FALSE(text.empty());
  const auto words = identifiers(text);
  CAPTURE(text);
  CHECK_MESSAGE(words.empty(), "ASCII identifiers: " << joined(words));
}

const Rulebook* book_for(const std::string& code) {
  for (const auto& b : shipped().books) {
    if (b->find_item(code) != nullptr) return b.get();
  }
  return nullptr;
}

/// Notice and trace of one application; false when it does not decide.
bool check_decision(const Rulebook& book, const Application& app, const std::string& what) {
  const Decision d = book.evaluate(app);
  if (!d.valid()) return false;
  check_chinese(what + " (notice)", render_notice(d));
  check_chinese(what + " (trace)", render_trace(d));
  return true;
}

TEST_SUITE("notice.chinese") {
  TEST_CASE("the identifier check finds paths, enum ids and rule ids, and passes codes") {
    CHECK(identifiers("申请人信用状况为normal") == std::vector<std::string>{"normal"});
    CHECK(identifiers("读取 applicant.credit：良好") ==
          std::vector<std::string>{"applicant.credit"});
    CHECK(identifiers("条件 not-revoked：符合。") == std::vector<std::string>{"not-revoked"});
    CHECK(identifiers("事项：食品经营许可（新办）（TJ-SCJG-XK-0012）").empty());
    CHECK(identifiers("面积45.5平方米，2025年10月10日前").empty());
  }

  TEST_CASE("the guide of every shipped item and version") {
    int guides = 0;
    for (const auto& book : shipped().books) {
      std::set<std::string> seen;
      for (const auto& item : book->items()) {
        if (!seen.insert(item.code).second) continue;
        for (const Item* version : book->versions(item.code)) {
          check_chinese("guide " + item.code + " " + version->version,
                        render_guide(*book, *version));
          ++guides;
        }
      }
    }
    CHECK(guides >= 50);
  }

  TEST_CASE("the notice and trace of every example application") {
    int decided = 0;
    for (const auto& entry :
         std::filesystem::directory_iterator(SHENPI_SOURCE_DIR "/examples/applications")) {
      if (entry.path().extension() != ".yaml") continue;
      const ApplicationResult app = read_application_file(entry.path().string());
      REQUIRE_MESSAGE(app.application.has_value(), entry.path().string());
      const Rulebook* book = book_for(app.application->item);
      REQUIRE_MESSAGE(book != nullptr, app.application->item);
      CHECK_MESSAGE(check_decision(*book, *app.application, entry.path().filename().string()),
                    entry.path().string());
      ++decided;
    }
    CHECK(decided >= 10);
  }

  TEST_CASE("the diff of the food licence's reform names and states everything in Chinese") {
    const std::string items = SHENPI_SOURCE_DIR "/rules/tianjin/items/xuke/";
    const auto before = load_book(items + "food-license-2015.yaml");
    const auto after = load_book(items + "food-license.yaml");
    const RulebookDiff diff = diff_rules(*before, *after);
    REQUIRE(diff.items.size() == 1);
    CHECK(diff.items[0].changes.size() >= 20);
    std::string text;
    for (const auto& c : diff.items[0].changes) text += c + "\n";
    check_chinese("diff of the food licence", text);
  }

  TEST_CASE("an empty application to every shipped item: every fact asked by its label") {
    int decided = 0;
    for (const auto& book : shipped().books) {
      for (const auto& item : book->items()) {
        if (book->find_item(item.code) != &item) continue;  // the current version
        Application app;
        app.item = item.code;
        app.submitted_on = *Date::parse("2025-09-26");
        decided += check_decision(*book, app, "empty application to " + item.code) ? 1 : 0;
      }
    }
    CHECK(decided >= 40);
  }
}

}  // namespace
}  // namespace shenpi
