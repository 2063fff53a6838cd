// The library's own callers use the public did_you_mean as internal::did_you_mean.
#pragma once

#include "errcontract/did_you_mean.h"

namespace errcontract::internal {

using ::errcontract::did_you_mean;

}  // namespace errcontract::internal
