// Account rules of the reference server (module 211, handlers/account.cc):
// agent-created accounts without a Bearer token, the password grant, the
// standing of blocked and rejected accounts, usage, profile and closing.
#include <gtest/gtest.h>

#include "devserver_account_support.h"

namespace errcontract::testing {
namespace {

Form account_form(const std::string& username) {
  return {{"username", username}, {"password", kAccountPassword}, {"email", username + "@x.com"}};
}

TEST(DevServerAccounts, AgentCreatesAnAccountWithoutABearerToken) {
  DevApi api;
  HttpResponse r =
      api.send("PUT", "/accounts/", with_client(api, "agent_", account_form("ann")), "");
  EXPECT_EQ(outcome(r), "ok 201");
  EXPECT_EQ(member(r.body, "username"), "ann");
  const std::string token = grant(api, "ann");
  ASSERT_FALSE(token.empty());
  HttpResponse profile = send_as(api, token, "GET", "/accounts/profile/");
  EXPECT_EQ(member(profile.body, "username"), "ann");
}

TEST(DevServerAccounts, ARouteWithoutTokenIgnoresABadBearer) {
  DevApi api;
  HttpResponse r = send_as(api, "never-issued", "PUT", "/accounts/",
                           with_client(api, "agent_", account_form("bob")));
  EXPECT_EQ(outcome(r), "ok 201");
  // Routes that need a token still refuse one.
  EXPECT_EQ(outcome(send_as(api, "never-issued", "POST", "/accounts/", {{"im", "q"}})),
            "11001 401");
  EXPECT_EQ(outcome(api.send("POST", "/accounts/", {{"im", "q"}}, "")), "11001 401");
}

TEST(DevServerAccounts, CreateChecksTheClientFirst) {
  DevApi api;
  Form form = account_form("carl");
  EXPECT_EQ(outcome(api.send("PUT", "/accounts/", form, "")), "21101 400");
  Form unknown = form;
  unknown.emplace_back("client_id", "client-nobody");
  unknown.emplace_back("client_secret", "x");
  EXPECT_EQ(outcome(api.send("PUT", "/accounts/", unknown, "")), "21309 401");
  Form wrong = form;
  wrong.emplace_back("client_id", api.fixture("agent_client_id"));
  wrong.emplace_back("client_secret", api.fixture("app_client_secret"));
  EXPECT_EQ(outcome(api.send("PUT", "/accounts/", wrong, "")), "21310 401");
  // A partner that is not an agent may not create accounts.
  EXPECT_EQ(outcome(api.send("PUT", "/accounts/", with_client(api, "app_", form), "")),
            "21310 401");
}

TEST(DevServerAccounts, MalformedFieldsAre21101) {
  DevApi api;
  const std::vector<std::pair<std::string, std::string>> bad = {{"username", "9starts-with-digit"},
                                                                {"username", "ab"},
                                                                {"password", "short"},
                                                                {"email", "no-at-sign"},
                                                                {"email", "a@b"},
                                                                {"mobile", "23800138000"},
                                                                {"mobile", "1380013800"},
                                                                {"account_type", "agency"},
                                                                {"realname", std::string(65, 'x')},
                                                                {"website", "ftp://x.com"}};
  for (const auto& [name, value] : bad) {
    Form form = account_form("dora");
    bool replaced = false;
    for (auto& [n, v] : form) {
      if (n == name) v = value, replaced = true;
    }
    if (!replaced) form.emplace_back(name, value);
    EXPECT_EQ(outcome(api.send("PUT", "/accounts/", with_client(api, "agent_", form), "")),
              "21101 400")
        << name << "=" << value;
  }
  Form good = account_form("dora");
  good.emplace_back("mobile", "13800138000");
  good.emplace_back("realname", std::string(64, 'x'));
  good.emplace_back("website", "https://dora.example.com/");
  EXPECT_EQ(outcome(api.send("PUT", "/accounts/", with_client(api, "agent_", good), "")), "ok 201");
}

TEST(DevServerAccounts, UsernameTakenIs21102EvenAfterClosing) {
  DevApi api;
  create_account(api, "eve");
  Form again = with_client(api, "agent_", account_form("eve"));
  EXPECT_EQ(outcome(api.send("PUT", "/accounts/", again, "")), "21102 409");
  EXPECT_EQ(outcome(api.send("DELETE", "/accounts/",
                             with_client(api, "agent_", {{"username", "eve"}}), "")),
            "ok 200");
  EXPECT_EQ(outcome(api.send("PUT", "/accounts/", again, "")), "21102 409");
  // Seeded accounts hold their names too.
  Form seeded = with_client(api, "agent_", account_form(api.fixture("username")));
  EXPECT_EQ(outcome(api.send("PUT", "/accounts/", seeded, "")), "21102 409");
}

TEST(DevServerAccounts, OnlyVerifiedContactsAreTaken21117And21118) {
  DevApi api;
  Form form = with_client(api, "agent_", account_form("fay"));
  form.emplace_back("mobile", api.fixture("verified_mobile"));
  EXPECT_EQ(outcome(api.send("PUT", "/accounts/", form, "")), "21117 409");
  form.back().second = "13800138000";  // unverified elsewhere: free
  create_account(api, "gil", {{"mobile", "13800138000"}});
  EXPECT_EQ(outcome(api.send("PUT", "/accounts/", form, "")), "ok 201");

  Form mail = with_client(api, "agent_",
                          {{"username", "hal"},
                           {"password", kAccountPassword},
                           {"email", api.fixture("verified_email")}});
  EXPECT_EQ(outcome(api.send("PUT", "/accounts/", mail, "")), "21118 409");
  mail[2].second = "fay@x.com";  // fay's, unverified
  EXPECT_EQ(outcome(api.send("PUT", "/accounts/", mail, "")), "ok 201");
}

TEST(DevServerAccounts, BlockedAndRejectedAccountsCanDoNothing) {
  DevApi api;
  EXPECT_EQ(outcome(api.send("GET", "/accounts/profile/", {}, "blocked_token")), "21110 403");
  EXPECT_EQ(outcome(api.send("GET", "/buckets/", {}, "blocked_token")), "21110 403");
  EXPECT_EQ(outcome(api.send("GET", "/accounts/profile/", {}, "rejected_token")), "21111 403");
  EXPECT_EQ(outcome(api.send("PUT", "/buckets/", {{"bucket_name", "nope"}}, "rejected_token")),
            "21111 403");
  EXPECT_EQ(outcome(api.send("GET", "/accounts/profile/", {}, "token")), "ok 200");
}

Form grant_form(DevApi& api, const std::string& prefix, const std::string& user,
                const std::string& password) {
  return with_client(api, prefix,
                     {{"grant_type", "password"}, {"username", user}, {"password", password}});
}

TEST(DevServerGrant, ChecksClientFieldsUserPasswordThenStanding) {
  DevApi api;
  const std::string user = api.fixture("username");
  const std::string pass = api.fixture("password");
  auto send = [&](const Form& form) {
    return outcome(api.send("POST", "/oauth/access_token/", form, ""));
  };
  Form unknown = {{"client_id", "client-nobody"},
                  {"client_secret", "x"},
                  {"grant_type", "password"},
                  {"username", user},
                  {"password", pass}};
  EXPECT_EQ(send(unknown), "21309 401");
  Form bad_secret = grant_form(api, "agent_", user, pass);
  bad_secret[4].second = "wrong";
  EXPECT_EQ(send(bad_secret), "21310 401");
  Form code_grant = grant_form(api, "agent_", user, pass);
  code_grant[0].second = "authorization_code";
  EXPECT_EQ(send(code_grant), "21101 400");
  EXPECT_EQ(send(grant_form(api, "agent_", "nobody-here", pass)), "21105 404");
  EXPECT_EQ(send(grant_form(api, "agent_", user, pass + "x")), "21107 403");
  // A wrong password hides the standing; the right one reveals it.
  EXPECT_EQ(send(grant_form(api, "agent_", api.fixture("blocked_username"), "x")), "21107 403");
  EXPECT_EQ(send(grant_form(api, "agent_", api.fixture("blocked_username"),
                            api.fixture("blocked_password"))),
            "21110 403");
  EXPECT_EQ(send(grant_form(api, "app_", api.fixture("rejected_username"),
                            api.fixture("rejected_password"))),
            "21111 403");
  // Any client, agent or not, may use the grant.
  EXPECT_EQ(send(grant_form(api, "app_", user, pass)), "ok 200");
}

TEST(DevServerGrant, GrantedTokensExpireAfterThirtyDays) {
  DevApi api;
  const std::string token = new_account_token(api, "ivy");
  EXPECT_EQ(outcome(send_as(api, token, "GET", "/accounts/profile/")), "ok 200");
  api.clock().advance(30 * 24 * 3600 - 1);
  EXPECT_EQ(outcome(send_as(api, token, "GET", "/accounts/profile/")), "ok 200");
  api.clock().advance(1);
  EXPECT_EQ(outcome(send_as(api, token, "GET", "/accounts/profile/")), "11002 401");
}

TEST(DevServerAccounts, ProfileUpdateNeedsAWellFormedField) {
  DevApi api;
  EXPECT_EQ(outcome(api.send("POST", "/accounts/", {})), "21101 400");
  EXPECT_EQ(outcome(api.send("POST", "/accounts/", {{"website", "not a url"}})), "21101 400");
  EXPECT_EQ(outcome(api.send("POST", "/accounts/", {{"company_name", std::string(65, 'c')}})),
            "21101 400");
  EXPECT_EQ(outcome(api.send("POST", "/accounts/",
                             {{"realname", "Jo"}, {"website", "http://jo.example.com"}})),
            "ok 200");
}

TEST(DevServerAccounts, UsageFailsOnlyWhenTheBillingBackendDoes) {
  DevApi api;
  const std::string token = new_account_token(api, "jay");
  ASSERT_EQ(
      outcome(send_as(api, token, "PUT", "/buckets/", {{"bucket_name", "jay-b"}, {"quota", "4"}})),
      "ok 201");
  HttpResponse usage = send_as(api, token, "GET", "/accounts/usage/");
  EXPECT_EQ(outcome(usage), "ok 200");
  EXPECT_EQ(member(usage.body, "storage_limit"), "10");
  EXPECT_EQ(member(usage.body, "storage_allocated"), "4");
  EXPECT_EQ(member(usage.body, "balance"), "0.00");
  HttpResponse broken = api.send("GET", "/accounts/usage/", {}, "billing_broken_token");
  EXPECT_EQ(outcome(broken), "21119 500");
  EXPECT_EQ(envelope_of(broken).message, "get account usage failed");
}

TEST(DevServerAccounts, ClosingRevokesTokensAndFreesBucketsAndContacts) {
  DevApi api;
  const std::string token = new_account_token(api, "kim", {{"mobile", "13900139000"}});
  ASSERT_EQ(outcome(send_as(api, token, "PUT", "/buckets/", {{"bucket_name", "kim-b"}})), "ok 201");
  // Only the agent that created it may close it.
  Form close = {{"username", "kim"}};
  EXPECT_EQ(outcome(api.send("DELETE", "/accounts/", with_client(api, "small_agent_", close), "")),
            "21105 404");
  EXPECT_EQ(outcome(api.send("DELETE", "/accounts/", with_client(api, "agent_", close), "")),
            "ok 200");
  EXPECT_EQ(outcome(send_as(api, token, "GET", "/accounts/profile/")), "11001 401");
  EXPECT_EQ(outcome(api.send("DELETE", "/accounts/", with_client(api, "agent_", close), "")),
            "21105 404");
  EXPECT_EQ(outcome(api.send("POST", "/oauth/access_token/",
                             grant_form(api, "agent_", "kim", kAccountPassword), "")),
            "21105 404");
  api.make_bucket("kim-b");  // the name is free again
}

}  // namespace
}  // namespace errcontract::testing
