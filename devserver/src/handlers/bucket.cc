// Module 212 (bucket): buckets, the legacy CDN origin and URL purge, custom
// domains and their verification, anti-hotlinking, thumbnails and the watermark.
//
// Accounts and buckets: the profile, listing, creating and deleting buckets
// (21201, 21202, 21203, 21204, 21205, 21206, 21230) and the per-bucket
// switches (quota, visibility, FORM API: 21209). Quotas also answer to the
// storage limits of module 213 (21302, 21307: check_storage_quota in agent.cc).
#include "handlers/handlers.h"

#include <algorithm>
#include <array>
#include <map>

#include "rules/bucket_rules.h"
#include "server/json_out.h"
#include "server/validate.h"

namespace errcontract::internal {
namespace {

constexpr std::int64_t kMaxQuotaGb = std::int64_t{1} << 30;
constexpr std::int64_t kMaxListLimit = 1000;

}  // namespace

std::optional<Reply> find_bucket(Call& call, Bucket*& bucket) {
  const std::string* name = call.param("bucket_name");
  if (name == nullptr || name->empty()) return call.bad_param();
  bucket = call.state.owned_bucket(call.account.name, *name);
  if (bucket == nullptr) return Reply::error("21203");
  return std::nullopt;
}

Reply list_buckets(Call& call) {
  std::int64_t limit = 100;
  if (const std::string* text = call.param("limit")) {
    std::optional<std::int64_t> value = parse_count(*text, kMaxListLimit);
    if (!value || *value == 0) return call.bad_param();
    limit = *value;
  }
  JsonOut out;
  out.open_object().key("buckets").open_array();
  std::int64_t listed = 0;
  for (const std::string& name : call.account.buckets) {
    if (listed++ == limit) break;
    const Bucket& b = call.state.buckets.at(name);
    out.open_object();
    out.key("bucket_name").str(b.name);
    out.key("type").str(to_string(b.type));
    out.key("visible").flag(b.visible);
    out.key("created_at").num(b.created_at);
    out.close_object();
  }
  out.close_array();
  out.key("pager").open_object();
  out.key("limit").num(limit);
  out.key("total").num(static_cast<std::int64_t>(call.account.buckets.size()));
  out.close_object().close_object();
  return Reply::ok(out.take());
}

Reply create_bucket(Call& call) {
  if (auto error = require_verified(call)) return *error;  // 22005
  const std::string* name = call.param("bucket_name");
  if (name == nullptr || !is_valid_bucket_name(*name)) return call.bad_param();
  BucketType type = BucketType::kFile;
  if (const std::string* text = call.param("type")) {
    if (!parse_bucket_type(*text, type)) return call.bad_param();
  }
  std::int64_t quota = 0;
  if (const std::string* text = call.param("quota")) {
    std::optional<std::int64_t> value = parse_count(*text, kMaxQuotaGb);
    if (!value) return call.bad_param();
    quota = *value;
  }
  if (call.account.buckets.size() >= kMaxBucketsPerAccount) return Reply::error("21206");
  if (call.state.buckets.count(*name) != 0) return Reply::error("21202");
  if (auto error = check_storage_quota(call.state, call.account, {}, quota)) return *error;
  call.state.create_bucket(call.account.name, *name, type, quota, call.now);
  return Reply::created();
}

Reply delete_bucket(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = find_bucket(call, bucket)) return *error;
  const std::string* password = call.param("password");
  if (password == nullptr || password->empty()) return call.bad_param();
  if (*password != call.account.password) return Reply::error("21230");
  if (!bucket->custom_domains.empty()) return Reply::error("21204");
  if (bucket->files > 0) return Reply::error("21205");
  call.state.delete_bucket(bucket->name);
  return Reply::ok();
}

Reply bucket_info(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = find_bucket(call, bucket)) return *error;
  const Bucket& b = *bucket;
  JsonOut out;
  out.open_object();
  out.key("bucket_name").str(b.name);
  out.key("type").str(to_string(b.type));
  out.key("status").str("normal");
  out.key("visible").flag(b.visible);
  out.key("quota").num(b.quota);
  out.key("files").num(b.files);
  out.key("created_at").num(b.created_at);
  out.key("default_domain").str(b.default_domain);
  out.key("approval_domains").strings(b.custom_domains);
  out.key("operators").open_array();
  for (const auto& [name, bind_at] : b.operators) out.str(name);
  out.close_array();
  out.key("thumbnails").num(static_cast<std::int64_t>(b.thumbnails.size()));
  out.key("formapi").flag(b.formapi_enabled);
  out.key("form_api_secret").str(b.formapi_enabled ? b.formapi_secret : std::string());
  out.key("cdn_configured").flag(b.origin.configured);
  out.close_object();
  return Reply::ok(out.take());
}

Reply set_quota(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = find_bucket(call, bucket)) return *error;
  const std::string* text = call.param("quota");
  std::optional<std::int64_t> quota = text ? parse_count(*text, kMaxQuotaGb) : std::nullopt;
  if (!quota) return call.bad_param();
  if (auto error = check_storage_quota(call.state, call.account, bucket->name, *quota)) {
    return *error;
  }
  bucket->quota = *quota;
  return Reply::ok();
}

Reply set_visible(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = find_bucket(call, bucket)) return *error;
  const std::string* text = call.param("visible");
  std::optional<bool> visible = text ? parse_flag(*text) : std::nullopt;
  if (!visible) return call.bad_param();
  bucket->visible = *visible;
  return Reply::ok();
}

Reply set_formapi(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = find_bucket(call, bucket)) return *error;
  const std::string* status = call.param("status");
  std::optional<bool> enable = status ? parse_flag(*status) : std::nullopt;
  if (!enable) return call.bad_param();
  bool update_key = false;
  if (const std::string* text = call.param("update_key")) {
    std::optional<bool> value = parse_flag(*text);
    if (!value) return call.bad_param();
    update_key = *value;
  }
  // FORM API uploads go to storage; CDN buckets have none (21209).
  if (is_cdn(bucket->type)) return Reply::error("21209");
  bucket->formapi_enabled = *enable;
  if (*enable && (update_key || bucket->formapi_secret.empty())) {
    bucket->formapi_secret = call.state.random_hex(32);
  }
  return Reply::ok();
}

// CDN buckets: origin configuration (POST /buckets/cdn/, which a ucdn bucket
// needs before a domain can be bound: 21240; port 80 only: 21608) and cache
// purges (POST /purge/: 21226, 21227, 21228). Whole-site purges
// ("http://host/*") are for static CDN buckets only (docs/catalog.md) and are
// counted per bucket against the server clock.
namespace {

constexpr std::size_t kMaxPurgeUrls = 100;

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

namespace {

// Whether a whole-site refresh of `bucket` may run now, `earlier` being the
// refreshes of it already accepted in this request: CDN buckets only (21226),
// one per kPurgeInterval (21227), kPurgesPerDay a day (21228).
std::optional<Reply> whole_site_purge_refused(Call& call, Bucket& bucket, std::size_t earlier) {
  if (bucket.type != BucketType::kCdn) return Reply::error("21226");
  std::vector<std::int64_t>& history = bucket.whole_site_purges;
  std::erase_if(history, [&](std::int64_t at) { return at <= call.now - kDay; });
  if (earlier > 0 || (!history.empty() && call.now - history.back() < kPurgeInterval)) {
    return Reply::error("21227");
  }
  if (history.size() >= kPurgesPerDay) return Reply::error("21228");
  return std::nullopt;
}

}  // namespace

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
    if (auto refused = whole_site_purge_refused(call, *bucket, pending[bucket->name]++)) {
      return *refused;
    }
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

// POST /buckets/purge/ (bucket_name): the whole bucket refreshed, the call a
// 2015 client made for it, under the same whole-site rules as "/*" in
// POST /purge/.
Reply purge_bucket(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = find_bucket(call, bucket)) return *error;
  if (auto refused = whole_site_purge_refused(call, *bucket, 0)) return *refused;
  bucket->whole_site_purges.push_back(call.now);
  return Reply::ok();
}

// Custom domains of a bucket: binding (21607, 21208, 21210, 21211, 21240, 21241),
// unbinding (21212, 21213, 21214) and the per-domain HTTPS switch (21235).
// Every bound domain, the provider's defaults included, is in the global
// domain index, so uniqueness and overlap hold across accounts.

namespace {

// A wildcard may not cover a bound name, and a name may not fall under a
// bound wildcard (21241).
bool overlaps_bound_domain(const ServerState& state, const std::string& domain) {
  for (const auto& [bound, bucket] : state.domains) {
    if (is_wildcard(domain) && wildcard_covers(domain, bound)) return true;
    if (is_wildcard(bound) && wildcard_covers(bound, domain)) return true;
  }
  return false;
}

// The normalised `domain` parameter; empty when missing or not a domain.
std::string domain_param(const Call& call, bool allow_wildcard) {
  const std::string* text = call.param("domain");
  if (text == nullptr) return {};
  std::string domain = normalize_domain(*text);
  return is_valid_domain(domain, allow_wildcard) ? domain : std::string();
}

bool is_bound_to(const Bucket& bucket, const std::string& domain) {
  for (const std::string& d : bucket.custom_domains) {
    if (d == domain) return true;
  }
  return false;
}

}  // namespace

// `domains[].domain` and `updated_at` (unix s) are what a 2015 client read;
// the default domain dates from the bucket's creation.
Reply list_domains(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = find_bucket(call, bucket)) return *error;
  JsonOut out;
  out.open_object().key("domains").open_array();
  out.open_object().key("domain").str(bucket->default_domain).key("type").str("default");
  out.key("https").flag(true).key("updated_at").num(bucket->created_at).close_object();
  for (const std::string& d : bucket->custom_domains) {
    const auto bound = bucket->domains_bound_at.find(d);
    out.open_object().key("domain").str(d).key("type").str("custom");
    out.key("https").flag(bucket->https_domains.count(d) != 0);
    out.key("updated_at")
        .num(bound == bucket->domains_bound_at.end() ? bucket->created_at : bound->second)
        .close_object();
  }
  out.close_array().key("pager").open_object();
  out.key("total").num(static_cast<std::int64_t>(bucket->custom_domains.size() + 1));
  out.close_object().close_object();
  return Reply::ok(out.take());
}

Reply bind_domain(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = find_bucket(call, bucket)) return *error;
  const std::string domain = domain_param(call, true);
  if (domain.empty()) return call.bad_param();
  // CDN buckets (cdn and ucdn) take no wildcard names (21607).
  if (is_cdn(bucket->type) && is_wildcard(domain)) return Reply::error("21607");
  // A dynamic CDN bucket serves nothing until its origin is set.
  if (bucket->type == BucketType::kUcdn && !bucket->origin.configured) {
    return Reply::error("21240");
  }
  if (is_provider_domain(domain)) return Reply::error("21208");
  if (call.state.domains.count(domain) != 0) return Reply::error("21210");
  if (overlaps_bound_domain(call.state, domain)) return Reply::error("21241");
  if (bucket->custom_domains.size() >= kMaxCustomDomains) return Reply::error("21211");
  bucket->custom_domains.push_back(domain);
  bucket->domains_bound_at[domain] = call.now;
  call.state.domains[domain] = bucket->name;
  return Reply::ok();  // a 2015 client checked this PUT for 200, unlike the 201 of PUT /buckets/
}

Reply unbind_domain(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = find_bucket(call, bucket)) return *error;
  const std::string domain = domain_param(call, true);
  if (domain.empty()) return call.bad_param();
  if (domain == bucket->default_domain) {
    return is_cdn(bucket->type) ? Reply::error("21213") : Reply::error("21212");
  }
  if (!is_bound_to(*bucket, domain)) return Reply::error("21214");
  std::erase(bucket->custom_domains, domain);
  bucket->domains_bound_at.erase(domain);
  bucket->https_domains.erase(domain);
  call.state.domains.erase(domain);
  return Reply::ok();
}

// GET /buckets/domain/detect/?domain= (a singular path a 2014 client called):
// whether PUT /buckets/domains/ could bind the domain now, without binding it.
// A missing or malformed domain is the parameter error (21201).
Reply detect_domain(Call& call) {
  const std::string domain = domain_param(call, true);
  if (domain.empty()) return call.bad_param();
  const bool available = !is_provider_domain(domain) && call.state.domains.count(domain) == 0 &&
                         !overlaps_bound_domain(call.state, domain);
  JsonOut out;
  out.open_object().key("domain").str(domain).key("available").flag(available).close_object();
  return Reply::ok(out.take());
}

Reply set_domain_https(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = find_bucket(call, bucket)) return *error;
  const std::string domain = domain_param(call, true);
  const std::string* text = call.param("https");
  const std::optional<bool> enable = text ? parse_flag(*text) : std::nullopt;
  if (domain.empty() || !enable) return call.bad_param();
  // The provider's default domain always has HTTPS; it uses no quota.
  if (domain == bucket->default_domain) return Reply::ok();
  if (!is_bound_to(*bucket, domain)) return Reply::error("21214");
  if (!*enable) {
    bucket->https_domains.erase(domain);
    return Reply::ok();
  }
  if (bucket->https_domains.count(domain) != 0) return Reply::ok();
  if (static_cast<std::int64_t>(call.state.https_domains_of(call.account)) >=
      call.account.https_quota) {
    return Reply::error("21235");
  }
  bucket->https_domains.insert(domain);
  return Reply::ok();
}

// Domain ownership verification: PUT /buckets/domains/verify/ issues a hash
// to publish as the TXT record "_upyun-verify.<domain>", POST checks it
// (21231 none issued, 21233 issued over a day ago, 21232 not published).
// The server resolves nothing on the network: its simulated DNS publishes
// the issued hash for names under ServerState::dns_zone and nothing else.

namespace {

std::string exact_domain_param(const Call& call) {
  const std::string* text = call.param("domain");
  if (text == nullptr) return {};
  std::string domain = normalize_domain(*text);
  return is_valid_domain(domain, false) ? domain : std::string();
}

bool dns_publishes_hash(const ServerState& state, std::string_view domain) {
  const std::string suffix = "." + state.dns_zone;
  return !state.dns_zone.empty() && domain.size() > suffix.size() &&
         domain.substr(domain.size() - suffix.size()) == suffix;
}

}  // namespace

Reply issue_verify_hash(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = find_bucket(call, bucket)) return *error;
  const std::string domain = exact_domain_param(call);
  if (domain.empty()) return call.bad_param();
  VerifyHash& entry = bucket->verify_hashes[domain];
  entry = VerifyHash{call.state.random_hex(32), call.now, false};
  JsonOut out;
  out.open_object();
  out.key("domain").str(domain);
  out.key("record").str("_upyun-verify." + domain);
  out.key("hash").str(entry.hash);
  out.key("expires_at").num(entry.issued_at + kHashTtl);
  out.close_object();
  return Reply::created(out.take());
}

Reply check_verify_hash(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = find_bucket(call, bucket)) return *error;
  const std::string domain = exact_domain_param(call);
  if (domain.empty()) return call.bad_param();
  auto it = bucket->verify_hashes.find(domain);
  if (it == bucket->verify_hashes.end()) return Reply::error("21231");
  if (call.now - it->second.issued_at > kHashTtl) return Reply::error("21233");
  if (!dns_publishes_hash(call.state, domain)) return Reply::error("21232");
  it->second.verified = true;
  JsonOut out;
  out.open_object().key("result").flag(true).key("domain").str(domain);
  out.key("verified").flag(true).close_object();
  return Reply::ok(out.take());
}

// Anti-hotlinking lists of image and static CDN buckets (21207 for file
// buckets, 21609 for dynamic CDN ones): IPs (21220, 21221, 21237, 21238), user agents (21222,
// 21223, 21239) and referer domains (21225, 21229, 21236). Each POST replaces the whole list; an
// empty value clears it. Checks run in a fixed order: entry count, set length, then each entry in
// turn.

namespace {

constexpr std::string_view kListSeparators = ",; \t\r\n";
constexpr std::string_view kLineSeparators = "\r\n";

// The bucket, if anti-hotlinking applies to its type, and the optional mode.
std::optional<Reply> antileech_bucket(Call& call, Bucket*& bucket) {
  if (auto error = find_bucket(call, bucket)) return error;
  if (const std::string* mode = call.param("mode")) {
    if (*mode != "blacklist" && *mode != "whitelist") return call.bad_param();
  }
  // docs/catalog.md, "Bucket types gate features": 21609 ("CDN not allowed to
  // set Anti-hotlinking") is read as the dynamic CDN type.
  if (bucket->type == BucketType::kUcdn) return Reply::error("21609");
  if (bucket->type == BucketType::kFile) return Reply::error("21207");
  return std::nullopt;
}

// The list as stored: entries joined by ','.
std::size_t joined_length(const std::vector<std::string>& entries) {
  std::size_t n = entries.empty() ? 0 : entries.size() - 1;
  for (const std::string& e : entries) n += e.size();
  return n;
}

void apply_mode(Call& call, Bucket& bucket) {
  if (const std::string* mode = call.param("mode")) bucket.antileech.mode = *mode;
}

}  // namespace

Reply get_antileech(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = antileech_bucket(call, bucket)) return *error;
  const AntiLeech& a = bucket->antileech;
  JsonOut out;
  out.open_object();
  out.key("mode").str(a.mode);
  out.key("ips").strings(a.ips);
  out.key("user_agents").strings(a.user_agents);
  out.key("domains").strings(a.domains);
  out.close_object();
  return Reply::ok(out.take());
}

Reply set_antileech_ips(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = antileech_bucket(call, bucket)) return *error;
  const std::string* text = call.param("ips");
  if (text == nullptr) return call.bad_param();
  std::vector<std::string> ips = split_list(*text, kListSeparators);
  if (ips.size() > kMaxListEntries) return Reply::error("21220");
  if (joined_length(ips) > kMaxListChars) return Reply::error("21238");
  for (const std::string& ip : ips) {
    if (ip.size() > kMaxIpLength) return Reply::error("21237");
    if (!is_valid_ip(ip)) return Reply::error("21221", ip);
  }
  bucket->antileech.ips = std::move(ips);
  apply_mode(call, *bucket);
  return Reply::ok();
}

Reply set_antileech_user_agents(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = antileech_bucket(call, bucket)) return *error;
  const std::string* text = call.param("user_agents");
  if (text == nullptr) return call.bad_param();
  std::vector<std::string> agents = split_list(*text, kLineSeparators);
  if (agents.size() > kMaxListEntries) return Reply::error("21222");
  if (joined_length(agents) > kMaxListChars) return Reply::error("21239");
  for (const std::string& agent : agents) {
    if (!is_valid_user_agent(agent)) return Reply::error("21223", agent);
  }
  bucket->antileech.user_agents = std::move(agents);
  apply_mode(call, *bucket);
  return Reply::ok();
}

Reply set_antileech_domains(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = antileech_bucket(call, bucket)) return *error;
  const std::string* text = call.param("domains");
  if (text == nullptr) return call.bad_param();
  std::vector<std::string> domains = split_list(*text, kListSeparators);
  if (domains.size() > kMaxListEntries) return Reply::error("21229");
  for (std::string& domain : domains) {
    if (domain.size() > kMaxListDomainLength) return Reply::error("21236");
    std::string normal = normalize_domain(domain);
    if (!is_valid_domain(normal, true)) return Reply::error("21225", domain);
    domain = std::move(normal);
  }
  bucket->antileech.domains = std::move(domains);
  apply_mode(call, *bucket);
  return Reply::ok();
}

// Image processing settings of storage buckets (21209 for CDN buckets):
// thumbnail versions (21217, 21218, 21219) and the watermark, uploaded as
// multipart/form-data (21215, 21216, 21224, 21234).

namespace {

constexpr std::int64_t kMaxSide = 10000;
constexpr std::array<std::string_view, 9> kPositions = {
    "northwest", "north", "northeast", "west", "center", "east", "southwest", "south", "southeast"};

std::optional<Reply> storage_bucket(Call& call, Bucket*& bucket) {
  if (auto error = find_bucket(call, bucket)) return error;
  if (is_cdn(bucket->type)) return Reply::error("21209");
  return std::nullopt;
}

// Reads width/height/quality into `thumb`; false when one is malformed.
bool read_thumb_settings(const Call& call, Thumbnail& thumb) {
  struct Field {
    const char* name;
    std::int64_t* target;
    std::int64_t min;
    std::int64_t max;
  };
  for (const Field& f :
       {Field{"width", &thumb.width, 0, kMaxSide}, Field{"height", &thumb.height, 0, kMaxSide},
        Field{"quality", &thumb.quality, 1, 100}}) {
    const std::string* text = call.param(f.name);
    if (text == nullptr) continue;
    std::optional<std::int64_t> value = parse_count(*text, f.max);
    if (!value || *value < f.min) return false;
    *f.target = *value;
  }
  return true;
}

const std::string* thumb_name(const Call& call) {
  const std::string* name = call.param("thumb_name");
  return name != nullptr && is_valid_thumb_name(*name) ? name : nullptr;
}

}  // namespace

Reply list_thumbnails(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = storage_bucket(call, bucket)) return *error;
  JsonOut out;
  out.open_object().key("thumbnails").open_array();
  for (const auto& [name, t] : bucket->thumbnails) {
    out.open_object().key("thumb_name").str(name).key("width").num(t.width);
    out.key("height").num(t.height).key("quality").num(t.quality).close_object();
  }
  out.close_array().close_object();
  return Reply::ok(out.take());
}

Reply create_thumbnail(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = storage_bucket(call, bucket)) return *error;
  const std::string* name = thumb_name(call);
  Thumbnail thumb;
  if (name == nullptr || !read_thumb_settings(call, thumb)) return call.bad_param();
  if (bucket->thumbnails.count(*name) != 0) return Reply::error("21218");
  if (bucket->thumbnails.size() >= kMaxThumbnails) return Reply::error("21217");
  bucket->thumbnails.emplace(*name, thumb);
  return Reply::created();
}

Reply update_thumbnail(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = storage_bucket(call, bucket)) return *error;
  const std::string* name = thumb_name(call);
  if (name == nullptr) return call.bad_param();
  auto it = bucket->thumbnails.find(*name);
  if (it == bucket->thumbnails.end()) return Reply::error("21219");
  Thumbnail updated = it->second;
  if (!read_thumb_settings(call, updated)) return call.bad_param();
  it->second = updated;
  return Reply::ok();
}

Reply delete_thumbnail(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = storage_bucket(call, bucket)) return *error;
  const std::string* name = thumb_name(call);
  if (name == nullptr) return call.bad_param();
  if (bucket->thumbnails.erase(*name) == 0) return Reply::error("21219");
  return Reply::ok();
}

Reply get_watermark(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = storage_bucket(call, bucket)) return *error;
  const Watermark& w = bucket->watermark;
  JsonOut out;
  out.open_object();
  out.key("watermark_enable").flag(w.enabled);
  out.key("file_name").str(w.file_name);
  out.key("file_size").num(static_cast<std::int64_t>(w.file_size));
  out.key("position").str(w.position);
  out.key("opacity").num(w.opacity);
  out.close_object();
  return Reply::ok(out.take());
}

Reply set_watermark(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = storage_bucket(call, bucket)) return *error;
  Watermark next = bucket->watermark;
  if (const std::string* text = call.param("watermark_enable")) {
    std::optional<bool> enable = parse_flag(*text);
    if (!enable) return call.bad_param();
    next.enabled = *enable;
  }
  if (const std::string* position = call.param("position")) {
    if (std::find(kPositions.begin(), kPositions.end(), *position) == kPositions.end()) {
      return call.bad_param();
    }
    next.position = *position;
  }
  if (const std::string* text = call.param("opacity")) {
    std::optional<std::int64_t> opacity = parse_count(*text, 100);
    if (!opacity) return call.bad_param();
    next.opacity = *opacity;
  }
  const std::vector<UploadedFile>& files = call.request.files;
  if (files.size() > 1) return Reply::error("21215");
  if (files.size() == 1) {
    const UploadedFile& file = files.front();
    if (file.data.size() > kMaxWatermarkBytes) return Reply::error("21216");
    if (!looks_like_image(file.data)) return Reply::error("21234");
    next.has_file = true;
    next.file_name = file.filename;
    next.file_size = file.data.size();
  }
  if (next.enabled && !next.has_file) return Reply::error("21224");
  bucket->watermark = std::move(next);
  return Reply::ok();
}

}  // namespace errcontract::internal
