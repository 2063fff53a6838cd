// Untrusted text as XML 1.0 (the JUnit reports): made visible (report_text.h's
// visible_text), then escaped for an attribute value or element content.
#pragma once

#include <string>
#include <string_view>

namespace errcontract::internal {

// Escapes already-visible text (see visible_text) for an XML 1.0 attribute
// value or element content. In attributes, tab and line breaks become
// character references so attribute-value normalisation keeps them.
std::string xml_escape(std::string_view text, bool attribute);

// `text` made visible (line breaks kept) and escaped for an attribute value.
std::string attr(std::string_view text);
// `raw` made visible (line breaks kept) and escaped for element content.
std::string text(std::string_view raw);

}  // namespace errcontract::internal
