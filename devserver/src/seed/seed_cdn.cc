// The statistics backend is outside the provider's API: the only way a client
// sees 21901 is a backend failure, so a fixture bucket stands for one whose
// backend fails every query (and keeps failing: the fixture is stable).
#include "seed/seed_cdn.h"

namespace errcontract::internal {

void seed_cdn_fixtures(ServerState& state, Fixtures& fixtures, std::int64_t now) {
  const std::string& main = fixtures.at("username");
  const std::string name = "stats-down-" + state.random_hex(10);
  state.create_bucket(main, name, BucketType::kCdn, 0, now).edge.stats_backend_broken = true;
  fixtures["stats_broken_bucket"] = name;
}

}  // namespace errcontract::internal
