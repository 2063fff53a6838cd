// Anti-hotlinking lists of image and static CDN buckets (21207 for file
// buckets, 21609 for dynamic CDN ones): IPs (21220, 21221, 21237, 21238), user agents (21222,
// 21223, 21239) and referer domains (21225, 21229, 21236). Each POST replaces the whole list; an
// empty value clears it. Checks run in a fixed order: entry count, set length, then each entry in
// turn.
#include "handlers.h"
#include "json_out.h"
#include "validate.h"

namespace errcontract::internal {
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

}  // namespace errcontract::internal
