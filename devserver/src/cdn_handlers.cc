// CDN buckets: origin configuration (POST /buckets/cdn/, which a ucdn bucket
// needs before a domain can be bound: 21240; port 80 only: 21608) and cache
// purges (POST /purge/: 21226, 21227, 21228). Whole-site purges
// ("http://host/*") are for static CDN buckets only (docs/catalog.md) and are
// counted per bucket against the server clock.
#include <map>

#include "handlers.h"
#include "json_out.h"
#include "validate.h"

namespace errcontract::internal {
namespace {

constexpr std::size_t kMaxPurgeUrls = 100;
constexpr std::string_view kIpSeparators = ",; \t\r\n";

struct PurgeTarget {
  std::string url;
  std::string host;
  bool whole_site = false;
};

// http(s)://host[:port][/path]; the host must be a domain name.
bool parse_purge_url(const std::string& url, PurgeTarget& out) {
  std::string_view rest(url);
  const std::size_t scheme_end = rest.find("://");
  if (scheme_end == std::string_view::npos) return false;
  const std::string scheme = normalize_domain(rest.substr(0, scheme_end));  // lower-cased
  if (scheme != "http" && scheme != "https") return false;
  rest.remove_prefix(scheme_end + 3);
  const std::size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  const std::string_view path = slash == std::string_view::npos ? "/" : rest.substr(slash);
  if (const std::size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
    if (!parse_count(authority.substr(colon + 1), 65535)) return false;
    authority = authority.substr(0, colon);
  }
  out.url = url;
  out.host = normalize_domain(authority);
  out.whole_site = path == "/*";
  return is_valid_domain(out.host, false) && is_valid_user_agent(path);
}

// Splits a ":port" suffix off `host` (a host name or an IPv4 address; an
// IPv6 address keeps its colons) and notes a port other than 80. false when
// the suffix is no port number.
bool take_port(std::string& host, bool& other_port) {
  const std::size_t colon = host.rfind(':');
  if (colon == std::string::npos || is_valid_ip(host)) return true;
  const auto port = parse_count(std::string_view(host).substr(colon + 1), 65535);
  if (!port || *port == 0) return false;
  other_port = other_port || *port != 80;
  host.resize(colon);
  return true;
}

// A list of origin IPs (each may carry a port); false when one is not an IP address.
bool read_ip_list(const std::string* text, std::vector<std::string>& out, bool& other_port) {
  out.clear();
  if (text == nullptr) return true;
  for (std::string& ip : split_list(*text, kIpSeparators)) {
    if (!take_port(ip, other_port) || !is_valid_ip(ip)) return false;
    out.push_back(std::move(ip));
  }
  return true;
}

}  // namespace

Reply get_cdn_origin(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = find_bucket(call, bucket)) return *error;
  if (!is_cdn(bucket->type)) return Reply::error("21207");
  const CdnOrigin& o = bucket->origin;
  JsonOut out;
  out.open_object();
  out.key("configured").flag(o.configured);
  out.key("domain").str(o.domain);
  out.key("ip_tel").strings(o.ip_tel);
  out.key("ip_cnc").strings(o.ip_cnc);
  out.close_object();
  return Reply::ok(out.take());
}

Reply set_cdn_origin(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = find_bucket(call, bucket)) return *error;
  CdnOrigin origin;
  origin.configured = true;
  bool other_port = false;
  if (const std::string* port = call.param("port")) {
    const auto number = parse_count(*port, 65535);
    if (!number || *number == 0) return call.bad_param();
    other_port = *number != 80;
  }
  if (const std::string* domain = call.param("domain")) {
    origin.domain = normalize_domain(*domain);
    if (!take_port(origin.domain, other_port)) return call.bad_param();
    if (!origin.domain.empty() && !is_valid_domain(origin.domain, false) &&
        !is_valid_ip(origin.domain)) {
      return call.bad_param();
    }
  }
  if (!read_ip_list(call.param("ip_tel"), origin.ip_tel, other_port) ||
      !read_ip_list(call.param("ip_cnc"), origin.ip_cnc, other_port)) {
    return call.bad_param();
  }
  if (origin.domain.empty() && origin.ip_tel.empty() && origin.ip_cnc.empty()) {
    return call.bad_param();
  }
  // The origin is pulled from on port 80 only (21608).
  if (other_port) return Reply::error("21608");
  // Only CDN buckets pull from an origin.
  if (!is_cdn(bucket->type)) return Reply::error("21207");
  bucket->origin = std::move(origin);
  return Reply::ok();
}

Reply purge(Call& call) {
  const std::string* urls = call.param("urls");
  if (urls == nullptr) return call.bad_param();
  std::vector<std::string> items = split_list(*urls, " \t\r\n");
  if (items.empty() || items.size() > kMaxPurgeUrls) return call.bad_param();
  std::vector<PurgeTarget> targets(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!parse_purge_url(items[i], targets[i])) return call.bad_param();
  }
  // Check every URL before recording any, so a rejected request changes nothing.
  std::map<std::string, std::size_t> pending;  // bucket -> whole-site purges in this request
  for (const PurgeTarget& t : targets) {
    auto bound = call.state.domains.find(t.host);
    Bucket* bucket = bound == call.state.domains.end()
                         ? nullptr
                         : call.state.owned_bucket(call.account.name, bound->second);
    if (bucket == nullptr) return Reply::error("21203");
    if (!t.whole_site) continue;
    if (bucket->type != BucketType::kCdn) return Reply::error("21226");
    std::vector<std::int64_t>& history = bucket->whole_site_purges;
    std::erase_if(history, [&](std::int64_t at) { return at <= call.now - kDay; });
    const std::size_t earlier = pending[bucket->name]++;
    if (earlier > 0 || (!history.empty() && call.now - history.back() < kPurgeInterval)) {
      return Reply::error("21227");
    }
    if (history.size() >= kPurgesPerDay) return Reply::error("21228");
  }
  JsonOut out;
  out.open_object().key("result").open_array();
  for (const PurgeTarget& t : targets) {
    if (t.whole_site) {
      call.state.buckets[call.state.domains[t.host]].whole_site_purges.push_back(call.now);
    }
    out.open_object();
    out.key("url").str(t.url);
    out.key("status").str("ok");
    out.key("task_id").str(call.state.random_hex(16));
    out.close_object();
  }
  out.close_array().close_object();
  return Reply::ok(out.take());
}

}  // namespace errcontract::internal
