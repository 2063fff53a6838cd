// parse_base_url: what --target accepts and the message for what it does not.
#include "transport/base_url.h"

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
  expect_error("ftp://host",
               "invalid target URL \"ftp://host\": the scheme must be http:// or https://");
  expect_error("http://host/api?x=1",
               "invalid target URL \"http://host/api?x=1\": a query or fragment is not supported "
               "(give scheme://host:port/base/path)");
  expect_error("http://host:0", "invalid target URL \"http://host:0\": the port must be 1-65535");
  expect_error("http://host:99999",
               "invalid target URL \"http://host:99999\": the port must be 1-65535");
  expect_error("http://:80", "invalid target URL \"http://:80\": empty host");
  expect_error("http://u@host", "invalid target URL \"http://u@host\": user info is not supported");
}

TEST(BaseUrl, KeepsABasePathWithoutItsTrailingSlash) {
  auto u = parse_base_url("https://127.0.0.1:8443/uapi/v1/");
  ASSERT_TRUE(u.ok()) << u.status().message();
  EXPECT_EQ(u->host, "127.0.0.1");
  EXPECT_EQ(u->port, 8443);
  EXPECT_EQ(u->path, "/uapi/v1");
  EXPECT_EQ(u->to_string(), "https://127.0.0.1:8443/uapi/v1");
  auto root = parse_base_url("http://host/");
  ASSERT_TRUE(root.ok());
  EXPECT_EQ(root->path, "");
}

const char* fake_env(const char* name) {
  const std::string n(name);
  if (n == "HTTPS_PROXY") return "http://10.0.0.1:3128";
  if (n == "http_proxy") return "http://10.0.0.2:3128";
  if (n == "NO_PROXY") return "internal.example, .corp.example:8443 ,10.1.2.3";
  return nullptr;
}

TEST(BaseUrl, PicksTheProxyBySchemeUnlessNoProxyMatches) {
  auto proxy = [](const char* url, const std::string& flag = "") {
    auto u = parse_base_url(url);
    EXPECT_TRUE(u.ok()) << url;
    return proxy_for(*u, flag, fake_env);
  };
  EXPECT_EQ(proxy("https://staging.example"), "http://10.0.0.1:3128");
  EXPECT_EQ(proxy("http://staging.example"), "http://10.0.0.2:3128");  // lower-case form
  EXPECT_EQ(proxy("https://internal.example"), "");
  EXPECT_EQ(proxy("https://api.internal.example"), "");
  EXPECT_EQ(proxy("https://notinternal.example"), "http://10.0.0.1:3128");
  EXPECT_EQ(proxy("https://a.corp.example:8443"), "");
  EXPECT_EQ(proxy("https://a.corp.example:9443"), "http://10.0.0.1:3128");
  EXPECT_EQ(proxy("http://10.1.2.3:80"), "");
  // --proxy wins over the environment, NO_PROXY included.
  EXPECT_EQ(proxy("https://internal.example", "http://127.0.0.1:1"), "http://127.0.0.1:1");
}

}  // namespace
}  // namespace errcontract::internal
