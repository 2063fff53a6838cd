// Signed partner callbacks (21509, 22003): the partner sends its parameters
// and `sign`, the lower-case hex HMAC-SHA256 (OpenSSL) of the canonical
// string "a=1&b=2" under the secret the server shares with it. The
// canonical string holds the named parameters only, sorted by name, with the
// values as received (decoded, not re-encoded). Also the shape of the ids
// partners send, which the binding, verification and wallet handlers share.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "server/request_params.h"

namespace errcontract::internal {

// Lower-case hex of HMAC-SHA256(key, message).
std::string hmac_sha256_hex(std::string_view key, std::string_view message);

// "name=value&..." over `names` sorted; a missing parameter counts as "".
std::string canonical_string(const Params& params, std::vector<std::string_view> names);

// `sent` is the expected hex signature (case-insensitive), compared in
// constant time.
bool signature_matches(std::string_view expected_hex, std::string_view sent);

// A partner callback checks out: `sign` is the HMAC of `names` under
// `secret`, and `timestamp` (Unix seconds) is within `max_skew` of `now`
// either way. Both parameters must be present; a malformed timestamp fails.
bool callback_verifies(const Params& params, std::string_view secret,
                       std::vector<std::string_view> names, std::int64_t now,
                       std::int64_t max_skew);

// 1..max_length bytes of [A-Za-z0-9._@-]: the ids partners and the cases send
// (services, partner users, provider accounts, tickets, resources).
bool is_identifier(std::string_view text, std::size_t max_length);

}  // namespace errcontract::internal
