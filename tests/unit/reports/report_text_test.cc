#include "report_text.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>

namespace errcontract::internal {
namespace {

TEST(VisibleText, KeepsWellFormedTextUnchanged) {
  EXPECT_EQ(visible_text("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \"<&>\"", false),
            "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \"<&>\"");
}

TEST(VisibleText, ShowsControlCharactersAsHex) {
  EXPECT_EQ(visible_text(std::string("a\0b\x1b[0m\x7f", 8), false), "a\\x00b\\x1B[0m\\x7F");
  EXPECT_EQ(visible_text("a\tb\r\nc", false), "a\\x09b\\x0D\\x0Ac");
  EXPECT_EQ(visible_text("a\tb\r\nc", true), "a\tb\r\nc");
}

TEST(VisibleText, ShowsIllFormedUtf8AndNonCharactersAsHex) {
  EXPECT_EQ(visible_text("\xff\xc3(\xed\xa0\x80", false), "\\xFF\\xC3(\\xED\\xA0\\x80");
  EXPECT_EQ(visible_text("\xe2\x82", false), "\\xE2\\x82");  // cut at the end
  EXPECT_EQ(visible_text("\xc2\x9b\xef\xbf\xbe\xef\xbf\xbd", false),
            "\\xC2\\x9B\\xEF\\xBF\\xBE\xef\xbf\xbd");  // C1 CSI, U+FFFE; U+FFFD stays
}

TEST(Utf8Prefix, NeverSplitsACharacter) {
  EXPECT_EQ(utf8_prefix("ab\xe2\x82\xac", 4), "ab");
  EXPECT_EQ(utf8_prefix("ab\xe2\x82\xac", 5), "ab\xe2\x82\xac");
  EXPECT_EQ(utf8_prefix("abc", 10), "abc");
  EXPECT_EQ(utf8_prefix("a\xff\xff", 2), "a\xff");  // ill-formed bytes count one by one
}

TEST(FormatSeconds, ThreeDecimalsAndNoNegativeOrNonFinite) {
  EXPECT_EQ(format_seconds(1234.5), "1.234");  // round-half-even of 1.2345 in binary
  EXPECT_EQ(format_seconds(2.25), "0.002");
  EXPECT_EQ(format_seconds(-5), "0.000");
  EXPECT_EQ(format_seconds(std::numeric_limits<double>::quiet_NaN()), "0.000");
}

TEST(FindingLine, IdMessageAndLocation) {
  EXPECT_EQ(
      finding_line({FindingId::kStatusMismatch, Severity::kError, "expected 409, got 200", {}, ""}),
      "status.mismatch expected 409, got 200");
  EXPECT_EQ(finding_line({FindingId::kBodyNotJson, Severity::kWarning, "bad", 12, "/a"}),
            "warning body.not_json bad (at byte 12, /a)");
  EXPECT_EQ(finding_line({FindingId::kCodeMismatch, Severity::kError, "", {}, "/error_code"}),
            "code.mismatch (at /error_code)");
}

}  // namespace
}  // namespace errcontract::internal
