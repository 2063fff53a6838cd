// Parameter parsing for the reference server. Everything here is bounded by
// the body it is given: no recursion on attacker-controlled depth, no reads
// past the input, and every malformed input is an error value, never a throw.
#include "server/request_params.h"

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <cctype>
#include <string>

namespace errcontract::internal {
namespace {

constexpr std::size_t kMaxJsonDepth = 32;

Status malformed(std::string message) {
  return Status(StatusCode::kInvalidInput, std::move(message));
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Whether `text` is well-formed UTF-8 (no overlongs, surrogates or values
// above U+10FFFF).
bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    std::size_t extra = 0;
    unsigned char min_second = 0x80, max_second = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      extra = 1;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      extra = 2;
      if (lead == 0xE0) min_second = 0xA0;
      if (lead == 0xED) max_second = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      extra = 3;
      if (lead == 0xF0) min_second = 0x90;
      if (lead == 0xF4) max_second = 0x8F;
    } else {
      return false;
    }
    if (text.size() - i <= extra) return false;
    const auto second = static_cast<unsigned char>(text[i + 1]);
    if (second < min_second || second > max_second) return false;
    for (std::size_t k = 2; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if (next < 0x80 || next > 0xBF) return false;
    }
    i += extra + 1;
  }
  return true;
}

// Rejects JSON nested deeper than the limit before RapidJSON builds a DOM
// for it (a DOM of millions of nested arrays costs hundreds of megabytes).
bool json_depth_within(std::string_view body, std::size_t limit) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return false;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return true;
}

// A scalar JSON value as a parameter string; false for objects and arrays.
bool scalar_text(const rapidjson::Value& v, std::string& out) {
  if (v.IsString()) {
    out.assign(v.GetString(), v.GetStringLength());
  } else if (v.IsBool()) {
    out = v.GetBool() ? "true" : "false";
  } else if (v.IsInt64()) {
    out = std::to_string(v.GetInt64());
  } else if (v.IsUint64()) {
    out = std::to_string(v.GetUint64());
  } else if (v.IsDouble()) {
    out = fmt::format("{}", v.GetDouble());
  } else {
    return false;
  }
  return true;
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The media type of a Content-Type value, lower-cased, without parameters.
std::string media_type(std::string_view content_type) {
  std::string_view type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  return lower_ascii(type);
}

Status parse_body(const HttpRequest& request, ParsedRequest& out, bool keep_json_document) {
  if (request.body.empty()) return Status::ok_status();
  const std::string* content_type = find_header(request.headers, "Content-Type");
  const std::string type = content_type ? media_type(*content_type) : std::string();
  // Legacy clients sometimes omitted the header on form posts.
  if (type.empty() || type == "application/x-www-form-urlencoded") {
    return parse_urlencoded(request.body, out.params);
  }
  if (type == "application/json") {
    if (keep_json_document) out.json_body = request.body;
    return parse_json_params(request.body, out.params, keep_json_document);
  }
  if (type == "multipart/form-data") {
    Result<std::string> boundary = multipart_boundary(*content_type);
    if (!boundary.ok()) return boundary.status();
    auto parts = parse_multipart(request.body, *boundary);
    if (!parts.ok()) return parts.status();
    for (MultipartPart& part : *parts) {
      if (part.has_filename) {
        out.files.push_back(UploadedFile{std::move(part.name), std::move(part.filename),
                                         std::move(part.content_type), std::move(part.data)});
      } else {
        out.params.add(std::move(part.name), std::move(part.data));
      }
    }
    return Status::ok_status();
  }
  return malformed(fmt::format("unsupported Content-Type \"{}\"", type));
}

}  // namespace

void Params::add(std::string name, std::string value) {
  items_.emplace_back(std::move(name), std::move(value));
}

const std::string* Params::get(std::string_view name) const {
  for (const auto& [key, value] : items_) {
    if (key == name) return &value;
  }
  return nullptr;
}

Result<std::string> percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else if (c == '%') {
      const bool complete = i + 2 < text.size();
      const int high = complete ? hex_value(text[i + 1]) : -1;
      const int low = complete ? hex_value(text[i + 2]) : -1;
      if (high < 0 || low < 0) return malformed(fmt::format("bad percent-escape at byte {}", i));
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

Status parse_urlencoded(std::string_view text, Params& out) {
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t amp = text.find('&', pos);
    if (amp == std::string_view::npos) amp = text.size();
    std::string_view pair = text.substr(pos, amp - pos);
    pos = amp + 1;
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    Result<std::string> name = percent_decode(pair.substr(0, eq), true);
    Result<std::string> value = percent_decode(
        eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), true);
    if (!name.ok() || !value.ok()) {
      return malformed(fmt::format("bad parameter \"{}\": {}", pair.substr(0, 64),
                                   (!name.ok() ? name : value).status().message()));
    }
    if (name->empty()) continue;
    out.add(std::move(name).value(), std::move(value).value());
  }
  return Status::ok_status();
}

Status parse_json_params(std::string_view body, Params& out, bool skip_structured) {
  if (!json_depth_within(body, kMaxJsonDepth)) {
    return malformed(fmt::format("JSON nested deeper than {}", kMaxJsonDepth));
  }
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseValidateEncodingFlag | rapidjson::kParseIterativeFlag>(body.data(),
                                                                                    body.size());
  if (doc.HasParseError()) {
    return malformed(fmt::format("invalid JSON at byte {}: {}", doc.GetErrorOffset(),
                                 rapidjson::GetParseError_En(doc.GetParseError())));
  }
  if (!doc.IsObject()) return malformed("the JSON body is not an object");
  for (const auto& member : doc.GetObject()) {
    std::string name(member.name.GetString(), member.name.GetStringLength());
    const rapidjson::Value& v = member.value;
    if (v.IsNull() || (skip_structured && (v.IsObject() || v.IsArray()))) continue;
    std::string text;
    if (v.IsArray()) {
      for (const auto& item : v.GetArray()) {
        std::string one;
        if (!scalar_text(item, one)) {
          return malformed(fmt::format("member \"{}\" holds a nested value", name));
        }
        if (!text.empty()) text.push_back('\n');
        text += one;
      }
    } else if (!scalar_text(v, text)) {
      return malformed(fmt::format("member \"{}\" is an object", name));
    }
    out.add(std::move(name), std::move(text));
  }
  return Status::ok_status();
}

Result<ParsedRequest> parse_request(const HttpRequest& request, bool keep_json_document) {
  ParsedRequest out;
  out.method = request.method;
  const std::size_t question = request.target.find('?');
  out.path = request.target.substr(0, question);
  // GET, HEAD and DELETE read the query string first; POST and PUT their body
  // first and then the query string (a 2015 client sent POST
  // /operators/disable/?operator_name=...). The first value of a name wins.
  const bool query_first =
      request.method == "GET" || request.method == "HEAD" || request.method == "DELETE";
  auto read_query = [&]() -> Status {
    if (question == std::string::npos) return Status();
    return parse_urlencoded(std::string_view(request.target).substr(question + 1), out.params);
  };
  if (query_first) {
    if (Status status = read_query(); !status.ok()) return status;
  }
  if (request.method != "GET" && request.method != "HEAD") {
    Status status = parse_body(request, out, keep_json_document);
    if (!status.ok()) return status;
  }
  if (!query_first) {
    if (Status status = read_query(); !status.ok()) return status;
  }
  for (const auto& [name, value] : out.params.items()) {
    if (!is_valid_utf8(name) || !is_valid_utf8(value)) {
      return malformed(fmt::format("parameter \"{}\" is not valid UTF-8", name.substr(0, 64)));
    }
  }
  for (const UploadedFile& file : out.files) {
    if (!is_valid_utf8(file.field) || !is_valid_utf8(file.filename)) {
      return malformed("an uploaded file's field or file name is not valid UTF-8");
    }
  }
  return out;
}

}  // namespace errcontract::internal
