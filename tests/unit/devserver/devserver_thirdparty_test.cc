// Third-party bindings (21501-21505, 21508, 21509) and real-name verification
// (22001-22005) of the reference server: each rule firing and not firing,
// the signed callbacks checked with a real HMAC and the ManualClock.
#include <gtest/gtest.h>

#include <string>

#include "devserver_support.h"
#include "rules/signature.h"

namespace errcontract::testing {
namespace {

// `form` plus timestamp and sign, signed over `names` with `secret`.
Form signed_form(Form form, const std::string& secret, std::vector<std::string_view> names,
                 std::int64_t timestamp) {
  form.emplace_back("timestamp", std::to_string(timestamp));
  internal::Params params;
  for (const auto& [name, value] : form) params.add(name, value);
  form.emplace_back("sign",
                    internal::hmac_sha256_hex(secret, internal::canonical_string(params, names)));
  return form;
}

Form bind_form(const std::string& service, const std::string& code) {
  return {{"service", service}, {"code", code}};
}

TEST(DevServerBindings, BindListAndUnbind) {
  DevApi api;
  EXPECT_EQ(outcome(api.send("PUT", "/accounts/bindings/", bind_form("weibo", "wb-user-1"))),
            "ok 201");
  HttpResponse list = api.send("GET", "/accounts/bindings/");
  EXPECT_EQ(string_member(list.body, "uid"), "wb-user-1") << list.body;
  EXPECT_EQ(outcome(api.send("DELETE", "/accounts/bindings/", {{"service", "weibo"}})), "ok 200");
  EXPECT_EQ(outcome(api.send("DELETE", "/accounts/bindings/", {{"service", "weibo"}})),
            "21504 404");
}

TEST(DevServerBindings, MalformedRequestIs21501) {
  DevApi api;
  EXPECT_EQ(outcome(api.send("PUT", "/accounts/bindings/", {{"service", "weibo"}})), "21501 400");
  EXPECT_EQ(outcome(api.send("PUT", "/accounts/bindings/", bind_form("wei bo", "u1"))),
            "21501 400");
  EXPECT_EQ(outcome(api.send("PUT", "/accounts/bindings/", bind_form("weibo", "u 1"))),
            "21501 400");
  EXPECT_EQ(outcome(api.send("DELETE", "/accounts/bindings/")), "21501 400");
}

TEST(DevServerBindings, UnknownServiceIs21502) {
  DevApi api;
  EXPECT_EQ(outcome(api.send("PUT", "/accounts/bindings/", bind_form("myspace", "u1"))),
            "21502 404");
  EXPECT_EQ(outcome(api.send("DELETE", "/accounts/bindings/", {{"service", "myspace"}})),
            "21502 404");
}

TEST(DevServerBindings, PartnerTokenEndpointDownIs21503) {
  DevApi api;
  const std::string down = api.fixture("binding_down_service");
  EXPECT_EQ(outcome(api.send("PUT", "/accounts/bindings/", bind_form(down, "u1"))), "21503 500");
  EXPECT_EQ(outcome(api.send("PUT", "/accounts/bindings/", bind_form("github", "u1"))), "ok 201");
}

TEST(DevServerBindings, SecondBindingOfAServiceIs21505) {
  DevApi api;
  EXPECT_EQ(outcome(api.send("PUT", "/accounts/bindings/", bind_form("weibo", "first"))), "ok 201");
  EXPECT_EQ(outcome(api.send("PUT", "/accounts/bindings/", bind_form("weibo", "second"))),
            "21505 409");
}

TEST(DevServerBindings, PartnerUserBoundElsewhereIs21505) {
  DevApi api;
  EXPECT_EQ(
      outcome(api.send("PUT", "/accounts/bindings/", bind_form("qq", "shared"), "other_token")),
      "ok 201");
  EXPECT_EQ(outcome(api.send("PUT", "/accounts/bindings/", bind_form("qq", "shared"))),
            "21505 409");
  EXPECT_EQ(outcome(api.send("PUT", "/accounts/bindings/", bind_form("qq", "mine"))), "ok 201");
  // Unbinding frees the partner user for another account.
  api.send("DELETE", "/accounts/bindings/", {{"service", "qq"}}, "other_token");
  api.send("DELETE", "/accounts/bindings/", {{"service", "qq"}});
  EXPECT_EQ(outcome(api.send("PUT", "/accounts/bindings/", bind_form("qq", "shared"))), "ok 201");
}

TEST(DevServerBindings, TestinUserDataFailureIs21508) {
  DevApi api;
  EXPECT_EQ(outcome(api.send("GET", "/accounts/bindings/testin/", {}, "testin_token")),
            "21508 500");
  EXPECT_EQ(outcome(api.send("GET", "/accounts/bindings/testin/")), "21504 404");
  api.send("PUT", "/accounts/bindings/", bind_form("testin", "tester"));
  HttpResponse user = api.send("GET", "/accounts/bindings/testin/");
  EXPECT_EQ(outcome(user), "ok 200");
  EXPECT_EQ(string_member(user.body, "uid"), "tester");
}

class BindingCallback : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(outcome(api.send("PUT", "/accounts/bindings/", bind_form("weibo", "cb-user"))),
              "ok 201");
  }
  Form revoke(std::int64_t timestamp, const std::string& uid = "cb-user") {
    return signed_form({{"service", "weibo"}, {"uid", uid}, {"event", "revoke"}},
                       api.fixture("binding_weibo_secret"),
                       {"event", "service", "timestamp", "uid"}, timestamp);
  }
  HttpResponse call(const Form& form) {
    return api.send("POST", "/accounts/bindings/callback/", form, "");
  }
  DevApi api;
};

TEST_F(BindingCallback, SignedRevokeRemovesTheBinding) {
  EXPECT_EQ(outcome(call(revoke(api.clock().now()))), "ok 200");
  EXPECT_EQ(outcome(api.send("DELETE", "/accounts/bindings/", {{"service", "weibo"}})),
            "21504 404");
  // The same callback again: nothing left to revoke.
  EXPECT_EQ(outcome(call(revoke(api.clock().now()))), "21504 404");
}

TEST_F(BindingCallback, WrongSignatureIs21509) {
  Form form = revoke(api.clock().now());
  form.back().second[0] = form.back().second[0] == '0' ? '1' : '0';
  EXPECT_EQ(outcome(call(form)), "21509 401");
  // A value changed after signing.
  Form tampered = revoke(api.clock().now());
  tampered[1].second = "someone-else";
  EXPECT_EQ(outcome(call(tampered)), "21509 401");
}

TEST_F(BindingCallback, TimestampOutsideFiveMinutesIs21509) {
  const std::int64_t now = api.clock().now();
  EXPECT_EQ(outcome(call(revoke(now - 301))), "21509 401");
  EXPECT_EQ(outcome(call(revoke(now + 301))), "21509 401");
  EXPECT_EQ(outcome(call(revoke(now - 300))), "ok 200");
}

TEST_F(BindingCallback, MissingSignatureIs21501) {
  Form form = revoke(api.clock().now());
  form.pop_back();
  EXPECT_EQ(outcome(call(form)), "21501 400");
}

TEST(DevServerVerification, UnverifiedAccountCannotCreateBuckets22005) {
  DevApi api;
  EXPECT_EQ(outcome(api.send("PUT", "/buckets/", {{"bucket_name", "gated"}}, "unverified_token")),
            "22005 403");
  EXPECT_EQ(outcome(api.send("PUT", "/buckets/", {{"bucket_name", "gated"}})), "ok 201");
}

class Verification : public ::testing::Test {
 protected:
  HttpResponse submit(const std::string& id, const std::string& token = "unverified_token") {
    return api.send("POST", "/accounts/verification/",
                    {{"provider", "alipay"}, {"third_party_id", id}, {"real_name", "Zhang San"}},
                    token);
  }
  Form verdict(const std::string& id, const std::string& result, std::int64_t timestamp) {
    return signed_form({{"provider", "alipay"}, {"verification_id", id}, {"result", result}},
                       api.fixture("verification_secret"),
                       {"provider", "result", "timestamp", "verification_id"}, timestamp);
  }
  HttpResponse callback(const Form& form) {
    return api.send("POST", "/accounts/verification/callback/", form, "");
  }
  DevApi api;
};

TEST_F(Verification, PassingCallbackVerifiesAndOpensTheGate) {
  HttpResponse submitted = submit("ap-fresh");
  ASSERT_EQ(outcome(submitted), "ok 200");
  const std::string id = string_member(submitted.body, "verification_id");
  EXPECT_EQ(outcome(callback(verdict(id, "pass", api.clock().now()))), "ok 200");
  EXPECT_EQ(outcome(api.send("PUT", "/buckets/", {{"bucket_name", "opened"}}, "unverified_token")),
            "ok 201");
  // The account's verification exists now.
  EXPECT_EQ(outcome(submit("ap-another")), "22001 409");
}

TEST_F(Verification, ProviderAccountOfAnotherAccountIs22001) {
  EXPECT_EQ(outcome(submit(api.fixture("verification_taken_id"))), "22001 409");
  // A pending claim counts too.
  api.service().with_state([&](internal::ServerState& state) {
    state.accounts.at(api.fixture("other_username")).third_party.verified = false;
    return 0;
  });
  ASSERT_EQ(outcome(submit("ap-pending", "other_token")), "ok 200");
  EXPECT_EQ(outcome(submit("ap-pending")), "22001 409");
  EXPECT_EQ(outcome(submit("ap-free")), "ok 200");
}

TEST_F(Verification, FailingCallbackFreesTheProviderAccount) {
  HttpResponse submitted = submit("ap-doubtful");
  const std::string id = string_member(submitted.body, "verification_id");
  EXPECT_EQ(outcome(callback(verdict(id, "fail", api.clock().now()))), "ok 200");
  EXPECT_EQ(outcome(api.send("PUT", "/buckets/", {{"bucket_name", "still"}}, "unverified_token")),
            "22005 403");
  api.service().with_state([&](internal::ServerState& state) {
    state.accounts.at(api.fixture("other_username")).third_party.verified = false;
    return 0;
  });
  EXPECT_EQ(outcome(submit("ap-doubtful", "other_token")), "ok 200");
}

TEST_F(Verification, ProviderRejectionIs22002) {
  EXPECT_EQ(outcome(submit(api.fixture("verification_rejected_id"))), "22002 400");
  EXPECT_EQ(outcome(submit("ap-accepted")), "ok 200");
}

TEST_F(Verification, BadCallbackSignatureIs22003) {
  const std::string id = string_member(submit("ap-signed").body, "verification_id");
  Form forged = verdict(id, "pass", api.clock().now());
  forged.back().second = std::string(64, 'a');
  EXPECT_EQ(outcome(callback(forged)), "22003 401");
  EXPECT_EQ(outcome(callback(verdict(id, "pass", api.clock().now() - 301))), "22003 401");
  api.clock().advance(100);
  EXPECT_EQ(outcome(callback(verdict(id, "pass", api.clock().now() - 300))), "ok 200");
}

TEST_F(Verification, BadParametersAre22004) {
  EXPECT_EQ(
      outcome(api.send("POST", "/accounts/verification/",
                       {{"provider", "alipay"}, {"third_party_id", "ap-x"}}, "unverified_token")),
      "22004 400");
  EXPECT_EQ(
      outcome(api.send("POST", "/accounts/verification/",
                       {{"provider", "nobody"}, {"third_party_id", "ap-x"}, {"real_name", "Li Si"}},
                       "unverified_token")),
      "22004 400");
  const std::string id = string_member(submit("ap-params").body, "verification_id");
  Form unsigned_form = verdict(id, "pass", api.clock().now());
  unsigned_form.pop_back();
  EXPECT_EQ(outcome(callback(unsigned_form)), "22004 400");
  EXPECT_EQ(outcome(callback(verdict(id, "maybe", api.clock().now()))), "22004 400");
  // Well signed, but no such request pending.
  EXPECT_EQ(outcome(callback(verdict("v-unknown", "pass", api.clock().now()))), "22004 400");
  EXPECT_EQ(outcome(callback(verdict(id, "pass", api.clock().now()))), "ok 200");
}

}  // namespace
}  // namespace errcontract::testing
