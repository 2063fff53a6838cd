// The mutations: deterministic from the seed, each kind reachable, and a
// JSON body stays the object it was (members rewritten, not the text).
#include "fuzzapi/request_mutator.h"

#include <gtest/gtest.h>

#include <set>

namespace errcontract::internal {
namespace {

RequestSpec form_request() {
  RequestSpec r;
  r.method = "PUT";
  r.path = "/buckets/";
  r.auth = "token";
  r.body_kind = BodyKind::kForm;
  r.form = {{"bucket_name", "b1"}, {"type", "file"}};
  return r;
}

TEST(RequestMutator, SameSeedSameMutations) {
  FuzzRng a(7), b(7);
  for (int i = 0; i < 200; ++i) {
    RequestSpec x = form_request(), y = form_request();
    EXPECT_EQ(mutate_request(x, a, nullptr), mutate_request(y, b, nullptr));
    EXPECT_EQ(x.form, y.form);
    EXPECT_EQ(x.raw, y.raw);
    EXPECT_EQ(x.path, y.path);
  }
}

TEST(RequestMutator, ReachesEveryKindOfMutation) {
  FuzzRng rng(1);
  std::set<std::string> seen;
  for (int i = 0; i < 2000; ++i) {
    RequestSpec r = form_request();
    const std::string what = mutate_request(r, rng, nullptr);
    seen.insert(what.substr(0, what.find_first_of(" =:")));
  }
  for (const char* kind :
       {"drop", "duplicate", "bucket_name", "type", "move", "malformed", "JSON", "Content-Type",
        "broken", "no", "unknown", "Basic", "method", "path", "double"}) {
    EXPECT_TRUE(seen.count(kind)) << kind;
  }
}

TEST(RequestMutator, BoundaryValueInJsonIsRawNumber) {
  RequestSpec r;
  r.method = "POST";
  r.path = "/v2/buckets/cdn/source/";
  r.body_kind = BodyKind::kJson;
  r.json = R"({"bucket_name":"b1"})";
  FuzzRng rng(3);
  bool saw_number = false;
  for (int i = 0; i < 500 && !saw_number; ++i) {
    RequestSpec m = r;
    const std::string what = mutate_request(m, rng, nullptr);
    if (what == "bucket_name=2^63") {
      EXPECT_EQ(m.json, R"({"bucket_name":9223372036854775808})");
      saw_number = true;
    }
  }
  EXPECT_TRUE(saw_number);
}

TEST(RequestMutator, AddsDeclaredParameter) {
  ApiEndpoint endpoint;
  endpoint.parameters.push_back({"quota", ParamPlace::kForm, ParamType::kInteger, false});
  FuzzRng rng(5);
  bool added = false;
  for (int i = 0; i < 500 && !added; ++i) {
    RequestSpec r = form_request();
    if (mutate_request(r, rng, &endpoint).starts_with("add quota=")) {
      added = true;
      EXPECT_EQ(r.form.back().first, "quota");
    }
  }
  EXPECT_TRUE(added);
}

TEST(RequestMutator, EscapesDollars) { EXPECT_EQ(escape_dollars("a$b$$"), "a$$b$$$$"); }

}  // namespace
}  // namespace errcontract::internal
