// Catalog::parse: reads cases/catalog.json into CodeEntry values and checks
// each entry's internal consistency, so that a hand-edited catalog fails with
// "file:line:col: what" instead of misbehaving later.
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "errcontract/catalog.h"
#include "errcontract/utf8.h"
#include "json/json_location.h"
#include "json/json_source_map.h"

namespace errcontract {
namespace {

constexpr unsigned kParseFlags =
    rapidjson::kParseValidateEncodingFlag | rapidjson::kParseIterativeFlag;

bool is_method(std::string_view method) {
  return method == "GET" || method == "POST" || method == "PUT" || method == "DELETE";
}

std::optional<EndpointSource> parse_endpoint_source(std::string_view text) {
  for (auto source : {EndpointSource::kTable, EndpointSource::kReference, EndpointSource::kClient,
                      EndpointSource::kInferred}) {
    if (text == to_string(source)) return source;
  }
  return std::nullopt;
}

class EntryReader {
 public:
  EntryReader(const rapidjson::Value& object, std::string where)
      : object_(object), where_(std::move(where)) {}

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

  std::string string(const char* name, bool required = true) {
    auto it = object_.FindMember(name);
    if (it == object_.MemberEnd()) {
      if (required) fail(fmt::format("missing member \"{}\"", name));
      return {};
    }
    if (!it->value.IsString()) {
      fail(fmt::format("member \"{}\" must be a string", name));
      return {};
    }
    std::string value(it->value.GetString(), it->value.GetStringLength());
    check_utf8(name, value);
    return value;
  }

  int integer(const char* name) {
    auto it = object_.FindMember(name);
    if (it == object_.MemberEnd()) {
      fail(fmt::format("missing member \"{}\"", name));
      return 0;
    }
    if (!it->value.IsInt()) {
      fail(fmt::format("member \"{}\" must be an integer", name));
      return 0;
    }
    return it->value.GetInt();
  }

  std::vector<int> integers(const char* name) {
    std::vector<int> out;
    auto it = object_.FindMember(name);
    if (it == object_.MemberEnd()) return out;
    if (!it->value.IsArray()) {
      fail(fmt::format("member \"{}\" must be an array of integers", name));
      return out;
    }
    for (const auto& v : it->value.GetArray()) {
      if (!v.IsInt()) {
        fail(fmt::format("member \"{}\" must be an array of integers", name));
        return out;
      }
      out.push_back(v.GetInt());
    }
    return out;
  }

  std::vector<std::string> strings(const char* name) {
    std::vector<std::string> out;
    auto it = object_.FindMember(name);
    if (it == object_.MemberEnd()) return out;
    if (!it->value.IsArray()) {
      fail(fmt::format("member \"{}\" must be an array of strings", name));
      return out;
    }
    for (const auto& v : it->value.GetArray()) {
      if (!v.IsString()) {
        fail(fmt::format("member \"{}\" must be an array of strings", name));
        return out;
      }
      out.emplace_back(v.GetString(), v.GetStringLength());
      check_utf8(name, out.back());
    }
    return out;
  }

  // "endpoints" (optional, as the schema's other lists are not for the
  // loader): a non-empty array of {"endpoint": "METHOD /path", "source",
  // "evidence"}; a request the case loader compares triggers with.
  std::vector<CodeEndpoint> endpoints(const char* name) {
    std::vector<CodeEndpoint> out;
    auto it = object_.FindMember(name);
    if (it == object_.MemberEnd()) return out;  // no case can then be on this code
    if (!it->value.IsArray() || it->value.Empty()) {
      fail(fmt::format("member \"{}\" must be a non-empty array of endpoints", name));
      return out;
    }
    for (const auto& v : it->value.GetArray()) {
      if (auto endpoint = read_endpoint(v)) {
        out.push_back(std::move(*endpoint));
      } else {
        return out;
      }
    }
    return out;
  }

  // RapidJSON validates the bytes but decodes a lone surrogate escape
  // (\uDC00) into bytes that are not UTF-8; such a message could never be
  // sent back in a valid envelope.
  void check_utf8(const char* name, const std::string& value) {
    if (find_invalid_utf8(value) != std::string::npos) {
      fail(
          fmt::format("member \"{}\" holds a lone UTF-16 surrogate escape (\\uD800-\\uDFFF "
                      "without its pair)",
                      name));
    }
  }

  std::optional<CodeEndpoint> read_endpoint(const rapidjson::Value& v) {
    if (!v.IsObject()) {
      fail("an endpoint must be an object {\"endpoint\", \"source\", \"evidence\"}");
      return std::nullopt;
    }
    for (const auto& member : v.GetObject()) {
      const std::string_view key(member.name.GetString(), member.name.GetStringLength());
      if (key != "endpoint" && key != "source" && key != "evidence") {
        fail(fmt::format("unknown member \"{}\" in an endpoint", key));
        return std::nullopt;
      }
    }
    EntryReader r(v, where_);
    CodeEndpoint endpoint;
    const std::string request = r.string("endpoint");
    const std::string source = r.string("source");
    endpoint.evidence = r.string("evidence");
    if (!r.ok()) {
      fail(r.error().substr(where_.size() + 2));
      return std::nullopt;
    }
    const std::size_t space = request.find(' ');
    endpoint.method = request.substr(0, space);
    if (space != std::string::npos) endpoint.path = request.substr(space + 1);
    if (!is_method(endpoint.method) || endpoint.path.empty() || endpoint.path[0] != '/' ||
        endpoint.path.find_first_of(" ?") != std::string::npos) {
      fail(
          fmt::format("endpoint \"{}\" is not \"METHOD /path\" (GET, POST, PUT or DELETE, "
                      "no query string)",
                      request));
      return std::nullopt;
    }
    if (auto parsed = parse_endpoint_source(source)) {
      endpoint.source = *parsed;
    } else {
      fail(fmt::format("endpoint source \"{}\" is not one of table, reference, client, inferred",
                       source));
      return std::nullopt;
    }
    if (endpoint.evidence.empty()) {
      fail(fmt::format("endpoint \"{}\" has no evidence", request));
      return std::nullopt;
    }
    return endpoint;
  }

  void fail(std::string message) {
    if (error_.empty()) error_ = where_ + ": " + std::move(message);
  }

 private:
  const rapidjson::Value& object_;
  std::string where_;
  std::string error_;
};

// Every member an entry may have (cases/schema/catalog.schema.json): a
// misspelt optional member must not be dropped without a word.
constexpr std::string_view kEntryMembers[] = {
    "code",    "level",        "module",         "module_name",
    "detail",  "status",       "status_reason",  "status_alternatives",
    "message", "message_rule", "description_zh", "endpoints",
    "notes",   "source"};

std::string unknown_member(const rapidjson::Value& entry) {
  for (const auto& member : entry.GetObject()) {
    const std::string_view name(member.name.GetString(), member.name.GetStringLength());
    if (std::find(std::begin(kEntryMembers), std::end(kEntryMembers), name) ==
        std::end(kEntryMembers)) {
      return fmt::format("unknown member \"{}\" in a code entry", name);
    }
  }
  return {};
}

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

Result<MessageRule> parse_rule(const std::string& text) {
  if (text == "exact") return MessageRule::kExact;
  if (text == "prefix") return MessageRule::kPrefix;
  if (text == "any") return MessageRule::kAny;
  return Status(StatusCode::kInvalidInput,
                fmt::format("message_rule \"{}\" is not one of exact, prefix, any", text));
}

// Cross-member rules the schema alone cannot say.
std::string consistency_error(const CodeEntry& e) {
  if (e.code.size() != 5 || !all_digits(e.code) || (e.code[0] != '1' && e.code[0] != '2')) {
    return fmt::format("code \"{}\" is not 5 digits starting with 1 or 2", e.code);
  }
  if (e.level != e.code[0] - '0') {
    return fmt::format("level {} does not match code {}", e.level, e.code);
  }
  if (e.module != e.code.substr(1, 2) || e.detail != e.code.substr(3, 2)) {
    return fmt::format("module/detail \"{}\"/\"{}\" do not match code {}", e.module, e.detail,
                       e.code);
  }
  if (e.status < 100 || e.status > 599) {
    return fmt::format("status {} of code {} is not an HTTP status", e.status, e.code);
  }
  if (e.message_rule == MessageRule::kAny && !e.message.empty()) {
    return fmt::format("code {} has message_rule \"any\" but a message", e.code);
  }
  if (e.message_rule != MessageRule::kAny && e.message.empty()) {
    return fmt::format("code {} has no message; its message_rule must be \"any\"", e.code);
  }
  if (e.message_rule == MessageRule::kPrefix && e.message.find("...") == std::string::npos) {
    return fmt::format("code {} has message_rule \"prefix\" but no \"...\" in its message", e.code);
  }
  for (std::size_t i = 0; i < e.endpoints.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (e.endpoints[j].matches(e.endpoints[i].method, e.endpoints[i].path)) {
        return fmt::format("code {} lists endpoint {} twice (a trailing slash aside)", e.code,
                           e.endpoints[i].text());
      }
    }
  }
  if (e.source != "table" && e.source != "extension") {
    return fmt::format("source \"{}\" of code {} is not \"table\" or \"extension\"", e.source,
                       e.code);
  }
  return {};
}

}  // namespace

Result<Catalog> Catalog::parse(std::string_view json, std::string_view source_name) {
  rapidjson::Document doc;
  doc.Parse<kParseFlags>(json.data(), json.size());
  if (doc.HasParseError()) {
    return Status(StatusCode::kInvalidInput,
                  fmt::format("{}: invalid JSON: {}",
                              internal::location(source_name, json, doc.GetErrorOffset()),
                              rapidjson::GetParseError_En(doc.GetParseError())));
  }
  if (!doc.IsObject() || !doc.HasMember("codes") || !doc["codes"].IsArray()) {
    return Status(StatusCode::kInvalidInput,
                  fmt::format("{}:1: expected an object with a \"codes\" array", source_name));
  }

  // RapidJSON's DOM keeps no positions: the shared source map gives each
  // entry's line for error messages.
  auto source_map = internal::scan_json_source(json, source_name);
  if (!source_map.ok()) return Status(StatusCode::kInvalidInput, source_map.status().message());

  Catalog catalog;
  const auto& codes = doc["codes"].GetArray();
  for (rapidjson::SizeType i = 0; i < codes.Size(); ++i) {
    std::size_t offset = source_map->value_offset(internal::append_pointer("/codes", i));
    std::string where = internal::location(source_name, json, offset);
    if (!codes[i].IsObject()) {
      return Status(StatusCode::kInvalidInput, where + ": entry must be an object");
    }
    if (std::string unknown = unknown_member(codes[i]); !unknown.empty()) {
      return Status(StatusCode::kInvalidInput, where + ": " + unknown);
    }
    EntryReader r(codes[i], where);
    CodeEntry e;
    e.code = r.string("code");
    e.level = r.integer("level");
    e.module = r.string("module");
    e.module_name = r.string("module_name");
    e.detail = r.string("detail");
    e.status = r.integer("status");
    e.status_reason = r.string("status_reason", false);
    e.status_alternatives = r.integers("status_alternatives");
    e.message = r.string("message");
    std::string rule = r.string("message_rule");
    e.description_zh = r.string("description_zh", false);
    e.endpoints = r.endpoints("endpoints");
    e.notes = r.strings("notes");
    e.source = r.string("source");
    if (!r.ok()) return Status(StatusCode::kInvalidInput, r.error());
    auto parsed_rule = parse_rule(rule);
    if (!parsed_rule.ok()) {
      return Status(StatusCode::kInvalidInput, where + ": " + parsed_rule.status().message());
    }
    e.message_rule = *parsed_rule;
    if (std::string error = consistency_error(e); !error.empty()) {
      return Status(StatusCode::kInvalidInput, where + ": " + error);
    }
    if (catalog.index_.count(e.code) != 0) {
      return Status(StatusCode::kInvalidInput, fmt::format("{}: duplicate code {}", where, e.code));
    }
    catalog.index_.emplace(e.code, catalog.entries_.size());
    catalog.entries_.push_back(std::move(e));
  }
  return catalog;
}

}  // namespace errcontract
