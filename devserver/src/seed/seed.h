// The fixtures the reference server starts with: accounts in the states the
// cases need and resources that cannot be built through the API (a bucket
// holding files, a purge history, a stale verification hash). Every token,
// password and name is random per server instance.
#pragma once

#include <cstdint>
#include <string>

#include "errcontract/template.h"
#include "model/state.h"

namespace errcontract::internal {

// A new account named "user-<hex>" with a random password and a token that
// never expires, published as the fixtures <prefix>token, <prefix>password
// and <prefix>username.
Account& add_account(ServerState& state, Fixtures& fixtures, const std::string& fixture_prefix,
                     std::int64_t now);

// Fills an empty `state` (its rng seeded) and returns the fixture values.
Fixtures seed_fixtures(ServerState& state, std::int64_t now);

}  // namespace errcontract::internal
