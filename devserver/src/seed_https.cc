// Each state gets an account of its own, so cases that use it never disturb
// the main account's certificates, and the service of the main account stays
// valid for ever (kHttpsServiceForever).
#include "seed_https.h"

#include "seed.h"

namespace errcontract::internal {

void seed_https_fixtures(ServerState& state, Fixtures& fixtures, std::int64_t now) {
  // Paid up to a day before the server started: HTTPS cannot be turned on.
  add_account(state, fixtures, "https_lapsed_", now).https.service_until = now - kDay;
  // Uploads validate, then the conversion for the edge servers fails.
  add_account(state, fixtures, "cert_broken_", now).https.conversion_broken = true;
}

}  // namespace errcontract::internal
