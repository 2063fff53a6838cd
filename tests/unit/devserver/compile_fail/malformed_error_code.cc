// Must not compile: ErrorCode takes five digits starting with the level (1 or
// 2), checked at compile time. ctest (error_code_rejects_malformed) compiles
// this file and expects the checker's message.
#include "server/error_code.h"

namespace errcontract::internal {

ErrorCode well_formed() { return "21402"; }
ErrorCode letter() { return "2140x"; }

}  // namespace errcontract::internal
