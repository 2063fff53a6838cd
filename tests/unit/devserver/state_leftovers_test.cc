// What clients left on the reference server (ReferenceServer::
// created_since_seed): what they created and did not delete, and nothing
// else: not a changed setting, not a login's session token.
#include "model/state_leftovers.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "devserver_support.h"

namespace errcontract::testing {
namespace {

using Lines = std::vector<std::string>;

TEST(StateLeftovers, ASeededServerHasNone) {
  DevApi api;
  EXPECT_EQ(api.service().leftovers(), Lines{});
}

TEST(StateLeftovers, WhatWasCreatedIsListedUntilItIsDeleted) {
  DevApi api;
  const std::string seeded = api.fixture("files_bucket");
  api.make_bucket("left-behind");
  EXPECT_EQ(
      outcome(api.send(
          "PUT", "/operators/",
          {{"operator_name", "op-left"}, {"password", "secret1"}, {"realname", "Left Behind"}})),
      "ok 201");
  EXPECT_EQ(outcome(api.send("PUT", "/buckets/thumbnails/",
                             {{"bucket_name", seeded}, {"thumb_name", "v-left"}, {"width", "9"}})),
            "ok 201");
  EXPECT_EQ(api.service().leftovers(),
            (Lines{"bucket " + seeded + " thumbnail v-left", "bucket left-behind",
                   "domain left-behind.b0.upaiyun.com", "operator op-left"}));

  EXPECT_EQ(outcome(api.send("DELETE", "/buckets/thumbnails/",
                             {{"bucket_name", seeded}, {"thumb_name", "v-left"}})),
            "ok 200");
  EXPECT_EQ(outcome(api.send("DELETE", "/operators/", {{"operator_name", "op-left"}})), "ok 200");
  EXPECT_EQ(
      outcome(api.send("DELETE", "/buckets/",
                       {{"bucket_name", "left-behind"}, {"password", api.fixture("password")}})),
      "ok 200");
  EXPECT_EQ(api.service().leftovers(), Lines{});
}

TEST(StateLeftovers, ChangedSettingsAndLoginsAreNotLeftovers) {
  DevApi api;
  EXPECT_EQ(outcome(api.send("POST", "/buckets/quota/",
                             {{"bucket_name", api.fixture("files_bucket")}, {"quota", "77"}})),
            "ok 200");
  EXPECT_EQ(outcome(api.send("POST", "/oauth/access_token/",
                             {{"grant_type", "password"},
                              {"client_id", api.fixture("agent_client_id")},
                              {"client_secret", api.fixture("agent_client_secret")},
                              {"username", api.fixture("username")},
                              {"password", api.fixture("password")}},
                             "")),
            "ok 200");
  EXPECT_EQ(api.service().leftovers(), Lines{});
}

}  // namespace
}  // namespace errcontract::testing
