#include "base/text.hpp"

namespace shenpi::detail {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::optional<CountAndUnit> split_count(std::string_view text, int max) {
  std::size_t i = 0;
  long long value = 0;
  while (i < text.size() && is_digit(text[i])) {
    value = value * 10 + (text[i] - '0');
    // Stop early so a long run of digits cannot overflow.
    if (value > max) return std::nullopt;
    ++i;
  }
  if (i == 0 || (i > 1 && text[0] == '0')) return std::nullopt;
  CountAndUnit out;
  out.count = static_cast<int>(value);
  bool pending_space = false;
  for (; i < text.size(); ++i) {
    if (is_space(text[i])) {
      pending_space = !out.unit.empty();
      continue;
    }
    if (pending_space) out.unit += ' ';
    pending_space = false;
    out.unit += text[i];
  }
  if (out.unit.empty()) return std::nullopt;
  return out;
}

}  // namespace shenpi::detail
