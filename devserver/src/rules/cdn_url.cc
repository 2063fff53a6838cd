// Kept apart from the purge URL parser of rules/bucket_rules.cc on purpose: that one
// accepts only domain names (a purge names a bound domain), while origins may
// be IPv4 addresses.
#include "rules/cdn_url.h"

#include <arpa/inet.h>

#include "server/validate.h"

namespace errcontract::internal {

bool is_ipv4(std::string_view text) {
  if (text.empty() || text.size() > 15) return false;
  const std::string copy(text);
  in_addr address{};
  return inet_pton(AF_INET, copy.c_str(), &address) == 1;
}

std::optional<HttpUrl> parse_http_url(std::string_view text) {
  const std::size_t scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) return std::nullopt;
  HttpUrl url;
  url.scheme = normalize_domain(text.substr(0, scheme_end));  // lower-cases
  if (url.scheme != "http" && url.scheme != "https") return std::nullopt;
  std::string_view rest = text.substr(scheme_end + 3);
  const std::size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  const std::string_view path = slash == std::string_view::npos ? "/" : rest.substr(slash);
  if (authority.find('@') != std::string_view::npos) return std::nullopt;
  if (const std::size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
    const std::optional<std::int64_t> port = parse_count(authority.substr(colon + 1), 65535);
    if (!port || *port == 0) return std::nullopt;
    url.port = *port;
    authority = authority.substr(0, colon);
  }
  // normalize_domain would also drop blanks around the host: refuse them instead.
  if (authority.empty() || authority.find_first_of(" \t\r\n") != std::string_view::npos) {
    return std::nullopt;
  }
  url.host = normalize_domain(authority);
  if (!is_valid_domain(url.host, false) && !is_ipv4(url.host)) return std::nullopt;
  for (char c : path) {
    if (c <= 0x20 || c >= 0x7F) return std::nullopt;
  }
  url.path = std::string(path);
  return url;
}

}  // namespace errcontract::internal
