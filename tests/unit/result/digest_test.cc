// The digests that say two reports ran the same catalog and case library.
#include "result/digest.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "errcontract/case.h"
#include "errcontract/catalog.h"
#include "errcontract/catalog_export.h"

namespace errcontract {
namespace {

namespace fs = std::filesystem;

TEST(ContentDigest, IsSha256OfTheFramedParts) {
  internal::ContentDigest one, other;
  one.add("a", "bc");
  other.add("ab", "c");
  const std::string d1 = one.finish();
  EXPECT_EQ(d1.size(), 7u + 64u);
  EXPECT_NE(d1, other.finish());
}

TEST(CatalogDigest, DependsOnContentNotOnWhereItCameFrom) {
  const Catalog& builtin = Catalog::builtin();
  Result<Catalog> copy = Catalog::parse(export_catalog_json(builtin), "copy.json");
  ASSERT_TRUE(copy.ok()) << copy.status().message();
  EXPECT_EQ(internal::catalog_digest(*copy), internal::catalog_digest(builtin));
}

TEST(CasesDigest, IsTheSameForACopyAndChangesWithOneByte) {
  const fs::path dir = fs::temp_directory_path() / ("errc-digest-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  for (const char* name : {"operator.cases.json", "fixtures.json"}) {
    fs::copy_file(fs::path(ERRC_SOURCE_DIR) / "cases" / name, dir / name,
                  fs::copy_options::overwrite_existing);
  }
  const Catalog& catalog = Catalog::builtin();
  Result<CaseLibrary> copy = CaseLibrary::load_dir(dir.string(), catalog);
  ASSERT_TRUE(copy.ok()) << copy.status().message();
  EXPECT_EQ(copy->digest.rfind("sha256:", 0), 0u);
  Result<CaseLibrary> again = CaseLibrary::load_dir(dir.string(), catalog);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->digest, copy->digest);

  std::ofstream(dir / "fixtures.json", std::ios::app) << "\n";
  Result<CaseLibrary> changed = CaseLibrary::load_dir(dir.string(), catalog);
  fs::remove_all(dir);
  ASSERT_TRUE(changed.ok()) << changed.status().message();
  EXPECT_NE(changed->digest, copy->digest);
}

}  // namespace
}  // namespace errcontract
