// Teardowns kept for `errcontract teardown --from`: fixture values become
// ${fixture:NAME} references and come back exactly as sent, percent-encoded
// where the request held them encoded; other '$' survive.
#include "errcontract/teardown_replay.h"

#include <gtest/gtest.h>

namespace errcontract {
namespace {

const Fixtures kFixtures = {{"token", "tok$en/1"}, {"password", "p@ss word"}, {"id", "7"}};

HttpRequest sent() {
  return HttpRequest{
      "DELETE",
      "/b/tok$en/1/?name=x$y&password=p%40ss%20word&id=7",
      {{"Authorization", "Bearer tok$en/1"}, {"Content-Type", "application/x-www-form-urlencoded"}},
      "password=p%40ss%20word&cost=$5"};
}

TEST(TeardownTemplate, HoldsReferencesNeverValues) {
  const HttpRequest t = teardown_template(sent(), kFixtures);
  EXPECT_EQ(t.target, "/b/${fixture:token}/?name=x$$y&password=${fixture:password}&id=7");
  EXPECT_EQ(t.headers[0].second, "Bearer ${fixture:token}");
  EXPECT_EQ(t.body, "password=${fixture:password}&cost=$$5");
}

TEST(TeardownTemplate, ExpandsBackToTheRequestSent) {
  auto back = expand_teardown(teardown_template(sent(), kFixtures), kFixtures);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(back->target, sent().target);
  EXPECT_EQ(back->headers, sent().headers);
  EXPECT_EQ(back->body, sent().body);
}

TEST(TeardownTemplate, AFixtureNotProvidedIsNamed) {
  auto back = expand_teardown(teardown_template(sent(), kFixtures), {{"token", "t"}});
  ASSERT_FALSE(back.ok());
  EXPECT_NE(back.status().message().find("password"), std::string::npos) << back.status().message();
}

}  // namespace
}  // namespace errcontract
