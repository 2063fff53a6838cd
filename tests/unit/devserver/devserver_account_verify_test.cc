// Contact verification and password resets of the reference server (module
// 211, handlers/account.cc): every hourly
// limit at N and N+1, code expiry on the manual clock, channels that must be
// verified first.
#include <gtest/gtest.h>

#include "devserver_account_support.h"

namespace errcontract::testing {
namespace {

constexpr char kMobile[] = "13700137000";

// A new account with an unverified mobile, and its token.
std::string account_with_mobile(DevApi& api, const std::string& name) {
  return new_account_token(api, name, {{"mobile", kMobile}});
}

HttpResponse send_code(DevApi& api, const std::string& token, const std::string& channel) {
  return send_as(api, token, "POST", "/accounts/" + channel + "/code/");
}

HttpResponse verify(DevApi& api, const std::string& token, const std::string& channel,
                    const std::string& code) {
  return send_as(api, token, "POST", "/accounts/" + channel + "/verify/", {{"code", code}});
}

// The email of `token`'s account verified through its code.
void verify_email(DevApi& api, const std::string& token) {
  const std::string code = member(send_code(api, token, "email").body, "debug_code");
  ASSERT_EQ(outcome(verify(api, token, "email", code)), "ok 200");
}

HttpResponse reset(DevApi& api, const std::string& username, const std::string& method) {
  return api.send("POST", "/accounts/password/reset/", {{"username", username}, {"method", method}},
                  "");
}

TEST(DevServerMobile, ChangeRechecksThePasswordAndRefusesNoOps) {
  DevApi api;
  const std::string pass = api.fixture("password");
  auto change = [&](const std::string& mobile, const std::string& password) {
    return outcome(
        api.send("POST", "/accounts/mobile/", {{"mobile", mobile}, {"password", password}}));
  };
  EXPECT_EQ(change("12345", pass), "21101 400");
  EXPECT_EQ(change(kMobile, pass + "x"), "21107 403");
  EXPECT_EQ(change(api.fixture("verified_mobile"), pass), "21117 409");
  EXPECT_EQ(change(kMobile, pass), "ok 200");
  EXPECT_EQ(change(kMobile, pass), "21108 400");
  EXPECT_EQ(outcome(api.send("POST", "/accounts/mobile/",
                             {{"mobile", api.fixture("verified_mobile")},
                              {"password", api.fixture("verified_password")}},
                             "verified_token")),
            "21108 400");
}

TEST(DevServerMobile, FiveSmsAnHourThenTheSixthIs21103) {
  DevApi api;
  const std::string token = account_with_mobile(api, "amy");
  for (int i = 0; i < 5; ++i) {
    HttpResponse r = send_code(api, token, "mobile");
    EXPECT_EQ(outcome(r), "ok 200") << i;
    EXPECT_EQ(member(r.body, "debug_code").size(), 6u);
    api.clock().advance(60);
  }
  EXPECT_EQ(outcome(send_code(api, token, "mobile")), "21103 403");
  // The first send leaves the window an hour after it was made.
  api.clock().advance(3600 - 5 * 60 - 1);
  EXPECT_EQ(outcome(send_code(api, token, "mobile")), "21103 403");
  api.clock().advance(1);
  EXPECT_EQ(outcome(send_code(api, token, "mobile")), "ok 200");
}

TEST(DevServerMobile, SendNeedsAnUnverifiedMobile) {
  DevApi api;
  EXPECT_EQ(outcome(send_code(api, api.fixture("token"), "mobile")), "21116 400");
  EXPECT_EQ(outcome(api.send("POST", "/accounts/mobile/code/", {}, "verified_token")), "21115 409");
}

TEST(DevServerMobile, VerifyMatchesTheCodeWithinTenMinutes) {
  DevApi api;
  const std::string token = account_with_mobile(api, "ben");
  EXPECT_EQ(outcome(verify(api, token, "mobile", "123456")), "21104 400");  // none sent
  EXPECT_EQ(outcome(verify(api, token, "mobile", "12345")), "21101 400");
  const std::string code = member(send_code(api, token, "mobile").body, "debug_code");
  EXPECT_EQ(outcome(verify(api, token, "mobile", "000000")), "21104 400");
  api.clock().advance(599);
  EXPECT_EQ(outcome(verify(api, token, "mobile", code)), "ok 200");
  EXPECT_EQ(outcome(verify(api, token, "mobile", code)), "21115 409");
  EXPECT_EQ(outcome(send_code(api, token, "mobile")), "21115 409");
}

TEST(DevServerMobile, ACodeTenMinutesOldIs21106) {
  DevApi api;
  const std::string token = account_with_mobile(api, "cal");
  const std::string code = member(send_code(api, token, "mobile").body, "debug_code");
  api.clock().advance(600);
  EXPECT_EQ(outcome(verify(api, token, "mobile", code)), "21106 400");
  // The seeded stale code is expired from the start, and stays so.
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(outcome(api.send("POST", "/accounts/mobile/verify/",
                               {{"code", api.fixture("stale_code")}}, "stale_code_token")),
              "21106 400");
  }
}

TEST(DevServerMobile, TheFirstAccountToVerifyANumberOwnsIt) {
  DevApi api;
  const std::string first = account_with_mobile(api, "dan");
  const std::string second = account_with_mobile(api, "dee");
  const std::string code1 = member(send_code(api, first, "mobile").body, "debug_code");
  const std::string code2 = member(send_code(api, second, "mobile").body, "debug_code");
  EXPECT_EQ(outcome(verify(api, second, "mobile", code2)), "ok 200");
  EXPECT_EQ(outcome(verify(api, first, "mobile", code1)), "21117 409");
}

TEST(DevServerEmail, ChangeRechecksThePasswordAndRefusesNoOps) {
  DevApi api;
  const std::string pass = api.fixture("password");
  auto change = [&](const std::string& email, const std::string& password) {
    return outcome(
        api.send("POST", "/accounts/email/", {{"email", email}, {"password", password}}));
  };
  EXPECT_EQ(change("not-an-email", pass), "21101 400");
  EXPECT_EQ(change("me@example.com", "wrong-password"), "21107 403");
  EXPECT_EQ(change(api.fixture("verified_email"), pass), "21118 409");
  EXPECT_EQ(change("Me@Example.com", pass), "ok 200");
  EXPECT_EQ(change("me@example.com", pass), "21109 400");
}

TEST(DevServerEmail, ThreeRequestsAnHourThenTheFourthIs21114) {
  DevApi api;
  const std::string token = new_account_token(api, "eli");
  for (int i = 0; i < 3; ++i) EXPECT_EQ(outcome(send_code(api, token, "email")), "ok 200") << i;
  EXPECT_EQ(outcome(send_code(api, token, "email")), "21114 403");
  api.clock().advance(3600);
  EXPECT_EQ(outcome(send_code(api, token, "email")), "ok 200");
  // An account without an email has nothing to verify.
  EXPECT_EQ(outcome(send_code(api, api.fixture("token"), "email")), "21101 400");
}

TEST(DevServerEmail, VerifyUsesTheLastCodeSent) {
  DevApi api;
  const std::string token = new_account_token(api, "fin");
  const std::string old_code = member(send_code(api, token, "email").body, "debug_code");
  const std::string code = member(send_code(api, token, "email").body, "debug_code");
  if (old_code != code) {
    EXPECT_EQ(outcome(verify(api, token, "email", old_code)), "21104 400");
  }
  EXPECT_EQ(outcome(verify(api, token, "email", code)), "ok 200");
}

TEST(DevServerReset, NeedsAKnownUserAndAVerifiedChannel) {
  DevApi api;
  EXPECT_EQ(outcome(reset(api, "nobody-at-all", "email")), "21105 404");
  EXPECT_EQ(outcome(reset(api, "", "email")), "21101 400");
  EXPECT_EQ(outcome(reset(api, api.fixture("username"), "fax")), "21101 400");
  EXPECT_EQ(outcome(reset(api, api.fixture("username"), "mobile")), "21116 400");
  create_account(api, "gus", {{"mobile", kMobile}});
  EXPECT_EQ(outcome(reset(api, "gus", "email")), "21112 403");
  EXPECT_EQ(outcome(reset(api, "gus", "mobile")), "21112 403");
  EXPECT_EQ(outcome(reset(api, api.fixture("verified_username"), "mobile")), "ok 200");
}

TEST(DevServerReset, ThreeAnHourThenTheFourthIs21113) {
  DevApi api;
  const std::string token = new_account_token(api, "hana");
  verify_email(api, token);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(outcome(reset(api, "hana", "email")), "ok 200") << i;
    api.clock().advance(600);
  }
  EXPECT_EQ(outcome(reset(api, "hana", "email")), "21113 403");
  api.clock().advance(3600 - 3 * 600 - 1);
  EXPECT_EQ(outcome(reset(api, "hana", "email")), "21113 403");
  api.clock().advance(1);
  EXPECT_EQ(outcome(reset(api, "hana", "email")), "ok 200");
}

TEST(DevServerReset, AResetBySmsCountsAgainstTheSmsLimit) {
  DevApi api;
  const std::string token = account_with_mobile(api, "ines");
  const std::string code = member(send_code(api, token, "mobile").body, "debug_code");
  ASSERT_EQ(outcome(verify(api, token, "mobile", code)), "ok 200");
  ASSERT_EQ(outcome(send_as(api, token, "POST", "/accounts/mobile/",
                            {{"mobile", "13700137001"}, {"password", kAccountPassword}})),
            "ok 200");
  for (int i = 0; i < 3; ++i) ASSERT_EQ(outcome(send_code(api, token, "mobile")), "ok 200");
  const std::string last = member(send_code(api, token, "mobile").body, "debug_code");
  ASSERT_EQ(outcome(verify(api, token, "mobile", last)), "ok 200");
  // Five SMS sent this hour: a reset by SMS would be the sixth.
  EXPECT_EQ(outcome(reset(api, "ines", "mobile")), "21103 403");
}

TEST(DevServerReset, ConfirmSetsThePasswordWithTheCode) {
  DevApi api;
  const std::string token = new_account_token(api, "jon");
  verify_email(api, token);
  auto confirm = [&](const std::string& code) {
    return outcome(api.send("POST", "/accounts/password/reset/confirm/",
                            {{"username", "jon"}, {"code", code}, {"password", "new-pass-word"}},
                            ""));
  };
  EXPECT_EQ(confirm("123456"), "21104 400");  // no reset requested
  std::string code = member(reset(api, "jon", "email").body, "debug_code");
  EXPECT_EQ(confirm("000000"), "21104 400");
  api.clock().advance(600);
  EXPECT_EQ(confirm(code), "21106 400");
  code = member(reset(api, "jon", "email").body, "debug_code");
  EXPECT_EQ(confirm(code), "ok 200");
  EXPECT_FALSE(grant(api, "jon", "new-pass-word").empty());
}

}  // namespace
}  // namespace errcontract::testing
