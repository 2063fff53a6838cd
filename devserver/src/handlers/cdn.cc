// Module 216 (cdn): preheat and rule purges, cache settings, multi-origin
// servers and dynamic acceleration.
//
// Preheating (POST /preheat/: 21603, 21604) and rule purges (POST
// /buckets/purge/batch/: 21605, 21606, 21610). Both find the bucket behind a
// URL through the domains bound to the caller's buckets, default domains
// included; a name bound to another account's bucket is not disclosed. Every
// URL is checked before anything is answered, so one bad URL fails the lot.
#include "handlers/handlers.h"

#include <algorithm>
#include <array>

#include "rules/cdn_url.h"
#include "server/json_in.h"
#include "server/json_out.h"
#include "server/validate.h"

namespace errcontract::internal {
namespace {

constexpr std::size_t kMaxPreheatUrls = 100;
constexpr std::string_view kUrlSeparators = " \t\r\n";

// The caller's bucket that `host` is bound to; nullptr when there is none.
Bucket* bucket_of_host(Call& call, const std::string& host) {
  const auto bound = call.state.domains.find(host);
  if (bound == call.state.domains.end()) return nullptr;
  return call.state.owned_bucket(call.account.name, bound->second);
}

// The URLs (or rules) of `name`: the parameter error when it is missing or
// holds none.
std::optional<Reply> read_urls(const Call& call, std::string_view name,
                               std::vector<std::string>& urls) {
  const std::string* text = call.param(name);
  if (text == nullptr) return call.bad_param();
  urls = split_list(*text, kUrlSeparators);
  if (urls.empty()) return call.bad_param();
  return std::nullopt;
}

}  // namespace

Reply preheat(Call& call) {
  std::vector<std::string> urls;
  if (auto error = read_urls(call, "url", urls)) return *error;
  if (urls.size() > kMaxPreheatUrls) return call.bad_param();
  std::vector<std::string> hosts;
  for (const std::string& url : urls) {
    const std::optional<HttpUrl> parsed = parse_http_url(url);
    // A preheat fetches files: a pattern names none.
    if (!parsed || parsed->path.find('*') != std::string::npos) return call.bad_param();
    hosts.push_back(parsed->host);
  }
  for (const std::string& host : hosts) {
    const Bucket* bucket = bucket_of_host(call, host);
    if (bucket == nullptr) return Reply::error("21603");
    if (!is_cdn(bucket->type)) return Reply::error("21604");
  }
  JsonOut out;
  out.open_object().key("result").open_array();
  for (const std::string& url : urls) {
    out.open_object().key("url").str(url).key("status").str("ok");
    out.key("task_id").str(call.state.random_hex(16)).close_object();
  }
  out.close_array().close_object();
  return Reply::ok(out.take());
}

Reply purge_rules(Call& call) {
  std::vector<std::string> rules;
  if (auto error = read_urls(call, "source_url", rules)) return *error;
  if (const std::string* noif = call.param("noif"); noif != nullptr && !parse_flag(*noif)) {
    return call.bad_param();
  }
  // "Out of purge limit(10)": read as at most 10 rules in one request.
  if (rules.size() > kMaxPurgeRules) return Reply::error("21606");
  std::vector<std::string> hosts;
  for (const std::string& rule : rules) {
    const std::optional<HttpUrl> parsed = parse_http_url(rule);
    if (!parsed) return Reply::error("21605");
    hosts.push_back(parsed->host);
  }
  for (const std::string& host : hosts) {
    const Bucket* bucket = bucket_of_host(call, host);
    if (bucket == nullptr) return Reply::error("21203");
    // docs/catalog.md, "Bucket types gate features": static CDN buckets are
    // refreshed URL by URL (POST /purge/), never by rule.
    if (bucket->type == BucketType::kCdn) return Reply::error("21610");
  }
  // The reply of the modern endpoint (api-surface.md S9): code 1 is success.
  JsonOut out;
  out.open_array();
  for (const std::string& rule : rules) {
    out.open_object().key("url").str(rule).key("code").num(1).key("status").str("ok");
    out.key("task_id").str(call.state.random_hex(16)).close_object();
  }
  out.close_array();
  return Reply::ok(out.take());
}

// Static-CDN cache settings: the bucket's default cache time (POST
// /buckets/cdn/expired/: 21611) and its custom URL cache rules (GET and POST
// /v2/buckets/cdn/cache/: 21620-21624). Both belong to static CDN buckets;
// any other type gets 21625 (docs/catalog.md reads "not static CDN, or
// dynamic acceleration on" as: not of type cdn). The rule body is the modern
// one (api-surface.md S2): {"bucket_name", "specific_rules": [{"name", "uri",
// "expires", "status_codes"}], "nocache_list": [{"uri", "status_codes"}]}.

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

// Multi-origin configuration of cdn and ucdn buckets (GET and POST
// /v2/buckets/cdn/source/: 21612-21619). The body is the modern one
// (api-surface.md S2): {"bucket_name", "domain", "source_type", "cdn":
// {"servers": [...], "ctn": {"servers": [...]}, ...}} where a server is
// {"host", "port", "weight", "max_fails", "fail_timeout", "backup",
// "force_isp"}. Members of "cdn" are checked in document order, each server's
// fields in the order of the table (host, port, weight, max_fails,
// fail_timeout, backup). A configuration that is stored also counts as the
// bucket's origin being set, so a ucdn bucket may then bind domains (21240).

namespace {

constexpr std::string_view kDefaultGroup = "default";  // cdn.servers
// The route (ISP line) groups: telecom, unicom, mobile, multi-line, other, abroad.
constexpr std::array<std::string_view, 6> kRouteGroups = {"ctn", "cun",   "cmn",
                                                          "bgp", "other", "abroad"};
constexpr std::array<std::string_view, 3> kSourceTypes = {"http", "https", "protocol_follow"};

template <std::size_t N>
bool is_one_of(const std::array<std::string_view, N>& names, std::string_view name) {
  for (std::string_view n : names) {
    if (n == name) return true;
  }
  return false;
}

// An IPv4 address, or an http(s) URL that names a host and nothing more.
bool is_origin_host(std::string_view text) {
  if (is_ipv4(text)) return true;
  const std::optional<HttpUrl> url = parse_http_url(text);
  return url && url->path == "/";
}

// An optional integer member: `fallback` when absent, nullopt when present
// but not an integer in [min, max].
std::optional<std::int64_t> int_member(const rapidjson::Value& v, std::string_view name,
                                       std::int64_t fallback, std::int64_t min, std::int64_t max) {
  const rapidjson::Value* m = json_member(v, name);
  return m == nullptr ? std::optional<std::int64_t>(fallback) : json_int_in(*m, min, max);
}

std::optional<Reply> read_server(const rapidjson::Value& v, OriginServer& out) {
  if (!v.IsObject()) return Reply::error("21619");
  const rapidjson::Value* host = json_member(v, "host");
  if (host == nullptr || !host->IsString() || !is_origin_host(json_string(*host))) {
    return Reply::error("21613");
  }
  out.host = json_string(*host);
  const auto port = int_member(v, "port", 80, 1, 65535);
  if (!port) return Reply::error("21614");
  const auto weight = int_member(v, "weight", 1, 1, kMaxOriginWeight);
  if (!weight) return Reply::error("21615");
  const auto max_fails = int_member(v, "max_fails", 3, 0, kMaxOriginFails);
  if (!max_fails) return Reply::error("21616");
  const auto fail_timeout = int_member(v, "fail_timeout", 30, 1, kMaxOriginFailTimeout);
  if (!fail_timeout) return Reply::error("21617");
  out.port = *port;
  out.weight = *weight;
  out.max_fails = *max_fails;
  out.fail_timeout = *fail_timeout;
  if (const rapidjson::Value* backup = json_member(v, "backup")) {
    if (!backup->IsBool()) return Reply::error("21618");
    out.backup = backup->GetBool();
  }
  if (const rapidjson::Value* isp = json_member(v, "force_isp")) {
    if (!isp->IsString() || !is_one_of(kRouteGroups, json_string(*isp))) {
      return Reply::error("21612");
    }
  }
  return std::nullopt;
}

// A servers array: 1 to kMaxOriginServers servers, at least one not a backup.
std::optional<Reply> read_servers(const rapidjson::Value* list, std::vector<OriginServer>& out) {
  if (list == nullptr || !list->IsArray() || list->Empty() || list->Size() > kMaxOriginServers) {
    return Reply::error("21619");
  }
  bool primary = false;
  for (const rapidjson::Value& v : list->GetArray()) {
    out.emplace_back();
    if (auto error = read_server(v, out.back())) return error;
    primary = primary || !out.back().backup;
  }
  // Backups stand in for a primary that fails: a group of backups only has none.
  if (!primary) return Reply::error("21618");
  return std::nullopt;
}

std::optional<Reply> read_groups(const rapidjson::Value& cdn, OriginConfig& out) {
  for (const auto& member : cdn.GetObject()) {
    const std::string name = json_string(member.name);
    if (name == "servers") {
      if (auto error = read_servers(&member.value, out.groups[std::string(kDefaultGroup)])) {
        return error;
      }
    } else if (name == "accept_ranges") {
      if (!member.value.IsBool() && !member.value.IsNull()) return Reply::error("21619");
    } else if (is_one_of(kRouteGroups, name)) {
      if (!member.value.IsObject()) return Reply::error("21619");
      if (auto error = read_servers(json_member(member.value, "servers"), out.groups[name])) {
        return error;
      }
    } else {
      return Reply::error("21612");
    }
  }
  if (out.groups.empty()) return Reply::error("21619");
  return std::nullopt;
}

std::optional<Reply> origin_bucket(Call& call, Bucket*& bucket) {
  if (auto error = find_bucket(call, bucket)) return error;
  // Only CDN buckets pull from an origin (as POST /buckets/cdn/).
  if (!is_cdn(bucket->type)) return Reply::error("21207");
  return std::nullopt;
}

void write_servers(JsonOut& out, const std::vector<OriginServer>& servers) {
  out.open_array();
  for (const OriginServer& s : servers) {
    out.open_object().key("host").str(s.host).key("port").num(s.port);
    out.key("weight").num(s.weight).key("max_fails").num(s.max_fails);
    out.key("fail_timeout").num(s.fail_timeout).key("backup").flag(s.backup).close_object();
  }
  out.close_array();
}

}  // namespace

Reply get_cdn_source(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = origin_bucket(call, bucket)) return *error;
  const OriginConfig& config = bucket->edge.origins;
  JsonOut out;
  out.open_object().key("configured").flag(config.configured);
  out.key("domain").str(config.domain).key("source_type").str(config.source_type);
  out.key("cdn").open_object();
  for (const auto& [group, servers] : config.groups) {
    if (group == kDefaultGroup) {
      out.key("servers");
      write_servers(out, servers);
    } else {
      out.key(group).open_object().key("servers");
      write_servers(out, servers);
      out.close_object();
    }
  }
  out.close_object().close_object();
  return Reply::ok(out.take());
}

Reply set_cdn_source(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = origin_bucket(call, bucket)) return *error;
  rapidjson::Document doc;
  if (!read_json_body(call.request, doc)) return call.bad_param();
  OriginConfig config;
  config.configured = true;
  config.source_type = "http";
  if (const rapidjson::Value* type = json_member(doc, "source_type")) {
    if (!type->IsString() || !is_one_of(kSourceTypes, json_string(*type))) {
      return call.bad_param();
    }
    config.source_type = json_string(*type);
  }
  if (const rapidjson::Value* domain = json_member(doc, "domain")) {
    if (!domain->IsString()) return call.bad_param();
    config.domain = normalize_domain(json_string(*domain));
    if (!is_valid_domain(config.domain, false)) return call.bad_param();
  }
  const rapidjson::Value* cdn = json_member(doc, "cdn");
  if (cdn == nullptr || !cdn->IsObject()) return call.bad_param();
  if (auto error = read_groups(*cdn, config)) return *error;
  bucket->edge.origins = std::move(config);
  bucket->origin.configured = true;
  return Reply::ok();
}

// Dynamic acceleration settings (GET and POST /v2/buckets/cdn/dynamic/:
// 21626). No public source names this endpoint; it sits beside
// /v2/buckets/cdn/source/. docs/catalog.md reads "the bucket has no dynamic
// acceleration" as: the bucket is not of type ucdn.

namespace {

std::optional<Reply> dynamic_bucket(Call& call, Bucket*& bucket) {
  if (auto error = find_bucket(call, bucket)) return error;
  if (bucket->type != BucketType::kUcdn) return Reply::error("21626");
  return std::nullopt;
}

}  // namespace

Reply get_cdn_dynamic(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = dynamic_bucket(call, bucket)) return *error;
  const DynamicAcceleration& d = bucket->edge.dynamic;
  JsonOut out;
  out.open_object().key("smart_route").flag(d.smart_route).key("timeout").num(d.timeout);
  out.close_object();
  return Reply::ok(out.take());
}

// `smart_route` (flag) and `timeout` (1-300 s to wait for the origin); at
// least one of them.
Reply set_cdn_dynamic(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = dynamic_bucket(call, bucket)) return *error;
  const std::string* smart_route = call.param("smart_route");
  const std::string* timeout = call.param("timeout");
  if (smart_route == nullptr && timeout == nullptr) return call.bad_param();
  DynamicAcceleration next = bucket->edge.dynamic;
  if (smart_route != nullptr) {
    const std::optional<bool> flag = parse_flag(*smart_route);
    if (!flag) return call.bad_param();
    next.smart_route = *flag;
  }
  if (timeout != nullptr) {
    const std::optional<std::int64_t> seconds = parse_count(*timeout, kMaxDynamicTimeout);
    if (!seconds || *seconds == 0) return call.bad_param();
    next.timeout = *seconds;
  }
  bucket->edge.dynamic = next;
  return Reply::ok();
}

}  // namespace errcontract::internal
