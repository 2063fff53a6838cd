// The module 211 and 213 fixtures: OAuth clients (agents in the states the
// order rules need, and a partner that is not an agent) and accounts whose
// state no request can build in a case (blocked, rejected, a code sent
// before the server started, a broken billing backend, verified contacts).
// Called once from seed_fixtures().
#pragma once

#include <cstdint>

#include "errcontract/template.h"
#include "model/state.h"

namespace errcontract::internal {

void seed_account_fixtures(ServerState& state, Fixtures& fixtures, std::int64_t now);

}  // namespace errcontract::internal
