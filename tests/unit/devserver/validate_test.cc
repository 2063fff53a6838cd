// Value rules of the reference server (names, domains, IPs, lists, images).
#include "server/validate.h"

#include <gtest/gtest.h>

namespace errcontract::internal {
namespace {

TEST(ValidateNames, BucketNames) {
  EXPECT_TRUE(is_valid_bucket_name("abc"));
  EXPECT_TRUE(is_valid_bucket_name("a-1-b"));
  EXPECT_FALSE(is_valid_bucket_name("ab"));
  EXPECT_FALSE(is_valid_bucket_name("-abc"));
  EXPECT_FALSE(is_valid_bucket_name("abc-"));
  EXPECT_FALSE(is_valid_bucket_name("aBc"));
  EXPECT_FALSE(is_valid_bucket_name(std::string(41, 'a')));
}

TEST(ValidateNames, OperatorAndThumbNames) {
  EXPECT_TRUE(is_valid_operator_name("op_1-x"));
  EXPECT_FALSE(is_valid_operator_name("_op"));
  EXPECT_TRUE(is_valid_thumb_name("Small_1"));
  EXPECT_FALSE(is_valid_thumb_name("a!"));
  EXPECT_FALSE(is_valid_thumb_name(""));
}

TEST(ValidateDomains, Syntax) {
  EXPECT_TRUE(is_valid_domain("www.example.com", false));
  EXPECT_TRUE(is_valid_domain("*.example.com", true));
  EXPECT_FALSE(is_valid_domain("*.example.com", false));
  EXPECT_FALSE(is_valid_domain("example", false));
  EXPECT_FALSE(is_valid_domain("a..example.com", false));
  EXPECT_FALSE(is_valid_domain("-a.example.com", false));
  EXPECT_FALSE(is_valid_domain("1.2.3.4", false));
  EXPECT_FALSE(is_valid_domain("a.b.*.com", true));
  EXPECT_EQ(normalize_domain(" WWW.Example.COM. "), "www.example.com");
}

TEST(ValidateDomains, WildcardCoverage) {
  EXPECT_TRUE(wildcard_covers("*.example.com", "a.example.com"));
  EXPECT_TRUE(wildcard_covers("*.example.com", "a.b.example.com"));
  EXPECT_FALSE(wildcard_covers("*.example.com", "example.com"));
  EXPECT_FALSE(wildcard_covers("*.example.com", "badexample.com"));
  EXPECT_FALSE(wildcard_covers("www.example.com", "a.www.example.com"));
}

TEST(ValidateValues, IpsAgentsFlagsCounts) {
  EXPECT_TRUE(is_valid_ip("10.0.0.1"));
  EXPECT_TRUE(is_valid_ip("::1"));
  EXPECT_FALSE(is_valid_ip("256.0.0.1"));
  EXPECT_FALSE(is_valid_ip("10.0.0.1/24"));
  EXPECT_TRUE(is_valid_user_agent("Mozilla/5.0 (X11)"));
  EXPECT_FALSE(is_valid_user_agent("tab\there"));
  EXPECT_EQ(parse_flag("on"), true);
  EXPECT_EQ(parse_flag("0"), false);
  EXPECT_EQ(parse_flag("yes"), std::nullopt);
  EXPECT_EQ(parse_count("42", 100), 42);
  EXPECT_EQ(parse_count("101", 100), std::nullopt);
  EXPECT_EQ(parse_count("+1", 100), std::nullopt);
  EXPECT_EQ(parse_count("99999999999999999999", 100), std::nullopt);
}

TEST(ValidateValues, SplitListTrimsAndDropsEmpties) {
  EXPECT_EQ(split_list(" a, b ,,\n c ", ",\n"), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(split_list("", ",").empty());
}

TEST(ValidateValues, ImageMagic) {
  EXPECT_TRUE(looks_like_image("GIF89a..."));
  EXPECT_TRUE(looks_like_image(std::string("\x89PNG\r\n\x1a\n", 8)));
  EXPECT_TRUE(looks_like_image("\xFF\xD8\xFF\xE0"));
  EXPECT_TRUE(looks_like_image("RIFF1234WEBPVP8 "));
  EXPECT_FALSE(looks_like_image("RIFF1234WAVE"));
  EXPECT_FALSE(looks_like_image("hello"));
}

}  // namespace
}  // namespace errcontract::internal
