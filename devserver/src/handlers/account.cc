// Module 211 (account): the routes of docs/reference-server.md, "Accounts
// (module 211)".
//
// Accounts as an agent sees them (create with PUT, close with DELETE, both
// authenticated by the agent's client_id/client_secret instead of a Bearer
// token), the caller's own profile and usage, and the password grant that
// turns a username and password into an access token.
#include "handlers/handlers.h"

#include "model/money.h"
#include "rules/account_rules.h"
#include "server/json_out.h"
#include "server/validate.h"

namespace errcontract::internal {
namespace {

constexpr std::size_t kMaxProfileField = 64;
constexpr std::size_t kMaxWebsite = 255;

bool is_website(std::string_view url) {
  if (url.size() > kMaxWebsite || !is_valid_user_agent(url) || url.find(' ') != url.npos) {
    return false;
  }
  return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
}

// Reads the optional profile fields into `profile`; false when one is
// malformed. `given` counts the fields present.
bool read_profile_fields(const Call& call, AccountProfile& profile, int& given) {
  given = 0;
  if (const std::string* type = call.param("account_type")) {
    if (*type != "personal" && *type != "company") return false;
    profile.account_type = *type;
    ++given;
  }
  const std::string* realname = call.param("realname");
  if (realname == nullptr) realname = call.param("real_name");  // PUT /accounts/ in S3
  for (auto [value, field] : {std::pair{realname, &profile.realname},
                              std::pair{call.param("company_name"), &profile.company_name},
                              std::pair{call.param("im"), &profile.im}}) {
    if (value == nullptr) continue;
    if (value->size() > kMaxProfileField) return false;
    *field = *value;
    ++given;
  }
  if (const std::string* website = call.param("website")) {
    if (!website->empty() && !is_website(*website)) return false;
    profile.website = *website;
    ++given;
  }
  return true;
}

std::int64_t bucket_quota_total(const ServerState& state, const Account& account) {
  std::int64_t total = 0;
  for (const std::string& name : account.buckets) total += state.buckets.at(name).quota;
  return total;
}

// The open account `username` created by `client`; 21105 otherwise.
std::optional<Reply> find_agent_account(Call& call, const OAuthClient& client, Account*& out) {
  const std::string* username = call.param("username");
  if (username == nullptr || username->empty()) return call.bad_param();
  auto it = call.state.accounts.find(*username);
  if (it == call.state.accounts.end() || it->second.profile.status == AccountStatus::kClosed ||
      it->second.profile.agent != client.client_id) {
    return Reply::error("21105");
  }
  out = &it->second;
  return std::nullopt;
}

}  // namespace

Reply get_profile(Call& call) {
  const Account& a = call.account;
  JsonOut out;
  out.open_object();
  out.key("username").str(a.name);
  out.key("buckets").num(static_cast<std::int64_t>(a.buckets.size()));
  out.key("operators").num(static_cast<std::int64_t>(a.operators.size()));
  out.key("https_quota").num(a.https_quota);
  out.key("created_at").num(a.created_at);
  out.close_object();
  return Reply::ok(out.take());
}

Reply create_account(Call& call) {
  OAuthClient* client = nullptr;
  if (auto error = find_client(call, client, true)) return *error;
  const std::string* username = call.param("username");
  const std::string* password = call.param("password");
  const std::string* email_param = call.param("email");
  const std::string* mobile = call.param("mobile");
  if (username == nullptr || !is_valid_username(*username)) return call.bad_param();
  if (password == nullptr || !is_valid_account_password(*password)) return call.bad_param();
  const std::string email = email_param ? normalize_email(*email_param) : std::string();
  if (!is_valid_email(email)) return call.bad_param();
  const std::string mobile_number = mobile ? *mobile : std::string();
  if (!mobile_number.empty() && !is_valid_mobile(mobile_number)) return call.bad_param();
  AccountProfile profile;
  int given = 0;
  if (!read_profile_fields(call, profile, given)) return call.bad_param();

  if (call.state.accounts.count(*username) != 0) return Reply::error("21102");
  if (!mobile_number.empty() && mobile_taken(call.state, *username, mobile_number)) {
    return Reply::error("21117");
  }
  if (email_taken(call.state, *username, email)) return Reply::error("21118");

  profile.email = email;
  profile.mobile = mobile_number;
  profile.agent = client->client_id;
  profile.storage_limit_gb = kAgentAccountStorageGb;
  Account& account = call.state.accounts[*username];
  account.name = *username;
  account.password = *password;
  account.created_at = call.now;
  account.profile = std::move(profile);
  client->accounts.insert(*username);
  JsonOut out;
  out.open_object().key("result").flag(true).key("username").str(*username).close_object();
  return Reply::created(out.take());
}

Reply update_account(Call& call) {
  AccountProfile updated = call.account.profile;
  int given = 0;
  if (!read_profile_fields(call, updated, given) || given == 0) return call.bad_param();
  call.account.profile = std::move(updated);
  return Reply::ok();
}

Reply close_account(Call& call) {
  OAuthClient* client = nullptr;
  if (auto error = find_client(call, client, true)) return *error;
  Account* account = nullptr;
  if (auto error = find_agent_account(call, *client, account)) return *error;
  const std::string name = account->name;
  // Copies: deleting a bucket edits the account's bucket set.
  for (const std::string& bucket : std::set<std::string>(account->buckets)) {
    call.state.delete_bucket(bucket);
  }
  for (const std::string& op : account->operators) call.state.operators.erase(op);
  account->operators.clear();
  for (auto it = call.state.tokens.begin(); it != call.state.tokens.end();) {
    it = it->second.account == name ? call.state.tokens.erase(it) : std::next(it);
  }
  for (auto& [id, order] : call.state.agents.orders) {
    if (order.account == name && order.state == OrderState::kUnpaid) {
      order.state = OrderState::kCancelled;
    }
  }
  // The name stays taken (21102); the contacts are free for other accounts.
  AccountProfile& p = account->profile;
  p = AccountProfile{};
  p.status = AccountStatus::kClosed;
  p.agent = client->client_id;
  client->accounts.erase(name);
  return Reply::ok();
}

Reply get_usage(Call& call) {
  const Account& a = call.account;
  if (a.profile.billing_broken) return Reply::error("21119");
  JsonOut out;
  out.open_object();
  out.key("username").str(a.name);
  out.key("balance").str(format_money(a.profile.balance_cents));
  out.key("storage_limit").num(a.profile.storage_limit_gb);
  out.key("storage_allocated").num(bucket_quota_total(call.state, a));
  out.key("buckets").num(static_cast<std::int64_t>(a.buckets.size()));
  out.close_object();
  return Reply::ok(out.take());
}

Reply grant_access_token(Call& call) {
  OAuthClient* client = nullptr;
  if (auto error = find_client(call, client, false)) return *error;
  const std::string* grant_type = call.param("grant_type");
  const std::string* username = call.param("username");
  const std::string* password = call.param("password");
  if (grant_type == nullptr || *grant_type != "password") return call.bad_param();
  if (username == nullptr || username->empty() || password == nullptr || password->empty()) {
    return call.bad_param();
  }
  auto it = call.state.accounts.find(*username);
  if (it == call.state.accounts.end() || it->second.profile.status == AccountStatus::kClosed) {
    return Reply::error("21105");
  }
  const Account& account = it->second;
  // The password first: a blocked account's state is not told to a stranger.
  if (*password != account.password) return Reply::error("21107");
  if (const auto status_code = account_status_code(account)) return Reply::error(*status_code);
  const std::string token = call.state.random_hex(40);
  call.state.tokens[token] = AccessToken{account.name, call.now + kGrantedTokenTtl};
  JsonOut out;
  out.open_object();
  out.key("access_token").str(token);
  out.key("token_type").str("bearer");
  out.key("expires_in").num(kGrantedTokenTtl);
  out.key("username").str(account.name);
  out.close_object();
  return Reply::ok(out.take());
}

// The caller's contact channels: changing the mobile number or the security
// email (the account password re-checked), sending a code to the channel
// and checking it. A changed channel is unverified until its code comes
// back; only a verified channel is "taken" for other accounts.

namespace {

// The `password` parameter, re-checked against the caller's (21107).
std::optional<Reply> check_password(Call& call) {
  const std::string* password = call.param("password");
  if (password == nullptr || password->empty()) return call.bad_param();
  if (*password != call.account.password) return Reply::error("21107");
  return std::nullopt;
}

// The `code` parameter, six digits, or the parameter error.
std::optional<Reply> read_code(Call& call, const std::string*& code) {
  code = call.param("code");
  if (code == nullptr || !is_code_shaped(*code)) return call.bad_param();
  return std::nullopt;
}

// A code sent to `target`, counted in `log`: `limit_code` when `limit` sends
// were made in the last hour.
Reply send_counted_code(Call& call, std::vector<std::int64_t>& log, std::size_t limit,
                        ErrorCode limit_code, IssuedCode& slot, const std::string& target) {
  if (sends_in_last_hour(log, call.now) >= limit) return Reply::error(limit_code);
  log.push_back(call.now);
  return Reply::ok(code_sent_body(issue_code(call.state, slot, target, call.now)));
}

}  // namespace

Reply change_mobile(Call& call) {
  const std::string* mobile = call.param("mobile");
  if (mobile == nullptr || !is_valid_mobile(*mobile)) return call.bad_param();
  if (auto error = check_password(call)) return *error;
  AccountProfile& p = call.account.profile;
  if (*mobile == p.mobile) return Reply::error("21108");
  if (mobile_taken(call.state, call.account.name, *mobile)) return Reply::error("21117");
  p.mobile = *mobile;
  p.mobile_verified = false;
  p.mobile_code = IssuedCode{};
  return Reply::ok();
}

Reply send_mobile_code(Call& call) {
  AccountProfile& p = call.account.profile;
  if (p.mobile.empty()) return Reply::error("21116");
  if (p.mobile_verified) return Reply::error("21115");
  return send_counted_code(call, p.sms_sends, kSmsSendsPerHour, "21103", p.mobile_code, p.mobile);
}

Reply verify_mobile(Call& call) {
  const std::string* code = nullptr;
  if (auto error = read_code(call, code)) return *error;
  AccountProfile& p = call.account.profile;
  if (p.mobile.empty()) return Reply::error("21116");
  if (p.mobile_verified) return Reply::error("21115");
  if (auto error = check_code(p.mobile_code, *code, call.now)) return *error;
  // Another account may have verified the same number since the code went out.
  if (mobile_taken(call.state, call.account.name, p.mobile)) return Reply::error("21117");
  p.mobile_verified = true;
  p.mobile_code = IssuedCode{};
  return Reply::ok();
}

Reply change_email(Call& call) {
  const std::string* param = call.param("email");
  const std::string email = param ? normalize_email(*param) : std::string();
  if (!is_valid_email(email)) return call.bad_param();
  if (auto error = check_password(call)) return *error;
  AccountProfile& p = call.account.profile;
  if (email == p.email) return Reply::error("21109");
  if (email_taken(call.state, call.account.name, email)) return Reply::error("21118");
  p.email = email;
  p.email_verified = false;
  p.email_code = IssuedCode{};
  return Reply::ok();
}

Reply send_email_code(Call& call) {
  AccountProfile& p = call.account.profile;
  // No code of the table says "no email": an account without one has
  // nothing this request could verify, a parameter error of the module.
  if (p.email.empty()) return call.bad_param();
  return send_counted_code(call, p.email_requests, kEmailRequestsPerHour, "21114", p.email_code,
                           p.email);
}

Reply verify_email(Call& call) {
  const std::string* code = nullptr;
  if (auto error = read_code(call, code)) return *error;
  AccountProfile& p = call.account.profile;
  if (p.email.empty()) return call.bad_param();
  if (auto error = check_code(p.email_code, *code, call.now)) return *error;
  if (email_taken(call.state, call.account.name, p.email)) return Reply::error("21118");
  p.email_verified = true;
  p.email_code = IssuedCode{};
  return Reply::ok();
}

// Password resets, which a caller who lost the password makes without a
// token: a request sends a code through a verified channel (three requests
// an hour, 21113; a reset by SMS also counts against the SMS limit, 21103),
// and a confirmation with that code sets the new password.

namespace {

// The open account named by `username`: the parameter error when missing,
// 21105 when there is none.
std::optional<Reply> find_account(Call& call, Account*& out) {
  const std::string* username = call.param("username");
  if (username == nullptr || username->empty()) return call.bad_param();
  auto it = call.state.accounts.find(*username);
  if (it == call.state.accounts.end() || it->second.profile.status == AccountStatus::kClosed) {
    return Reply::error("21105");
  }
  out = &it->second;
  return std::nullopt;
}

}  // namespace

Reply request_password_reset(Call& call) {
  const std::string* method = call.param("method");
  const bool by_mobile = method != nullptr && *method == "mobile";
  if (method != nullptr && !by_mobile && *method != "email") return call.bad_param();
  Account* account = nullptr;
  if (auto error = find_account(call, account)) return *error;
  AccountProfile& p = account->profile;
  if (by_mobile && p.mobile.empty()) return Reply::error("21116");
  if (by_mobile ? !p.mobile_verified : !p.email_verified) return Reply::error("21112");
  if (sends_in_last_hour(p.reset_requests, call.now) >= kResetsPerHour) {
    return Reply::error("21113");
  }
  if (by_mobile && sends_in_last_hour(p.sms_sends, call.now) >= kSmsSendsPerHour) {
    return Reply::error("21103");
  }
  p.reset_requests.push_back(call.now);
  if (by_mobile) p.sms_sends.push_back(call.now);
  const std::string& target = by_mobile ? p.mobile : p.email;
  return Reply::ok(code_sent_body(issue_code(call.state, p.reset_code, target, call.now)));
}

Reply confirm_password_reset(Call& call) {
  const std::string* code = call.param("code");
  const std::string* password = call.param("password");
  if (code == nullptr || !is_code_shaped(*code)) return call.bad_param();
  if (password == nullptr || !is_valid_account_password(*password)) return call.bad_param();
  Account* account = nullptr;
  if (auto error = find_account(call, account)) return *error;
  if (auto error = check_code(account->profile.reset_code, *code, call.now)) return *error;
  account->password = *password;
  account->profile.reset_code = IssuedCode{};
  return Reply::ok();
}

}  // namespace errcontract::internal
