// The caller's contact channels: changing the mobile number or the security
// email (the account password re-checked), sending a code to the channel
// and checking it. A changed channel is unverified until its code comes
// back; only a verified channel is "taken" for other accounts.
#include "account_handlers.h"
#include "account_rules.h"

namespace errcontract::internal {
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
                        const char* limit_code, IssuedCode& slot, const std::string& target) {
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

}  // namespace errcontract::internal
