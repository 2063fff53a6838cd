#include "json/json_syntax_message.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

#include "errcontract/utf8.h"
#include "json/json_location.h"
#include "result/finding_text.h"

namespace errcontract::internal {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The last byte before `offset` that is not JSON whitespace, or '\0'.
char previous_significant(std::string_view body, std::size_t offset) {
  std::size_t i = std::min(offset, body.size());
  while (i > 0) {
    --i;
    if (!is_space(body[i])) return body[i];
  }
  return '\0';
}

std::string_view hint_for(std::string_view body, std::size_t offset) {
  if (offset >= body.size()) return "the body ends before the JSON value does";
  const char c = body[offset];
  const char before = previous_significant(body, offset);
  if (c == '\'') return "JSON strings need double quotes";
  if (c == '\0') return "a NUL byte cannot appear in JSON text";
  if (offset == 0 && body.substr(0, 3) == "\xEF\xBB\xBF") {
    return "a UTF-8 byte order mark; JSON text must not start with one";
  }
  if (c == '/') return "comments are not allowed in JSON";
  if ((c == '}' || c == ']') && before == ',') return "trailing commas are not allowed in JSON";
  if (static_cast<unsigned char>(c) < 0x20) {
    return "control characters must be escaped (\\u00XX) inside strings";
  }
  if (is_alpha(c) && (before == '\0' || before == ':' || before == '[' || before == ',')) {
    return "the only bare words in JSON are true, false and null";
  }
  return {};
}

}  // namespace

std::string describe_byte_at(std::string_view body, std::size_t offset) {
  if (offset >= body.size()) return "the end of the body";
  const auto c = static_cast<unsigned char>(body[offset]);
  if (c == 0) return "byte 0x00 (NUL)";
  if (c < 0x20 || c == 0x7F) return fmt::format("byte 0x{:02X} (a control character)", c);
  if (c < 0x80) return fmt::format("'{}'", static_cast<char>(c));
  const Utf8Step step = utf8_step(body, offset);
  if (!step.valid) return fmt::format("byte 0x{:02X}", c);
  // Decode the code point to name it.
  std::uint32_t cp = step.length == 2 ? (c & 0x1F) : step.length == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t i = 1; i < step.length; ++i) {
    cp = (cp << 6) | (static_cast<unsigned char>(body[offset + i]) & 0x3F);
  }
  return fmt::format("'{}' (U+{:04X})", body.substr(offset, step.length), cp);
}

std::string describe_syntax_error(std::string_view body, std::size_t offset,
                                  std::string_view rapidjson_text) {
  const LineColumn at = line_column(body, offset);
  std::string message = fmt::format("not JSON at byte {} (line {}, column {}): found {}", offset,
                                    at.line, at.column, describe_byte_at(body, offset));
  const std::string_view hint = hint_for(body, offset);
  if (!hint.empty()) message += fmt::format(", {}", hint);
  message += fmt::format(" (RapidJSON: {})", rapidjson_text);
  return message;
}

}  // namespace errcontract::internal
