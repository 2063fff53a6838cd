// Parameter parsing of the reference server: percent-decoding, forms, JSON
// bodies and which part of a request each method reads.
#include "server/request_params.h"

#include <gtest/gtest.h>

namespace errcontract::internal {
namespace {

TEST(PercentDecode, DecodesEscapesAndPlus) {
  EXPECT_EQ(*percent_decode("a%20b+c%2B", true), "a b c+");
  EXPECT_EQ(*percent_decode("a+b", false), "a+b");
}

TEST(PercentDecode, RejectsBadEscapes) {
  EXPECT_EQ(percent_decode("ab%4", true).status().message(), "bad percent-escape at byte 2");
  EXPECT_EQ(percent_decode("%zz", true).status().message(), "bad percent-escape at byte 0");
  EXPECT_EQ(percent_decode("%", true).status().message(), "bad percent-escape at byte 0");
}

TEST(ParseUrlencoded, KeepsOrderAndFirstValueWins) {
  Params p;
  ASSERT_TRUE(parse_urlencoded("a=1&&b&a=2&=skipped", p).ok());
  EXPECT_EQ(*p.get("a"), "1");
  EXPECT_EQ(*p.get("b"), "");
  EXPECT_EQ(p.items().size(), 3u);
  EXPECT_EQ(p.get("c"), nullptr);
}

TEST(ParseUrlencoded, NamesTheBadPair) {
  Params p;
  EXPECT_EQ(parse_urlencoded("ok=1&bad=%G1", p).message(),
            "bad parameter \"bad=%G1\": bad percent-escape at byte 0");
}

TEST(ParseJsonParams, ConvertsScalarsAndJoinsArrays) {
  Params p;
  ASSERT_TRUE(parse_json_params(
                  R"({"s":"x","n":5,"f":1.5,"b":false,"z":null,"l":["1.1.1.1",2],"s":"dup"})", p)
                  .ok());
  EXPECT_EQ(*p.get("s"), "x");
  EXPECT_EQ(*p.get("n"), "5");
  EXPECT_EQ(*p.get("f"), "1.5");
  EXPECT_EQ(*p.get("b"), "false");
  EXPECT_EQ(p.get("z"), nullptr);
  EXPECT_EQ(*p.get("l"), "1.1.1.1\n2");
}

TEST(ParseJsonParams, RejectsWhatIsNotAFlatObject) {
  Params p;
  EXPECT_EQ(parse_json_params("[]", p).message(), "the JSON body is not an object");
  EXPECT_EQ(parse_json_params(R"({"a":{"b":1}})", p).message(), "member \"a\" is an object");
  EXPECT_EQ(parse_json_params(R"({"a":[[1]]})", p).message(), "member \"a\" holds a nested value");
  EXPECT_EQ(parse_json_params("{\"a\":1} x", p).message(),
            "invalid JSON at byte 8: The document root must not be followed by other values.");
  EXPECT_EQ(parse_json_params(std::string(40, '['), p).message(), "JSON nested deeper than 32");
  EXPECT_FALSE(parse_json_params("{\"a\":\"\xC3\x28\"}", p).ok());
}

TEST(ParseRequest, KeepsAStructuredJsonDocumentWhenAsked) {
  HttpRequest post{"POST",
                   "/v2/buckets/cdn/source/",
                   {{"Content-Type", "application/json"}},
                   R"({"bucket_name":"b","cdn":{"servers":[{"host":"1.1.1.1"}]},"tags":["x"]})"};
  EXPECT_EQ(parse_request(post).status().message(), "member \"cdn\" is an object");
  auto parsed = parse_request(post, true);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(parsed->json_body, post.body);
  EXPECT_EQ(*parsed->params.get("bucket_name"), "b");
  EXPECT_EQ(parsed->params.get("cdn"), nullptr);
  EXPECT_EQ(parsed->params.get("tags"), nullptr);
  // Still checked: well-formed, an object, not too deep.
  post.body = R"({"cdn":{"servers":[)";
  EXPECT_FALSE(parse_request(post, true).ok());
  post.body = std::string(40, '[');
  EXPECT_EQ(parse_request(post, true).status().message(), "JSON nested deeper than 32");
  // A form body keeps nothing.
  HttpRequest form{"POST", "/v2/buckets/cdn/source/", {}, "bucket_name=b"};
  parsed = parse_request(form, true);
  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(parsed->json_body.empty());
}

TEST(ParseRequest, GetReadsTheQueryAndPostTheBody) {
  HttpRequest get{"GET", "/buckets/info/?bucket_name=a%2Db", {}, "bucket_name=ignored"};
  auto parsed = parse_request(get);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->path, "/buckets/info/");
  EXPECT_EQ(*parsed->params.get("bucket_name"), "a-b");

  HttpRequest post{"POST", "/purge/?urls=second", {}, "urls=kept"};
  parsed = parse_request(post);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(*parsed->params.get("urls"), "kept");
}

TEST(ParseRequest, PostReadsTheQueryAfterTheBody) {
  HttpRequest post{"POST", "/operators/disable/?operator_name=op1&x=%41", {}, ""};
  auto parsed = parse_request(post);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(*parsed->params.get("operator_name"), "op1");
  EXPECT_EQ(*parsed->params.get("x"), "A");
  HttpRequest bad{"POST", "/operators/disable/?operator_name=%zz", {}, ""};
  EXPECT_FALSE(parse_request(bad).ok());
}

TEST(ParseRequest, DeleteReadsQueryThenBody) {
  HttpRequest del{"DELETE",
                  "/buckets/?bucket_name=q",
                  {{"Content-Type", "application/x-www-form-urlencoded"}},
                  "bucket_name=body&password=pw"};
  auto parsed = parse_request(del);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(*parsed->params.get("bucket_name"), "q");
  EXPECT_EQ(*parsed->params.get("password"), "pw");
}

TEST(ParseRequest, MultipartSplitsFieldsAndFiles) {
  HttpRequest up{
      "POST",
      "/buckets/watermark/",
      {{"Content-Type", "multipart/form-data; boundary=B"}},
      "--B\r\nContent-Disposition: form-data; name=\"bucket_name\"\r\n\r\nm\r\n"
      "--B\r\nContent-Disposition: form-data; name=\"f\"; filename=\"\"\r\n\r\nGIF89a\r\n"
      "--B--"};
  auto parsed = parse_request(up);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(*parsed->params.get("bucket_name"), "m");
  ASSERT_EQ(parsed->files.size(), 1u);
  EXPECT_EQ(parsed->files[0].data, "GIF89a");
}

TEST(ParseRequest, RejectsInvalidUtf8AndUnknownMediaTypes) {
  HttpRequest bad{"PUT", "/operators/", {}, "realname=%ED%A0%80"};  // a UTF-16 surrogate
  EXPECT_EQ(parse_request(bad).status().message(), "parameter \"realname\" is not valid UTF-8");
  HttpRequest xml{"PUT", "/operators/", {{"Content-Type", "Application/XML"}}, "<a/>"};
  EXPECT_EQ(parse_request(xml).status().message(), "unsupported Content-Type \"application/xml\"");
}

}  // namespace
}  // namespace errcontract::internal
