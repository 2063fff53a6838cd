#include "exec/request_builder.h"

#include <fmt/format.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace errcontract::internal {

namespace {

// SAX pass-through that expands variables in every string and key and copies
// numbers as their original text.
class ExpandingHandler {
 public:
  ExpandingHandler(rapidjson::Writer<rapidjson::StringBuffer>& writer, const VariableScope& scope)
      : writer_(writer), scope_(scope) {}

  bool Null() { return writer_.Null(); }
  bool Bool(bool b) { return writer_.Bool(b); }
  bool Int(int) { return false; }  // numbers arrive as RawNumber (kParseNumbersAsStringsFlag)
  bool Uint(unsigned) { return false; }
  bool Int64(int64_t) { return false; }
  bool Uint64(uint64_t) { return false; }
  bool Double(double) { return false; }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool) {
    return writer_.RawValue(s, n, rapidjson::kNumberType);
  }
  bool String(const char* s, rapidjson::SizeType n, bool) {
    std::string value;
    if (!expand_into(std::string_view(s, n), value)) return false;
    return writer_.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    std::string value;
    if (!expand_into(std::string_view(s, n), value)) return false;
    return writer_.Key(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  }
  bool StartObject() { return writer_.StartObject(); }
  bool EndObject(rapidjson::SizeType n) { return writer_.EndObject(n); }
  bool StartArray() { return writer_.StartArray(); }
  bool EndArray(rapidjson::SizeType n) { return writer_.EndArray(n); }

  const Status& error() const { return error_; }

 private:
  bool expand_into(std::string_view text, std::string& out) {
    auto expanded = expand(text, scope_);
    if (!expanded.ok()) {
      error_ = expanded.status();
      return false;
    }
    out = std::move(expanded).value();
    return true;
  }

  rapidjson::Writer<rapidjson::StringBuffer>& writer_;
  const VariableScope& scope_;
  Status error_;
};

Status with_context(const Status& status, std::string_view what) {
  return Status(status.code(), fmt::format("{}: {}", what, status.message()));
}

bool has_header(const Headers& headers, std::string_view name) {
  return find_header(headers, name) != nullptr;
}

}  // namespace

Result<std::string> expand_json(const std::string& json, const VariableScope& scope) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  ExpandingHandler handler(writer, scope);
  rapidjson::Reader reader;
  rapidjson::StringStream stream(json.c_str());
  constexpr unsigned kFlags =
      rapidjson::kParseNumbersAsStringsFlag | rapidjson::kParseIterativeFlag;
  if (reader.Parse<kFlags>(stream, handler))
    return std::string(buffer.GetString(), buffer.GetSize());
  if (!handler.error().ok()) return handler.error();
  // Not JSON (a case may send a deliberately broken body): expand it as text.
  return expand(json, scope);
}

bool is_form_body(const Headers& headers) {
  const std::string* type = find_header(headers, "Content-Type");
  return type != nullptr && type->find("x-www-form-urlencoded") != std::string::npos;
}

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

std::string encode_pairs(const KeyValues& pairs) {
  std::string out;
  for (const auto& [name, value] : pairs) {
    if (!out.empty()) out += '&';
    out += percent_encode(name);
    out += '=';
    out += percent_encode(value);
  }
  return out;
}

Result<BuiltRequest> build_request(const RequestSpec& spec, const VariableScope& scope) {
  BuiltRequest out;
  auto expand_all = [&scope](const KeyValues& in, std::string_view what) -> Result<KeyValues> {
    KeyValues result;
    for (const auto& [name, value] : in) {
      auto n = expand(name, scope);
      if (!n.ok()) return with_context(n.status(), what);
      auto v = expand(value, scope);
      if (!v.ok()) return with_context(v.status(), fmt::format("{} \"{}\"", what, name));
      result.emplace_back(std::move(n).value(), std::move(v).value());
    }
    return result;
  };

  auto method = expand(spec.method, scope);
  if (!method.ok()) return with_context(method.status(), "method");
  auto path = expand(spec.path, scope);
  if (!path.ok()) return with_context(path.status(), "path");
  auto query = expand_all(spec.query, "query parameter");
  if (!query.ok()) return query.status();
  auto headers = expand_all(spec.headers, "header");
  if (!headers.ok()) return headers.status();

  out.path = std::move(path).value();
  out.http.method = std::move(method).value();
  out.http.target = out.path;
  if (!query->empty()) out.http.target += "?" + encode_pairs(*query);
  out.http.headers = std::move(headers).value();

  if (!spec.auth.empty()) {
    const std::string* token = nullptr;
    if (scope.fixtures != nullptr) {
      auto it = scope.fixtures->find(spec.auth);
      if (it != scope.fixtures->end()) token = &it->second;
    }
    if (token == nullptr) {
      return Status(StatusCode::kInvalidInput,
                    fmt::format("auth: fixture \"{}\" not provided", spec.auth));
    }
    if (!has_header(out.http.headers, "Authorization")) {
      out.http.headers.emplace_back("Authorization", "Bearer " + *token);
    }
  }

  std::string content_type;
  switch (spec.body_kind) {
    case BodyKind::kNone:
      break;
    case BodyKind::kForm: {
      auto form = expand_all(spec.form, "form field");
      if (!form.ok()) return form.status();
      out.http.body = encode_pairs(*form);
      content_type = "application/x-www-form-urlencoded";
      break;
    }
    case BodyKind::kJson: {
      auto json = expand_json(spec.json, scope);
      if (!json.ok()) return with_context(json.status(), "json body");
      out.http.body = std::move(json).value();
      content_type = "application/json";
      break;
    }
    case BodyKind::kRaw: {
      auto raw = expand(spec.raw, scope);
      if (!raw.ok()) return with_context(raw.status(), "raw body");
      out.http.body = std::move(raw).value();
      content_type = spec.content_type;
      break;
    }
  }
  if (!content_type.empty() && !has_header(out.http.headers, "Content-Type")) {
    out.http.headers.emplace_back("Content-Type", content_type);
  }
  return out;
}

}  // namespace errcontract::internal
