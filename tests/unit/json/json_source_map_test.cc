#include "json/json_source_map.h"

#include <gtest/gtest.h>

#include <string>

namespace errcontract::internal {
namespace {

// "{"cases": [\n{"id": "c0"},\n{"id": "c1"}, ...]}": case i on line i + 2.
std::string cases_text(int count) {
  std::string text = "{\"cases\": [";
  for (int i = 0; i < count; ++i) {
    text += (i == 0 ? "\n" : ",\n") + std::string("{\"id\": \"c") + std::to_string(i) + "\"}";
  }
  return text + "\n]}";
}

std::size_t line_of_case(const JsonSourceMap& map, std::size_t i) {
  return map.line(map.value_offset(PointerKey().child("cases").child(i)));
}

TEST(JsonSourceMap, FindsEachCaseWhenAskedInDocumentOrder) {
  auto map = scan_json_source(cases_text(50), "t.json");
  ASSERT_TRUE(map.ok()) << map.status().message();
  for (std::size_t i = 0; i < 50; ++i) {
    EXPECT_EQ(line_of_case(*map, i), i + 2);
    EXPECT_EQ(map->line(map->key_offset(PointerKey().child("cases").child(i).child("id"))), i + 2);
  }
}

// The reader usually goes case after case; a lookup out of that order (an
// error found late, fixtures.json's requests) must still find its case.
TEST(JsonSourceMap, FindsEachCaseWhenAskedOutOfOrder) {
  auto map = scan_json_source(cases_text(50), "t.json");
  ASSERT_TRUE(map.ok()) << map.status().message();
  for (std::size_t i = 50; i-- > 0;) EXPECT_EQ(line_of_case(*map, i), i + 2);
  EXPECT_EQ(line_of_case(*map, 7), 9u);
  EXPECT_EQ(line_of_case(*map, 40), 42u);
  EXPECT_EQ(map->value_offset("/cases/50"), 0u);  // no such case
}

// The DOM finds the first of two members of one name; so does the map, in
// any order of asking: after "/cases/1" the lookup's next guess is the chunk
// after it, which is the repeated member's "/cases/0".
TEST(JsonSourceMap, ARepeatedMemberIsFoundWhereItsFirstOccurrenceIs) {
  const std::string text =
      "{\"cases\": [\n{\"id\": \"a\"},\n{\"id\": \"b\"}],\n\"cases\": [\n\n{\"id\": \"c\"}]}";
  auto map = scan_json_source(text, "t.json");
  ASSERT_TRUE(map.ok()) << map.status().message();
  ASSERT_EQ(map->problems.size(), 1u);  // the duplicate member
  EXPECT_EQ(map->line(map->value_offset("/cases/0")), 2u);
  EXPECT_EQ(map->line(map->value_offset("/cases/1")), 3u);
  EXPECT_EQ(map->line(map->value_offset("/cases/0/id")), 2u);
  EXPECT_EQ(map->line(map->key_offset("/cases/0/id")), 2u);
}

TEST(JsonSourceMap, PointerHashesAgreeWithEscapedPointerText) {
  auto map = scan_json_source("{\"a/b\": {\"c~d\": [1, {\"e\": 2}]}}", "t.json");
  ASSERT_TRUE(map.ok()) << map.status().message();
  const std::size_t by_text = map->value_offset("/a~1b/c~0d/1/e");
  EXPECT_NE(by_text, 0u);
  EXPECT_EQ(by_text, map->value_offset(PointerKey().child("a/b").child("c~d").child(1).child("e")));
}

}  // namespace
}  // namespace errcontract::internal
