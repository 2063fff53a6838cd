#include "base_url.h"

#include <fmt/format.h>

namespace errcontract::internal {

namespace {

Status bad_url(std::string_view url, std::string_view why) {
  return Status(StatusCode::kInvalidArgument,
                fmt::format("invalid target URL \"{}\": {}", url, why));
}

bool is_host_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_';
}

}  // namespace

std::string BaseUrl::to_string() const {
  const bool v6 = host.find(':') != std::string::npos;
  return fmt::format("{}://{}{}{}:{}", https ? "https" : "http", v6 ? "[" : "", host, v6 ? "]" : "",
                     port);
}

Result<BaseUrl> parse_base_url(std::string_view url) {
  BaseUrl out;
  std::string_view rest;
  if (url.substr(0, 7) == "http://") {
    rest = url.substr(7);
  } else if (url.substr(0, 8) == "https://") {
    out.https = true;
    rest = url.substr(8);
  } else {
    return bad_url(url, "the scheme must be http:// or https://");
  }
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  if (rest.find_first_of("/?#") != std::string_view::npos) {
    return bad_url(url, "a path, query or fragment is not supported (give scheme://host:port)");
  }
  if (rest.find('@') != std::string_view::npos) return bad_url(url, "user info is not supported");

  std::string_view port_text;
  if (!rest.empty() && rest.front() == '[') {
    const auto close = rest.find(']');
    if (close == std::string_view::npos) return bad_url(url, "unterminated IPv6 literal");
    out.host = std::string(rest.substr(1, close - 1));
    const auto after = rest.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return bad_url(url, "unexpected text after the IPv6 literal");
      port_text = after.substr(1);
      if (port_text.empty()) return bad_url(url, "empty port");
    }
    if (out.host.empty()) return bad_url(url, "empty host");
  } else {
    const auto colon = rest.find(':');
    out.host = std::string(rest.substr(0, colon));
    if (colon != std::string_view::npos) {
      port_text = rest.substr(colon + 1);
      if (port_text.empty()) return bad_url(url, "empty port");
    }
    if (out.host.empty()) return bad_url(url, "empty host");
    for (char c : out.host) {
      if (!is_host_char(c))
        return bad_url(url, fmt::format("unexpected character '{}' in the host", c));
    }
  }

  if (port_text.empty()) {
    out.port = out.https ? 443 : 80;
  } else {
    int port = 0;
    for (char c : port_text) {
      if (c < '0' || c > '9' || port > 65535) return bad_url(url, "the port must be 1-65535");
      port = port * 10 + (c - '0');
    }
    if (port < 1 || port > 65535) return bad_url(url, "the port must be 1-65535");
    out.port = port;
  }
  return out;
}

}  // namespace errcontract::internal
