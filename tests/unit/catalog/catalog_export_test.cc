#include "errcontract/catalog_export.h"

#include <gtest/gtest.h>

namespace errcontract {
namespace {

TEST(CatalogExport, JsonRoundTripsThroughTheLoader) {
  const Catalog& builtin = Catalog::builtin();
  std::string json = export_catalog_json(builtin);
  auto again = Catalog::parse(json, "export.json");
  ASSERT_TRUE(again.ok()) << again.status().message();
  ASSERT_EQ(again->entries().size(), builtin.entries().size());
  for (std::size_t i = 0; i < builtin.entries().size(); ++i) {
    const auto& a = builtin.entries()[i];
    const auto& b = again->entries()[i];
    EXPECT_EQ(a.code, b.code);
    EXPECT_EQ(a.status, b.status);
    EXPECT_EQ(a.message, b.message);
    EXPECT_EQ(a.notes, b.notes);
    EXPECT_EQ(a.status_alternatives, b.status_alternatives);
  }
  EXPECT_EQ(json.rfind("{\n  \"codes\": [", 0), 0u);
}

TEST(CatalogExport, MarkdownHasOneSectionPerModuleAndEscapesPipes) {
  auto catalog = Catalog::parse(R"({"codes": [
    {"code": "21401", "level": 2, "module": "14", "module_name": "operator", "detail": "01",
     "status": 400, "message": "a|b", "message_rule": "exact", "source": "table"},
    {"code": "21501", "level": 2, "module": "15", "module_name": "binding", "detail": "01",
     "status": 400, "message": "", "message_rule": "any", "source": "table"}]})",
                                "t.json");
  ASSERT_TRUE(catalog.ok()) << catalog.status().message();
  std::string md = export_catalog_markdown(*catalog);
  EXPECT_NE(md.find("## 214 operator"), std::string::npos);
  EXPECT_NE(md.find("## 215 binding"), std::string::npos);
  EXPECT_NE(md.find("| 21401 | 400 | a\\|b | exact |"), std::string::npos) << md;
}

TEST(CatalogExport, DescribeCodeShowsStatusAlternativesAndNotes) {
  CodeEntry e;
  e.code = "21103";
  e.status = 403;
  e.status_alternatives = {429};
  e.message = "Rate limited.";
  e.notes = {"rate limit without 429 in the table"};
  std::string text = describe_code(e);
  EXPECT_NE(text.find("status:       403 (alternatives: 429)"), std::string::npos) << text;
  EXPECT_NE(text.find("note:         rate limit without 429"), std::string::npos) << text;
}

}  // namespace
}  // namespace errcontract
