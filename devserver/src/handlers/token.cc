// Module 221 (token): self-service access tokens and vouchers (tickets).
//
// Self-service access tokens (module 221, 01-04): an account issues up to 10
// named tokens with its username and password (POST /oauth/tokens/, no
// Bearer token), lists them, and deletes one by name or by value. Names are
// per account, so "another account's token" (22103) is one named by value.
// The table has no code for a duplicate name or the 11th token: both get
// 21101, the account module's parameter error (docs/reference-server.md).
#include "handlers/handlers.h"

#include <algorithm>

#include "model/money.h"
#include "rules/account_rules.h"
#include "rules/signature.h"
#include "server/json_out.h"
#include "server/validate.h"

namespace errcontract::internal {
namespace {

constexpr std::size_t kMaxTokenName = 20;
constexpr std::size_t kMinGrantCode = 20;
constexpr std::size_t kMaxGrantCode = 32;
constexpr std::size_t kMaxScope = 32;
constexpr std::int64_t kMaxTimestamp = 99'999'999'999;

// The one-time `code` of a token request: 20-32 of [A-Za-z0-9-] [S5, S6].
bool is_grant_code(std::string_view code) {
  if (code.size() < kMinGrantCode || code.size() > kMaxGrantCode) return false;
  for (char c : code) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
  }
  return true;
}

bool is_token_name(std::string_view name) {
  return !name.empty() && name.size() <= kMaxTokenName && is_valid_user_agent(name);
}

void write_token(JsonOut& out, const NamedToken& token, bool with_value) {
  out.open_object();
  if (with_value) out.key("access_token").str(token.value);
  out.key("name").str(token.name).key("scope").str(token.scope);
  out.key("created_at").num(token.created_at).key("expired_at").num(token.expired_at);
  out.close_object();
}

}  // namespace

Reply create_named_token(Call& call) {
  const std::string* username = call.param("username");
  const std::string* password = call.param("password");
  const std::string* code = call.param("code");
  const std::string* name = call.param("name");
  const std::string* scope = call.param("scope");
  const std::string* expired_text = call.param("expired_at");
  if (username == nullptr || username->empty() || password == nullptr || password->empty() ||
      code == nullptr || !is_grant_code(*code) || name == nullptr || !is_token_name(*name) ||
      scope == nullptr || !is_identifier(*scope, kMaxScope) || expired_text == nullptr) {
    return call.bad_param();
  }
  const std::optional<std::int64_t> expired_at = parse_count(*expired_text, kMaxTimestamp);
  if (!expired_at || *expired_at <= call.now) return call.bad_param();
  auto it = call.state.accounts.find(*username);
  if (it == call.state.accounts.end() || it->second.profile.status == AccountStatus::kClosed) {
    return Reply::error("22101");
  }
  Account& account = it->second;
  if (*password != account.password) return Reply::error("21107");
  if (const auto status_code = account_status_code(account)) return Reply::error(*status_code);
  AccountWallet& wallet = account.wallet;
  if (wallet.tokens.count(*name) != 0 || wallet.tokens.size() >= kMaxNamedTokens) {
    return call.bad_param();
  }
  NamedToken& token = wallet.tokens[*name];
  token = NamedToken{*name, call.state.random_hex(40), *scope, call.now, *expired_at};
  call.state.tokens[token.value] = AccessToken{account.name, token.expired_at};
  JsonOut out;
  write_token(out, token, true);
  return Reply::ok(out.take());
}

Reply list_named_tokens(Call& call) {
  JsonOut out;
  out.open_array();
  for (const auto& [name, token] : call.account.wallet.tokens) write_token(out, token, false);
  out.close_array();
  return Reply::ok(out.take());
}

// By `name` (the caller's token of that name) or by `token` (its value, as
// OAuth revocation does, RFC 7009); `name` wins when both are given.
Reply delete_named_token(Call& call) {
  const std::string* name = call.param("name");
  const std::string* value = call.param("token");
  const bool by_name = name != nullptr && !name->empty();
  if (!by_name && (value == nullptr || value->empty())) return call.bad_param();
  auto& named = call.account.wallet.tokens;
  if (by_name) {
    auto it = named.find(*name);
    if (it == named.end()) return Reply::error("22102");
    call.state.tokens.erase(it->second.value);
    named.erase(it);
    return Reply::ok();
  }
  auto found = call.state.tokens.find(*value);
  if (found == call.state.tokens.end()) return Reply::error("22102");
  if (found->second.account != call.account.name) return Reply::error("22103");
  call.state.tokens.erase(found);
  for (auto it = named.begin(); it != named.end(); ++it) {
    if (it->second.value == *value) {
      named.erase(it);
      break;
    }
  }
  return Reply::ok();
}

// Vouchers (module 221, 10-15). A voucher is activated by its id, once,
// before its window closes; it then belongs to the account that activated
// it and its amount is credited to that account's balance. Guessing ids is
// what the daily failure limit stops: an unknown id counts as a failed
// activation, and after kTicketFailuresPerDay of them in one UTC day the
// account may not activate again until the next day (22115). A real voucher
// that cannot be activated (22111) is not a guess and is not counted.
// Another account's voucher is "not found" (22110), as the table says.

namespace {

constexpr std::size_t kMaxTicketId = 64;

std::int64_t day_of(std::int64_t time) { return time >= 0 ? time / kDay : (time + 1) / kDay - 1; }

std::size_t failures_today(AccountWallet& wallet, std::int64_t now) {
  auto& times = wallet.activation_failures;
  times.erase(std::remove_if(times.begin(), times.end(),
                             [now](std::int64_t t) { return day_of(t) != day_of(now); }),
              times.end());
  return times.size();
}

// `ticket_id` of the request; the route's parameter error (22112) when it is
// missing or empty. A malformed id is simply one that does not exist.
std::optional<Reply> ticket_id_param(const Call& call, const std::string*& id) {
  id = call.param("ticket_id");
  if (id == nullptr || id->empty()) return call.bad_param();
  return std::nullopt;
}

void write_ticket(JsonOut& out, const Ticket& ticket) {
  out.open_object().key("ticket_id").str(ticket.id);
  out.key("amount").str(format_money(ticket.amount_cents));
  out.key("activate_before").num(ticket.activate_before);
  out.key("activated_at").num(ticket.activated_at).close_object();
}

// A page parameter: `fallback` when absent, 1..max otherwise; nullopt when malformed.
std::optional<std::int64_t> page_param(const Call& call, std::string_view name,
                                       std::int64_t fallback, std::int64_t max) {
  const std::string* text = call.param(name);
  if (text == nullptr) return fallback;
  std::optional<std::int64_t> value = parse_count(*text, max);
  if (!value || *value < 1) return std::nullopt;
  return value;
}

}  // namespace

Reply list_tickets(Call& call) {
  const std::optional<std::int64_t> page = page_param(call, "page", 1, kMaxTicketPage);
  const std::optional<std::int64_t> limit =
      page_param(call, "limit", kDefaultTicketPageSize, kMaxTicketPageSize);
  if (!page || !limit) return call.bad_param();
  const std::vector<std::string>& ids = call.account.wallet.tickets;
  const auto total = static_cast<std::int64_t>(ids.size());
  // An empty list still has its first (empty) page.
  const std::int64_t pages = std::max<std::int64_t>(1, (total + *limit - 1) / *limit);
  if (*page > pages) return Reply::error("22114");
  JsonOut out;
  out.open_object().key("tickets").open_array();
  for (std::int64_t i = (*page - 1) * *limit; i < std::min(total, *page * *limit); ++i) {
    write_ticket(out, call.state.wallet.tickets.at(ids[static_cast<std::size_t>(i)]));
  }
  out.close_array().key("pager").open_object();
  out.key("page").num(*page).key("limit").num(*limit).key("pages").num(pages);
  out.key("total").num(total).close_object().close_object();
  return Reply::ok(out.take());
}

Reply ticket_info(Call& call) {
  const std::string* id = nullptr;
  if (auto error = ticket_id_param(call, id)) return *error;
  auto it = call.state.wallet.tickets.find(*id);
  if (it == call.state.wallet.tickets.end() || it->second.owner != call.account.name) {
    return Reply::error("22110");
  }
  JsonOut out;
  write_ticket(out, it->second);
  return Reply::ok(out.take());
}

Reply activate_ticket(Call& call) {
  const std::string* id = nullptr;
  if (auto error = ticket_id_param(call, id)) return *error;
  AccountWallet& wallet = call.account.wallet;
  if (failures_today(wallet, call.now) >= kTicketFailuresPerDay) return Reply::error("22115");
  auto it = call.state.wallet.tickets.find(*id);
  if (it == call.state.wallet.tickets.end() || !is_identifier(*id, kMaxTicketId)) {
    wallet.activation_failures.push_back(call.now);
    return Reply::error("22110");
  }
  Ticket& ticket = it->second;
  if (!ticket.owner.empty() || call.now >= ticket.activate_before) return Reply::error("22111");
  ticket.owner = call.account.name;
  ticket.activated_at = call.now;
  wallet.tickets.push_back(ticket.id);
  std::int64_t& balance = call.account.profile.balance_cents;
  balance += ticket.amount_cents;
  JsonOut out;
  out.open_object().key("ticket_id").str(ticket.id);
  out.key("amount").str(format_money(ticket.amount_cents));
  out.key("balance").str(format_money(balance)).close_object();
  return Reply::ok(out.take());
}

}  // namespace errcontract::internal
