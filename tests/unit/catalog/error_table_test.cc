// The catalog must never drift from the user's table (docs/error-codes.txt):
// same codes, and each row's text is exactly "<message> <description>" with
// only the stray backslashes of the table removed.
#include "errcontract/error_table.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "errcontract/catalog.h"

namespace errcontract {
namespace {

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string without_backslashes(std::string text) {
  std::string out;
  for (char c : text) {
    if (c != '\\') out += c;
  }
  return out;
}

TEST(ErrorTable, ParsesCodeRowsOnly) {
  auto rows = parse_error_table(
      "代码 文本内容 描述\n200 OK x\n21102 Username has exists. 用户名已经存在\n2 14 02\n");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].code, "21102");
  EXPECT_EQ(rows[0].text, "Username has exists. 用户名已经存在");
  EXPECT_EQ(rows[0].line, 3u);
}

TEST(ErrorTable, HasTheDocumented144Codes) {
  auto rows = parse_error_table(read(ERRC_SOURCE_DIR "/docs/error-codes.txt"));
  std::set<std::string> codes;
  for (const auto& r : rows) codes.insert(r.code);
  EXPECT_EQ(rows.size(), 144u);
  EXPECT_EQ(codes.size(), 144u);
}

TEST(ErrorTable, CatalogHoldsExactlyTheTableCodes) {
  auto rows = parse_error_table(read(ERRC_SOURCE_DIR "/docs/error-codes.txt"));
  const Catalog& catalog = Catalog::builtin();
  std::set<std::string> table_codes;
  for (const auto& r : rows) {
    table_codes.insert(r.code);
    const CodeEntry* e = catalog.find(r.code);
    ASSERT_NE(e, nullptr) << "table code " << r.code << " (line " << r.line << ") not catalogued";
    EXPECT_EQ(e->source, "table") << r.code;
  }
  for (const auto& e : catalog.entries()) {
    if (table_codes.count(e.code) == 0) {
      EXPECT_EQ(e.source, "extension") << e.code << " is not in the table but claims to be";
    }
  }
}

TEST(ErrorTable, CatalogMessagesAreTheTableText) {
  auto rows = parse_error_table(read(ERRC_SOURCE_DIR "/docs/error-codes.txt"));
  const Catalog& catalog = Catalog::builtin();
  for (const auto& r : rows) {
    const CodeEntry* e = catalog.find(r.code);
    ASSERT_NE(e, nullptr);
    std::string rebuilt = e->message;
    if (!e->description_zh.empty()) {
      rebuilt += rebuilt.empty() ? e->description_zh : " " + e->description_zh;
    }
    EXPECT_EQ(rebuilt, without_backslashes(r.text)) << "code " << r.code << " line " << r.line;
    EXPECT_EQ(e->message.find('\\'), std::string::npos) << r.code;
  }
}

TEST(ErrorTable, MessageRulesFollowTheText) {
  for (const auto& e : Catalog::builtin().entries()) {
    if (e.message.empty()) {
      EXPECT_EQ(e.message_rule, MessageRule::kAny) << e.code;
    } else if (e.message.find("...") != std::string::npos) {
      EXPECT_EQ(e.message_rule, MessageRule::kPrefix) << e.code;
    } else {
      EXPECT_EQ(e.message_rule, MessageRule::kExact) << e.code;
    }
  }
}

}  // namespace
}  // namespace errcontract
