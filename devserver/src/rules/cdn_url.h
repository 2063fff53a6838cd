// The http(s) URLs of the CDN endpoints: preheat targets, rule-purge patterns
// and origin servers given as URLs. One strict parser, so the three agree on
// what a URL is: a scheme, a host (a domain name or an IPv4 address), an
// optional port and a path of printable ASCII without blanks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace errcontract::internal {

struct HttpUrl {
  std::string scheme;     // "http" or "https", lower-cased
  std::string host;       // lower-cased, no trailing dot
  std::int64_t port = 0;  // 0 when the URL names none
  std::string path;       // "/" when the URL has none; the query string stays in it
};

// nullopt for anything else: another scheme, user info, an empty or invalid
// host, a port outside 1-65535, a path that does not start with '/' or holds
// a blank or a byte outside printable ASCII.
std::optional<HttpUrl> parse_http_url(std::string_view text);

// A dotted-quad IPv4 address (no IPv6, no shortened forms).
bool is_ipv4(std::string_view text);

}  // namespace errcontract::internal
