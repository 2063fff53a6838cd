// The fixtures of modules 216, 218 and 219: a bucket of the main account
// whose statistics backend is broken (21901, an upstream failure). Called
// once from seed_fixtures(), after the main account exists.
#pragma once

#include <cstdint>

#include "errcontract/template.h"
#include "model/state.h"

namespace errcontract::internal {

void seed_cdn_fixtures(ServerState& state, Fixtures& fixtures, std::int64_t now);

}  // namespace errcontract::internal
