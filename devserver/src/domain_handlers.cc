// Custom domains of a bucket: binding (21607, 21208, 21210, 21211, 21240, 21241),
// unbinding (21212, 21213, 21214) and the per-domain HTTPS switch (21235).
// Every bound domain, the provider's defaults included, is in the global
// domain index, so uniqueness and overlap hold across accounts.
#include "handlers.h"
#include "json_out.h"
#include "validate.h"

namespace errcontract::internal {
namespace {

// The provider's own zones: nobody binds names under them (21208).
bool is_provider_domain(std::string_view domain) {
  for (std::string_view zone : {"upaiyun.com", "aicdn.com", "upyun.com"}) {
    if (domain == zone) return true;
    if (domain.size() > zone.size() && domain.substr(domain.size() - zone.size()) == zone &&
        domain[domain.size() - zone.size() - 1] == '.') {
      return true;
    }
  }
  return false;
}

bool is_wildcard(std::string_view domain) { return domain.substr(0, 2) == "*."; }

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

Reply list_domains(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = find_bucket(call, bucket)) return *error;
  JsonOut out;
  out.open_object().key("domains").open_array();
  out.open_object().key("domain").str(bucket->default_domain).key("type").str("default");
  out.key("https").flag(true).close_object();
  for (const std::string& d : bucket->custom_domains) {
    out.open_object().key("domain").str(d).key("type").str("custom");
    out.key("https").flag(bucket->https_domains.count(d) != 0).close_object();
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
  call.state.domains[domain] = bucket->name;
  return Reply::created();
}

Reply unbind_domain(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = find_bucket(call, bucket)) return *error;
  const std::string domain = domain_param(call, true);
  if (domain.empty()) return call.bad_param();
  if (domain == bucket->default_domain) {
    return Reply::error(is_cdn(bucket->type) ? "21213" : "21212");
  }
  if (!is_bound_to(*bucket, domain)) return Reply::error("21214");
  std::erase(bucket->custom_domains, domain);
  bucket->https_domains.erase(domain);
  call.state.domains.erase(domain);
  return Reply::ok();
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

}  // namespace errcontract::internal
