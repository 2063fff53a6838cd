// cases/api.json and the reference server's route table describe the same
// endpoints, with the same auth and the same "bad parameter" code, so the
// fuzzer's picture of the API cannot drift from the server it is tested on.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>

#include "errcontract/api_surface.h"
#include "server/routes.h"

namespace errcontract::internal {
namespace {

const std::filesystem::path kSourceDir = ERRC_SOURCE_DIR;

std::string key(std::string_view method, std::string_view path) {
  if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  return std::string(method) + " " + std::string(path);
}

TEST(ApiSurfaceRoutes, SameEndpointsAsTheRouteTable) {
  auto surface =
      ApiSurface::load_file((kSourceDir / "cases" / "api.json").string(), Catalog::builtin());
  ASSERT_TRUE(surface.ok()) << surface.status().message();
  std::set<std::string> described, routed;
  for (const auto& e : surface->endpoints) described.insert(key(e.method, e.path));
  for (const auto& r : all_routes()) routed.insert(key(r.method, r.path));
  EXPECT_EQ(described, routed);
}

TEST(ApiSurfaceRoutes, SameAuthAndParameterErrorAsTheRoute) {
  auto surface =
      ApiSurface::load_file((kSourceDir / "cases" / "api.json").string(), Catalog::builtin());
  ASSERT_TRUE(surface.ok()) << surface.status().message();
  for (const auto& r : all_routes()) {
    const ApiEndpoint* e = surface->find(r.method, r.path);
    if (e == nullptr) continue;  // SameEndpointsAsTheRouteTable names it
    EXPECT_EQ(e->needs_token, r.needs_token) << e->text();
    EXPECT_EQ(e->param_error, r.param_error.str()) << e->text();
  }
}

}  // namespace
}  // namespace errcontract::internal
