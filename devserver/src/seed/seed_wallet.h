// The module 221 and 222 fixtures: the price list, vouchers in each state
// (activated by the main account, by the other account, never activated
// and past their window), an account the 22115 case locks, and a buyer with
// a balance of its own. Called once from seed_fixtures(), after the main and
// other accounts exist.
#pragma once

#include <cstdint>

#include "errcontract/template.h"
#include "model/state.h"

namespace errcontract::internal {

void seed_wallet_fixtures(ServerState& state, Fixtures& fixtures, std::int64_t now);

}  // namespace errcontract::internal
