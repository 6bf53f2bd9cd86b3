// Byte offsets to line:column for the JSON readers: columns count
// characters (UTF-8 code points) and a lone CR breaks a line, as in the
// YAML reader, so a location reads the same whichever format was sent.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "shenpi/diagnostics.hpp"

namespace shenpi::detail {

constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
constexpr std::uint64_t kLowBits = 0x0101010101010101ULL;

/// Whether any byte of `word` equals `byte` (the classic zero-byte test).
constexpr bool has_byte(std::uint64_t word, unsigned char byte) {
  const std::uint64_t x = word ^ (kLowBits * byte);
  return ((x - kLowBits) & ~x & kHighBits) != 0;
}
/// Whether `word` may break a line: '\n', or a CR (a lone CR breaks one too).
constexpr bool has_newline(std::uint64_t word) {
  return has_byte(word, '\n') || has_byte(word, '\r');
}
/// The high bit of each byte of `word` that is a UTF-8 continuation (10xxxxxx).
constexpr std::uint64_t continuation_bytes(std::uint64_t word) {
  return word & ~(word << 1) & kHighBits;
}

/// How many bytes of `bits` (only high bits set) have their high bit set:
/// one multiply sums them into the top byte. std::popcount would be a libgcc
/// call on a build without -mpopcnt, and this runs for every 8 bytes.
constexpr int count_high_bits(std::uint64_t bits) {
  return static_cast<int>(((bits >> 7) * kLowBits) >> 56);
}

/// Byte offsets to line:column. Offsets mostly grow as the parse moves on,
/// so it walks forward from the last answer; columns count characters
/// (UTF-8 code points), as the YAML reader's do.
class Lines {
 public:
  Lines(std::string_view text, const std::string& name, int first_line)
      : text_(text), name_(name), first_line_(first_line) {}

  SourceLocation at(const char* p) {
    SourceLocation out;
    at(p, out);
    return out;
  }
  /// As above, into `out`, whose file name keeps its storage.
  void at(const char* p, SourceLocation& out) {
    auto offset = static_cast<std::size_t>(std::max<std::ptrdiff_t>(p - text_.data(), 0));
    offset = std::min(offset, text_.size());
    if (offset < scanned_) {
      scanned_ = 0;
      line_ = 0;
      column_ = 1;
    }
    // One pass in total for a whole document: a JSON line is one long line,
    // so it goes 8 bytes at a time while they hold no newline.
    for (; scanned_ + 8 <= offset; scanned_ += 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, text_.data() + scanned_, 8);
      if (has_newline(word)) break;
      column_ += 8 - count_high_bits(continuation_bytes(word));
    }
    for (; scanned_ < offset; ++scanned_) {
      const auto c = static_cast<unsigned char>(text_[scanned_]);
      // CR alone breaks a line too, as in the YAML reader (yaml_util.cpp).
      const bool lone_cr =
          c == '\r' && (scanned_ + 1 == text_.size() || text_[scanned_ + 1] != '\n');
      if (c == '\n' || lone_cr) {
        ++line_;
        column_ = 1;
      } else if ((c & 0xC0U) != 0x80U) {
        ++column_;
      }
    }
    out.file = name_;
    out.line = first_line_ + line_;
    out.column = column_;
  }

 private:
  std::string_view text_;
  const std::string& name_;
  int first_line_;
  std::size_t scanned_ = 0;
  int line_ = 0;
  int column_ = 1;
};

}  // namespace shenpi::detail
