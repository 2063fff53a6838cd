// The value rules of module 212 that need no state (handlers/bucket.cc calls
// them): purge URLs (POST /purge/), origin hosts and IP lists with their ports
// (POST /buckets/cdn/), and the names no one may bind (PUT /buckets/domains/).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace errcontract::internal {

struct PurgeTarget {
  std::string url;
  std::string host;
  bool whole_site = false;  // "http://host/*"
};

// http(s)://host[:port][/path]; the host must be a domain name.
bool parse_purge_url(const std::string& url, PurgeTarget& out);

// Splits a ":port" suffix off `host` (a host name or an IPv4 address; an
// IPv6 address keeps its colons) and notes a port other than 80. false when
// the suffix is no port number.
bool take_port(std::string& host, bool& other_port);

// A list of origin IPs (each may carry a port); false when one is not an IP address.
bool read_ip_list(const std::string* text, std::vector<std::string>& out, bool& other_port);

// The provider's own zones: nobody binds names under them (21208).
bool is_provider_domain(std::string_view domain);

// "*.example.com".
bool is_wildcard(std::string_view domain);

}  // namespace errcontract::internal
