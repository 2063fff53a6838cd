// The URL parser of the CDN endpoints (preheat, rule purge, origin hosts) and
// its IPv4 check.
#include "rules/cdn_url.h"

#include <gtest/gtest.h>

namespace errcontract::internal {
namespace {

TEST(ParseHttpUrl, SplitsSchemeHostPortAndPath) {
  const auto url = parse_http_url("HTTPS://Img.Example.COM.:8443/a/b.png?x=1");
  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->scheme, "https");
  EXPECT_EQ(url->host, "img.example.com");
  EXPECT_EQ(url->port, 8443);
  EXPECT_EQ(url->path, "/a/b.png?x=1");
  const auto bare = parse_http_url("http://10.0.0.1");
  ASSERT_TRUE(bare.has_value());
  EXPECT_EQ(bare->host, "10.0.0.1");
  EXPECT_EQ(bare->port, 0);
  EXPECT_EQ(bare->path, "/");
}

TEST(ParseHttpUrl, RejectsWhatIsNoHttpUrl) {
  for (const char* bad :
       {"", "example.com/a", "ftp://example.com/", "http://", "http:///a",
        "http://user@example.com/", "http://example.com:0/", "http://example.com:65536/",
        "http://example.com:x/", "http://exa mple.com/", "http:// example.com/", "http://example/",
        "http://*.example.com/", "http://999.1.1.1/", "http://example.com/a b",
        "http://example.com/\x01", "http://example.com/caf\xC3\xA9", "http://example.com?a"}) {
    EXPECT_FALSE(parse_http_url(bad).has_value()) << bad;
  }
  EXPECT_TRUE(parse_http_url("http://example.com:65535/*").has_value());
}

TEST(IsIpv4, DottedQuadsOnly) {
  EXPECT_TRUE(is_ipv4("1.2.3.4"));
  EXPECT_TRUE(is_ipv4("255.255.255.255"));
  for (const char* bad : {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "::1", "1.2.3.4 ", "a.b.c.d"}) {
    EXPECT_FALSE(is_ipv4(bad)) << bad;
  }
}

}  // namespace
}  // namespace errcontract::internal
