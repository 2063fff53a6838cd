// Untrusted text (bodies, headers, messages that quote them) as HTML: safe in
// element content and in quoted attribute values, always well-formed UTF-8.
#pragma once

#include <string>
#include <string_view>

namespace errcontract::internal {

// `raw` made visible (report_text.h's visible_text: ill-formed UTF-8 and
// control bytes as \xNN, line breaks kept when `keep_line_breaks`), then
// with & < > " ' written as character references.
std::string html_text(std::string_view raw, bool keep_line_breaks = false);

}  // namespace errcontract::internal
