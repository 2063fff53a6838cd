// Module 213 (agents and their orders) and the OAuth client check that the
// account endpoints share. An agent is an OAuth client that may create
// accounts (PUT /accounts/), spends its own balance on orders that raise an
// account's storage limit, and hands out storage from a pool.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "handlers.h"

namespace errcontract::internal {

inline constexpr char kAgentParamError[] = "21301";

// The client named by the `client_id` and `client_secret` parameters: the
// route's parameter error when client_id is missing or empty, 21309 when no
// client has that id, 21310 when the secret is missing or wrong, or, with
// `agent_only`, when the client is not an agent.
std::optional<Reply> find_client(Call& call, OAuthClient*& client, bool agent_only);

// The storage rules for setting bucket `bucket` (empty: a new bucket) of
// `account` to `quota_gb` (POST /buckets/quota/, PUT /buckets/): 21307 when the
// account's bucket quotas would exceed its storage limit, 21302 when the
// quotas of all accounts of its agent would exceed the agent's pool.
std::optional<Reply> check_storage_quota(const ServerState& state, const Account& account,
                                         const std::string& bucket, std::int64_t quota_gb);

Reply get_agent(Call& call);  // agent_handlers.cc
Reply list_agent_orders(Call& call);
Reply create_agent_order(Call& call);
Reply cancel_agent_order(Call& call);
Reply pay_agent_order(Call& call);

}  // namespace errcontract::internal
