// Preheating (POST /preheat/: 21603, 21604) and rule purges (POST
// /buckets/purge/batch/: 21605, 21606, 21610). Both find the bucket behind a
// URL through the domains bound to the caller's buckets, default domains
// included; a name bound to another account's bucket is not disclosed. Every
// URL is checked before anything is answered, so one bad URL fails the lot.
#include "cdn_edge_handlers.h"
#include "cdn_url.h"
#include "json_out.h"
#include "validate.h"

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

}  // namespace errcontract::internal
