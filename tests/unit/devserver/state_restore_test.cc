// restore_state: the reference server's reset between fuzz inputs puts the
// state back to the seeded copy in place, writing only what differs.
#include "model/state_restore.h"

#include <gtest/gtest.h>

#include "seed/seed.h"

namespace errcontract::internal {
namespace {

constexpr std::int64_t kNow = 1700000000;

struct Seeded {
  Seeded() {
    state.rng.seed(7);
    fixtures = seed_fixtures(state, kNow);
    copy = state;
  }
  ServerState state;
  ServerState copy;
  Fixtures fixtures;
};

TEST(RestoreState, NothingChangedWritesNothing) {
  Seeded s;
  EXPECT_FALSE(restore_state(s.state, s.copy));
  EXPECT_TRUE(s.state == s.copy);
}

TEST(RestoreState, AddedChangedAndRemovedEntriesAreUndone) {
  Seeded s;
  const std::string files = s.fixtures.at("files_bucket");
  const std::string purged = s.fixtures.at("purged_bucket");
  const std::string main = s.state.buckets.at(files).owner;
  s.state.create_bucket(main, "made-after-seeding", BucketType::kFile, 0, kNow);  // added
  s.state.buckets.at(files).visible = false;                                      // changed
  s.state.delete_bucket(purged);                                                  // removed
  s.state.tokens.clear();
  s.state.dns_zone = "elsewhere.test";
  s.state.random_hex(8);  // the random sequence moved on
  s.state.wallet.tickets.clear();
  ASSERT_FALSE(s.state == s.copy);

  EXPECT_TRUE(restore_state(s.state, s.copy));
  EXPECT_TRUE(s.state == s.copy);
  EXPECT_EQ(s.state.buckets.count("made-after-seeding"), 0u);
  EXPECT_TRUE(s.state.buckets.at(files).visible);
  EXPECT_EQ(s.state.buckets.count(purged), 1u);
  EXPECT_EQ(s.state.random_hex(16), s.copy.random_hex(16));
}

// The point of restoring in place: an entry nobody touched is not copied
// again (assigning the whole seeded state would rebuild every node).
TEST(RestoreState, UntouchedEntriesStayWhereTheyAre) {
  Seeded s;
  const std::string files = s.fixtures.at("files_bucket");
  const std::string purged = s.fixtures.at("purged_bucket");
  const Bucket* untouched = &s.state.buckets.at(purged);
  const std::string* untouched_domain = &s.state.domains.begin()->second;
  s.state.buckets.at(files).files = 99;
  for (auto it = s.state.buckets.begin(); it != s.state.buckets.end(); ++it) {
    if (it->first != files && it->first != purged) {
      s.state.buckets.erase(it);
      break;
    }
  }

  EXPECT_TRUE(restore_state(s.state, s.copy));
  EXPECT_TRUE(s.state == s.copy);
  EXPECT_EQ(&s.state.buckets.at(purged), untouched);
  EXPECT_EQ(&s.state.domains.begin()->second, untouched_domain);
}

}  // namespace
}  // namespace errcontract::internal
