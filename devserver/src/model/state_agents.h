// Module 213 state: the OAuth clients (partners and agents), each agent's
// money, storage pool and price, and the orders agents place for the
// accounts they created. Money is kept in cents (fen), never as a float.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>

namespace errcontract::internal {

inline constexpr std::int64_t kMaxOrderStorageGb = 1'000'000;

struct OAuthClient {
  std::string client_id;
  std::string client_secret;
  bool agent = false;  // only agents create accounts and place orders (21310)
  std::int64_t balance_cents = 0;
  std::int64_t pool_gb = 0;  // bound on the bucket quotas of all its accounts (21302)
  std::optional<std::int64_t> price_cents_per_gb;  // none: 21306
  std::set<std::string> accounts;                  // the accounts it created

  bool operator==(const OAuthClient&) const = default;
};

enum class OrderState { kUnpaid, kPaid, kCancelled };

struct AgentOrder {
  std::string id;
  std::string client_id;
  std::string account;
  std::int64_t storage_gb = 0;
  std::int64_t amount_cents = 0;
  OrderState state = OrderState::kUnpaid;
  std::int64_t created_at = 0;

  bool operator==(const AgentOrder&) const = default;
};

struct AgentBook {
  std::map<std::string, OAuthClient> clients;  // by client_id
  std::map<std::string, AgentOrder> orders;    // by id

  bool operator==(const AgentBook&) const = default;
};

const char* to_string(OrderState state);

}  // namespace errcontract::internal
