// The HTTPS fixtures: for module 217 an account whose custom-domain HTTPS
// service has lapsed (21701), one whose certificate conversion backend is
// broken (21711, an upstream failure) and one that holds a certificate
// (21705, 21706, 21708); for the 2015 per-bucket switch an account whose
// HTTPS quota is used up (21235). Called once from seed_fixtures().
#pragma once

#include <cstdint>

#include "errcontract/template.h"
#include "model/state.h"

namespace errcontract::internal {

void seed_https_fixtures(ServerState& state, Fixtures& fixtures, std::int64_t now);

}  // namespace errcontract::internal
