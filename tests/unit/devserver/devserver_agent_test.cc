// Agent rules of the reference server (module 213, handlers/agent.cc):
// orders priced from the agent's config, paid once from its balance, and the
// storage limits that bucket quotas answer to.
#include <gtest/gtest.h>

#include "devserver_account_support.h"

namespace errcontract::testing {
namespace {

HttpResponse order(DevApi& api, const std::string& prefix, Form form) {
  return api.send("PUT", "/agents/orders/", with_client(api, prefix, std::move(form)), "");
}

HttpResponse pay(DevApi& api, const std::string& prefix, const std::string& id) {
  return api.send("POST", "/agents/orders/pay/", with_client(api, prefix, {{"order_id", id}}), "");
}

std::string agent_member(DevApi& api, const std::string& prefix, const std::string& name) {
  return member(api.send("GET", "/agents/", with_client(api, prefix, {}), "").body, name);
}

HttpResponse set_quota(DevApi& api, const std::string& token, const std::string& bucket,
                       const std::string& quota) {
  return send_as(api, token, "POST", "/buckets/quota/",
                 {{"bucket_name", bucket}, {"quota", quota}});
}

TEST(DevServerOrders, CreateChecksFieldsThenPriceThenAccount) {
  DevApi api;
  create_account(api, "ann");
  EXPECT_EQ(outcome(order(api, "agent_", {{"username", "ann"}})), "21301 400");
  EXPECT_EQ(outcome(order(api, "agent_", {{"username", "ann"}, {"storage", "0"}})), "21301 400");
  EXPECT_EQ(outcome(order(api, "agent_", {{"username", "ann"}, {"storage", "1000001"}})),
            "21301 400");
  for (const char* price : {"abc", "1.234", "-5", "1e3", "5.", ".5", " 5"}) {
    EXPECT_EQ(
        outcome(order(api, "agent_", {{"username", "ann"}, {"storage", "5"}, {"price", price}})),
        "21308 400")
        << price;
  }
  // Priced at 1.00 a GB: 5 GB cost 5.00, and a quoted price must say so.
  EXPECT_EQ(
      outcome(order(api, "agent_", {{"username", "ann"}, {"storage", "5"}, {"price", "4.99"}})),
      "21308 400");
  HttpResponse ok =
      order(api, "agent_", {{"username", "ann"}, {"storage", "5"}, {"price", "5.00"}});
  EXPECT_EQ(outcome(ok), "ok 201");
  EXPECT_EQ(member(ok.body, "amount"), "5.00");
  EXPECT_EQ(member(ok.body, "state"), "unpaid");
  EXPECT_EQ(outcome(order(api, "agent_", {{"username", "nobody"}, {"storage", "5"}})), "21105 404");
  // Another agent's account is not disclosed.
  EXPECT_EQ(outcome(order(api, "small_agent_", {{"username", "ann"}, {"storage", "5"}})),
            "21105 404");
  EXPECT_EQ(outcome(order(api, "app_", {{"username", "ann"}, {"storage", "5"}})), "21310 401");
}

TEST(DevServerOrders, AnAgentWithoutAPriceConfigCannotOrder21306) {
  DevApi api;
  create_account(api, "bea", {}, "noprice_agent_");
  EXPECT_EQ(outcome(order(api, "noprice_agent_", {{"username", "bea"}, {"storage", "1"}})),
            "21306 404");
  EXPECT_EQ(agent_member(api, "noprice_agent_", "price_per_gb"), "");
  EXPECT_EQ(agent_member(api, "agent_", "price_per_gb"), "1.00");
}

TEST(DevServerOrders, PayingTakesTheBalanceOnceAndRaisesTheLimit) {
  DevApi api;
  const std::string token = new_account_token(api, "cat");
  const std::string id =
      member(order(api, "agent_", {{"username", "cat"}, {"storage", "7"}}).body, "order_id");
  EXPECT_EQ(outcome(pay(api, "agent_", "0000")), "21303 404");
  EXPECT_EQ(outcome(pay(api, "small_agent_", id)), "21303 404");
  EXPECT_EQ(agent_member(api, "agent_", "balance"), "100000.00");
  HttpResponse paid = pay(api, "agent_", id);
  EXPECT_EQ(outcome(paid), "ok 200");
  EXPECT_EQ(member(paid.body, "state"), "paid");
  EXPECT_EQ(agent_member(api, "agent_", "balance"), "99993.00");
  EXPECT_EQ(member(send_as(api, token, "GET", "/accounts/usage/").body, "storage_limit"), "17");
  EXPECT_EQ(outcome(pay(api, "agent_", id)), "21304 409");
  EXPECT_EQ(outcome(api.send("DELETE", "/agents/orders/",
                             with_client(api, "agent_", {{"order_id", id}}), "")),
            "21304 409");
  EXPECT_EQ(agent_member(api, "agent_", "balance"), "99993.00");
}

TEST(DevServerOrders, ACancelledOrderCannotBePaid) {
  DevApi api;
  create_account(api, "dov");
  const std::string id =
      member(order(api, "agent_", {{"username", "dov"}, {"storage", "1"}}).body, "order_id");
  EXPECT_EQ(outcome(api.send("DELETE", "/agents/orders/",
                             with_client(api, "agent_", {{"order_id", id}}), "")),
            "ok 200");
  EXPECT_EQ(outcome(pay(api, "agent_", id)), "21304 409");
  // Closing an account cancels its unpaid orders.
  const std::string open =
      member(order(api, "agent_", {{"username", "dov"}, {"storage", "1"}}).body, "order_id");
  EXPECT_EQ(outcome(api.send("DELETE", "/accounts/",
                             with_client(api, "agent_", {{"username", "dov"}}), "")),
            "ok 200");
  EXPECT_EQ(outcome(pay(api, "agent_", open)), "21304 409");
}

TEST(DevServerOrders, TheBalanceMustCoverTheAmount21305) {
  DevApi api;
  create_account(api, "eda", {}, "small_agent_");  // 1000.00 to spend at 1.00 a GB
  const std::string all = member(
      order(api, "small_agent_", {{"username", "eda"}, {"storage", "1000"}}).body, "order_id");
  const std::string more =
      member(order(api, "small_agent_", {{"username", "eda"}, {"storage", "1"}}).body, "order_id");
  EXPECT_EQ(outcome(pay(api, "small_agent_", all)), "ok 200");
  EXPECT_EQ(agent_member(api, "small_agent_", "balance"), "0.00");
  EXPECT_EQ(outcome(pay(api, "small_agent_", more)), "21305 403");
  EXPECT_EQ(outcome(order(api, "agent_", {{"username", "eda"}, {"storage", "1"}})), "21105 404");
}

TEST(DevServerQuota, TheAccountLimitBoundsItsBucketQuotas21307) {
  DevApi api;
  const std::string token = new_account_token(api, "fox");
  ASSERT_EQ(outcome(send_as(api, token, "PUT", "/buckets/", {{"bucket_name", "fox-a"}})), "ok 201");
  EXPECT_EQ(outcome(set_quota(api, token, "fox-a", "10")), "ok 200");
  EXPECT_EQ(outcome(set_quota(api, token, "fox-a", "11")), "21307 403");
  // Counted over all its buckets, the one being changed at its new value.
  EXPECT_EQ(outcome(set_quota(api, token, "fox-a", "6")), "ok 200");
  EXPECT_EQ(
      outcome(send_as(api, token, "PUT", "/buckets/", {{"bucket_name", "fox-b"}, {"quota", "5"}})),
      "21307 403");
  EXPECT_EQ(
      outcome(send_as(api, token, "PUT", "/buckets/", {{"bucket_name", "fox-b"}, {"quota", "4"}})),
      "ok 201");
  // An order of 5 GB, paid, makes room for 5 more.
  const std::string id =
      member(order(api, "agent_", {{"username", "fox"}, {"storage", "5"}}).body, "order_id");
  ASSERT_EQ(outcome(pay(api, "agent_", id)), "ok 200");
  EXPECT_EQ(outcome(set_quota(api, token, "fox-b", "10")), "21307 403");
  EXPECT_EQ(outcome(set_quota(api, token, "fox-b", "9")), "ok 200");
}

TEST(DevServerQuota, TheAgentPoolBoundsAllItsAccounts21302) {
  DevApi api;
  const std::string one = new_account_token(api, "gia", {}, "small_agent_");
  const std::string two = new_account_token(api, "gil", {}, "small_agent_");
  ASSERT_EQ(outcome(send_as(api, one, "PUT", "/buckets/", {{"bucket_name", "gia-b"}})), "ok 201");
  ASSERT_EQ(outcome(send_as(api, two, "PUT", "/buckets/", {{"bucket_name", "gil-b"}})), "ok 201");
  EXPECT_EQ(outcome(set_quota(api, one, "gia-b", "6")), "21302 403");  // within its own 10
  EXPECT_EQ(outcome(set_quota(api, one, "gia-b", "5")), "ok 200");
  EXPECT_EQ(outcome(set_quota(api, two, "gil-b", "1")), "21302 403");
  EXPECT_EQ(outcome(set_quota(api, one, "gia-b", "3")), "ok 200");
  EXPECT_EQ(outcome(set_quota(api, two, "gil-b", "2")), "ok 200");
  EXPECT_EQ(agent_member(api, "small_agent_", "pool_used"), "5");
}

TEST(DevServerQuota, DirectAccountsHaveNoAgentLimits) {
  DevApi api;
  api.make_bucket("direct-b");
  EXPECT_EQ(outcome(api.send("POST", "/buckets/quota/",
                             {{"bucket_name", "direct-b"}, {"quota", "100000"}})),
            "ok 200");
}

}  // namespace
}  // namespace errcontract::testing
