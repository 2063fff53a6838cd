// What a client left on the server: the resources a state holds that an
// earlier copy of it (the seeded one) did not. Lets a test hold a fuzzer or a
// case run to "everything it created is gone" (ReferenceServer::
// created_since_seed). Only things a client creates count: changed settings
// of a seeded resource and session tokens do not, nor what is deleted as far
// as a client can tell (a closed account, a cancelled order). A paid order
// counts: nothing undoes it (cases that pay are tagged destructive).
#pragma once

#include <string>
#include <vector>

#include "model/state.h"

namespace errcontract::internal {

// One line per resource `live` holds and `earlier` does not, sorted:
// "account NAME", "bucket NAME", "bucket NAME thumbnail T", "bucket NAME
// operator O", "domain D", "operator O", "certificate ID", "agent order ID",
// "order ID", "binding ACCOUNT SERVICE", "named token ACCOUNT NAME".
std::vector<std::string> leftovers(const ServerState& live, const ServerState& earlier);

}  // namespace errcontract::internal
