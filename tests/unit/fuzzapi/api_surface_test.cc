// cases/api.json: the loader's errors (file:line, every problem at once), the
// shipped file against its JSON Schema and against the catalog's endpoints.
// tests/unit/devserver/api_surface_routes_test.cc holds it to the route table.
#include "errcontract/api_surface.h"

#include <rapidjson/document.h>
#include <rapidjson/schema.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace errcontract {
namespace {

const std::filesystem::path kSourceDir = ERRC_SOURCE_DIR;

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(ApiSurface, LoadsTheShippedFile) {
  auto surface =
      ApiSurface::load_file((kSourceDir / "cases" / "api.json").string(), Catalog::builtin());
  ASSERT_TRUE(surface.ok()) << surface.status().message();
  const ApiEndpoint* e = surface->find("PUT", "/buckets");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->param_error, "21201");
  EXPECT_TRUE(e->needs_token);
  ASSERT_FALSE(e->parameters.empty());
  EXPECT_EQ(e->parameters[0].name, "bucket_name");
  EXPECT_EQ(e->parameters[0].place, ParamPlace::kForm);
  EXPECT_TRUE(e->parameters[0].required);
  const ApiEndpoint* grant = surface->find("POST", "/oauth/access_token/");
  ASSERT_NE(grant, nullptr);
  EXPECT_FALSE(grant->needs_token);
}

TEST(ApiSurface, DescribesEveryCatalogEndpoint) {
  auto surface =
      ApiSurface::load_file((kSourceDir / "cases" / "api.json").string(), Catalog::builtin());
  ASSERT_TRUE(surface.ok()) << surface.status().message();
  EXPECT_EQ(undescribed_catalog_endpoints(*surface, Catalog::builtin()),
            std::vector<std::string>{});
}

TEST(ApiSurface, UndescribedCatalogEndpointIsNamed) {
  auto surface = ApiSurface::parse(R"({"endpoints": []})", "api.json", Catalog::builtin());
  ASSERT_TRUE(surface.ok()) << surface.status().message();
  const auto missing = undescribed_catalog_endpoints(*surface, Catalog::builtin());
  EXPECT_NE(std::find(missing.begin(), missing.end(), "PUT /operators/"), missing.end());
}

TEST(ApiSurface, ReportsEveryProblemWithItsLine) {
  const std::string json =
      "{\"endpoints\": [\n"
      "  {\"method\": \"GET\", \"path\": \"/a/\", \"auth\": \"bearer\", \"param_error\": "
      "\"21201\", \"parameters\": []},\n"
      "  {\"method\": \"GET\", \"path\": \"/a\", \"auth\": \"bearer\", \"param_error\": "
      "\"21201\", \"parameters\": []},\n"
      "  {\"method\": \"PUT\", \"path\": \"/b/\", \"auth\": \"cookie\", \"param_error\": "
      "\"29999\", \"parameters\": [\n"
      "    {\"name\": \"x\", \"place\": \"header\", \"type\": \"string\", \"required\": true}]}\n"
      "]}\n";
  auto surface = ApiSurface::parse(json, "api.json", Catalog::builtin());
  ASSERT_FALSE(surface.ok());
  const std::string& m = surface.status().message();
  EXPECT_NE(m.find("api.json:3: duplicate endpoint GET /a"), std::string::npos) << m;
  EXPECT_NE(m.find("api.json:4: PUT /b/: unknown auth \"cookie\""), std::string::npos) << m;
  EXPECT_NE(m.find("api.json:4: PUT /b/: param_error 29999 is not in the catalog"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("api.json:5: parameter \"x\": unknown place \"header\""), std::string::npos)
      << m;
}

TEST(ApiSurfaceSchema, AcceptsTheShippedFile) {
  rapidjson::Document schema_doc;
  schema_doc.Parse(read_text(kSourceDir / "cases" / "schema" / "api.schema.json").c_str());
  ASSERT_FALSE(schema_doc.HasParseError());
  rapidjson::SchemaDocument schema(schema_doc);
  rapidjson::Document doc;
  doc.Parse(read_text(kSourceDir / "cases" / "api.json").c_str());
  ASSERT_FALSE(doc.HasParseError());
  rapidjson::SchemaValidator validator(schema);
  EXPECT_TRUE(doc.Accept(validator));
  rapidjson::Document bad;
  bad.Parse(R"({"endpoints": [{"method": "GET", "path": "x", "auth": "bearer",
                "param_error": "21201", "parameters": []}]})");
  rapidjson::SchemaValidator rejecting(schema);
  EXPECT_FALSE(bad.Accept(rejecting));  // the path does not start with '/'
}

}  // namespace
}  // namespace errcontract
