// HMAC through libcrypto's one-shot HMAC() (not deprecated in OpenSSL 3, unlike
// HMAC_CTX), and CRYPTO_memcmp so the comparison time does not tell an
// attacker how many leading characters of a forged signature were right.
#include "rules/signature.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <cctype>

#include "server/validate.h"

namespace errcontract::internal {

std::string hmac_sha256_hex(std::string_view key, std::string_view message) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  const unsigned char* result =
      HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest, &length);
  if (result == nullptr) return {};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 15]);
  }
  return out;
}

std::string canonical_string(const Params& params, std::vector<std::string_view> names) {
  std::sort(names.begin(), names.end());
  std::string out;
  for (std::string_view name : names) {
    if (!out.empty()) out.push_back('&');
    out.append(name).push_back('=');
    if (const std::string* value = params.get(name)) out += *value;
  }
  return out;
}

bool signature_matches(std::string_view expected_hex, std::string_view sent) {
  if (expected_hex.empty() || sent.size() != expected_hex.size()) return false;
  std::string lowered(sent);
  for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return CRYPTO_memcmp(lowered.data(), expected_hex.data(), lowered.size()) == 0;
}

bool callback_verifies(const Params& params, std::string_view secret,
                       std::vector<std::string_view> names, std::int64_t now,
                       std::int64_t max_skew) {
  const std::string* sign = params.get("sign");
  const std::string* timestamp = params.get("timestamp");
  if (sign == nullptr || timestamp == nullptr) return false;
  const std::string expected = hmac_sha256_hex(secret, canonical_string(params, std::move(names)));
  if (!signature_matches(expected, *sign)) return false;
  const std::optional<std::int64_t> sent = parse_count(*timestamp, 99'999'999'999);
  return sent && *sent >= now - max_skew && *sent <= now + max_skew;
}

bool is_identifier(std::string_view text, std::size_t max_length) {
  if (text.empty() || text.size() > max_length) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '@' || c == '-';
  });
}

}  // namespace errcontract::internal
