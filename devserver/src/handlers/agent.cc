// Agents place orders for storage on the accounts they created: creating an
// order prices it from the agent's price config (21306), an optional `price`
// must be well-formed and equal to that amount (21308); paying it (once:
// 21304) takes the amount from the agent's balance (21305) and raises the
// account's storage limit. The agent's pool bounds what all its accounts'
// buckets may reserve (21302); an account's limit bounds its own (21307).
#include "handlers/handlers.h"

#include "model/money.h"
#include "server/json_out.h"
#include "server/validate.h"

namespace errcontract::internal {
namespace {

// The bucket quotas of `account`, leaving out the bucket named `except`.
std::int64_t quotas_of(const ServerState& state, const Account& account,
                       const std::string& except) {
  std::int64_t total = 0;
  for (const std::string& name : account.buckets) {
    if (name != except) total += state.buckets.at(name).quota;
  }
  return total;
}

std::int64_t pool_used(const ServerState& state, const OAuthClient& agent,
                       const std::string& except) {
  std::int64_t total = 0;
  for (const std::string& name : agent.accounts) {
    total += quotas_of(state, state.accounts.at(name), except);
  }
  return total;
}

// The caller's order named by `order_id`: the parameter error when missing,
// 21303 when unknown or another agent's (not disclosed).
std::optional<Reply> find_order(Call& call, const OAuthClient& agent, AgentOrder*& order) {
  const std::string* id = call.param("order_id");
  if (id == nullptr || id->empty()) return call.bad_param();
  auto it = call.state.agents.orders.find(*id);
  if (it == call.state.agents.orders.end() || it->second.client_id != agent.client_id) {
    return Reply::error("21303");
  }
  order = &it->second;
  return std::nullopt;
}

void write_order(JsonOut& out, const AgentOrder& order) {
  out.open_object();
  out.key("order_id").str(order.id);
  out.key("username").str(order.account);
  out.key("storage").num(order.storage_gb);
  out.key("amount").str(format_money(order.amount_cents));
  out.key("state").str(to_string(order.state));
  out.key("created_at").num(order.created_at);
  out.close_object();
}

}  // namespace

const char* to_string(OrderState state) {
  switch (state) {
    case OrderState::kUnpaid:
      return "unpaid";
    case OrderState::kPaid:
      return "paid";
    case OrderState::kCancelled:
      return "cancelled";
  }
  return "unpaid";
}

std::optional<Reply> find_client(Call& call, OAuthClient*& client, bool agent_only) {
  const std::string* id = call.param("client_id");
  if (id == nullptr || id->empty()) return call.bad_param();
  auto it = call.state.agents.clients.find(*id);
  if (it == call.state.agents.clients.end()) return Reply::error("21309");
  const std::string* secret = call.param("client_secret");
  if (secret == nullptr || *secret != it->second.client_secret) return Reply::error("21310");
  if (agent_only && !it->second.agent) return Reply::error("21310");
  client = &it->second;
  return std::nullopt;
}

std::optional<Reply> check_storage_quota(const ServerState& state, const Account& account,
                                         const std::string& bucket, std::int64_t quota_gb) {
  const AccountProfile& p = account.profile;
  if (p.storage_limit_gb > 0 && quotas_of(state, account, bucket) + quota_gb > p.storage_limit_gb) {
    return Reply::error("21307");
  }
  auto agent = state.agents.clients.find(p.agent);
  if (!p.agent.empty() && agent != state.agents.clients.end() &&
      pool_used(state, agent->second, bucket) + quota_gb > agent->second.pool_gb) {
    return Reply::error("21302");
  }
  return std::nullopt;
}

Reply get_agent(Call& call) {
  OAuthClient* client = nullptr;
  if (auto error = find_client(call, client, false)) return *error;
  JsonOut out;
  out.open_object();
  out.key("client_id").str(client->client_id);
  out.key("agent").flag(client->agent);
  out.key("balance").str(format_money(client->balance_cents));
  out.key("pool").num(client->pool_gb);
  out.key("pool_used").num(pool_used(call.state, *client, {}));
  // No member at all when the agent has no price config (21306).
  if (client->price_cents_per_gb) {
    out.key("price_per_gb").str(format_money(*client->price_cents_per_gb));
  }
  out.key("accounts").strings(client->accounts);
  out.close_object();
  return Reply::ok(out.take());
}

Reply list_agent_orders(Call& call) {
  OAuthClient* client = nullptr;
  if (auto error = find_client(call, client, true)) return *error;
  JsonOut out;
  out.open_object().key("orders").open_array();
  for (const auto& [id, order] : call.state.agents.orders) {
    if (order.client_id == client->client_id) write_order(out, order);
  }
  out.close_array().close_object();
  return Reply::ok(out.take());
}

Reply create_agent_order(Call& call) {
  OAuthClient* client = nullptr;
  if (auto error = find_client(call, client, true)) return *error;
  const std::string* username = call.param("username");
  const std::string* storage_text = call.param("storage");
  if (username == nullptr || username->empty() || storage_text == nullptr) return call.bad_param();
  const std::optional<std::int64_t> storage = parse_count(*storage_text, kMaxOrderStorageGb);
  if (!storage || *storage == 0) return call.bad_param();
  std::optional<std::int64_t> quoted;
  if (const std::string* price = call.param("price")) {
    quoted = parse_money(*price);
    if (!quoted) return Reply::error("21308");
  }
  if (!client->price_cents_per_gb) return Reply::error("21306");
  auto account = call.state.accounts.find(*username);
  if (account == call.state.accounts.end() || client->accounts.count(*username) == 0) {
    return Reply::error("21105");
  }
  const std::int64_t amount = *storage * *client->price_cents_per_gb;
  // A quoted price guards the agent against paying what it did not see.
  if (quoted && *quoted != amount) return Reply::error("21308");
  const std::string id = call.state.random_hex(16);
  AgentOrder& order = call.state.agents.orders[id];
  order =
      AgentOrder{id, client->client_id, *username, *storage, amount, OrderState::kUnpaid, call.now};
  JsonOut out;
  write_order(out, order);
  return Reply::created(out.take());
}

Reply cancel_agent_order(Call& call) {
  OAuthClient* client = nullptr;
  if (auto error = find_client(call, client, true)) return *error;
  AgentOrder* order = nullptr;
  if (auto error = find_order(call, *client, order)) return *error;
  if (order->state != OrderState::kUnpaid) return Reply::error("21304");
  order->state = OrderState::kCancelled;
  return Reply::ok();
}

Reply pay_agent_order(Call& call) {
  OAuthClient* client = nullptr;
  if (auto error = find_client(call, client, true)) return *error;
  AgentOrder* order = nullptr;
  if (auto error = find_order(call, *client, order)) return *error;
  if (order->state != OrderState::kUnpaid) return Reply::error("21304");
  if (client->balance_cents < order->amount_cents) return Reply::error("21305");
  client->balance_cents -= order->amount_cents;
  call.state.accounts.at(order->account).profile.storage_limit_gb += order->storage_gb;
  order->state = OrderState::kPaid;
  JsonOut out;
  write_order(out, *order);
  return Reply::ok(out.take());
}

}  // namespace errcontract::internal
