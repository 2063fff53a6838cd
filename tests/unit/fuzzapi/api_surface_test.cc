// cases/api.json: the loader's errors (file:line, every problem at once), the
// shipped file against the catalog's endpoints, the undos. The schema is held
// to the file in tests/unit/cases/schema_test.cc.
// tests/unit/devserver/api_surface_routes_test.cc holds it to the route table.
#include "errcontract/api_surface.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

namespace errcontract {
namespace {

const std::filesystem::path kSourceDir = ERRC_SOURCE_DIR;

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

TEST(ApiSurface, AnUndoUsesOnlyWhatItsEndpointProvidesAndGoesToAnEndpoint) {
  const std::string json =
      "{\"endpoints\": [\n"
      "  {\"method\": \"DELETE\", \"path\": \"/b/\", \"auth\": \"bearer\", \"param_error\": "
      "\"21201\", \"parameters\": []},\n"
      "  {\"method\": \"PUT\", \"path\": \"/b/\", \"auth\": \"bearer\", \"param_error\": "
      "\"21201\", \"parameters\": [\n"
      "    {\"name\": \"n\", \"place\": \"form\", \"type\": \"string\", \"required\": true}],\n"
      "   \"undo\": {\"request\": {\"method\": \"DELETE\", \"path\": \"/b/\",\n"
      "     \"query\": {\"n\": \"${name}\", \"p\": \"${fixture:password}\"}}, \"status\": "
      "[200]}},\n"
      "  {\"method\": \"PUT\", \"path\": \"/c/\", \"auth\": \"bearer\", \"param_error\": "
      "\"21201\", \"parameters\": [],\n"
      "   \"undo\": {\"request\": {\"method\": \"DELETE\", \"path\": \"/c/\"}, \"status\": "
      "[200]}}\n"
      "]}\n";
  auto surface = ApiSurface::parse(json, "api.json", Catalog::builtin());
  ASSERT_FALSE(surface.ok());
  const std::string& m = surface.status().message();
  EXPECT_NE(m.find("api.json:6: PUT /b/: undo: ${name} is neither a parameter of the endpoint "
                   "nor a capture"),
            std::string::npos)
      << m;
  EXPECT_EQ(m.find("fixture:password"), std::string::npos) << m;
  EXPECT_NE(m.find("api.json:8: PUT /c/: undo: DELETE /c/ is not an endpoint of this file"),
            std::string::npos)
      << m;
}

TEST(ApiSurface, TheShippedUndosEachGoToADeleteOfTheSameResource) {
  auto surface =
      ApiSurface::load_file((kSourceDir / "cases" / "api.json").string(), Catalog::builtin());
  ASSERT_TRUE(surface.ok()) << surface.status().message();
  std::size_t undos = 0;
  for (const ApiEndpoint& e : surface->endpoints) {
    if (!e.undo) continue;
    ++undos;
    EXPECT_EQ(e.undo->request.method, "DELETE") << e.text();
    EXPECT_EQ(e.undo->request.path, e.path) << e.text();
  }
  EXPECT_GE(undos, 9u);
}

// What a created resource is known by: the variables its undo names in its
// path, query and body, not those only a header uses, nor fixtures.
TEST(ApiSurface, AnUndosIdentityIsWhatItsTargetAndBodyName) {
  auto surface =
      ApiSurface::load_file((kSourceDir / "cases" / "api.json").string(), Catalog::builtin());
  ASSERT_TRUE(surface.ok()) << surface.status().message();
  auto identity = [&](const char* method, const char* path) {
    const ApiEndpoint* e = surface->find(method, path);
    return e != nullptr && e->undo ? e->undo->identity : std::vector<std::string>{"(none)"};
  };
  EXPECT_EQ(identity("PUT", "/buckets/"), std::vector<std::string>{"bucket_name"});
  EXPECT_EQ(identity("PUT", "/buckets/thumbnails/"),
            (std::vector<std::string>{"bucket_name", "thumb_name"}));
  EXPECT_EQ(identity("POST", "/oauth/tokens/"), std::vector<std::string>{"name"});
  const std::vector<std::string> order = identity("PUT", "/agents/orders/");
  EXPECT_NE(std::find(order.begin(), order.end(), "order_id"), order.end());
}

}  // namespace
}  // namespace errcontract
