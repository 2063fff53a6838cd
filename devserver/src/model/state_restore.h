// Putting a server state back to an earlier copy of itself in place: what a
// fuzzer's reset between inputs needs (ApiService::reset). Only what differs
// is written; an entry equal to the copy's is left where it is, so restoring
// after a handler changed one bucket costs a comparison and one bucket's copy,
// not the copy of the whole seeded world (thousands of allocations).
#pragma once

#include "model/state.h"

namespace errcontract::internal {

// Makes `live` equal to `earlier` (afterwards live == earlier). Returns
// whether anything had to be written. The mutexes are left alone.
bool restore_state(ServerState& live, const ServerState& earlier);

}  // namespace errcontract::internal
