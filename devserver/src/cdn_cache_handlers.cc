// Static-CDN cache settings: the bucket's default cache time (POST
// /buckets/cdn/expired/: 21611) and its custom URL cache rules (GET and POST
// /v2/buckets/cdn/cache/: 21620-21624). Both belong to static CDN buckets;
// any other type gets 21625 (docs/catalog.md reads "not static CDN, or
// dynamic acceleration on" as: not of type cdn). The rule body is the modern
// one (api-surface.md S2): {"bucket_name", "specific_rules": [{"name", "uri",
// "expires", "status_codes"}], "nocache_list": [{"uri", "status_codes"}]}.
#include <algorithm>

#include "cdn_edge_handlers.h"
#include "json_in.h"
#include "json_out.h"
#include "validate.h"

namespace errcontract::internal {
namespace {

constexpr std::size_t kMaxUriLength = 256;
constexpr std::size_t kMaxRuleNameLength = 64;
constexpr std::size_t kMaxStatusCodes = 20;

std::optional<Reply> static_cdn_bucket(Call& call, Bucket*& bucket) {
  if (auto error = find_bucket(call, bucket)) return error;
  if (bucket->type != BucketType::kCdn) return Reply::error("21625");
  return std::nullopt;
}

// The table's list "letters, digits and * / . % + - _", read literally (not
// as the regex class [+-_], which would span ':' to '^').
bool is_uri_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("*/.%+-_").find(c) != std::string_view::npos;
}

// One rule of specific_rules (`with_expires`) or of nocache_list, checked in
// this order: uri present (21620), one '*' at most (21622), its characters
// (21623), expires (21624), then name and status_codes (21620).
std::optional<Reply> read_rule(const rapidjson::Value& v, bool with_expires, CacheRule& out) {
  const Reply malformed = Reply::error("21620");
  if (!v.IsObject()) return malformed;
  const rapidjson::Value* uri = json_member(v, "uri");
  if (uri == nullptr || !uri->IsString() || uri->GetStringLength() == 0 ||
      uri->GetStringLength() > kMaxUriLength) {
    return malformed;
  }
  out.uri = json_string(*uri);
  if (std::count(out.uri.begin(), out.uri.end(), '*') > 1) return Reply::error("21622");
  if (!std::all_of(out.uri.begin(), out.uri.end(), is_uri_char)) return Reply::error("21623");
  if (with_expires) {
    const rapidjson::Value* expires = json_member(v, "expires");
    if (expires == nullptr) return malformed;
    const auto seconds = json_int_in(*expires, kMinCacheSeconds, kMaxCacheSeconds);
    if (!seconds) return Reply::error("21624");
    out.expires = *seconds;
  }
  if (const rapidjson::Value* name = json_member(v, "name")) {
    if (!name->IsString() || name->GetStringLength() > kMaxRuleNameLength) return malformed;
    out.name = json_string(*name);
  }
  if (const rapidjson::Value* codes = json_member(v, "status_codes")) {
    if (!codes->IsArray() || codes->Size() > kMaxStatusCodes) return malformed;
    for (const rapidjson::Value& code : codes->GetArray()) {
      const auto status = json_int_in(code, 100, 599);
      if (!status) return malformed;
      out.status_codes.push_back(*status);
    }
  }
  return std::nullopt;
}

std::optional<Reply> read_rules(const rapidjson::Value* list, bool with_expires,
                                std::vector<CacheRule>& out) {
  out.clear();
  for (const rapidjson::Value& v : list->GetArray()) {
    out.emplace_back();
    if (auto error = read_rule(v, with_expires, out.back())) return error;
  }
  return std::nullopt;
}

void write_rules(JsonOut& out, const std::vector<CacheRule>& rules, bool with_expires) {
  out.open_array();
  for (const CacheRule& rule : rules) {
    out.open_object();
    if (with_expires) out.key("name").str(rule.name);
    out.key("uri").str(rule.uri);
    if (with_expires) out.key("expires").num(rule.expires);
    out.key("status_codes").open_array();
    for (std::int64_t code : rule.status_codes) out.num(code);
    out.close_array().close_object();
  }
  out.close_array();
}

}  // namespace

Reply set_cdn_expired(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = static_cdn_bucket(call, bucket)) return *error;
  const std::string* text = call.param("expired");
  if (text == nullptr || text->empty()) return call.bad_param();
  // Not a whole number of seconds is no time in the range either.
  const std::optional<std::int64_t> seconds = parse_count(*text, kMaxCacheSeconds);
  if (!seconds || *seconds < kMinCacheSeconds) return Reply::error("21611");
  bucket->edge.expired = *seconds;
  JsonOut out;
  out.open_object().key("result").flag(true).key("data").open_object();
  out.key("expired").num(*seconds).close_object().close_object();
  return Reply::ok(out.take());
}

Reply get_cdn_cache(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = static_cdn_bucket(call, bucket)) return *error;
  JsonOut out;
  out.open_object().key("expired").num(bucket->edge.expired).key("specific_rules");
  write_rules(out, bucket->edge.cache_rules, true);
  out.key("nocache_list");
  write_rules(out, bucket->edge.nocache_rules, false);
  out.close_object();
  return Reply::ok(out.take());
}

// Each list the body names replaces the stored one; a list it leaves out is
// kept. The 50-rule limit (21621) counts both lists as they would be stored.
Reply set_cdn_cache(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = static_cdn_bucket(call, bucket)) return *error;
  rapidjson::Document doc;
  if (!read_json_body(call.request, doc)) return call.bad_param();
  const rapidjson::Value* specific = json_member(doc, "specific_rules");
  const rapidjson::Value* nocache = json_member(doc, "nocache_list");
  if (specific == nullptr && nocache == nullptr) return call.bad_param();
  if ((specific != nullptr && !specific->IsArray()) ||
      (nocache != nullptr && !nocache->IsArray())) {
    return call.bad_param();
  }
  const BucketEdge& edge = bucket->edge;
  const std::size_t total = (specific ? specific->Size() : edge.cache_rules.size()) +
                            (nocache ? nocache->Size() : edge.nocache_rules.size());
  if (total > kMaxCacheRules) return Reply::error("21621");
  std::vector<CacheRule> rules = edge.cache_rules;
  std::vector<CacheRule> nocache_rules = edge.nocache_rules;
  if (specific != nullptr) {
    if (auto error = read_rules(specific, true, rules)) return *error;
  }
  if (nocache != nullptr) {
    if (auto error = read_rules(nocache, false, nocache_rules)) return *error;
  }
  bucket->edge.cache_rules = std::move(rules);
  bucket->edge.nocache_rules = std::move(nocache_rules);
  return Reply::ok();
}

}  // namespace errcontract::internal
