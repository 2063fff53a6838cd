// The JSON Schemas of cases/schema/ against the files they describe, and the
// case-file schema against the loader on the same inputs (the loader is
// stricter; the schema is for editors and other tools).
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "errcontract/api_surface.h"
#include "errcontract/case.h"
#include "errcontract/catalog.h"
#include "errcontract/fixture_declarations.h"

namespace errcontract {
namespace {

const std::filesystem::path kSourceDir = ERRC_SOURCE_DIR;

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::unique_ptr<rapidjson::SchemaDocument> load_schema(const std::string& name) {
  std::filesystem::path path = kSourceDir / "cases" / "schema" / name;
  if (!std::filesystem::exists(path)) {
    ADD_FAILURE() << path << " is missing";
    return nullptr;
  }
  rapidjson::Document doc;
  doc.Parse(read_text(path).c_str());
  if (doc.HasParseError()) {
    ADD_FAILURE() << path << ": invalid JSON at byte " << doc.GetErrorOffset() << ": "
                  << rapidjson::GetParseError_En(doc.GetParseError());
    return nullptr;
  }
  return std::make_unique<rapidjson::SchemaDocument>(doc);
}

const rapidjson::SchemaDocument& case_schema() {
  static const std::unique_ptr<rapidjson::SchemaDocument> schema =
      load_schema("case-file.schema.json");
  if (schema == nullptr) throw std::runtime_error("case-file.schema.json did not load");
  return *schema;
}

// "" when `json` is valid, else "keyword at document-pointer".
std::string validate(const rapidjson::SchemaDocument& schema, const std::string& json) {
  rapidjson::Document doc;
  doc.Parse(json.c_str());
  if (doc.HasParseError()) return "invalid JSON";
  rapidjson::SchemaValidator validator(schema);
  if (doc.Accept(validator)) return "";
  rapidjson::StringBuffer where;
  validator.GetInvalidDocumentPointer().StringifyUriFragment(where);
  return std::string(validator.GetInvalidSchemaKeyword()) + " at " + where.GetString();
}

std::string with_case(const std::string& members) {
  return R"({"cases": [{"id": "c1", "code": "21402", )" + members + "}]}";
}

constexpr const char* kRequest = R"("request": {"method": "GET", "path": "/x"})";

TEST(CaseFileSchema, AcceptsEveryFeature) {
  const char* json = R"({"$schema": "schema/case-file.schema.json", "cases": [{
    "id": "operator-create-duplicate", "code": "21402", "summary": "s",
    "tags": ["operator", "destructive"], "fixtures": ["token"],
    "setup": [{"request": {"method": "PUT", "path": "/operators/", "auth": "token",
                           "form": {"operator_name": "${uniq}-op"}},
               "expect": {"status": [200, 201]}, "capture": {"op_id": "/data/id~1x"}}],
    "request": {"method": "PUT", "path": "/operators/${op_id}", "query": {"a": "1"},
                "headers": {"X-A": "b"}, "json": {"n": [1, null]}},
    "expect": {"status": 409, "error_code": "21402", "message": "m"},
    "capture": {"again": "/error_code"},
    "teardown": [{"request": {"method": "DELETE", "path": "/operators/", "raw": "x",
                              "content_type": "text/plain"}}]
  }]})";
  EXPECT_EQ(validate(case_schema(), json), "");
}

TEST(CaseFileSchema, RejectsUnknownMember) {
  EXPECT_EQ(validate(case_schema(), R"({"cases": [{"id": "c1", "code": "21402",
      "reqest": {"method": "GET", "path": "/x"}}]})"),
            "additionalProperties at #/cases/0/reqest");
  EXPECT_EQ(
      validate(case_schema(), with_case(std::string(kRequest) + R"(, "expect": {"statsu": 1})")),
      "additionalProperties at #/cases/0/expect/statsu");
}

TEST(CaseFileSchema, RejectsMissingMethod) {
  EXPECT_EQ(validate(case_schema(), with_case(R"("request": {"path": "/x"})")),
            "required at #/cases/0/request");
}

TEST(CaseFileSchema, RejectsUnknownMethod) {
  EXPECT_EQ(validate(case_schema(), with_case(R"("request": {"method": "get", "path": "/x"})")),
            "enum at #/cases/0/request/method");
}

TEST(CaseFileSchema, RejectsPathWithoutSlashOrWithQuery) {
  EXPECT_EQ(validate(case_schema(), with_case(R"("request": {"method": "GET", "path": "x"})")),
            "pattern at #/cases/0/request/path");
  EXPECT_EQ(validate(case_schema(), with_case(R"("request": {"method": "GET", "path": "/x?a"})")),
            "pattern at #/cases/0/request/path");
}

TEST(CaseFileSchema, ACaseNamesItsCodeUnlessItExpectsTheContract) {
  const std::string no_code = R"({"cases": [{"id": "c1", )" + std::string(kRequest);
  EXPECT_EQ(validate(case_schema(), no_code + R"(, "expect": {"contract": true}}]})"), "");
  EXPECT_EQ(validate(case_schema(), no_code + "}]}"), "anyOf at #/cases/0");
  EXPECT_EQ(validate(case_schema(), no_code + R"(, "expect": {"status": 404}}]})"),
            "anyOf at #/cases/0");
}

TEST(CaseFileSchema, RejectsCodeThatIsNotFiveDigits) {
  EXPECT_EQ(validate(case_schema(), R"({"cases": [{"id": "c1", "code": "2140x", )" +
                                        std::string(kRequest) + "}]}"),
            "pattern at #/cases/0/code");
}

TEST(CaseFileSchema, RejectsTwoBodies) {
  EXPECT_EQ(validate(case_schema(), with_case(R"("request": {"method": "PUT", "path": "/x",
      "form": {}, "json": {}})")),
            "not at #/cases/0/request");
}

TEST(CaseFileSchema, RejectsContentTypeWithoutRaw) {
  EXPECT_EQ(validate(case_schema(), with_case(R"("request": {"method": "PUT", "path": "/x",
      "content_type": "text/plain"})")),
            "dependencies at #/cases/0/request");
}

TEST(CaseFileSchema, RejectsNonStringQueryValue) {
  EXPECT_EQ(validate(case_schema(), with_case(R"("request": {"method": "GET", "path": "/x",
      "query": {"limit": 10}})")),
            "type at #/cases/0/request/query/limit");
}

TEST(CaseFileSchema, RejectsBadStatus) {
  EXPECT_EQ(
      validate(case_schema(), with_case(std::string(kRequest) + R"(, "expect": {"status": 99})")),
      "oneOf at #/cases/0/expect/status");
  EXPECT_EQ(
      validate(case_schema(), with_case(std::string(kRequest) + R"(, "expect": {"status": []})")),
      "oneOf at #/cases/0/expect/status");
}

TEST(CaseFileSchema, RejectsBadCaptures) {
  EXPECT_EQ(
      validate(case_schema(), with_case(std::string(kRequest) + R"(, "capture": {"a": "id"})")),
      "pattern at #/cases/0/capture/a");
  EXPECT_EQ(
      validate(case_schema(), with_case(std::string(kRequest) + R"(, "capture": {"a": "/~2"})")),
      "pattern at #/cases/0/capture/a");
}

TEST(CaseFileSchema, RejectsBadIdTagAndFixtureNames) {
  EXPECT_EQ(validate(case_schema(), R"({"cases": [{"id": "Bad Id", "code": "21402", )" +
                                        std::string(kRequest) + "}]}"),
            "pattern at #/cases/0/id");
  EXPECT_EQ(validate(case_schema(), with_case(std::string(kRequest) + R"(, "tags": ["9x"])")),
            "pattern at #/cases/0/tags/0");
  EXPECT_EQ(validate(case_schema(), with_case(std::string(kRequest) + R"(, "fixtures": ["Tok"])")),
            "pattern at #/cases/0/fixtures/0");
}

std::vector<std::filesystem::path> case_files() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(kSourceDir / "cases")) {
    std::string name = entry.path().filename().string();
    if (name.size() > 11 && name.substr(name.size() - 11) == ".cases.json") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(CaseFiles, MatchTheSchema) {
  std::vector<std::filesystem::path> files = case_files();
  if (files.empty()) GTEST_SKIP() << "no cases/*.cases.json yet";
  for (const auto& file : files) {
    EXPECT_EQ(validate(case_schema(), read_text(file)), "") << file;
  }
}

TEST(CaseFiles, LoadWithTheBuiltinCatalog) {
  if (case_files().empty()) GTEST_SKIP() << "no cases/*.cases.json yet";
  auto library = CaseLibrary::load_dir((kSourceDir / "cases").string(), Catalog::builtin());
  EXPECT_TRUE(library.ok()) << library.status().message();
}

// Where "${uniq}" continues a name ("b${uniq}", "pw-${uniq}") rather than
// starting one or a domain label: the names a case creates must start with
// the resource prefix (kResourcePrefix) for a staging sweep to find them.
std::vector<std::string> uniq_not_leading(const std::string& text) {
  std::vector<std::string> found;
  const std::string uniq = "${uniq}";
  for (auto at = text.find(uniq); at != std::string::npos; at = text.find(uniq, at + 1)) {
    if (at == 0) continue;
    const char before = text[at - 1];
    // A letter, digit or '-' continues a name; a backslash ends a JSON
    // escape such as "\n", whose letter is not part of the name.
    const bool continues = std::isalnum(static_cast<unsigned char>(before)) || before == '-';
    const bool escaped = at >= 2 && text[at - 2] == '\\';
    if (continues && !escaped) found.push_back(text.substr(at >= 12 ? at - 12 : 0, 20));
  }
  return found;
}

TEST(CaseFiles, UniqOnlyEverStartsANameOrADomainLabel) {
  EXPECT_EQ(uniq_not_leading(R"({"b": "b${uniq}", "p": "pw-${uniq}"})").size(), 2u);
  EXPECT_TRUE(
      uniq_not_leading(R"({"b": "${uniq}b", "d": "www.${uniq}.example.com", "r": "\n${uniq}b"})")
          .empty());
  for (const auto& file : case_files()) {
    for (const auto& where : uniq_not_leading(read_text(file))) {
      ADD_FAILURE() << file << ": \"" << where << "\": write ${uniq} first";
    }
  }
}

// fixtures.schema.json refers to the case-file schema for its request.
class SiblingSchemas : public rapidjson::IRemoteSchemaDocumentProvider {
 public:
  const rapidjson::SchemaDocument* GetRemoteDocument(const char* uri,
                                                     rapidjson::SizeType length) override {
    // RapidJSON 1.1 passes the URI one character short ("...schema.jso").
    const std::string asked(uri, length);
    const std::string sibling = "case-file.schema.json";
    if (asked.size() + 1 >= sibling.size() && sibling.compare(0, asked.size(), asked) == 0) {
      return &case_schema();
    }
    ADD_FAILURE() << "unexpected remote schema " << asked;
    return nullptr;
  }
};

// A schema of cases/schema/ that refers to case-file.schema.json.
std::unique_ptr<rapidjson::SchemaDocument> sibling_schema(const std::string& name) {
  static SiblingSchemas siblings;
  rapidjson::Document doc;
  doc.Parse(read_text(kSourceDir / "cases" / "schema" / name).c_str());
  if (doc.HasParseError()) throw std::runtime_error(name + " is not JSON");
  return std::make_unique<rapidjson::SchemaDocument>(doc, &siblings);
}

const rapidjson::SchemaDocument& fixtures_schema() {
  static const auto schema = sibling_schema("fixtures.schema.json");
  return *schema;
}

const rapidjson::SchemaDocument& api_schema() {
  static const auto schema = sibling_schema("api.schema.json");
  return *schema;
}

constexpr const char* kObtain =
    R"("obtain": {"request": {"method": "POST", "path": "/oauth/access_token/",
        "form": {"username": "${fixture:username}"}}, "capture": "/access_token"})";

std::string with_fixture(const std::string& members) {
  return R"({"fixtures": {"username": {"about": "u", "secret": false}, "token": {)" + members +
         "}}}";
}

TEST(FixturesSchema, AcceptsADeclarationWithObtain) {
  const std::string json =
      with_fixture(std::string(R"("about": "the token", "secret": true, )") + kObtain);
  EXPECT_EQ(validate(fixtures_schema(), json), "");
  auto declared = FixtureDeclarations::parse(json, "f.json");
  EXPECT_TRUE(declared.ok()) << declared.status().message();
}

TEST(FixturesSchema, RejectsWhatTheLoaderRejects) {
  const std::vector<std::string> bad = {
      with_fixture(R"("secret": true)"),                        // no about
      with_fixture(R"("about": "t")"),                          // no secret
      with_fixture(R"("about": "t", "secret": "yes")"),         // secret not a boolean
      with_fixture(R"("about": "t", "secret": true, "x": 1)"),  // unknown member
      with_fixture(R"("about": "t", "secret": true, "obtain": {"capture": "/a"})"),
      with_fixture(R"("about": "t", "secret": true, "obtain": {"request": {"method": "GET",
          "path": "/x"}, "capture": "access_token"})"),  // capture not a pointer
      with_fixture(R"("about": "t", "secret": true, "obtain": {"request": {"method": "GET",
          "path": "x"}, "capture": "/a"})"),             // request as a case has it
  };
  for (const std::string& json : bad) {
    EXPECT_NE(validate(fixtures_schema(), json), "") << json;
    EXPECT_FALSE(FixtureDeclarations::parse(json, "f.json").ok()) << json;
  }
}

TEST(FixturesFile, MatchesTheSchemaAndLoads) {
  const std::filesystem::path file = kSourceDir / "cases" / "fixtures.json";
  ASSERT_TRUE(std::filesystem::exists(file)) << file << " is missing";
  EXPECT_EQ(validate(fixtures_schema(), read_text(file)), "");
  auto declared = FixtureDeclarations::load_file(file.string());
  ASSERT_TRUE(declared.ok()) << declared.status().message();
  EXPECT_NE(declared->find("token"), nullptr);
}

TEST(ApiSchema, AcceptsTheShippedFile) {
  EXPECT_EQ(validate(api_schema(), read_text(kSourceDir / "cases" / "api.json")), "");
}

std::string api_with(const std::string& endpoint_members) {
  return R"({"endpoints": [{"method": "DELETE", "path": "/b/", "auth": "bearer",
             "param_error": "21201", "parameters": []},
            {"method": "PUT", "path": "/b/", "auth": "bearer", "param_error": "21201",
             "parameters": [{"name": "n", "place": "form", "type": "string", "required": true}])" +
         endpoint_members + "}]}";
}

TEST(ApiSchema, AcceptsAnUndo) {
  const std::string json = api_with(R"(, "undo": {"request": {"method": "DELETE", "path": "/b/",
      "query": {"n": "${n}", "id": "${id}"}}, "capture": {"id": "/id"}, "status": [200, 404]})");
  EXPECT_EQ(validate(api_schema(), json), "");
  auto surface = ApiSurface::parse(json, "api.json", Catalog::builtin());
  ASSERT_TRUE(surface.ok()) << surface.status().message();
  ASSERT_TRUE(surface->endpoints[1].undo.has_value());
  EXPECT_EQ(surface->endpoints[1].undo->status, (std::vector<int>{200, 404}));
}

TEST(ApiSchema, RejectsWhatTheLoaderRejects) {
  const std::vector<std::string> bad = {
      api_with(R"(, "undo": {"request": {"method": "DELETE", "path": "/b/"}})"),  // no status
      api_with(R"(, "undo": {"request": {"method": "DELETE", "path": "/b/"}, "status": []})"),
      api_with(R"(, "undo": {"request": {"method": "DELETE", "path": "/b/"}, "status": [200],
          "capture": {"id": "id"}})"),  // capture not a pointer
      api_with(R"(, "undo": {"request": {"method": "DELETE", "path": "b"}, "status": [200]})"),
      api_with(R"(, "undo": {"status": [200]})"),  // no request
  };
  for (const std::string& json : bad) {
    EXPECT_NE(validate(api_schema(), json), "") << json;
    EXPECT_FALSE(ApiSurface::parse(json, "api.json", Catalog::builtin()).ok()) << json;
  }
  const std::string path_x = R"({"endpoints": [{"method": "GET", "path": "x", "auth": "bearer",
                "param_error": "21201", "parameters": []}]})";
  EXPECT_NE(validate(api_schema(), path_x), "");
}

TEST(CatalogSchema, CatalogMatchesTheSchema) {
  std::unique_ptr<rapidjson::SchemaDocument> schema = load_schema("catalog.schema.json");
  ASSERT_NE(schema, nullptr);
  std::filesystem::path catalog = kSourceDir / "cases" / "catalog.json";
  ASSERT_TRUE(std::filesystem::exists(catalog)) << catalog << " is missing";
  EXPECT_EQ(validate(*schema, read_text(catalog)), "");
}

// The example of docs/writing-cases.md: its first ```json block.
TEST(WritingCasesDoc, ExampleMatchesTheSchemaAndLoads) {
  std::string doc = read_text(kSourceDir / "docs" / "writing-cases.md");
  std::size_t start = doc.find("```json\n");
  ASSERT_NE(start, std::string::npos) << "docs/writing-cases.md has no ```json block";
  start += 8;
  std::size_t end = doc.find("```", start);
  ASSERT_NE(end, std::string::npos);
  std::string example = doc.substr(start, end - start);
  EXPECT_EQ(validate(case_schema(), example), "");
  auto library = CaseLibrary::parse(example, "docs/writing-cases.md", Catalog::builtin());
  EXPECT_TRUE(library.ok()) << library.status().message();
}

}  // namespace
}  // namespace errcontract
