#include "json/json_location.h"

#include <gtest/gtest.h>

namespace errcontract::internal {
namespace {

TEST(LineColumn, CountsLinesAndColumnsFromOne) {
  const LineColumn at = line_column("{\n  \"a\": 1\n}", 5);
  EXPECT_EQ(at.line, 2u);
  EXPECT_EQ(at.column, 4u);
}

// One place (this one) says where a byte is, in characters: an editor shows
// "é" as one column, so a column must not count its two bytes.
TEST(LineColumn, ColumnCountsCharactersNotBytes) {
  const std::string text = "{\"m\": \"\xC3\xA9\xE4\xB8\xAD!\"}";  // {"m": "é中!"}
  const std::size_t bang = text.find('!');
  EXPECT_EQ(line_column(text, bang).column, 10u);
  EXPECT_EQ(location("a.json", text, bang), "a.json:1:10");
}

TEST(LineColumn, OffsetPastTheEndStopsAtTheEnd) { EXPECT_EQ(line_column("ab", 99).column, 3u); }

}  // namespace
}  // namespace errcontract::internal
