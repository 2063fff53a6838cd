// XML text (xml_text.h).
#include "xml_text.h"

#include "report_text.h"

namespace errcontract::internal {

std::string xml_escape(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    if (const char* entity = internal::markup_entity(c)) {
      out += entity;
      continue;
    }
    switch (c) {
      case '"':
        out += attribute ? "&quot;" : "\"";
        break;
      case '\r':
        out += "&#13;";
        break;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        break;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string attr(std::string_view text) { return xml_escape(visible_text(text, true), true); }
std::string text(std::string_view raw) { return xml_escape(visible_text(raw, true), false); }

}  // namespace errcontract::internal
