// Every secret and partner id is random per instance. Cases that need a
// partner in a failing state name it through a fixture, so the healthy
// services (weibo, qq, github, wechat, testin) stay healthy for the others.
#include "seed/seed_thirdparty.h"

#include "seed/seed.h"

namespace errcontract::internal {
namespace {

BindingService& add_service(ServerState& state, const std::string& name) {
  BindingService& service = state.third_parties.services[name];
  service.name = name;
  service.secret = state.random_hex(40);
  return service;
}

}  // namespace

void seed_thirdparty_fixtures(ServerState& state, Fixtures& fixtures, std::int64_t now) {
  ThirdPartyWorld& world = state.third_parties;
  for (const char* name : {"weibo", "qq", "github", "wechat", "testin"}) add_service(state, name);
  fixtures["binding_weibo_secret"] = world.services.at("weibo").secret;

  // A registered partner whose token endpoint fails (21503).
  const std::string down = "partner-" + state.random_hex(8);
  add_service(state, down).token_exchange_down = true;
  fixtures["binding_down_service"] = down;

  // An account bound to a Testin user the partner cannot return (21508).
  Account& testin_account = add_account(state, fixtures, "testin_", now);
  const std::string testin_uid = "tu-" + state.random_hex(12);
  world.services.at("testin").unavailable_users.insert(testin_uid);
  testin_account.third_party.bindings["testin"] = Binding{"testin", testin_uid, now};
  world.bound_users[third_party_key("testin", testin_uid)] = testin_account.name;

  for (const char* name : {"alipay", "zhima"}) {
    VerificationProvider& provider = world.providers[name];
    provider.name = name;
    provider.secret = state.random_hex(40);
  }
  VerificationProvider& alipay = world.providers.at("alipay");
  fixtures["verification_provider"] = alipay.name;
  fixtures["verification_secret"] = alipay.secret;
  const std::string rejected = "ap-" + state.random_hex(12);
  alipay.rejected.insert(rejected);
  fixtures["verification_rejected_id"] = rejected;

  // The main account passed verification with this provider account (22001).
  Account& main = state.accounts.at(fixtures.at("username"));
  main.third_party.verified_provider = alipay.name;
  main.third_party.verified_id = "ap-" + state.random_hex(12);
  world.claimed_ids[third_party_key(alipay.name, main.third_party.verified_id)] = main.name;
  fixtures["verification_taken_id"] = main.third_party.verified_id;

  // An account that never passed verification (22001, 22002, 22005).
  add_account(state, fixtures, "unverified_", now).third_party.verified = false;
}

}  // namespace errcontract::internal
