// The reading side of json_out.h: typed access to the structured JSON bodies
// of the v2 CDN endpoints (origin servers, cache rules). parse_request keeps
// such a body whole for routes marked json_document; it has already checked
// that it is a well-formed, UTF-8, not too deeply nested JSON object.
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "server/request_params.h"

namespace errcontract::internal {

// The request's JSON object; false when the body was not JSON (a form body).
inline bool read_json_body(const ParsedRequest& request, rapidjson::Document& doc) {
  if (request.json_body.empty()) return false;
  doc.Parse<rapidjson::kParseValidateEncodingFlag | rapidjson::kParseIterativeFlag>(
      request.json_body.data(), request.json_body.size());
  return !doc.HasParseError() && doc.IsObject();
}

// The member `name` of `object`; nullptr when absent or null.
inline const rapidjson::Value* json_member(const rapidjson::Value& object, std::string_view name) {
  if (!object.IsObject()) return nullptr;
  const auto it = object.FindMember(rapidjson::Value(
      rapidjson::StringRef(name.data(), static_cast<rapidjson::SizeType>(name.size()))));
  if (it == object.MemberEnd() || it->value.IsNull()) return nullptr;
  return &it->value;
}

// An integral JSON number within [min, max]; a string, a fraction or a
// boolean is no integer here.
inline std::optional<std::int64_t> json_int_in(const rapidjson::Value& v, std::int64_t min,
                                               std::int64_t max) {
  if (!v.IsInt64()) return std::nullopt;
  const std::int64_t n = v.GetInt64();
  if (n < min || n > max) return std::nullopt;
  return n;
}

inline std::string json_string(const rapidjson::Value& v) {
  return std::string(v.GetString(), v.GetStringLength());
}

}  // namespace errcontract::internal
