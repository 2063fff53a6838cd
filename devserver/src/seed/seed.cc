// Names get a random part so two servers (or two runs against one) never
// share a token or a bucket name, and so no case can hard-code one.
#include "seed/seed.h"

#include <fmt/format.h>

#include "seed/seed_accounts.h"
#include "seed/seed_cdn.h"
#include "seed/seed_https.h"
#include "seed/seed_thirdparty.h"
#include "seed/seed_wallet.h"

namespace errcontract::internal {

Account& add_account(ServerState& state, Fixtures& fixtures, const std::string& fixture_prefix,
                     std::int64_t now) {
  const std::string name = "user-" + state.random_hex(10);
  Account& account = state.accounts[name];
  account.name = name;
  account.password = state.random_hex(24);
  account.created_at = now;
  const std::string token = state.random_hex(40);
  state.tokens[token] = AccessToken{name, 0};
  fixtures[fixture_prefix + "token"] = token;
  fixtures[fixture_prefix + "password"] = account.password;
  fixtures[fixture_prefix + "username"] = name;
  return account;
}

Fixtures seed_fixtures(ServerState& state, std::int64_t now) {
  Fixtures fixtures;
  state.dns_zone = state.random_hex(8) + ".dns.test";
  fixtures["dns_zone"] = state.dns_zone;

  // The main account: verified, a few resources, HTTPS bought for 2 domains.
  const std::string main = add_account(state, fixtures, "", now).name;
  add_account(state, fixtures, "other_", now);

  // The main account's token, expired an hour ago (11002).
  const std::string expired = state.random_hex(40);
  state.tokens[expired] = AccessToken{main, now - 3600};
  fixtures["expired_token"] = expired;

  // An account that already holds the maximum number of buckets (21206).
  const std::string full = add_account(state, fixtures, "full_", now).name;
  const std::string full_prefix = "full-" + state.random_hex(8);
  for (std::size_t i = 0; i < kMaxBucketsPerAccount; ++i) {
    state.create_bucket(full, fmt::format("{}-{}", full_prefix, i), BucketType::kFile, 0, now);
  }

  // A bucket holding files: the management API cannot upload (21205).
  const std::string files_bucket = "files-" + state.random_hex(10);
  state.create_bucket(main, files_bucket, BucketType::kFile, 0, now).files = 3;
  fixtures["files_bucket"] = files_bucket;

  // A CDN bucket that had its five whole-site purges of the day, the last one
  // eleven minutes ago (21228); the history ages out 24 hours after start.
  const std::string purged = "purged-" + state.random_hex(10);
  Bucket& purged_bucket = state.create_bucket(main, purged, BucketType::kCdn, 0, now);
  for (std::int64_t minutes : {55, 44, 33, 22, 11}) {
    purged_bucket.whole_site_purges.push_back(now - minutes * 60);
  }
  fixtures["purged_bucket"] = purged;
  fixtures["purged_domain"] = purged_bucket.default_domain;

  // A verification hash issued two days ago for a domain the simulated DNS
  // would confirm, so only its age fails it (21233).
  const std::string stale = "stale-" + state.random_hex(10);
  const std::string stale_domain = "www." + stale + "." + state.dns_zone;
  state.create_bucket(main, stale, BucketType::kFile, 0, now).verify_hashes[stale_domain] =
      VerifyHash{state.random_hex(32), now - 2 * kDay, false};
  fixtures["stale_hash_bucket"] = stale;
  fixtures["stale_hash_domain"] = stale_domain;
  seed_https_fixtures(state, fixtures, now);
  seed_cdn_fixtures(state, fixtures, now);
  seed_account_fixtures(state, fixtures, now);
  seed_thirdparty_fixtures(state, fixtures, now);
  seed_wallet_fixtures(state, fixtures, now);
  return fixtures;
}

}  // namespace errcontract::internal
