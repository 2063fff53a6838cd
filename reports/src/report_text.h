// Text helpers shared by the report writers: make untrusted bytes (response
// bodies, messages that quote them) safe to print, cut long text without
// splitting a character, and format times and findings the same way in
// every report.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "errcontract/finding.h"
#include "errcontract/run_result.h"

namespace errcontract::internal {

// `text` with every byte that a terminal or an XML 1.0 document could not take
// shown as \xNN: bytes of ill-formed UTF-8, C0 and C1 control characters,
// DEL, U+FFFE and U+FFFF. Tab, line feed and carriage return are kept when
// `keep_line_breaks` is set. The result is always well-formed UTF-8.
std::string visible_text(std::string_view text, bool keep_line_breaks);

// The longest prefix of `text` of at most `max_bytes` bytes that does not end
// inside a well-formed UTF-8 character.
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes);

// Milliseconds as seconds with three decimals ("1.234"); negative and
// non-finite values print as "0.000".
std::string format_seconds(double ms);

// "status.mismatch expected 409, got 200 (at byte 12, /error_code)"; warnings
// start with "warning ". Not yet made visible: callers escape for their format.
std::string finding_line(const Finding& finding);

// "code.numeric, message.mismatch": the ids --disable-check turned off, in
// table order, joined by `separator`.
std::string id_list(const std::vector<FindingId>& ids, std::string_view separator);

// "&amp;", "&lt;" or "&gt;" for the three characters XML, HTML and Markdown
// read as markup in text; nullptr for any other character.
const char* markup_entity(char c);

// The sentences the file reports put in their headline when a run did not
// run every case; `option` is "--max-failures" in the format's markup.
inline constexpr std::string_view kInterruptedNote =
    "The run was interrupted: results are partial.";
std::string stopped_note(int failures, std::string_view option);

// "21402 operator-create-duplicate": the name every report gives a case.
std::string case_label(const CaseResult& result);

}  // namespace errcontract::internal
