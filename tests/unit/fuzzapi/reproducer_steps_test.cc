// What a reproducer of a request that acted on a made resource carries: the
// requests that made it and what it stands on, parents first, their undos in
// reverse, and the names written so that each replay makes its own.
#include "fuzzapi/reproducer_steps.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "fuzz_test_inputs.h"

namespace errcontract::internal {
namespace {

using errcontract::testing::fuzz_inputs;

RequestSpec put(const std::string& path, KeyValues form) {
  RequestSpec r;
  r.method = "PUT";
  r.path = path;
  r.auth = "token";
  r.body_kind = BodyKind::kForm;
  r.form = std::move(form);
  return r;
}

HttpResponse created() {
  HttpResponse r;
  r.status = 201;
  r.body = "{}";
  return r;
}

struct Made {
  const Fixtures fixtures{{"password", "fixture-pw"}, {"token", "fixture-token"}};
  const Redactor redactor{fixtures};
  UndoLedger ledger{fixtures, redactor};
  const std::vector<FuzzBaseline> baselines;
  const std::map<std::string, std::size_t> baseline_of_case;
  ReproducerSteps steps{fixtures, ledger, baselines, baseline_of_case};

  void note(const char* path, KeyValues form) {
    const ApiEndpoint* e = fuzz_inputs().surface.find("PUT", path);
    ASSERT_NE(e, nullptr);
    ledger.note(*e, put(path, std::move(form)), created(), "", true);
  }
};

TEST(ReproducerSteps, AResourceOnAMadeBucketBringsTheBucketFirstAndDeletesItLast) {
  Made m;
  m.note("/buckets/", {{"bucket_name", "madebucket"}, {"type", "image"}});
  m.note("/buckets/thumbnails/", {{"bucket_name", "madebucket"}, {"thumb_name", "thumb0"}});
  m.note("/buckets/thumbnails/", {{"bucket_name", "madebucket"}, {"thumb_name", "thumb1"}});
  ASSERT_EQ(m.ledger.entries().size(), 3u);

  FuzzViolation v;
  RequestSpec acting;
  acting.method = "POST";
  acting.path = "/buckets/watermark/";
  acting.auth = "token";
  acting.body_kind = BodyKind::kForm;
  acting.form = {{"bucket_name", "madebucket"}, {"thumb_name", "thumb1"}};
  EXPECT_EQ(m.steps.attach(v, acting, 2, false), 2);
  EXPECT_EQ(v.acts_on, "PUT /buckets/thumbnails/");
  // The bucket, then the thumbnail acted on; not its sibling thumb0.
  ASSERT_EQ(v.setup.size(), 2u);
  EXPECT_EQ(v.setup[0].request.path, "/buckets/");
  EXPECT_EQ(v.setup[0].request.form,
            (KeyValues{{"bucket_name", "${uniq}madebucket"}, {"type", "image"}}));
  EXPECT_EQ(v.setup[1].request.form,
            (KeyValues{{"bucket_name", "${uniq}madebucket"}, {"thumb_name", "${uniq}thumb1"}}));
  ASSERT_EQ(v.teardown.size(), 2u);
  EXPECT_EQ(v.teardown[0].request.path, "/buckets/thumbnails/");
  EXPECT_EQ(v.teardown[1].request.path, "/buckets/");
  EXPECT_EQ(v.teardown[1].request.query,
            (KeyValues{{"bucket_name", "${uniq}madebucket"}, {"password", "${fixture:password}"}}));
  EXPECT_EQ(v.request.form,
            (KeyValues{{"bucket_name", "${uniq}madebucket"}, {"thumb_name", "${uniq}thumb1"}}));
  // A minimised request of the same violation is written the same way.
  EXPECT_EQ(m.steps.request(acting, v, 2).form, v.request.form);
}

// No made resource (or none the steps can make): the request alone.
TEST(ReproducerSteps, WithoutAResourceTheRequestHasOnlyFixtureReferences) {
  Made m;
  FuzzViolation v;
  RequestSpec r = put("/buckets/", {{"bucket_name", "x"}, {"password", "fixture-pw"}});
  EXPECT_EQ(m.steps.attach(v, r, -1, false), -1);
  EXPECT_TRUE(v.setup.empty());
  EXPECT_TRUE(v.teardown.empty());
  EXPECT_EQ(v.acts_on, "");
  EXPECT_EQ(v.request.form, (KeyValues{{"bucket_name", "x"}, {"password", "${fixture:password}"}}));
}

}  // namespace
}  // namespace errcontract::internal
