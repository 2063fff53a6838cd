// The value rules of module 212 that need no state: purge URLs, origin
// hosts with their ports, and which domain names may be bound.
#include "rules/bucket_rules.h"

#include "server/validate.h"

namespace errcontract::internal {
namespace {

constexpr std::string_view kIpSeparators = ",; \t\r\n";

}  // namespace

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

bool take_port(std::string& host, bool& other_port) {
  const std::size_t colon = host.rfind(':');
  if (colon == std::string::npos || is_valid_ip(host)) return true;
  const auto port = parse_count(std::string_view(host).substr(colon + 1), 65535);
  if (!port || *port == 0) return false;
  other_port = other_port || *port != 80;
  host.resize(colon);
  return true;
}

bool read_ip_list(const std::string* text, std::vector<std::string>& out, bool& other_port) {
  out.clear();
  if (text == nullptr) return true;
  for (std::string& ip : split_list(*text, kIpSeparators)) {
    if (!take_port(ip, other_port) || !is_valid_ip(ip)) return false;
    out.push_back(std::move(ip));
  }
  return true;
}

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

}  // namespace errcontract::internal
