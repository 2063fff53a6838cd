// Cases that change state create their own accounts through the `agent`
// client, so these fixtures are only read or refused: a second run against
// the same server finds them as the first did.
#include "seed/seed_accounts.h"

#include <fmt/format.h>

#include <random>

#include "rules/account_rules.h"
#include "seed/seed.h"

namespace errcontract::internal {
namespace {

constexpr std::int64_t kYuan = 100;

void add_client(ServerState& state, Fixtures& fixtures, const std::string& prefix,
                OAuthClient client) {
  client.client_id = "client-" + state.random_hex(12);
  client.client_secret = state.random_hex(32);
  fixtures[prefix + "client_id"] = client.client_id;
  fixtures[prefix + "client_secret"] = client.client_secret;
  state.agents.clients[client.client_id] = std::move(client);
}

// A mainland mobile number no case can type in by chance.
std::string random_mobile(ServerState& state) {
  std::uniform_int_distribution<std::int64_t> pick(0, 999'999'999);
  return fmt::format("15{:09}", pick(state.rng));
}

}  // namespace

void seed_account_fixtures(ServerState& state, Fixtures& fixtures, std::int64_t now) {
  // The agent the cases create their accounts with: money and pool to spare.
  add_client(state, fixtures, "agent_",
             OAuthClient{{}, {}, true, 100'000 * kYuan, 1'000'000, 1 * kYuan, {}});
  // An agent whose pool holds 5 GB for all its accounts (21302).
  add_client(state, fixtures, "small_agent_",
             OAuthClient{{}, {}, true, 1'000 * kYuan, 5, 1 * kYuan, {}});
  // An agent without a price config (21306).
  add_client(state, fixtures, "noprice_agent_",
             OAuthClient{{}, {}, true, 1'000 * kYuan, 100, std::nullopt, {}});
  // A partner application: it may use the password grant, not create accounts (21310).
  add_client(state, fixtures, "app_", OAuthClient{{}, {}, false, 0, 0, std::nullopt, {}});

  add_account(state, fixtures, "blocked_", now).profile.status = AccountStatus::kBlocked;
  add_account(state, fixtures, "rejected_", now).profile.status = AccountStatus::kRejected;
  add_account(state, fixtures, "billing_broken_", now).profile.billing_broken = true;

  // Both contacts verified: 21108, 21109, 21115, and "taken" for 21117/21118.
  AccountProfile& verified = add_account(state, fixtures, "verified_", now).profile;
  verified.mobile = random_mobile(state);
  verified.email = fmt::format("verified-{}@example.com", state.random_hex(8));
  verified.mobile_verified = verified.email_verified = true;
  fixtures["verified_mobile"] = verified.mobile;
  fixtures["verified_email"] = verified.email;

  // A mobile number whose code went out eleven minutes before start (21106).
  AccountProfile& stale = add_account(state, fixtures, "stale_code_", now).profile;
  stale.mobile = random_mobile(state);
  fixtures["stale_code"] = issue_code(state, stale.mobile_code, stale.mobile, now - kCodeTtl - 60);
  stale.sms_sends.push_back(now - kCodeTtl - 60);
}

}  // namespace errcontract::internal
