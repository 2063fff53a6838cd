// Dynamic acceleration settings (POST /v2/buckets/cdn/dynamic/: 21626) of the
// reference server: for ucdn buckets only.
#include <gtest/gtest.h>

#include "devserver_support.h"

namespace errcontract::testing {
namespace {

TEST(DevServerCdnDynamic, OnlyUcdnBuckets21626) {
  DevApi api;
  api.make_bucket("dyn", "ucdn");
  api.make_bucket("static", "cdn");
  api.make_bucket("store", "file");
  const Form on = {{"smart_route", "true"}};
  auto set = [&](const std::string& bucket, Form form) {
    form.emplace_back("bucket_name", bucket);
    return outcome(api.send("POST", "/v2/buckets/cdn/dynamic/", form));
  };
  EXPECT_EQ(set("dyn", on), "ok 200");
  EXPECT_EQ(set("static", on), "21626 403");
  EXPECT_EQ(set("store", on), "21626 403");
  EXPECT_EQ(set("gone", on), "21203 404");
  EXPECT_EQ(outcome(api.send("GET", "/v2/buckets/cdn/dynamic/", {{"bucket_name", "static"}})),
            "21626 403");
}

TEST(DevServerCdnDynamic, SettingsAreCheckedAndKept) {
  DevApi api;
  api.make_bucket("dyn", "ucdn");
  auto set = [&](Form form) {
    form.emplace_back("bucket_name", "dyn");
    return outcome(api.send("POST", "/v2/buckets/cdn/dynamic/", form));
  };
  EXPECT_EQ(set({}), "21201 400");
  EXPECT_EQ(set({{"smart_route", "maybe"}}), "21201 400");
  EXPECT_EQ(set({{"timeout", "0"}}), "21201 400");
  EXPECT_EQ(set({{"timeout", "301"}}), "21201 400");
  EXPECT_EQ(set({{"timeout", "300"}}), "ok 200");
  EXPECT_EQ(set({{"smart_route", "on"}}), "ok 200");
  EXPECT_EQ(api.send("GET", "/v2/buckets/cdn/dynamic/", {{"bucket_name", "dyn"}}).body,
            R"({"smart_route":true,"timeout":300})");
}

}  // namespace
}  // namespace errcontract::testing
