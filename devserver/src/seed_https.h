// The module 217 fixtures: an account whose custom-domain HTTPS service has
// lapsed (21701) and one whose certificate conversion backend is broken
// (21711, an upstream failure). Called once from seed_fixtures().
#pragma once

#include <cstdint>

#include "errcontract/template.h"
#include "state.h"

namespace errcontract::internal {

void seed_https_fixtures(ServerState& state, Fixtures& fixtures, std::int64_t now);

}  // namespace errcontract::internal
