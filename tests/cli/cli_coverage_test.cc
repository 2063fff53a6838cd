// list and coverage end to end: the table against the case library.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "../support/process.h"

namespace errcontract {
namespace {

using testing::errcontract_binary;
using testing::run_process;

namespace fs = std::filesystem;

TEST(CliCoverage, ShippedLibraryCoversEveryDocumentedCode) {
  auto r = run_process(errcontract_binary(), {"coverage"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("documented codes with a case: 144/144"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("NO CASE"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("214 operator: 3/3 codes have a case"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(code, endpoint) pairs with a case: "), std::string::npos) << r.out;
}

TEST(CliCoverage, NamesEachEndpointOfACodeAndFailsOnOneWithoutACase) {
  // 21401 comes from PUT /operators/ and PUT/DELETE /buckets/operators/: a case on
  // the first leaves the second uncovered, though the code has a case.
  fs::path dir = fs::temp_directory_path() / ("errc-endpoints-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  {
    std::ofstream(dir / "one.cases.json") << R"({"cases": [{"id": "op-bad", "code": "21401",
      "request": {"method": "PUT", "path": "/operators", "auth": "token"}}]})";
    fs::copy_file(ERRC_SOURCE_DIR "/cases/fixtures.json", dir / "fixtures.json",
                  fs::copy_options::overwrite_existing);
  }
  auto r = run_process(errcontract_binary(), {"coverage", "--cases", dir.string()});
  fs::remove_all(dir);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("  21401 covered  1/3 endpoints\n"
                       "    covered  PUT /operators/                      op-bad\n"
                       "    NO CASE  PUT /buckets/operators/\n"),
            std::string::npos)
      << r.out;
}

TEST(CliCoverage, CodesWithoutACaseFailAndAreNamed) {
  fs::path dir = fs::temp_directory_path() / ("errc-coverage-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::copy_file(ERRC_SOURCE_DIR "/cases/operator.cases.json", dir / "operator.cases.json",
                fs::copy_options::overwrite_existing);
  fs::copy_file(ERRC_SOURCE_DIR "/cases/fixtures.json", dir / "fixtures.json",
                fs::copy_options::overwrite_existing);
  auto r = run_process(errcontract_binary(), {"coverage", "--cases", dir.string()});
  fs::remove_all(dir);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("documented codes with a case: 3/144"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("21202 NO CASE"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("21402 covered"), std::string::npos) << r.out;
}

TEST(CliCoverage, MissingCaseDirectoryIsAUsageError) {
  auto r = run_process(errcontract_binary(), {"coverage", "--cases", "/nonexistent/cases"});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.err.find("/nonexistent/cases"), std::string::npos) << r.err;
}

TEST(CliList, ListsEveryCaseWithItsCode) {
  auto r = run_process(errcontract_binary(), {"list"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("21402  operator"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(" cases\n"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace errcontract
