// Real-name verification through a third-party identity provider (module
// 220). The account submits its provider account; the provider checks it
// and later calls back, signed, with the result. A provider account
// verifies one UpYun account only, counted from submission on (22001); a
// fixture makes the provider refuse some provider accounts (22002).
// Passing is irreversible: nothing here un-verifies an account.
#include "handlers/handlers.h"

#include "rules/signature.h"
#include "server/json_out.h"

namespace errcontract::internal {
namespace {

constexpr std::size_t kMaxProviderName = 32;
constexpr std::size_t kMaxProviderAccount = 64;
constexpr std::size_t kMaxRealName = 64;

// The provider named by `provider`: 22004 when missing, malformed or unknown
// (the provider list is not a resource a client looks up).
std::optional<Reply> find_provider(Call& call, VerificationProvider*& provider) {
  const std::string* name = call.param("provider");
  if (name == nullptr || !is_identifier(*name, kMaxProviderName)) return call.bad_param();
  auto it = call.state.third_parties.providers.find(*name);
  if (it == call.state.third_parties.providers.end()) return call.bad_param();
  provider = &it->second;
  return std::nullopt;
}

// Drops a pending request and frees the provider account it claimed.
void drop_pending(ThirdPartyWorld& world, const std::string& id) {
  auto it = world.pending.find(id);
  if (it == world.pending.end()) return;
  world.claimed_ids.erase(third_party_key(it->second.provider, it->second.third_party_id));
  world.pending.erase(it);
}

}  // namespace

std::optional<Reply> require_verified(const Call& call) {
  if (!call.account.third_party.verified) return Reply::error("22005");
  return std::nullopt;
}

Reply get_verification(Call& call) {
  const AccountThirdParty& mine = call.account.third_party;
  JsonOut out;
  out.open_object().key("verified").flag(mine.verified);
  out.key("provider").str(mine.verified_provider).key("third_party_id").str(mine.verified_id);
  out.key("pending_id").str(mine.pending_id).close_object();
  return Reply::ok(out.take());
}

Reply submit_verification(Call& call) {
  const std::string* third_party_id = call.param("third_party_id");
  const std::string* real_name = call.param("real_name");
  if (third_party_id == nullptr || !is_identifier(*third_party_id, kMaxProviderAccount) ||
      real_name == nullptr || real_name->empty() || real_name->size() > kMaxRealName) {
    return call.bad_param();
  }
  VerificationProvider* provider = nullptr;
  if (auto error = find_provider(call, provider)) return *error;
  AccountThirdParty& mine = call.account.third_party;
  ThirdPartyWorld& world = call.state.third_parties;
  // "account verify already exists": this account's own verification, or
  // the provider account's claim by another account (the Chinese text).
  if (mine.verified) return Reply::error("22001");
  const std::string key = third_party_key(provider->name, *third_party_id);
  auto claim = world.claimed_ids.find(key);
  if (claim != world.claimed_ids.end() && claim->second != call.account.name) {
    return Reply::error("22001");
  }
  if (provider->rejected.count(*third_party_id) != 0) return Reply::error("22002");
  // A new request replaces the account's pending one.
  if (!mine.pending_id.empty()) drop_pending(world, mine.pending_id);
  PendingVerification pending{"v" + call.state.random_hex(24),
                              call.account.name,
                              provider->name,
                              *third_party_id,
                              *real_name,
                              call.now};
  mine.pending_id = pending.id;
  world.claimed_ids[key] = call.account.name;
  world.pending[pending.id] = pending;
  JsonOut out;
  out.open_object().key("verification_id").str(pending.id).key("status").str("pending");
  out.close_object();
  return Reply::ok(out.take());
}

// The provider's verdict: provider, verification_id, result (pass or fail),
// timestamp, sign.
Reply verification_callback(Call& call) {
  const std::string* id = call.param("verification_id");
  const std::string* result = call.param("result");
  const std::string* sign = call.param("sign");
  const std::string* timestamp = call.param("timestamp");
  if (id == nullptr || !is_identifier(*id, kMaxProviderAccount) || result == nullptr ||
      (*result != "pass" && *result != "fail") || sign == nullptr || sign->empty() ||
      timestamp == nullptr || timestamp->empty()) {
    return call.bad_param();
  }
  VerificationProvider* provider = nullptr;
  if (auto error = find_provider(call, provider)) return *error;
  if (!callback_verifies(call.request.params, provider->secret,
                         {"provider", "result", "timestamp", "verification_id"}, call.now,
                         kCallbackMaxSkew)) {
    return Reply::error("22003");
  }
  ThirdPartyWorld& world = call.state.third_parties;
  auto it = world.pending.find(*id);
  if (it == world.pending.end() || it->second.provider != provider->name) return call.bad_param();
  const PendingVerification pending = it->second;
  AccountThirdParty& theirs = call.state.accounts.at(pending.account).third_party;
  theirs.pending_id.clear();
  if (*result == "fail") {
    drop_pending(world, pending.id);
    return Reply::ok();
  }
  world.pending.erase(it);  // the claim stays: the provider account is used now
  theirs.verified = true;
  theirs.verified_provider = pending.provider;
  theirs.verified_id = pending.third_party_id;
  return Reply::ok();
}

}  // namespace errcontract::internal
