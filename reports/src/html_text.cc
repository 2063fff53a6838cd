#include "html_text.h"

#include "report_text.h"

namespace errcontract::internal {

std::string html_text(std::string_view raw, bool keep_line_breaks) {
  const std::string visible = visible_text(raw, keep_line_breaks);
  std::string out;
  out.reserve(visible.size() + visible.size() / 8);
  for (const char c : visible) {
    if (const char* entity = markup_entity(c)) {
      out += entity;
    } else if (c == '"') {
      out += "&quot;";
    } else if (c == '\'') {
      out += "&#39;";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace errcontract::internal
