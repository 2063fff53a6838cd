// Inline Markdown text (markdown_text.h). Parentheses and '!' are left
// alone: with '[' and ']' escaped they cannot form a link or an image.
#include "markdown_text.h"

#include "report_text.h"

namespace errcontract::internal {

std::string md(std::string_view raw) {
  std::string line = internal::visible_text(raw, false);
  if (line.size() > kMaxMarkdownLineBytes) {
    line = std::string(internal::utf8_prefix(line, kMaxMarkdownLineBytes)) + "...";
  }
  std::string out;
  out.reserve(line.size() + line.size() / 4);
  for (const char c : line) {
    if (const char* entity = internal::markup_entity(c)) {
      out += entity;
      continue;
    }
    switch (c) {
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '#':
      case '|':
      case '~':
      case '@':
        out.push_back('\\');
        out.push_back(c);
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

}  // namespace errcontract::internal
