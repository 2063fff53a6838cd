// Password resets, which a caller who lost the password makes without a
// token: a request sends a code through a verified channel (three requests
// an hour, 21113; a reset by SMS also counts against the SMS limit, 21103),
// and a confirmation with that code sets the new password.
#include "account_handlers.h"
#include "account_rules.h"

namespace errcontract::internal {
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
