// Module 211 state of one account: its standing (active, blocked, rejected,
// closed), contact channels and whether each is verified, the one-time codes
// it was sent, the send times the hourly limits count, and what module 213
// needs on the account side (the agent that created it, its storage limit).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace errcontract::internal {

inline constexpr std::int64_t kHour = 60 * 60;
inline constexpr std::size_t kSmsSendsPerHour = 5;       // 21103 (our choice: the table names none)
inline constexpr std::size_t kResetsPerHour = 3;         // 21113
inline constexpr std::size_t kEmailRequestsPerHour = 3;  // 21114
inline constexpr std::int64_t kCodeTtl = 10 * 60;        // 21106: codes live ten minutes
inline constexpr std::int64_t kGrantedTokenTtl = 30 * 24 * kHour;
inline constexpr std::int64_t kAgentAccountStorageGb = 10;  // 21307 until an order raises it

enum class AccountStatus { kActive, kBlocked, kRejected, kClosed };

// A one-time code sent to `target` (a mobile number or an email address);
// an empty `code` means none is pending.
struct IssuedCode {
  std::string code;
  std::string target;
  std::int64_t issued_at = 0;

  bool operator==(const IssuedCode&) const = default;
};

struct AccountProfile {
  AccountStatus status = AccountStatus::kActive;
  std::string email;
  std::string mobile;
  bool email_verified = false;
  bool mobile_verified = false;
  std::string account_type = "personal";  // or "company"
  std::string realname;
  std::string company_name;
  std::string im;
  std::string website;
  std::string agent;                  // client_id of the agent that created it; "" = direct
  std::int64_t storage_limit_gb = 0;  // hard limit on the sum of its bucket quotas; 0 = none
  std::int64_t balance_cents = 0;
  bool billing_broken = false;  // fixture: the billing backend fails for it (21119)
  // Send times, oldest first, for the rolling-hour limits.
  std::vector<std::int64_t> sms_sends;
  std::vector<std::int64_t> email_requests;
  std::vector<std::int64_t> reset_requests;
  IssuedCode mobile_code;
  IssuedCode email_code;
  IssuedCode reset_code;

  bool operator==(const AccountProfile&) const = default;
};

}  // namespace errcontract::internal
