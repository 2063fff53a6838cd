// The OpenAPI 3.1 export of cases/api.json and the catalog, held to the
// structure OpenAPI 3.1 requires (an equivalent of validating against its
// schema, without a validator the distribution packages) and to the two
// sources it comes from: every endpoint is an operation, every documented
// code of an endpoint is an example under its status, every example is the
// envelope a conforming server sends, every reference resolves.
#include <rapidjson/document.h>
#include <rapidjson/pointer.h>

#include <gtest/gtest.h>

#include <cctype>
#include <regex>
#include <set>
#include <string>

#include "errcontract/api_surface.h"
#include "errcontract/catalog_export.h"
#include "errcontract/envelope.h"

namespace errcontract {
namespace {

const ApiSurface& surface() {
  static const ApiSurface s = [] {
    auto loaded =
        ApiSurface::load_file(std::string(ERRC_SOURCE_DIR) + "/cases/api.json", Catalog::builtin());
    if (!loaded.ok()) std::abort();
    return std::move(*loaded);
  }();
  return s;
}

rapidjson::Document exported() {
  rapidjson::Document doc;
  const std::string text = export_openapi(Catalog::builtin(), surface());
  doc.Parse(text.c_str(), text.size());
  EXPECT_FALSE(doc.HasParseError());
  return doc;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

TEST(OpenApiExport, HasTheTopLevelStructureOfOpenApi31) {
  const rapidjson::Document doc = exported();
  ASSERT_TRUE(doc.IsObject());
  EXPECT_STREQ(doc["openapi"].GetString(), "3.1.0");
  ASSERT_TRUE(doc["info"].IsObject());
  EXPECT_TRUE(doc["info"]["title"].IsString());
  EXPECT_TRUE(doc["info"]["version"].IsString());
  ASSERT_TRUE(doc["paths"].IsObject());
  for (auto it = doc.MemberBegin(); it != doc.MemberEnd(); ++it) {
    const std::string name = it->name.GetString();
    EXPECT_TRUE(name == "openapi" || name == "info" || name == "paths" || name == "components")
        << name << " is not a member OpenAPI 3.1 allows at the top";
  }
  const std::set<std::string> methods = {"get",     "put",  "post",  "delete",
                                         "options", "head", "patch", "trace"};
  const std::regex status_key("[1-5][0-9][0-9]|[1-5]XX|default");
  std::set<std::string> operation_ids;
  for (auto path = doc["paths"].MemberBegin(); path != doc["paths"].MemberEnd(); ++path) {
    EXPECT_EQ(path->name.GetString()[0], '/') << path->name.GetString();
    for (auto op = path->value.MemberBegin(); op != path->value.MemberEnd(); ++op) {
      EXPECT_EQ(methods.count(op->name.GetString()), 1u) << op->name.GetString();
      const auto& operation = op->value;
      EXPECT_TRUE(operation_ids.insert(operation["operationId"].GetString()).second)
          << "operationId " << operation["operationId"].GetString() << " twice";
      for (const auto& p : operation["parameters"].GetArray()) {
        EXPECT_STREQ(p["in"].GetString(), "query");
        EXPECT_TRUE(p["name"].IsString() && p["required"].IsBool() && p["schema"].IsObject());
      }
      ASSERT_TRUE(operation["responses"].IsObject());
      EXPECT_GT(operation["responses"].MemberCount(), 0u);
      for (auto r = operation["responses"].MemberBegin(); r != operation["responses"].MemberEnd();
           ++r) {
        EXPECT_TRUE(std::regex_match(std::string(r->name.GetString()), status_key))
            << r->name.GetString();
        EXPECT_TRUE(r->value["description"].IsString());
      }
      for (const auto& requirement : operation["security"].GetArray()) {
        for (auto s = requirement.MemberBegin(); s != requirement.MemberEnd(); ++s) {
          EXPECT_TRUE(doc["components"]["securitySchemes"].HasMember(s->name))
              << s->name.GetString();
        }
      }
    }
  }
}

TEST(OpenApiExport, EveryEndpointIsAnOperationWithItsAuthAndParameters) {
  const rapidjson::Document doc = exported();
  std::size_t operations = 0;
  for (auto path = doc["paths"].MemberBegin(); path != doc["paths"].MemberEnd(); ++path) {
    operations += path->value.MemberCount();
  }
  EXPECT_EQ(operations, surface().endpoints.size());
  for (const ApiEndpoint& e : surface().endpoints) {
    SCOPED_TRACE(e.text());
    ASSERT_TRUE(doc["paths"].HasMember(e.path.c_str()));
    const auto& paths = doc["paths"][e.path.c_str()];
    ASSERT_TRUE(paths.HasMember(lower(e.method).c_str()));
    const auto& op = paths[lower(e.method).c_str()];
    EXPECT_EQ(op["security"].Size(), e.needs_token ? 1u : 0u);
    std::size_t query = 0, body = 0;
    for (const ApiParameter& p : e.parameters) (p.place == ParamPlace::kQuery ? query : body)++;
    EXPECT_EQ(op["parameters"].Size(), query);
    EXPECT_EQ(op.HasMember("requestBody"), body > 0);
  }
}

TEST(OpenApiExport, EveryDocumentedCodeIsAnExampleUnderItsStatusAndIsTheEnvelopeSent) {
  const rapidjson::Document doc = exported();
  const Catalog& catalog = Catalog::builtin();
  std::size_t examples = 0;
  for (const ApiEndpoint& e : surface().endpoints) {
    const auto& responses = doc["paths"][e.path.c_str()][lower(e.method).c_str()]["responses"];
    for (const CodeEntry& entry : catalog.entries()) {
      if (entry.is_extension() || entry.find_endpoint(e.method, e.path) == nullptr) continue;
      SCOPED_TRACE(e.text() + " " + entry.code);
      const std::string status = std::to_string(entry.status);
      ASSERT_TRUE(responses.HasMember(status.c_str()));
      const auto& content = responses[status.c_str()]["content"]["application/json"];
      EXPECT_STREQ(content["schema"]["$ref"].GetString(), "#/components/schemas/ErrorEnvelope");
      ASSERT_TRUE(content["examples"].HasMember(entry.code.c_str()));
      const auto& value = content["examples"][entry.code.c_str()]["value"];
      // The example is what a conforming server sends, and passes the checks.
      EXPECT_STREQ(value["error_code"].GetString(), entry.code.c_str());
      EXPECT_EQ(std::string(value["request"].GetString()), e.method + " " + e.path);
      EXPECT_EQ(value.MemberCount(), 3u);
      ++examples;
    }
  }
  EXPECT_GE(examples, 176u);  // every (code, endpoint) pair of the catalog
}

TEST(OpenApiExport, EveryReferenceResolves) {
  const rapidjson::Document doc = exported();
  const std::string text = export_openapi(Catalog::builtin(), surface());
  const std::regex ref(R"re("\$ref": "#([^"]*)")re");
  std::size_t refs = 0;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), ref); it != std::sregex_iterator();
       ++it, ++refs) {
    const std::string pointer = (*it)[1];
    EXPECT_NE(rapidjson::Pointer(pointer.c_str()).Get(doc), nullptr) << pointer;
  }
  EXPECT_GT(refs, 0u);
}

}  // namespace
}  // namespace errcontract
