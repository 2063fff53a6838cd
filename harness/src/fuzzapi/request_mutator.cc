// Parameters are handled alike wherever they sit: the query string, a form
// body, or the top-level members of a JSON object body (kept as raw JSON
// values, so a mutation can put a number, an array or broken text there).
#include "fuzzapi/request_mutator.h"

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <array>
#include <utility>
#include <vector>

#include "exec/request_builder.h"

namespace errcontract::internal {
namespace {

struct Value {
  std::string_view label;  // what the mutation says it set
  std::string_view text;   // as a query or form value ("" for the empty string)
  std::string_view json;   // as a JSON value
};

// Boundary numbers, wrong types and hostile strings. The invalid UTF-8 is
// percent-encoded in queries and forms (percent_encode), raw in JSON.
constexpr std::array<Value, 17> kValues = {{
    {"0", "0", "0"},
    {"-1", "-1", "-1"},
    {"2^31", "2147483648", "2147483648"},
    {"2^63", "9223372036854775808", "9223372036854775808"},
    {"1e309", "1e309", "1e309"},
    {"1.5", "1.5", "1.5"},
    {"empty", "", "\"\""},
    {"non-ASCII", "\xe5\x90\x8d\xe5\xad\x97\xc3\xa9", "\"\xe5\x90\x8d\xe5\xad\x97\xc3\xa9\""},
    {"invalid UTF-8", "\xff\xfe", "\"\xff\xfe\""},
    {"overlong UTF-8", "\xc0\xaf", "\"\xc0\xaf\""},
    {"true", "true", "true"},
    {"null", "null", "null"},
    {"array", "[1,2]", "[1,2]"},
    {"object", "{\"a\":1}", "{\"a\":1}"},
    {"text", "abc", "\"abc\""},
    {"spaces", "  ", "\"  \""},
    {"control", "\x01\x7f", "\"\\u0001\\u007f\""},
}};

constexpr std::array<std::string_view, 4> kUnknownMethods = {"PATCH", "FOO", "OPTIONS", "TRACE"};
constexpr std::array<std::string_view, 4> kContentTypes = {
    "text/plain", "application/xml", "application/json", "multipart/form-data; boundary=x"};

std::string json_quote(std::string_view text) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  return std::string(buffer.GetString(), buffer.GetSize());
}

// The request's parameters, wherever they are, for the parameter mutations.
class Parameters {
 public:
  explicit Parameters(RequestSpec& r) : r_(r) {
    if (r.body_kind == BodyKind::kJson) is_json_ = json_members(r.json, json_);
  }
  ~Parameters() {
    if (is_json_) r_.json = json_object(json_);
  }
  Parameters(const Parameters&) = delete;
  Parameters& operator=(const Parameters&) = delete;

  std::size_t size() const { return r_.query.size() + r_.form.size() + json_.size(); }
  // The list and index of parameter `i`, and whether it is a JSON member.
  std::pair<KeyValues*, std::size_t> at(std::size_t i) {
    if (i < r_.query.size()) return {&r_.query, i};
    i -= r_.query.size();
    if (i < r_.form.size()) return {&r_.form, i};
    return {&json_, i - r_.form.size()};
  }
  bool is_json(const KeyValues* list) const { return list == &json_; }
  // Where a new parameter goes: the body the request has, else the query.
  KeyValues* body_or_query() {
    if (is_json_) return &json_;
    if (r_.body_kind == BodyKind::kForm) return &r_.form;
    return &r_.query;
  }

 private:
  RequestSpec& r_;
  KeyValues json_;
  bool is_json_ = false;
};

std::string set_value(Parameters& params, KeyValues* list, std::size_t index, const Value& v) {
  auto& [name, value] = (*list)[index];
  value = params.is_json(list) ? std::string(v.json) : escape_dollars(v.text);
  return fmt::format("{}={}", name, v.label);
}

std::string parameter_mutation(RequestSpec& r, FuzzRng& rng, const ApiEndpoint* endpoint) {
  Parameters params(r);
  const std::size_t choice = rng.below(6);
  if (choice == 5 && endpoint != nullptr && !endpoint->parameters.empty()) {
    // A declared parameter, perhaps one the baseline leaves out, with a hostile value.
    const ApiParameter& p = endpoint->parameters[rng.below(endpoint->parameters.size())];
    KeyValues* list = params.body_or_query();
    list->emplace_back(p.name, "");
    return "add " + set_value(params, list, list->size() - 1, kValues[rng.below(kValues.size())]);
  }
  if (params.size() == 0) return {};
  auto [list, index] = params.at(rng.below(params.size()));
  const std::string name = (*list)[index].first;
  switch (choice) {
    case 0:
      list->erase(list->begin() + static_cast<std::ptrdiff_t>(index));
      return "drop " + name;
    case 1:
      if (params.is_json(list)) return {};  // a duplicate key is a body test of its own
      list->push_back((*list)[index]);
      return "duplicate " + name;
    case 2: {
      // Very long: past any length rule, short of the server's body cap.
      auto& value = (*list)[index].second;
      const std::string long_text(4096 + rng.below(4096), 'x');
      value = params.is_json(list) ? json_quote(long_text) : long_text;
      return fmt::format("{}=long ({} bytes)", name, long_text.size());
    }
    case 3: {
      if (params.is_json(list) || &r.query == list) return {};
      // Move a form parameter to the query string, where a POST does not read it.
      r.query.push_back((*list)[index]);
      list->erase(list->begin() + static_cast<std::ptrdiff_t>(index));
      return "move " + name + " to the query";
    }
    default:
      return set_value(params, list, index, kValues[rng.below(kValues.size())]);
  }
}

std::string body_mutation(RequestSpec& r, FuzzRng& rng) {
  switch (rng.below(5)) {
    case 0: {
      // Malformed JSON: the body cut in half, or a bare opening.
      std::string text = r.body_kind == BodyKind::kJson ? r.json : "{\"a\":";
      text.resize(text.size() / 2 + 1);
      r.body_kind = BodyKind::kRaw;
      r.raw = escape_dollars(text);
      r.content_type = "application/json";
      return "malformed JSON body";
    }
    case 1: {
      const std::size_t depth = 40 + rng.below(200);
      r.body_kind = BodyKind::kRaw;
      r.raw = std::string(depth, '[') + std::string(depth, ']');
      r.content_type = "application/json";
      return fmt::format("JSON nested {} deep", depth);
    }
    case 2:
      r.body_kind = BodyKind::kRaw;
      r.raw = rng.below(2) == 0 ? "[1,2,3]" : "\"text\"";
      r.content_type = "application/json";
      return "JSON body not an object";
    case 3: {
      // The same parameters under another media type.
      std::string body = r.body_kind == BodyKind::kForm   ? encode_pairs(r.form)
                         : r.body_kind == BodyKind::kJson ? r.json
                                                          : r.raw;
      r.body_kind = BodyKind::kRaw;
      r.raw = body;
      r.content_type = std::string(kContentTypes[rng.below(kContentTypes.size())]);
      return "Content-Type: " + r.content_type;
    }
    default:
      r.body_kind = BodyKind::kRaw;
      r.raw = "a=%zz&%ff=1&=&b";
      r.content_type = "application/x-www-form-urlencoded";
      return "broken form encoding";
  }
}

std::string auth_mutation(RequestSpec& r, FuzzRng& rng) {
  switch (rng.below(3)) {
    case 0:
      r.auth.clear();
      return "no auth";
    case 1:
      r.auth.clear();
      r.headers.emplace_back("Authorization", "Bearer fuzz-invalid-token-0000");
      return "unknown bearer token";
    default:
      r.auth.clear();
      r.headers.emplace_back("Authorization", "Basic Zm9vOmJhcg==");
      return "Basic auth";
  }
}

std::string route_mutation(RequestSpec& r, FuzzRng& rng) {
  switch (rng.below(4)) {
    case 0:
      r.method = std::string(kUnknownMethods[rng.below(kUnknownMethods.size())]);
      return "method " + r.method;
    case 1:
      r.path += r.path.ends_with('/') ? "fuzz/" : "/fuzz";
      return "unknown path";
    case 2:
      r.path += r.path.ends_with('/') ? "%FF/" : "/%FF";
      return "path with percent-encoded invalid UTF-8";
    default:
      r.path = "/" + r.path;
      return "double slash path";
  }
}

}  // namespace

// A JSON object body as (name, raw value) pairs; false when it is not one.
bool json_members(const std::string& json, KeyValues& out) {
  rapidjson::Document doc;
  doc.Parse(json.c_str(), json.size());
  if (doc.HasParseError() || !doc.IsObject()) return false;
  for (auto it = doc.MemberBegin(); it != doc.MemberEnd(); ++it) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    it->value.Accept(writer);
    out.emplace_back(std::string(it->name.GetString(), it->name.GetStringLength()),
                     std::string(buffer.GetString(), buffer.GetSize()));
  }
  return true;
}

std::string json_object(const KeyValues& members) {
  std::string out = "{";
  for (const auto& [name, value] : members) {
    if (out.size() > 1) out += ',';
    out += json_quote(name) + ":" + value;
  }
  return out + "}";
}

std::string escape_dollars(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    out += c;
    if (c == '$') out += '$';
  }
  return out;
}

std::string mutate_request(RequestSpec& request, FuzzRng& rng, const ApiEndpoint* endpoint) {
  // Mostly parameters: they are where the error table's codes are.
  for (int attempt = 0; attempt < 4; ++attempt) {
    const std::size_t kind = rng.below(10);
    std::string what = kind < 6   ? parameter_mutation(request, rng, endpoint)
                       : kind < 8 ? body_mutation(request, rng)
                       : kind < 9 ? auth_mutation(request, rng)
                                  : route_mutation(request, rng);
    if (!what.empty()) return what;
  }
  return route_mutation(request, rng);
}

}  // namespace errcontract::internal
