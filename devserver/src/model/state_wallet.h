// Module 221 and 222 state: the named access tokens an account issued itself
// (POST /oauth/tokens/), vouchers (tickets) and their activation, the
// resources on sale and what each account owns and ordered. Money is in
// cents; the balance itself is AccountProfile::balance_cents (module 211's
// GET /accounts/usage/ shows it). Plain data; the rules live in
// handlers/token.cc and handlers/purchase.cc.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace errcontract::internal {

inline constexpr std::size_t kMaxNamedTokens = 10;       // per account, expired ones included
inline constexpr std::size_t kTicketFailuresPerDay = 5;  // 22115: the 6th attempt is refused
inline constexpr std::int64_t kDefaultTicketPageSize = 20;
inline constexpr std::int64_t kMaxTicketPageSize = 100;
inline constexpr std::int64_t kMaxTicketPage = 1'000'000;

struct NamedToken {
  std::string name;
  std::string value;  // the Bearer token; also a key of ServerState::tokens
  std::string scope;
  std::int64_t created_at = 0;
  std::int64_t expired_at = 0;

  bool operator==(const NamedToken&) const = default;
};

// A voucher. Anyone holding its id may activate it once, before
// `activate_before`; it then belongs to that account and its amount is
// credited to the account's balance.
struct Ticket {
  std::string id;
  std::int64_t amount_cents = 0;
  std::int64_t activate_before = 0;
  std::string owner;  // "" until activated
  std::int64_t activated_at = 0;

  bool operator==(const Ticket&) const = default;
};

// A resource on sale (22203 for any other name).
struct Resource {
  std::string name;
  std::int64_t price_cents = 0;
  std::string description;

  bool operator==(const Resource&) const = default;
};

struct Order {
  std::string id;
  std::string payer;
  std::string owner;  // differs from payer for a purchase on behalf of another account
  std::string resource;
  std::int64_t price_cents = 0;
  std::int64_t created_at = 0;

  bool operator==(const Order&) const = default;
};

struct AccountWallet {
  std::map<std::string, NamedToken> tokens;       // by name (names are per account)
  std::vector<std::string> tickets;               // activated ticket ids, oldest first
  std::vector<std::int64_t> activation_failures;  // times of failed activations
  std::set<std::string> resources;                // owned (22205)
  std::vector<std::string> orders;                // ids of the orders it paid, oldest first

  bool operator==(const AccountWallet&) const = default;
};

struct WalletBook {
  std::map<std::string, Ticket> tickets;  // by id
  std::map<std::string, Resource> resources;
  std::map<std::string, Order> orders;  // by id

  bool operator==(const WalletBook&) const = default;
};

}  // namespace errcontract::internal
