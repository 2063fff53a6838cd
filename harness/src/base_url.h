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

  std::string to_string() const;  // "https://host:443"
};

// Accepts scheme://host[:port][/]; the scheme is http or https. A path
// prefix, user info, query or fragment is rejected (requests are sent to the
// paths the cases name, verbatim).
Result<BaseUrl> parse_base_url(std::string_view url);

}  // namespace errcontract::internal
