// Module 215 and 220 state: the third-party services an account can bind
// (each with the secret that signs its callbacks, and the failures a fixture
// can put it in), the bindings themselves, and real-name verification by a
// third-party provider (claims on provider accounts, pending requests).
// Plain data; the rules live in handlers/binding.cc and
// handlers/verification.cc.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>

namespace errcontract::internal {

// A signed callback's timestamp may be this far from the clock, either way
// (21509, 22003): older ones are replays.
inline constexpr std::int64_t kCallbackMaxSkew = 5 * 60;

// One entry of the binding service registry (21502 when a name is not here).
struct BindingService {
  std::string name;
  std::string secret;                       // shared with the partner; signs its callbacks (21509)
  bool token_exchange_down = false;         // fixture: the partner's token endpoint fails (21503)
  std::set<std::string> unavailable_users;  // fixture: the partner fails on these (21508)

  bool operator==(const BindingService&) const = default;
};

struct Binding {
  std::string service;
  std::string uid;  // the user at the partner
  std::int64_t bound_at = 0;

  bool operator==(const Binding&) const = default;
};

// A real-name verification provider (an identity service).
struct VerificationProvider {
  std::string name;
  std::string secret;              // signs its callbacks (22003)
  std::set<std::string> rejected;  // fixture: provider accounts it refuses to verify (22002)

  bool operator==(const VerificationProvider&) const = default;
};

struct PendingVerification {
  std::string id;
  std::string account;
  std::string provider;
  std::string third_party_id;
  std::string real_name;
  std::int64_t submitted_at = 0;

  bool operator==(const PendingVerification&) const = default;
};

struct AccountThirdParty {
  std::map<std::string, Binding> bindings;  // by service: one binding per service
  // Real-name verification. Accounts are verified unless seeded otherwise
  // (the unverified_token fixture), so the gate (22005) stays out of the
  // other modules' way.
  bool verified = true;
  std::string verified_provider;
  std::string verified_id;
  std::string pending_id;  // the caller's pending request, if any

  bool operator==(const AccountThirdParty&) const = default;
};

struct ThirdPartyWorld {
  std::map<std::string, BindingService> services;
  // "service\nuid" -> account: a partner user is bound to one account (21505).
  std::map<std::string, std::string> bound_users;
  std::map<std::string, VerificationProvider> providers;
  // "provider\nid" -> account: a provider account verifies one account,
  // counted from submission on (22001).
  std::map<std::string, std::string> claimed_ids;
  std::map<std::string, PendingVerification> pending;  // by verification id

  bool operator==(const ThirdPartyWorld&) const = default;
};

inline std::string third_party_key(const std::string& service, const std::string& user) {
  return service + "\n" + user;
}

}  // namespace errcontract::internal
