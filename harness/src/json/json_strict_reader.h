// A strict RFC 8259 reader for response bodies: one pass of RapidJSON's SAX
// reader (iterative, so no recursion however deep the input) with a handler
// that adds what RapidJSON does not check: duplicate member names at any
// depth, lone UTF-16 surrogate escapes, a nesting cap and bytes after a NUL.
// It reports body.* findings and captures the root object's members that the
// caller asked for; it knows nothing about the envelope's meaning.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "errcontract/finding.h"

namespace errcontract::internal {

enum class JsonType { kNull, kBoolean, kNumber, kString, kObject, kArray };

// "null", "a boolean", "a number", "a string", "an object", "an array".
const char* describe_json_type(JsonType type);

// A member of the root object that the caller asked for (first occurrence).
struct RootMember {
  bool present = false;
  JsonType type = JsonType::kNull;
  std::string text;            // a string's value (lone surrogates as U+FFFD) or a number's digits
  std::size_t key_offset = 0;  // byte offset of the member name's opening quote
  std::size_t value_offset = 0;  // byte offset of the value's first byte
};

// A member of the root object that the caller did not ask for (first occurrence).
struct OtherMember {
  std::string name;
  std::size_t key_offset = 0;
};

inline constexpr std::size_t kMaxWantedMembers = 4;

struct StrictRead {
  bool complete = false;  // the body is exactly one JSON value (findings may still hold errors)
  JsonType root_type = JsonType::kNull;
  std::array<RootMember, kMaxWantedMembers> wanted;  // in the order of the names asked for
  std::vector<OtherMember> others;
  std::vector<Finding> findings;  // body.* findings, in the order they were met
};

// Reads `body` (not empty). `wanted` holds at most kMaxWantedMembers names.
// Raises body.not_json, body.invalid_utf8, body.lone_surrogate,
// body.duplicate_key, body.too_deep, body.trailing_bytes and body.empty
// (whitespace only).
StrictRead read_json_strict(std::string_view body, std::size_t max_depth,
                            const std::string_view* wanted, std::size_t wanted_count);

// RFC 6901 escaping of one reference token ("~" -> "~0", "/" -> "~1").
void append_pointer_token(std::string& pointer, std::string_view token);

// Returned findings are capped per id at this many, plus one that counts the rest.
inline constexpr std::size_t kMaxFindingsPerId = 20;

}  // namespace errcontract::internal
