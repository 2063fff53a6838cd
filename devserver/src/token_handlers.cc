// Self-service access tokens (module 221, 01-04): an account issues up to 10
// named tokens with its username and password (POST /oauth/tokens/, no
// Bearer token), lists them, and deletes one by name or by value. Names are
// per account, so "another account's token" (22103) is one named by value.
// The table has no code for a duplicate name or the 11th token: both get
// 21101, the account module's parameter error (docs/reference-server.md).
#include "account_rules.h"
#include "json_out.h"
#include "signature.h"
#include "validate.h"
#include "wallet_handlers.h"

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
  const std::string_view status_code = account_status_code(account);
  if (!status_code.empty()) return Reply::error(std::string(status_code));
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

}  // namespace errcontract::internal
