#include "errcontract/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace errcontract {
namespace {

// The check reads ASCII eight bytes at a time: a bad byte must be found at
// its exact offset wherever it falls in or after such a word.
TEST(FindInvalidUtf8, NamesTheOffsetOfTheFirstBadByteAtEveryAlignment) {
  for (std::size_t at = 0; at < 40; ++at) {
    std::string text(48, 'a');
    text[at] = '\xFF';
    EXPECT_EQ(find_invalid_utf8(text), at) << "bad byte at " << at;
  }
}

TEST(FindInvalidUtf8, AcceptsMultiByteCharactersBetweenAsciiRuns) {
  const std::string text =
      "abcdefgh\xC3\xA9"
      "abcdefghij\xE4\xB8\xAD"
      "abcdefgh\xF0\x9F\x98\x80";
  EXPECT_EQ(find_invalid_utf8(text), std::string::npos);
  // A character cut short by the end of the text, after a full ASCII word.
  EXPECT_EQ(find_invalid_utf8("abcdefgh\xE4\xB8"), 8u);
  // A lone continuation byte, a surrogate and an overlong form.
  EXPECT_EQ(find_invalid_utf8("abcdefghi\x80"), 9u);
  EXPECT_EQ(find_invalid_utf8("abcdefgh\xED\xA0\x80"), 8u);
  EXPECT_EQ(find_invalid_utf8("abcdefgh\xC0\xAF"), 8u);
}

}  // namespace
}  // namespace errcontract
