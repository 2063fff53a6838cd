// parse_base_url: what --target accepts and the message for what it does not.
#include "base_url.h"

#include <gtest/gtest.h>

namespace errcontract::internal {
namespace {

TEST(BaseUrl, ParsesHostAndPort) {
  auto u = parse_base_url("http://127.0.0.1:8080/");
  ASSERT_TRUE(u.ok()) << u.status().message();
  EXPECT_FALSE(u->https);
  EXPECT_EQ(u->host, "127.0.0.1");
  EXPECT_EQ(u->port, 8080);
  EXPECT_EQ(u->to_string(), "http://127.0.0.1:8080");
}

TEST(BaseUrl, DefaultsPortBySchemeAndKeepsIpv6Brackets) {
  auto https = parse_base_url("https://staging.example.com");
  ASSERT_TRUE(https.ok());
  EXPECT_TRUE(https->https);
  EXPECT_EQ(https->port, 443);
  auto v6 = parse_base_url("http://[::1]:9000");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->to_string(), "http://[::1]:9000");
}

TEST(BaseUrl, RejectsWhatItCannotHonour) {
  auto expect_error = [](const char* url, const char* message) {
    auto u = parse_base_url(url);
    ASSERT_FALSE(u.ok()) << url;
    EXPECT_EQ(u.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(u.status().message(), message);
  };
  expect_error("127.0.0.1:8080",
               "invalid target URL \"127.0.0.1:8080\": the scheme must be http:// or https://");
  expect_error("http://host/api",
               "invalid target URL \"http://host/api\": a path, query or fragment is not supported "
               "(give scheme://host:port)");
  expect_error("http://host:0", "invalid target URL \"http://host:0\": the port must be 1-65535");
  expect_error("http://host:99999",
               "invalid target URL \"http://host:99999\": the port must be 1-65535");
  expect_error("http://:80", "invalid target URL \"http://:80\": empty host");
  expect_error("http://u@host", "invalid target URL \"http://u@host\": user info is not supported");
}

}  // namespace
}  // namespace errcontract::internal
