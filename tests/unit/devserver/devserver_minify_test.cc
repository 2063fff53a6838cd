// css/js/html minify switches (POST /buckets/minify/: 21801, 21802) of the
// reference server.
#include <gtest/gtest.h>

#include "devserver_support.h"

namespace errcontract::testing {
namespace {

HttpResponse minify(DevApi& api, Form form) {
  form.emplace(form.begin(), "bucket_name", "lean");
  return api.send("POST", "/buckets/minify/", form);
}

TEST(DevServerMinify, NoSettingIs21802) {
  DevApi api;
  api.make_bucket("lean");
  EXPECT_EQ(outcome(minify(api, {})), "21802 400");
  EXPECT_EQ(outcome(minify(api, {{"images", "true"}})), "21802 400");
  EXPECT_EQ(outcome(minify(api, {{"css", "true"}})), "ok 200");
}

TEST(DevServerMinify, ValueNotAFlagIs21801) {
  DevApi api;
  api.make_bucket("lean");
  EXPECT_EQ(outcome(minify(api, {{"css", "yes"}})), "21801 400");
  EXPECT_EQ(outcome(minify(api, {{"css", "true"}, {"js", ""}})), "21801 400");
  EXPECT_EQ(outcome(minify(api, {{"html", "2"}})), "21801 400");
  EXPECT_EQ(outcome(api.send("POST", "/buckets/minify/", {{"css", "true"}})), "21801 400");
  EXPECT_EQ(outcome(api.send("POST", "/buckets/minify/", {{"bucket_name", "fat"}, {"css", "1"}})),
            "21203 404");
}

TEST(DevServerMinify, SettingsLeftOutAreKept) {
  DevApi api;
  api.make_bucket("lean");
  EXPECT_EQ(outcome(minify(api, {{"css", "true"}, {"js", "on"}})), "ok 200");
  EXPECT_EQ(outcome(minify(api, {{"js", "0"}, {"html", "1"}})), "ok 200");
  // A rejected request changes nothing.
  EXPECT_EQ(outcome(minify(api, {{"css", "false"}, {"html", "nope"}})), "21801 400");
  EXPECT_EQ(api.send("GET", "/buckets/minify/", {{"bucket_name", "lean"}}).body,
            R"({"css":true,"js":false,"html":true})");
}

}  // namespace
}  // namespace errcontract::testing
