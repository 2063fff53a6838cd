#include "transport/base_url.h"

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
  return fmt::format("{}://{}{}{}:{}{}", https ? "https" : "http", v6 ? "[" : "", host,
                     v6 ? "]" : "", port, path);
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
  if (rest.find_first_of("?#") != std::string_view::npos) {
    return bad_url(url, "a query or fragment is not supported (give scheme://host:port/base/path)");
  }
  if (const auto slash = rest.find('/'); slash != std::string_view::npos) {
    std::string_view path = rest.substr(slash);
    rest = rest.substr(0, slash);
    while (!path.empty() && path.back() == '/') path.remove_suffix(1);
    for (char c : path) {
      if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f)
        return bad_url(url, "the base path holds a space or control character");
    }
    out.path = std::string(path);
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

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

const char* env_either(const char* upper, const char* lower_name,
                       const char* (*getenv)(const char*)) {
  const char* value = getenv(upper);
  if (value == nullptr || *value == '\0') value = getenv(lower_name);
  return value != nullptr && *value != '\0' ? value : nullptr;
}

// One NO_PROXY entry against the host and port.
bool no_proxy_matches(std::string_view entry, const BaseUrl& target) {
  while (!entry.empty() && entry.front() == ' ') entry.remove_prefix(1);
  while (!entry.empty() && entry.back() == ' ') entry.remove_suffix(1);
  if (entry.empty()) return false;
  if (entry == "*") return true;
  std::string host = lower(entry);
  if (const auto colon = host.rfind(':');
      colon != std::string::npos && host.find(':') == colon && host.front() != '[') {
    if (host.substr(colon + 1) != std::to_string(target.port)) return false;
    host.resize(colon);
  }
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  if (!host.empty() && host.front() == '.') host.erase(0, 1);
  const std::string name = lower(target.host);
  if (name == host) return true;
  return name.size() > host.size() &&
         name.compare(name.size() - host.size(), host.size(), host) == 0 &&
         name[name.size() - host.size() - 1] == '.';
}

}  // namespace

std::string proxy_for(const BaseUrl& target, const std::string& explicit_proxy,
                      const char* (*getenv)(const char*)) {
  if (!explicit_proxy.empty()) return explicit_proxy;
  const char* proxy = target.https ? env_either("HTTPS_PROXY", "https_proxy", getenv)
                                   : env_either("HTTP_PROXY", "http_proxy", getenv);
  if (proxy == nullptr) return {};
  if (const char* no_proxy = env_either("NO_PROXY", "no_proxy", getenv)) {
    std::string_view list(no_proxy);
    while (!list.empty()) {
      const auto comma = list.find(',');
      if (no_proxy_matches(list.substr(0, comma), target)) return {};
      if (comma == std::string_view::npos) break;
      list.remove_prefix(comma + 1);
    }
  }
  return proxy;
}

}  // namespace errcontract::internal
