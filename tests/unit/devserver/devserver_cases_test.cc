// The shipped case library and the reference server agree: every code of
// modules 212 and 214 and both token codes have a case, and every fixture a
// case needs is one the server seeds.
#include <gtest/gtest.h>

#include <set>

#include "errcontract/case.h"
#include "errcontract/reference_server.h"

namespace errcontract {
namespace {

const CaseLibrary& library() {
  static const CaseLibrary lib = [] {
    auto loaded =
        CaseLibrary::load_dir(std::string(ERRC_SOURCE_DIR) + "/cases", Catalog::builtin());
    EXPECT_TRUE(loaded.ok()) << loaded.status().message();
    return loaded.ok() ? std::move(loaded).value() : CaseLibrary{};
  }();
  return lib;
}

TEST(DevServerCases, EveryBucketOperatorAndTokenCodeHasACase) {
  std::set<std::string> covered;
  for (const Case& c : library().cases) covered.insert(c.code);
  std::vector<std::string> missing;
  for (const CodeEntry& e : Catalog::builtin().entries()) {
    const bool wanted = e.module == "11" || e.module == "12" || e.module == "13" ||
                        e.module == "14" || e.module == "17" || e.module == "15" ||
                        e.module == "20" || e.module == "21" || e.module == "22" ||
                        e.module == "16" || e.module == "18" || e.module == "19" ||
                        e.code == "11001" || e.code == "11002";
    if (wanted && covered.count(e.code) == 0) missing.push_back(e.code);
  }
  EXPECT_TRUE(missing.empty()) << "no case for " << ::testing::PrintToString(missing);
}

TEST(DevServerCases, EveryFixtureIsSeeded) {
  ReferenceServer server(Catalog::builtin());
  for (const Case& c : library().cases) {
    for (const std::string& name : c.fixtures) {
      EXPECT_EQ(server.fixtures().count(name), 1u) << c.id << " needs fixture " << name;
    }
  }
}

}  // namespace
}  // namespace errcontract
