// Where each value of a JSON document sits in its text. RapidJSON's DOM keeps
// no positions, so an event-based pass over the same bytes records, by JSON
// Pointer, the offset of every value and member key; the same pass rejects
// what the DOM would silently accept (duplicate keys, lone surrogate escapes,
// runaway nesting). Used by loaders that report "file:line: what".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "errcontract/result.h"

namespace errcontract::internal {

// One problem found while scanning, at a byte offset of the text.
struct JsonProblem {
  std::size_t offset = 0;
  std::string message;
};

class JsonSourceMap {
 public:
  // Objects and arrays: the offset of their '{' or '['. Scalars: the offset
  // just past the token, which is on the same line as its start (JSON strings
  // hold no raw newline). Unknown pointers map to 0.
  std::size_t value_offset(const std::string& pointer) const;
  // The offset just past the member's key ("/cases/0/id" -> after "id").
  // Falls back to value_offset for array elements and the root.
  std::size_t key_offset(const std::string& pointer) const;
  // The 1-based line of a byte offset of the scanned text.
  std::size_t line(std::size_t offset) const;

  std::unordered_map<std::string, std::size_t> values;
  std::unordered_map<std::string, std::size_t> keys;
  // Duplicate keys and strings whose escapes decode to invalid UTF-8.
  std::vector<JsonProblem> problems;
  std::vector<std::size_t> line_starts;  // offset of the first byte of each line
};

inline constexpr int kMaxJsonDepth = 64;

// Scans `json` (RFC 8259, UTF-8 validated, no trailing bytes). A syntax error
// fails with "SOURCE:line:col: invalid JSON: reason"; the text is not UTF-8,
// starts with a byte-order mark or nests deeper than kMaxJsonDepth fail the
// same way. Problems that leave the document readable are in `problems`.
Result<JsonSourceMap> scan_json_source(std::string_view json, std::string_view source_name);

// "/cases/0" + "re/q~" -> "/cases/0/re~1q~0" (RFC 6901 escaping).
std::string append_pointer(const std::string& pointer, std::string_view token);
std::string append_pointer(const std::string& pointer, std::size_t index);

}  // namespace errcontract::internal
