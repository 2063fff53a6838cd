// Seeds for the envelope targets and the catalog target.
#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <array>
#include <map>
#include <set>

#include "errcontract/envelope.h"
#include "seeds.h"

namespace errcontract::fuzz {
namespace {

constexpr std::array<const char*, 7> kMethods = {"GET",   "HEAD",   "POST",   "PUT",
                                                 "PATCH", "DELETE", "OPTIONS"};

// The first entry of each module, in catalog order.
std::vector<const CodeEntry*> one_per_module(const Catalog& catalog) {
  std::vector<const CodeEntry*> out;
  std::set<std::string> seen;
  for (const CodeEntry& e : catalog.entries()) {
    if (seen.insert(e.module).second) out.push_back(&e);
  }
  return out;
}

const CodeEntry* first_with_rule(const Catalog& catalog, MessageRule rule) {
  for (const CodeEntry& e : catalog.entries()) {
    if (e.message_rule == rule) return &e;
  }
  return nullptr;
}

// {"error_code":CODE,"request":REQUEST,"message":MESSAGE} with each part
// given as raw JSON text, for bodies build_envelope would never write.
std::string envelope_text(std::string_view code, std::string_view request, std::string_view message,
                          std::string_view extra = {}) {
  return fmt::format(R"({{"error_code":{},"request":{},"message":{}{}}})", code, request, message,
                     extra);
}

// FuzzedDataProvider's encoding of a string read by ConsumeRandomLengthString:
// backslashes doubled, ended by a backslash and a byte that is not one.
std::string fdp_string(std::string_view s) {
  std::string out;
  for (const char c : s) {
    out += c;
    if (c == '\\') out += '\\';
  }
  out += "\\ ";
  return out;
}

// The input fuzz_envelope_roundtrip decodes into these choices. Integers are
// read from the end of the input, strings from the front.
struct RoundTripInput {
  int catalog_index = -1;  // >= 0: the code is catalog entry N, else `code`
  std::string code;
  int method_index = -1;  // >= 0: kMethods[N], else `method`
  std::string method;
  std::string path;
  std::string message;

  std::string encode() const {
    std::string front;
    std::string back;  // in the order they are read, from the end
    back += static_cast<char>(catalog_index >= 0 ? 1 : 0);
    if (catalog_index >= 0) {
      back += static_cast<char>(catalog_index);
    } else {
      front += fdp_string(code);
    }
    back += static_cast<char>(method_index >= 0 ? 1 : 0);
    if (method_index >= 0) {
      back += static_cast<char>(method_index);
    } else {
      front += fdp_string(method);
    }
    front += fdp_string(path);
    front += message;
    return front + std::string(back.rbegin(), back.rend());
  }
};

int method_index(std::string_view method) {
  for (std::size_t i = 0; i < kMethods.size(); ++i) {
    if (method == kMethods[i]) return static_cast<int>(i);
  }
  return -1;
}

std::string compact(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string catalog_of(const std::vector<const rapidjson::Value*>& entries) {
  std::string out = R"({"codes":[)";
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (i > 0) out += ',';
    out += compact(*entries[i]);
  }
  out += "]}";
  return out;
}

// The code's first catalogued endpoint; "GET /" for a catalog that lists none.
std::pair<std::string, std::string> first_endpoint(const CodeEntry& e) {
  if (e.endpoints.empty()) return {"GET", "/"};
  return {e.endpoints.front().method, e.endpoints.front().path};
}

}  // namespace

std::vector<Seed> envelope_seeds(const Catalog& catalog) {
  std::vector<Seed> seeds;
  for (const CodeEntry* e : one_per_module(catalog)) {
    const auto [method, path] = first_endpoint(*e);
    seeds.push_back({fmt::format("module-{}-{}.json", e->module, e->code),
                     build_envelope(catalog, e->code, method, path)});
  }
  for (const MessageRule rule : {MessageRule::kPrefix, MessageRule::kAny}) {
    if (const CodeEntry* e = first_with_rule(catalog, rule)) {
      seeds.push_back({fmt::format("rule-{}-{}.json", to_string(rule), e->code),
                       build_envelope(catalog, e->code, "POST", "/buckets/antileech/ip/")});
    }
  }
  const std::string code = R"("21402")";
  const std::string request = R"("PUT /operators/")";
  const std::string message = R"("Operator already exists.")";
  const std::string good = envelope_text(code, request, message);
  const std::vector<Seed> variants = {
      {"numeric-code.json", envelope_text("21402", request, message)},
      {"missing-message.json", R"({"error_code":"21402","request":"PUT /operators/"})"},
      {"wrong-type.json", envelope_text(code, R"(["PUT","/operators/"])", "null")},
      {"extra-members.json", envelope_text(code, request, message, R"(,"type":"x","field":"f")")},
      {"duplicate-key.json", envelope_text(code, request, message, R"(,"message":"again")")},
      {"nested-duplicate.json", envelope_text(code, request, message, R"(,"d":{"a":1,"a":2})")},
      {"escaped-duplicate.json", envelope_text(code, request, message, R"(,"\u0061":1,"a":2)")},
      {"lone-low-surrogate.json", envelope_text(code, request, R"("bad \uDC00 here")")},
      {"lone-high-surrogate.json", envelope_text(code, request, R"("bad \uD800x")")},
      {"surrogate-pair.json", envelope_text(code, request, R"("ok \uD83D\uDE00")")},
      {"escapes.json", envelope_text(code, request, R"("\"\\\/\b\f\n\r\t\u0000\u001F\u00e9")")},
      {"invalid-utf8.json", envelope_text(code, request, "\"caf\xC3\x28 \xED\xA0\x80\"")},
      {"utf8-message.json",
       envelope_text(code, request, "\"\xE5\x86\xB2\xE7\xAA\x81 \xF0\x9F\x98\x80\"")},
      {"trailing-bytes.json", good + " x"},
      {"nul-then-junk.json", good + std::string("\0junk", 5)},
      {"byte-order-mark.json", "\xEF\xBB\xBF" + good},
      {"deep-33.json", envelope_text(code, request, message,
                                     ",\"d\":" + std::string(32, '[') + std::string(32, ']'))},
      {"deep-31.json", envelope_text(code, request, message,
                                     ",\"d\":" + std::string(30, '[') + std::string(30, ']'))},
      {"array-root.json", R"([{"error_code":"21402"}])"},
      {"string-root.json", R"("21402")"},
      {"whitespace.json", " \t\r\n"},
      {"short-code.json", envelope_text(R"("2140")", request, message)},
      {"level-3-code.json", envelope_text(R"("31402")", request, message)},
      {"bad-request.json", envelope_text(code, R"("put operators")", message)},
      {"empty-message.json", envelope_text(code, request, R"("")")},
      {"number-too-big.json", envelope_text(code, request, message, R"(,"n":1e400)")},
      {"number-overflow.json", envelope_text(code, request, message, R"(,"n":10e308)")},
      {"number-zero-exponent.json", envelope_text(code, request, message, R"(,"n":0e400)")},
      {"numbers.json", envelope_text(code, request, message,
                                     R"(,"n":[-0,1.5e-400,123456789012345678901234567890,1E+2])")},
      {"comment.json", "/* c */" + good},
      {"single-quotes.json", R"({'error_code':'21402'})"},
      {"trailing-comma.json", envelope_text(code, request, message, ",")},
      {"literals.json", envelope_text(code, request, message, R"(,"t":[true,false,null])")},
  };
  seeds.insert(seeds.end(), variants.begin(), variants.end());
  return seeds;
}

std::vector<Seed> roundtrip_seeds(const Catalog& catalog) {
  std::vector<Seed> seeds;
  int index = 0;
  std::map<std::string, int> index_of;
  for (const CodeEntry& e : catalog.entries()) index_of[e.code] = index++;
  for (const CodeEntry* e : one_per_module(catalog)) {
    const auto [method, path] = first_endpoint(*e);
    RoundTripInput in;
    in.catalog_index = index_of[e->code] < 256 ? index_of[e->code] : -1;
    in.code = e->code;
    in.method_index = method_index(method);
    in.method = method;
    in.path = path + "?bucket_name=b1";
    in.message = e->message;
    seeds.push_back({fmt::format("module-{}-{}", e->module, e->code), in.encode()});
  }
  struct Raw {
    const char* name;
    const char* code;
    const char* method;
    std::string path;
    std::string message;
  };
  const std::vector<Raw> raw = {
      {"controls", "21402", "PUT", "/operators/", std::string("\x01\x1F\"\\\x7F\0end", 9)},
      {"invalid-utf8", "21402", "POST", "/a\xC3\x28",
       "\xC3\x28\xED\xA0\x80\xF4\x90\x80\x80\xE2\x82"},
      {"query-fragment", "20101", "GET", "/buckets/info/?bucket_name=x#frag", "Bucket not found"},
      {"absolute-url", "20101", "GET", "https://api.example/buckets/?x=1", "m"},
      {"empty-path", "10000", "DELETE", "", ""},
      {"space-in-path", "21402", "PUT", "/a b/", "message"},
      {"method-with-space", "21402", "PU T", "/operators/", "message"},
      {"lower-method", "21402", "put", "/operators/", "message"},
      {"not-a-code", "abc", "GET", "/", "\xE5\x86\xB2\xE7\xAA\x81"},
      {"long-message", "21402", "PUT", "/operators/", std::string(300, 'x') + "\xF0\x9F\x98\x80"},
      {"backslashes", "2\\1402", "GET", "/\\path\\", "\\\\ \\u0000 \\\""},
  };
  for (const Raw& r : raw) {
    RoundTripInput in;
    in.code = r.code;
    in.method_index = -1;
    in.method = r.method;
    in.path = r.path;
    in.message = r.message;
    seeds.push_back({r.name, in.encode()});
  }
  return seeds;
}

std::vector<Seed> catalog_seeds(std::string_view catalog_json) {
  std::vector<Seed> seeds;
  rapidjson::Document doc;
  doc.Parse(catalog_json.data(), catalog_json.size());
  if (doc.HasParseError() || !doc.IsObject() || !doc.HasMember("codes") ||
      !doc["codes"].IsArray()) {
    return seeds;
  }
  std::map<std::string, std::vector<const rapidjson::Value*>> by_module;
  std::map<std::string, std::vector<const rapidjson::Value*>> by_rule;
  for (const rapidjson::Value& entry : doc["codes"].GetArray()) {
    if (!entry.IsObject() || !entry.HasMember("module") || !entry["module"].IsString() ||
        !entry.HasMember("message_rule") || !entry["message_rule"].IsString()) {
      continue;
    }
    by_module[entry["module"].GetString()].push_back(&entry);
    by_rule[entry["message_rule"].GetString()].push_back(&entry);
  }
  for (const auto& [module, entries] : by_module) {
    const std::vector<const rapidjson::Value*> two(
        entries.begin(), entries.begin() + std::min<std::size_t>(2, entries.size()));
    seeds.push_back({fmt::format("module-{}.json", module), catalog_of(two)});
  }
  for (const auto& [rule, entries] : by_rule) {
    if (rule == "exact") continue;
    const std::vector<const rapidjson::Value*> three(
        entries.begin(), entries.begin() + std::min<std::size_t>(3, entries.size()));
    seeds.push_back({fmt::format("rule-{}.json", rule), catalog_of(three)});
  }
  if (!by_module.empty()) {
    const rapidjson::Value* first = by_module.begin()->second.front();
    seeds.push_back({"duplicate-code.json", catalog_of({first, first})});
  }
  seeds.push_back({"empty.json", R"({"codes":[]})"});
  seeds.push_back({"not-an-array.json", R"({"codes":{}})"});
  seeds.push_back({"minimal-entry.json",
                   R"({"codes":[{"code":"21402","level":2,"module":"14","module_name":"operator",)"
                   R"("detail":"02","status":409,"message":"Operator already exists.",)"
                   R"("message_rule":"exact","source":"table"}]})"});
  seeds.push_back({"prefix-entry.json",
                   R"({"codes":[{"code":"20301","level":2,"module":"03","module_name":"antileech",)"
                   R"("detail":"01","status":400,"message":"invalid ip:...",)"
                   R"("message_rule":"prefix","source":"table"}]})"});
  return seeds;
}

}  // namespace errcontract::fuzz
