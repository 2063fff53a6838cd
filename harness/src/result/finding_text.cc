#include "result/finding_text.h"

#include <fmt/format.h>

#include <algorithm>

#include "errcontract/utf8.h"

namespace errcontract::internal {

std::string quote_snippet(std::string_view text, std::size_t max_bytes) {
  std::string out;
  out.reserve(std::min(text.size(), max_bytes) + 8);
  out.push_back('"');
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (pos >= max_bytes) {
      out.append("\"...");
      return out;
    }
    const auto c = static_cast<unsigned char>(text[pos]);
    if (c >= 0x80) {
      const Utf8Step step = utf8_step(text, pos);
      if (step.valid) {
        out.append(text.substr(pos, step.length));
      } else {
        for (std::size_t i = 0; i < step.length; ++i) {
          out.append(fmt::format("\\x{:02X}", static_cast<unsigned char>(text[pos + i])));
        }
      }
      pos += step.length;
      continue;
    }
    switch (c) {
      case '"':
        out.append("\\\"");
        break;
      case '\\':
        out.append("\\\\");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\r':
        out.append("\\r");
        break;
      case '\t':
        out.append("\\t");
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out.append(fmt::format("\\x{:02X}", c));
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
    ++pos;
  }
  out.push_back('"');
  return out;
}

}  // namespace errcontract::internal
