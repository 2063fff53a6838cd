// Rules the account handlers (module 211) share: what a valid username,
// password, email address or mobile number is, the rolling-hour counters,
// issuing and checking one-time codes, and which contact a verified account
// already holds. The handlers in handlers/account.cc and
// handlers/token.cc call them under the server lock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/state.h"
#include "server/call.h"

namespace errcontract::internal {

// 3-40 bytes of [a-z0-9_-], starting with a letter.
bool is_valid_username(std::string_view name);
// 8-64 bytes of printable ASCII.
bool is_valid_account_password(std::string_view password);
// local@domain: a local part of 1-64 bytes of [A-Za-z0-9._%+-], a domain as
// is_valid_domain; 254 bytes at most. Expects the address lower-cased.
bool is_valid_email(std::string_view email);
// A mainland mobile number: 11 digits, "1" then 3-9.
bool is_valid_mobile(std::string_view mobile);
// Lower-cased.
std::string normalize_email(std::string_view email);

// Drops the times older than an hour before `now` and returns how many remain.
std::size_t sends_in_last_hour(std::vector<std::int64_t>& times, std::int64_t now);

// A fresh six-digit code for `target`, replacing any pending one. The server
// never issues "000000", so a case can send it as a code that cannot match.
const std::string& issue_code(ServerState& state, IssuedCode& slot, const std::string& target,
                              std::int64_t now);
// 21104 when no code is pending, 21106 when the pending one is older than
// kCodeTtl (whatever was sent), 21104 when `sent` is not the pending code.
std::optional<Reply> check_code(const IssuedCode& slot, std::string_view sent, std::int64_t now);
// Six ASCII digits.
bool is_code_shaped(std::string_view code);

// Another open account has `mobile` (or `email`) verified. Unverified
// contacts claim nothing: the first account to verify one owns it.
bool mobile_taken(const ServerState& state, const std::string& self, const std::string& mobile);
bool email_taken(const ServerState& state, const std::string& self, const std::string& email);

// 21110 for a blocked account, 21111 for a rejected application, nothing
// otherwise. Every Bearer call answers with it (server/api_service.cc).
std::optional<ErrorCode> account_status_code(const Account& account);

// The success body of a code send: {"result":true,"expires_in":600,
// "debug_code":"123456"}. debug_code is the reference server's stand-in for
// the phone or mailbox (docs/reference-server.md).
std::string code_sent_body(const std::string& code);

}  // namespace errcontract::internal
