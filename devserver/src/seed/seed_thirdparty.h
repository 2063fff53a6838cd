// The module 215 and 220 fixtures: the binding service registry (with one
// partner whose token endpoint is down and a Testin user its partner cannot
// serve), the verification providers, the main account's verification, and
// an account that never passed verification. Called once from
// seed_fixtures(), after the main and other accounts exist.
#pragma once

#include <cstdint>

#include "errcontract/template.h"
#include "model/state.h"

namespace errcontract::internal {

void seed_thirdparty_fixtures(ServerState& state, Fixtures& fixtures, std::int64_t now);

}  // namespace errcontract::internal
