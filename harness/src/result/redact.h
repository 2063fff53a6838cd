// Redaction of secrets in recorded exchanges, findings and reasons, so that
// every report can be shared: credential headers, fixture values (tokens,
// passwords) wherever they appear, and form/query/JSON fields with secret
// names.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "errcontract/run_result.h"
#include "errcontract/template.h"

namespace errcontract::internal {

inline constexpr std::string_view kRedacted = "***";

class Redactor {
 public:
  // Fixture values shorter than kMinSecretLength are left alone: replacing
  // "1" or "cn" everywhere would destroy the record without hiding anything.
  static constexpr std::size_t kMinSecretLength = 4;

  // `secrets`: more values to hide everywhere (secret --header values).
  explicit Redactor(const Fixtures& fixtures, const std::vector<std::string>& secrets = {});

  // Every fixture value (as is, percent-encoded, JSON-escaped) -> "***".
  std::string text(std::string_view text) const;
  // Values of secret-named headers (is_secret_header_name) -> "***";
  // other values through text().
  void headers(Headers& headers) const;
  // Secret-named query parameters -> "***", then text().
  std::string target(std::string_view target) const;
  // Secret-named form fields (urlencoded bodies) and JSON string members ->
  // "***", then text().
  std::string body(std::string_view body, const Headers& headers) const;

  void exchange(Exchange& exchange) const;
  void finding(Finding& finding) const;

 private:
  std::vector<std::string> needles_;  // longest first
};

// password, secret, token, client_secret, access_token, refresh_token (ASCII case-insensitive).
bool is_secret_field(std::string_view name);

// Secret-named fields of "a=1&password=x" -> "a=1&password=***".
std::string redact_form_fields(std::string_view encoded);
// Secret-named string members of a JSON text -> "***", bytes otherwise kept
// (works on invalid JSON too: only string tokens followed by ':' are keys).
std::string redact_json_members(std::string_view json);

}  // namespace errcontract::internal
