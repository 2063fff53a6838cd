// The fixtures the reference server starts with: accounts in the states the
// cases need and resources that cannot be built through the API (a bucket
// holding files, a purge history, a stale verification hash). Every token,
// password and name is random per server instance.
#pragma once

#include <cstdint>

#include "errcontract/template.h"
#include "state.h"

namespace errcontract::internal {

// Fills an empty `state` (its rng seeded) and returns the fixture values.
Fixtures seed_fixtures(ServerState& state, std::int64_t now);

}  // namespace errcontract::internal
