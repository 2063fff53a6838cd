// Contacts are compared lower-cased (email) or digit for digit (mobile), and
// only verified ones count as taken: an address anybody can type in claims
// nothing until its owner proves it by the code sent there.
#include "rules/account_rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <random>

#include "server/json_out.h"
#include "server/validate.h"

namespace errcontract::internal {
namespace {

constexpr std::size_t kMaxEmail = 254;
constexpr std::size_t kMaxEmailLocal = 64;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_email_local_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) ||
         std::string_view("._%+-").find(c) != std::string_view::npos;
}

bool is_open(const Account& account) { return account.profile.status != AccountStatus::kClosed; }

}  // namespace

bool is_valid_username(std::string_view name) {
  if (name.size() < 3 || name.size() > 40 || name.front() < 'a' || name.front() > 'z') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || is_digit(c) || c == '-' || c == '_';
  });
}

bool is_valid_account_password(std::string_view password) {
  return password.size() >= 8 && password.size() <= 64 && is_valid_user_agent(password);
}

bool is_valid_email(std::string_view email) {
  if (email.size() > kMaxEmail) return false;
  const std::size_t at = email.find('@');
  if (at == std::string_view::npos || at == 0 || at > kMaxEmailLocal) return false;
  const std::string_view local = email.substr(0, at);
  if (!std::all_of(local.begin(), local.end(), is_email_local_char)) return false;
  return is_valid_domain(email.substr(at + 1), false);
}

bool is_valid_mobile(std::string_view mobile) {
  if (mobile.size() != 11 || mobile[0] != '1' || mobile[1] < '3') return false;
  return std::all_of(mobile.begin(), mobile.end(), is_digit);
}

std::string normalize_email(std::string_view email) {
  std::string out(email);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::size_t sends_in_last_hour(std::vector<std::int64_t>& times, std::int64_t now) {
  times.erase(std::remove_if(times.begin(), times.end(),
                             [now](std::int64_t t) { return t <= now - kHour; }),
              times.end());
  return times.size();
}

const std::string& issue_code(ServerState& state, IssuedCode& slot, const std::string& target,
                              std::int64_t now) {
  std::uniform_int_distribution<int> pick(1, 999'999);
  slot = IssuedCode{fmt::format("{:06}", pick(state.rng)), target, now};
  return slot.code;
}

std::optional<Reply> check_code(const IssuedCode& slot, std::string_view sent, std::int64_t now) {
  if (slot.code.empty()) return Reply::error("21104");
  if (now - slot.issued_at >= kCodeTtl) return Reply::error("21106");
  if (sent != slot.code) return Reply::error("21104");
  return std::nullopt;
}

bool is_code_shaped(std::string_view code) {
  return code.size() == 6 && std::all_of(code.begin(), code.end(), is_digit);
}

bool mobile_taken(const ServerState& state, const std::string& self, const std::string& mobile) {
  return std::any_of(state.accounts.begin(), state.accounts.end(), [&](const auto& entry) {
    const Account& a = entry.second;
    return a.name != self && is_open(a) && a.profile.mobile_verified && a.profile.mobile == mobile;
  });
}

bool email_taken(const ServerState& state, const std::string& self, const std::string& email) {
  return std::any_of(state.accounts.begin(), state.accounts.end(), [&](const auto& entry) {
    const Account& a = entry.second;
    return a.name != self && is_open(a) && a.profile.email_verified && a.profile.email == email;
  });
}

std::optional<ErrorCode> account_status_code(const Account& account) {
  switch (account.profile.status) {
    case AccountStatus::kBlocked:
      return ErrorCode("21110");
    case AccountStatus::kRejected:
      return ErrorCode("21111");
    case AccountStatus::kActive:
    case AccountStatus::kClosed:
      break;
  }
  return std::nullopt;
}

std::string code_sent_body(const std::string& code) {
  JsonOut out;
  out.open_object();
  out.key("result").flag(true);
  out.key("expires_in").num(kCodeTtl);
  out.key("debug_code").str(code);
  out.close_object();
  return out.take();
}

}  // namespace errcontract::internal
