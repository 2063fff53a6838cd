// Per-bucket state of modules 216 (CDN edge configuration: the default cache
// time, multi-origin servers, custom cache rules, dynamic acceleration), 218
// (css/js/html minify) and 219 (the statistics backend a fixture can break).
// Plain data and the documented limits; the rules live in handlers/cdn.cc,
// handlers/minify.cc and handlers/statistics.cc.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace errcontract::internal {

inline constexpr std::int64_t kMinCacheSeconds = 5;         // 21611, 21624
inline constexpr std::int64_t kMaxCacheSeconds = 31536000;  // one year: 21611, 21624
inline constexpr std::size_t kMaxCacheRules = 50;           // 21621: 50 accepted, 51 rejected
inline constexpr std::size_t kMaxPurgeRules = 10;           // 21606: per rule-purge request
inline constexpr std::size_t kMaxOriginServers = 32;        // per route group (21619)
inline constexpr std::int64_t kMaxOriginWeight = 100;       // 21615: 1..100
inline constexpr std::int64_t kMaxOriginFails = 10;         // 21616: 0..10
inline constexpr std::int64_t kMaxOriginFailTimeout = 300;  // 21617: 1..300 s
inline constexpr std::int64_t kMaxDynamicTimeout = 300;     // dynamic acceleration, 1..300 s

// One origin of a route group (POST /v2/buckets/cdn/source/).
struct OriginServer {
  std::string host;  // an IPv4 address or an http(s) URL
  std::int64_t port = 80;
  std::int64_t weight = 1;
  std::int64_t max_fails = 3;
  std::int64_t fail_timeout = 30;
  bool backup = false;

  bool operator==(const OriginServer&) const = default;
};

// The multi-origin configuration. `groups` maps a route group ("default" for
// cdn.servers, else ctn, cun, cmn, bgp, other, abroad) to its servers.
struct OriginConfig {
  bool configured = false;
  std::string domain;       // the Host sent to the origin; empty = the request's
  std::string source_type;  // http, https or protocol_follow
  std::map<std::string, std::vector<OriginServer>> groups;

  bool operator==(const OriginConfig&) const = default;
};

// A custom cache rule; `expires` is unused in the no-cache list.
struct CacheRule {
  std::string name;
  std::string uri;
  std::int64_t expires = 0;
  std::vector<std::int64_t> status_codes;

  bool operator==(const CacheRule&) const = default;
};

struct DynamicAcceleration {
  bool smart_route = false;
  std::int64_t timeout = 30;

  bool operator==(const DynamicAcceleration&) const = default;
};

struct Minify {
  bool css = false;
  bool js = false;
  bool html = false;

  bool operator==(const Minify&) const = default;
};

struct BucketEdge {
  std::int64_t expired = 0;  // the default cache time in seconds; 0 = the provider's default
  OriginConfig origins;
  std::vector<CacheRule> cache_rules;
  std::vector<CacheRule> nocache_rules;
  DynamicAcceleration dynamic;
  Minify minify;
  // Fixture state: the statistics backend fails every query for this bucket (21901).
  bool stats_backend_broken = false;

  bool operator==(const BucketEdge&) const = default;
};

}  // namespace errcontract::internal
