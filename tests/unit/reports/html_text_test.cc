#include "html_text.h"

#include <gtest/gtest.h>

#include <string>

#include "errcontract/utf8.h"
#include "report_test_support.h"

namespace errcontract::internal {
namespace {

TEST(HtmlText, EscapesMarkupAndBothQuotes) {
  EXPECT_EQ(html_text("<a href=\"x\" title='y'>Tom & Jerry</a>"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;");
}

TEST(HtmlText, ShowsControlAndIllFormedBytesAsHexAndStaysWellFormed) {
  const std::string out = html_text(testing::awkward_body(), /*keep_line_breaks=*/true);
  EXPECT_EQ(find_invalid_utf8(out), std::string::npos);
  EXPECT_EQ(out.find('<'), std::string::npos) << out;
  EXPECT_NE(out.find("&lt;b&gt;"), std::string::npos) << out;
  EXPECT_NE(out.find("\\x01\\x1B[31m"), std::string::npos) << out;
  EXPECT_NE(out.find("caf\xc3\xa9 \\xFF \\xC3( \\xED\\xA0\\x80 \\xEF\\xBF\\xBF end\\x00!"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("\r\n"), std::string::npos);
  EXPECT_EQ(html_text("a\r\nb", /*keep_line_breaks=*/false), "a\\x0D\\x0Ab");
}

}  // namespace
}  // namespace errcontract::internal
