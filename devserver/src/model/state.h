// The reference server's in-memory world: accounts and their tokens, buckets
// with everything configured on them, operators, and the indexes the rules
// need (which bucket a domain is bound to). One mutex guards all of it; the
// dispatcher holds it for the whole of a request.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "model/state_accounts.h"
#include "model/state_agents.h"
#include "model/state_cdn.h"
#include "model/state_https.h"
#include "model/state_thirdparty.h"
#include "model/state_wallet.h"

namespace errcontract::internal {

// The documented limits, in one place so the rules and the docs agree.
inline constexpr std::size_t kMaxBucketsPerAccount = 200;     // 21206
inline constexpr std::size_t kMaxCustomDomains = 5;           // 21211
inline constexpr std::size_t kMaxThumbnails = 30;             // 21217
inline constexpr std::size_t kMaxListEntries = 50;            // 21220, 21222, 21229
inline constexpr std::size_t kMaxIpLength = 39;               // 21237
inline constexpr std::size_t kMaxListDomainLength = 50;       // 21236
inline constexpr std::size_t kMaxListChars = 1024;            // 21238, 21239
inline constexpr std::size_t kMaxWatermarkBytes = 60 * 1024;  // 21216
inline constexpr std::int64_t kPurgeInterval = 10 * 60;       // 21227
inline constexpr std::size_t kPurgesPerDay = 5;               // 21228
inline constexpr std::int64_t kDay = 24 * 60 * 60;
inline constexpr std::int64_t kHashTtl = kDay;  // 21233

enum class BucketType { kFile, kImage, kCdn, kUcdn };

const char* to_string(BucketType type);
bool parse_bucket_type(std::string_view text, BucketType& out);
inline bool is_cdn(BucketType t) { return t == BucketType::kCdn || t == BucketType::kUcdn; }

struct Thumbnail {
  std::int64_t width = 0;
  std::int64_t height = 0;
  std::int64_t quality = 90;

  bool operator==(const Thumbnail&) const = default;
};

struct AntiLeech {
  std::string mode = "blacklist";  // or "whitelist"
  std::vector<std::string> ips;
  std::vector<std::string> user_agents;
  std::vector<std::string> domains;

  bool operator==(const AntiLeech&) const = default;
};

struct Watermark {
  bool enabled = false;
  bool has_file = false;
  std::string file_name;
  std::size_t file_size = 0;
  std::string position = "southeast";
  std::int64_t opacity = 100;

  bool operator==(const Watermark&) const = default;
};

struct CdnOrigin {
  bool configured = false;
  std::string domain;
  std::vector<std::string> ip_tel;
  std::vector<std::string> ip_cnc;

  bool operator==(const CdnOrigin&) const = default;
};

struct VerifyHash {
  std::string hash;
  std::int64_t issued_at = 0;
  bool verified = false;

  bool operator==(const VerifyHash&) const = default;
};

struct Bucket {
  std::string name;
  std::string owner;  // account name
  BucketType type = BucketType::kFile;
  std::int64_t quota = 0;  // GB; 0 = unlimited
  bool visible = true;
  std::int64_t files = 0;
  std::int64_t created_at = 0;
  std::string default_domain;
  std::vector<std::string> custom_domains;  // in binding order
  // Custom domain -> when it was bound (unix s): GET /buckets/domains/ lists it
  // as `updated_at`, which a 2015 client read.
  std::map<std::string, std::int64_t> domains_bound_at;
  std::set<std::string> https_domains;  // custom domains with HTTPS on
  // Granted operator name -> when it was granted (unix s): GET
  // /buckets/operators/ lists it as `bind_at`, which a 2015 client read.
  std::map<std::string, std::int64_t> operators;
  std::map<std::string, Thumbnail> thumbnails;
  AntiLeech antileech;
  Watermark watermark;
  bool formapi_enabled = false;
  std::string formapi_secret;
  CdnOrigin origin;
  std::vector<std::int64_t> whole_site_purges;      // successful "/*" purges, oldest first
  std::map<std::string, VerifyHash> verify_hashes;  // domain -> issued hash
  BucketEdge edge;  // modules 216, 218, 219: CDN config, minify, stats backend

  bool operator==(const Bucket&) const = default;
};

struct Account {
  std::string name;
  std::string password;
  std::int64_t https_quota = 2;  // custom domains that may have HTTPS on (21235)
  std::int64_t created_at = 0;
  std::set<std::string> buckets;
  std::set<std::string> operators;
  AccountHttps https;             // module 217
  AccountProfile profile;         // modules 211, 213
  AccountThirdParty third_party;  // modules 215, 220: bindings, real-name verification
  AccountWallet wallet;           // modules 221, 222: named tokens, tickets, purchases

  bool operator==(const Account&) const = default;
};

struct AccessToken {
  std::string account;
  std::int64_t expires_at = 0;  // 0 = never

  bool operator==(const AccessToken&) const = default;
};

struct Operator {
  std::string name;
  std::string owner;
  std::string realname;
  std::string password;
  bool enabled = true;  // POST /operators/enable/ and /operators/disable/

  bool operator==(const Operator&) const = default;
};

// A mutex that copies as a fresh, unlocked one, so that the state can be
// snapshotted after seeding and restored cheaply (ApiService::reset).
struct StateMutex : std::mutex {
  StateMutex() = default;
  StateMutex(const StateMutex&) : std::mutex() {}
  StateMutex& operator=(const StateMutex&) { return *this; }
  // A mutex holds nothing the state is made of.
  bool operator==(const StateMutex&) const { return true; }
};

struct ServerState {
  StateMutex mutex;
  std::map<std::string, Account> accounts;
  std::map<std::string, AccessToken> tokens;
  std::map<std::string, Bucket> buckets;       // names are global
  std::map<std::string, std::string> domains;  // every bound domain (default ones too) -> bucket
  std::map<std::string, Operator> operators;   // names are global
  std::map<std::string, Certificate> certificates;  // id -> certificate (module 217)
  AgentBook agents;                                 // OAuth clients and orders (module 213)
  ThirdPartyWorld third_parties;  // binding services, verification providers (215, 220)
  WalletBook wallet;              // tickets, the price list, orders (221, 222)
  // Simulated DNS for domain verification: names under this zone publish the
  // hash last issued for them; no other name publishes anything.
  std::string dns_zone;
  std::mt19937_64 rng;

  std::string random_hex(std::size_t length);
  // The bucket `name` if it exists and belongs to `account`.
  Bucket* owned_bucket(const std::string& account, const std::string& name);
  Bucket& create_bucket(const std::string& account, const std::string& name, BucketType type,
                        std::int64_t quota, std::int64_t now);
  void delete_bucket(const std::string& name);
  // HTTPS-enabled custom domains over all of an account's buckets.
  std::size_t https_domains_of(const Account& account) const;

  bool operator==(const ServerState&) const = default;
};

// The provider's default domain for a new bucket of `type`.
std::string default_domain_for(const std::string& bucket, BucketType type);

}  // namespace errcontract::internal
