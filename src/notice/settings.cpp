// The parts of a notice a rulebook's notices.yaml shapes: the header above
// the title, the 文号, and the closing lines (docs/decision.md).
#include <fmt/format.h>

#include "notice/words.hpp"

namespace shenpi::detail {
namespace {

void replace_all(std::string& text, std::string_view key, const std::string& value) {
  for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size())) {
    text.replace(at, key.size(), value);
  }
}

/// A block scalar of notices.yaml without its final line break.
std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace

std::string notice_header(const NoticeSettings& settings, const Item& item) {
  // `{authority}`: the item's own authority, as a rulebook mixes several.
  std::string text = settings.header;
  replace_all(text, "{authority}", item.authority);
  return text;
}

std::string notice_number(const NoticeSettings& settings, Date submitted, std::string_view kind) {
  std::string text = settings.number;
  replace_all(text, "{year}", std::to_string(submitted.year()));
  replace_all(text, "{kind}", std::string(kind));
  replace_all(text, "{seq}", "____");
  return text;
}

std::string notice_footer(const NoticeSettings& settings, const Item& item, Date submitted) {
  std::string text;
  if (!settings.contact.empty()) text += fmt::format("{}\n\n", settings.contact);
  text += settings.signature.empty() ? std::string("（印章）") : trimmed(settings.signature);
  text += fmt::format("\n{}\n{}\n", item.authority, chinese_date(submitted));
  if (!settings.receipt.empty()) text += fmt::format("\n{}\n", trimmed(settings.receipt));
  return text;
}

}  // namespace shenpi::detail
