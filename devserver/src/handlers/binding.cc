// Third-party bindings (module 215). Binding runs an OAuth authorization-code
// exchange with the partner; the server simulates the partners: the code a
// client sends names the partner user (no code is one-time here), and the
// fixtures put a partner's token endpoint (21503) or its user-data endpoint
// (21508, Testin) into a failing state. The partner's callback is signed
// with the secret it shares with the server (21509).
#include "handlers/handlers.h"

#include "rules/signature.h"
#include "server/json_out.h"

namespace errcontract::internal {
namespace {

constexpr std::size_t kMaxServiceName = 32;
constexpr std::size_t kMaxPartnerId = 128;
constexpr char kTestin[] = "testin";

std::string binding_json(const Binding& binding) {
  JsonOut out;
  out.open_object().key("service").str(binding.service).key("uid").str(binding.uid);
  out.key("bound_at").num(binding.bound_at).close_object();
  return out.take();
}

// The registered service named by `service`: the route's parameter error
// when it is missing or malformed, 21502 when no such service is registered.
std::optional<Reply> find_service(Call& call, BindingService*& service) {
  const std::string* name = call.param("service");
  if (name == nullptr || !is_identifier(*name, kMaxServiceName)) return call.bad_param();
  auto it = call.state.third_parties.services.find(*name);
  if (it == call.state.third_parties.services.end()) return Reply::error("21502");
  service = &it->second;
  return std::nullopt;
}

void remove_binding(ServerState& state, Account& account, const std::string& service) {
  auto it = account.third_party.bindings.find(service);
  if (it == account.third_party.bindings.end()) return;
  state.third_parties.bound_users.erase(third_party_key(service, it->second.uid));
  account.third_party.bindings.erase(it);
}

}  // namespace

Reply list_bindings(Call& call) {
  JsonOut out;
  out.open_object().key("bindings").open_array();
  for (const auto& [service, binding] : call.account.third_party.bindings) {
    out.open_object().key("service").str(service).key("uid").str(binding.uid);
    out.key("bound_at").num(binding.bound_at).close_object();
  }
  out.close_array().close_object();
  return Reply::ok(out.take());
}

Reply bind_service(Call& call) {
  const std::string* code = call.param("code");
  if (code == nullptr || !is_identifier(*code, kMaxPartnerId)) return call.bad_param();
  BindingService* service = nullptr;
  if (auto error = find_service(call, service)) return *error;
  AccountThirdParty& mine = call.account.third_party;
  if (mine.bindings.count(service->name) != 0) return Reply::error("21505");
  // The token exchange: the partner answers with the user the code names.
  if (service->token_exchange_down) return Reply::error("21503");
  const std::string& uid = *code;
  const std::string key = third_party_key(service->name, uid);
  if (call.state.third_parties.bound_users.count(key) != 0) return Reply::error("21505");
  call.state.third_parties.bound_users[key] = call.account.name;
  Binding& binding = mine.bindings[service->name];
  binding = Binding{service->name, uid, call.now};
  return Reply::created(binding_json(binding));
}

Reply unbind_service(Call& call) {
  BindingService* service = nullptr;
  if (auto error = find_service(call, service)) return *error;
  if (call.account.third_party.bindings.count(service->name) == 0) return Reply::error("21504");
  remove_binding(call.state, call.account, service->name);
  return Reply::ok();
}

Reply testin_user(Call& call) {
  auto binding = call.account.third_party.bindings.find(kTestin);
  if (binding == call.account.third_party.bindings.end()) return Reply::error("21504");
  const BindingService& testin = call.state.third_parties.services.at(kTestin);
  if (testin.unavailable_users.count(binding->second.uid) != 0) return Reply::error("21508");
  JsonOut out;
  out.open_object().key("service").str(kTestin).key("uid").str(binding->second.uid);
  out.key("nickname").str("testin:" + binding->second.uid).close_object();
  return Reply::ok(out.take());
}

// The partner tells the server that one of its users revoked the
// authorization: the binding goes. Parameters: service, uid, event=revoke,
// timestamp, sign.
Reply binding_callback(Call& call) {
  const std::string* uid = call.param("uid");
  const std::string* event = call.param("event");
  const std::string* sign = call.param("sign");
  const std::string* timestamp = call.param("timestamp");
  if (uid == nullptr || !is_identifier(*uid, kMaxPartnerId) || event == nullptr ||
      *event != "revoke" || sign == nullptr || sign->empty() || timestamp == nullptr ||
      timestamp->empty()) {
    return call.bad_param();
  }
  BindingService* service = nullptr;
  if (auto error = find_service(call, service)) return *error;
  if (!callback_verifies(call.request.params, service->secret,
                         {"event", "service", "timestamp", "uid"}, call.now, kCallbackMaxSkew)) {
    return Reply::error("21509");
  }
  auto owner = call.state.third_parties.bound_users.find(third_party_key(service->name, *uid));
  if (owner == call.state.third_parties.bound_users.end()) return Reply::error("21504");
  remove_binding(call.state, call.state.accounts.at(owner->second), service->name);
  return Reply::ok();
}

}  // namespace errcontract::internal
