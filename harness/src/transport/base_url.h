// Parsing of a target's base URL ("http://127.0.0.1:8080", "https://staging.example.com")
// into scheme, host and port, so that a bad --target is a usage error with a
// clear message instead of a failed connection.
#pragma once

#include <string>
#include <string_view>

#include "errcontract/result.h"

namespace errcontract::internal {

struct BaseUrl {
  bool https = false;
  std::string host;  // without brackets for IPv6 literals ("::1")
  int port = 0;      // the scheme's default port when the URL names none
  std::string path;  // base path without a trailing slash: "" or "/api/v1"

  std::string to_string() const;  // "https://host:443"
};

// Accepts scheme://host[:port][/base/path][/]; the scheme is http or https.
// User info, a query or a fragment is rejected. Requests are sent to the base
// path followed by the path the case names.
Result<BaseUrl> parse_base_url(std::string_view url);

// The proxy URL to use for `target`: `explicit_proxy` when given (--proxy),
// else HTTPS_PROXY / HTTP_PROXY by the target's scheme (upper or lower case),
// unless NO_PROXY matches the host ("*", a host, or a domain suffix, each
// optionally with :port). `getenv` is injected for tests.
std::string proxy_for(const BaseUrl& target, const std::string& explicit_proxy,
                      const char* (*getenv)(const char*));

}  // namespace errcontract::internal
