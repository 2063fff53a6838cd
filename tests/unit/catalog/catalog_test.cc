#include "errcontract/catalog.h"

#include <gtest/gtest.h>

namespace errcontract {
namespace {

constexpr const char* kEntry = R"({
  "code": "21402", "level": 2, "module": "14", "module_name": "operator", "detail": "02",
  "status": 409, "status_reason": "uniqueness", "status_alternatives": [],
  "message": "Operator already exists.", "message_rule": "exact",
  "description_zh": "x", "endpoints": [{"endpoint": "PUT /operators/", "source": "table", "evidence": "e"}], "notes": [], "source": "table"
})";

std::string catalog_with(const std::string& entry) {
  return std::string("{\"codes\": [\n") + entry + "\n]}";
}

TEST(CatalogParse, ReadsAnEntry) {
  auto catalog = Catalog::parse(catalog_with(kEntry), "c.json");
  ASSERT_TRUE(catalog.ok()) << catalog.status().message();
  const CodeEntry* e = catalog->find("21402");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->status, 409);
  EXPECT_EQ(e->module_name, "operator");
  EXPECT_EQ(e->message_rule, MessageRule::kExact);
  EXPECT_EQ(catalog->find("21403"), nullptr);
}

TEST(CatalogParse, RejectsDuplicateCodeNamingTheLine) {
  auto catalog = Catalog::parse(catalog_with(std::string(kEntry) + ",\n" + kEntry), "c.json");
  ASSERT_FALSE(catalog.ok());
  EXPECT_EQ(catalog.status().message(), "c.json:8:1: duplicate code 21402");
}

TEST(CatalogParse, RejectsMalformedJsonWithLineAndColumn) {
  auto catalog = Catalog::parse("{\"codes\": [\n  {\"code\": '21402'}]}", "c.json");
  ASSERT_FALSE(catalog.ok());
  EXPECT_EQ(catalog.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(catalog.status().message().find("c.json:2:12: invalid JSON"), std::string::npos)
      << catalog.status().message();
}

TEST(CatalogParse, RejectsMissingMember) {
  std::string entry = kEntry;
  entry.replace(entry.find("\"status\": 409,"), 14, "");
  auto catalog = Catalog::parse(catalog_with(entry), "c.json");
  ASSERT_FALSE(catalog.ok());
  EXPECT_EQ(catalog.status().message(), "c.json:2:1: missing member \"status\"");
}

TEST(CatalogParse, RejectsWrongType) {
  std::string entry = kEntry;
  entry.replace(entry.find("409"), 3, "\"409\"");
  auto catalog = Catalog::parse(catalog_with(entry), "c.json");
  ASSERT_FALSE(catalog.ok());
  EXPECT_EQ(catalog.status().message(), "c.json:2:1: member \"status\" must be an integer");
}

TEST(CatalogParse, RejectsUnknownMember) {
  // A misspelt optional member would otherwise be dropped without a word.
  std::string entry = kEntry;
  entry.replace(entry.find("\"status_alternatives\""), 21, "\"status_alternative\"");
  auto catalog = Catalog::parse(catalog_with(entry), "c.json");
  ASSERT_FALSE(catalog.ok());
  EXPECT_EQ(catalog.status().message(),
            "c.json:2:1: unknown member \"status_alternative\" in a code entry");
}

TEST(CatalogParse, ReadsEveryEndpointWithItsSource) {
  std::string entry = kEntry;
  const std::string first = R"("source": "table", "evidence": "e"}])";
  entry.replace(entry.find(first), first.size(),
                R"("source": "table", "evidence": "e"},
    {"endpoint": "PUT /buckets/operators", "source": "client", "evidence": "L16"}])");
  auto catalog = Catalog::parse(catalog_with(entry), "c.json");
  ASSERT_TRUE(catalog.ok()) << catalog.status().message();
  const CodeEntry* e = catalog->find("21402");
  ASSERT_EQ(e->endpoints.size(), 2u);
  EXPECT_EQ(e->endpoints[1].method, "PUT");
  EXPECT_EQ(e->endpoints[1].path, "/buckets/operators");
  EXPECT_EQ(e->endpoints[1].source, EndpointSource::kClient);
  EXPECT_EQ(e->endpoints[1].evidence, "L16");
  EXPECT_EQ(e->find_endpoint("PUT", "/buckets/operators/"), &e->endpoints[1]);
  EXPECT_EQ(e->find_endpoint("PUT", "/operators"), &e->endpoints[0]);
  EXPECT_EQ(e->find_endpoint("POST", "/operators/"), nullptr);
  EXPECT_EQ(e->find_endpoint("PUT", "/operators//"), nullptr);
}

TEST(CatalogParse, RejectsABadEndpoint) {
  const std::pair<const char*, const char*> bad[] = {
      {R"("endpoints": [],)", "member \"endpoints\" must be a non-empty array of endpoints"},
      {R"("endpoints": [{"endpoint": "PUT /operators/", "source": "guess", "evidence": "e"}],)",
       "endpoint source \"guess\" is not one of table, reference, client, inferred"},
      {R"("endpoints": [{"endpoint": "PATCH /operators/", "source": "table", "evidence": "e"}],)",
       "endpoint \"PATCH /operators/\" is not \"METHOD /path\" (GET, POST, PUT or DELETE, no "
       "query string)"},
      {R"("endpoints": [{"endpoint": "PUT /operators/?a=1", "source": "table", "evidence": "e"}],)",
       "endpoint \"PUT /operators/?a=1\" is not \"METHOD /path\" (GET, POST, PUT or DELETE, no "
       "query string)"},
      {R"("endpoints": [{"endpoint": "PUT /operators/", "source": "table", "evidence": ""}],)",
       "endpoint \"PUT /operators/\" has no evidence"},
      {R"("endpoints": [{"endpoint": "PUT /operators/", "source": "table"}],)",
       "missing member \"evidence\""},
      {R"("endpoints": [{"endpoint": "PUT /operators/", "source": "table", "evidence": "e",
           "why": "x"}],)",
       "unknown member \"why\" in an endpoint"},
      {R"("endpoints": [{"endpoint": "PUT /operators/", "source": "table", "evidence": "e"},
                        {"endpoint": "PUT /operators", "source": "inferred", "evidence": "e"}],)",
       "code 21402 lists endpoint PUT /operators twice (a trailing slash aside)"},
  };
  for (const auto& [member, message] : bad) {
    std::string entry = kEntry;
    const std::size_t at = entry.find("\"endpoints\"");
    entry.replace(at, entry.find("\"notes\"") - at, member);
    auto catalog = Catalog::parse(catalog_with(entry), "c.json");
    ASSERT_FALSE(catalog.ok()) << member;
    EXPECT_EQ(catalog.status().message(), std::string("c.json:2:1: ") + message);
  }
}

TEST(CatalogParse, RejectsLoneSurrogateEscape) {
  // Found by fuzz_catalog: RapidJSON decodes "\uDFFF" into bytes that are
  // not UTF-8, so the code's envelope could never carry this message back.
  std::string entry = kEntry;
  entry.replace(entry.find("exists."), 7, "exists\\uDFFF");
  auto catalog = Catalog::parse(catalog_with(entry), "c.json");
  ASSERT_FALSE(catalog.ok());
  EXPECT_EQ(catalog.status().message(),
            "c.json:2:1: member \"message\" holds a lone UTF-16 surrogate escape "
            "(\\uD800-\\uDFFF without its pair)");
}

TEST(CatalogParse, RejectsLoneSurrogateEscapeInNotes) {
  std::string entry = kEntry;
  const std::string notes = "\"notes\": []";
  entry.replace(entry.find(notes), notes.size(), "\"notes\": [\"a\\uDC00\"]");
  auto catalog = Catalog::parse(catalog_with(entry), "c.json");
  ASSERT_FALSE(catalog.ok());
  EXPECT_NE(catalog.status().message().find("member \"notes\" holds a lone UTF-16 surrogate"),
            std::string::npos)
      << catalog.status().message();
}

TEST(CatalogParse, AcceptsSurrogatePair) {
  std::string entry = kEntry;
  entry.replace(entry.find("exists."), 7, "exists \\uD83D\\uDE00");
  auto catalog = Catalog::parse(catalog_with(entry), "c.json");
  ASSERT_TRUE(catalog.ok()) << catalog.status().message();
  EXPECT_EQ(catalog->find("21402")->message, "Operator already exists \xF0\x9F\x98\x80");
}

TEST(CatalogParse, RejectsModuleThatDisagreesWithCode) {
  std::string entry = kEntry;
  entry.replace(entry.find("\"14\""), 4, "\"12\"");
  auto catalog = Catalog::parse(catalog_with(entry), "c.json");
  ASSERT_FALSE(catalog.ok());
  EXPECT_NE(catalog.status().message().find("do not match code 21402"), std::string::npos);
}

TEST(CatalogParse, RejectsPrefixRuleWithoutPlaceholder) {
  std::string entry = kEntry;
  entry.replace(entry.find("\"exact\""), 7, "\"prefix\"");
  auto catalog = Catalog::parse(catalog_with(entry), "c.json");
  ASSERT_FALSE(catalog.ok());
  EXPECT_NE(catalog.status().message().find("no \"...\""), std::string::npos);
}

TEST(CatalogParse, RejectsUnknownMessageRule) {
  std::string entry = kEntry;
  entry.replace(entry.find("\"exact\""), 7, "\"fuzzy\"");
  auto catalog = Catalog::parse(catalog_with(entry), "c.json");
  ASSERT_FALSE(catalog.ok());
  EXPECT_NE(catalog.status().message().find("\"fuzzy\" is not one of"), std::string::npos);
}

TEST(CatalogParse, RejectsNonObjectTop) {
  auto catalog = Catalog::parse("[]", "c.json");
  ASSERT_FALSE(catalog.ok());
  EXPECT_EQ(catalog.status().message(), "c.json:1: expected an object with a \"codes\" array");
}

TEST(CatalogLoadFile, NamesAMissingFile) {
  auto catalog = Catalog::load_file("/nonexistent/catalog.json");
  ASSERT_FALSE(catalog.ok());
  EXPECT_EQ(catalog.status().code(), StatusCode::kIoError);
  EXPECT_NE(catalog.status().message().find("/nonexistent/catalog.json: cannot open"),
            std::string::npos);
}

TEST(CanonicalMessage, FollowsTheRule) {
  CodeEntry e;
  e.code = "21221";
  e.message = "invalid ip:...";
  e.message_rule = MessageRule::kPrefix;
  EXPECT_EQ(e.canonical_message(), "invalid ip:");
  e.message = "";
  e.description_zh = "用户相关参数错误";
  e.message_rule = MessageRule::kAny;
  EXPECT_EQ(e.canonical_message(), "用户相关参数错误");
}

TEST(BuiltinCatalog, HoldsTheDocumentedCodesAndExtensions) {
  const Catalog& catalog = Catalog::builtin();
  EXPECT_EQ(catalog.documented_count(), 144u);
  const CodeEntry* token = catalog.find("11001");
  ASSERT_NE(token, nullptr);
  EXPECT_TRUE(token->is_extension());
  EXPECT_EQ(token->status, 401);
  EXPECT_EQ(token->message, "Invalid Access Token");
  ASSERT_NE(catalog.find("21202"), nullptr);
  EXPECT_EQ(catalog.find("21202")->status, 409);
  EXPECT_EQ(catalog.find("21402")->status, 409);
}

TEST(BuiltinCatalog, MatchesTheCheckedInFile) {
  auto file = Catalog::load_file(ERRC_SOURCE_DIR "/cases/catalog.json");
  ASSERT_TRUE(file.ok()) << file.status().message();
  EXPECT_EQ(file->entries().size(), Catalog::builtin().entries().size());
}

}  // namespace
}  // namespace errcontract
