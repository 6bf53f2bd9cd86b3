// Escaping and the page frame shared by every page of the site.
#include <fmt/format.h>

#include "notice/words.hpp"
#include "site/html.hpp"

namespace shenpi::detail::site {

std::string escape(std::string_view text) {
  return html_escape(text);
}

std::string script_string(std::string_view text) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
      out += fmt::format("\\u{:04x}", c);
    } else if (c == 0xE2 && i + 2 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(text[i + 2]) == 0xA8 ||
                static_cast<unsigned char>(text[i + 2]) == 0xA9)) {
      // U+2028 / U+2029 end a line in older JavaScript parsers.
      out += static_cast<unsigned char>(text[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string file_name(std::string_view code) {
  std::string out;
  for (const char c : code) {
    const bool safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || (c == '.' && !out.empty());
    out += safe ? std::string(1, c) : fmt::format("%{:02X}", static_cast<unsigned char>(c));
  }
  return out.empty() ? "_" : out;
}

double text_width(std::string_view text, double size) {
  double width = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      width += size * 0.6;
    } else if (c >= 0xC0) {
      width += size;  // a lead byte: one (full-width) character
    }
  }
  return width;
}

namespace {

constexpr std::string_view kStyle = R"(
body{margin:0;color:#1f2328;background:#f6f7f9;line-height:1.6}
header{background:#b22222;color:#fff;padding:12px 24px}
header a{color:#fff;text-decoration:none}
main{max-width:1080px;margin:0 auto;padding:16px 24px 48px}
h1{font-size:1.6em;margin:.4em 0}h2{font-size:1.2em;border-left:4px solid #b22222;padding-left:8px;margin-top:1.6em}
section{background:#fff;border:1px solid #e1e4e8;border-radius:6px;padding:4px 16px 12px;margin:12px 0}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #d0d7de;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f0f2f4;white-space:nowrap}
.tag{display:inline-block;font-size:.8em;padding:0 6px;margin:0 2px;border-radius:3px;border:1px solid}
.tag-tolerable{color:#0a6b2d;border-color:#0a6b2d}.tag-commit{color:#1558b0;border-color:#1558b0}
.tag-core{color:#8a4b00;border-color:#8a4b00}.tag-reject{color:#b22222;border-color:#b22222}
.tag-shared{color:#555;border-color:#888}
.sentence{color:#444;font-size:.92em}
.chart{overflow-x:auto}
#search{width:100%;font-size:1.05em;padding:8px;box-sizing:border-box}
.dept ul{margin:.2em 0 .8em}
.hidden{display:none}
form label{display:block;margin:.4em 0}
.outcome{font-weight:bold;font-size:1.1em}
pre.notice{font-family:inherit;white-space:pre-wrap;background:#fafafa;border:1px solid #ddd;padding:12px}
.note{color:#666}
)";

}  // namespace

std::string page(std::string_view title, std::string_view root, std::string_view body) {
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{0}</title>\n<link rel=\"icon\" href=\"data:,\">\n"
      "<style>body{{font-family:{1}}}{2}</style>\n</head>\n<body>\n"
      "<header><a "
      "href=\"{3}index.html\">政务服务事项办事指南</a></header>\n<main>\n{4}</main>\n</body>\n</"
      "html>\n",
      escape(title), kFontFamily, kStyle, root, body);
}

}  // namespace shenpi::detail::site
