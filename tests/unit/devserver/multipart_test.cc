// The reference server's bounded multipart/form-data parser.
#include "server/multipart.h"

#include <gtest/gtest.h>

namespace errcontract::internal {
namespace {

TEST(MultipartBoundary, ReadsTokenAndQuotedForms) {
  EXPECT_EQ(*multipart_boundary("multipart/form-data; boundary=abc"), "abc");
  EXPECT_EQ(*multipart_boundary("multipart/form-data; charset=x; BOUNDARY=\"a b;c\""), "a b;c");
}

TEST(MultipartBoundary, RejectsMissingEmptyOrLong) {
  EXPECT_EQ(multipart_boundary("multipart/form-data").status().message(),
            "multipart body: Content-Type has no boundary parameter");
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=").ok());
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'b')).ok());
}

TEST(MultipartParse, ReadsFieldsAndFiles) {
  const std::string body =
      "preamble\r\n--B\r\nContent-Disposition: form-data; name=\"bucket_name\"\r\n\r\nmarks\r\n"
      "--B\r\ncontent-disposition: form-data; name=\"file\"; filename=\"a;b.gif\"\r\n"
      "Content-Type: image/gif\r\n\r\nGIF89a\r\n\r\n--B--\r\nepilogue";
  auto parts = parse_multipart(body, "B");
  ASSERT_TRUE(parts.ok()) << parts.status().message();
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].name, "bucket_name");
  EXPECT_EQ((*parts)[0].data, "marks");
  EXPECT_FALSE((*parts)[0].has_filename);
  EXPECT_EQ((*parts)[1].filename, "a;b.gif");
  EXPECT_EQ((*parts)[1].content_type, "image/gif");
  EXPECT_EQ((*parts)[1].data, "GIF89a\r\n");
}

TEST(MultipartParse, EmptyBodyWithCloseDelimiterHasNoParts) {
  auto parts = parse_multipart("--B--\r\n", "B");
  ASSERT_TRUE(parts.ok());
  EXPECT_TRUE(parts->empty());
}

TEST(MultipartParse, RejectsMalformedBodies) {
  struct Bad {
    std::string body;
    std::string message;
  };
  const Bad cases[] = {
      {"no delimiter at all", "multipart body: no opening boundary"},
      {"--Bjunk", "multipart body: a boundary line does not end in CRLF"},
      {"--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated",
       "multipart body: a part is not closed by a boundary"},
      {"--B\r\n\r\nno headers\r\n--B--",
       "multipart body: a part has no Content-Disposition header"},
      {"--B\r\nContent-Type: text/plain\r\n\r\nx\r\n--B--",
       "multipart body: a part has no Content-Disposition header"},
      {"--B\r\nContent-Disposition: form-data\r\n\r\nx\r\n--B--",
       "multipart body: a part has no name in its Content-Disposition"},
      {"--B\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--B--",
       "multipart body: Content-Disposition is not form-data"},
      {"--B\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n--B--",
       "multipart body: unterminated quoted parameter in Content-Disposition"},
      {"--B\r\nno colon here\r\n\r\nx\r\n--B--", "multipart body: a part header has no ':'"},
  };
  for (const Bad& bad : cases) {
    auto parts = parse_multipart(bad.body, "B");
    ASSERT_FALSE(parts.ok()) << bad.body;
    EXPECT_EQ(parts.status().message(), bad.message) << bad.body;
  }
}

TEST(MultipartParse, EnforcesPartAndHeaderLimits) {
  std::string many;
  for (int i = 0; i < 3; ++i)
    many += "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n";
  many += "--B--";
  MultipartLimits limits;
  limits.max_parts = 2;
  EXPECT_EQ(parse_multipart(many, "B", limits).status().message(),
            "multipart body: more than 2 parts");
  limits = MultipartLimits{};
  limits.max_header_bytes = 10;
  EXPECT_EQ(parse_multipart(many, "B", limits).status().message(),
            "multipart body: a part's headers are unterminated or too long");
}

}  // namespace
}  // namespace errcontract::internal
