#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "errcontract/reports.h"
#include "report_test_support.h"

namespace errcontract {
namespace {

TEST(WriteFileAtomically, WritesTheContentWithReadablePermissions) {
  testing::ScratchDir dir;
  const auto path = dir.path() / "out.txt";
  ASSERT_TRUE(write_file_atomically(path.string(), std::string("a\0b", 3)).ok());
  EXPECT_EQ(testing::read_file(path), std::string("a\0b", 3));
  const auto perms = std::filesystem::status(path).permissions();
  EXPECT_NE(perms & std::filesystem::perms::others_read, std::filesystem::perms::none);
}

TEST(WriteFileAtomically, ReplacesAnExistingFileAndLeavesNoTemporary) {
  testing::ScratchDir dir;
  const auto path = dir.path() / "out.txt";
  ASSERT_TRUE(write_file_atomically(path.string(), "first").ok());
  ASSERT_TRUE(write_file_atomically(path.string(), "second").ok());
  EXPECT_EQ(testing::read_file(path), "second");
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"out.txt"});
}

TEST(WriteFileAtomically, MissingDirectoryIsAnIoErrorNamingThePath) {
  testing::ScratchDir dir;
  const std::string path = (dir.path() / "nope" / "out.txt").string();
  const Status status = write_file_atomically(path, "x");
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  EXPECT_EQ(status.message(), path + ": cannot create a temporary file in " +
                                  (dir.path() / "nope").string() + "/: No such file or directory");
}

TEST(WriteFileAtomically, DirectoryTargetFailsAndCleansUp) {
  testing::ScratchDir dir;
  std::filesystem::create_directory(dir.path() / "sub");
  const Status status = write_file_atomically((dir.path() / "sub").string(), "x");
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  EXPECT_NE(status.message().find("Is a directory"), std::string::npos) << status.message();
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"sub"});
}

TEST(WriteFileAtomically, RejectsPathsWithoutAFileName) {
  EXPECT_EQ(write_file_atomically("", "x").message(), "report path is empty");
  EXPECT_EQ(write_file_atomically("some/dir/", "x").message(), "some/dir/: not a file name");
  EXPECT_EQ(write_file_atomically("..", "x").message(), "..: not a file name");
}

// `--report json=LINK`: the link stays a link, its target holds the report.
TEST(WriteReportFile, SymlinkStaysALinkAndItsTargetHoldsTheReport) {
  testing::ScratchDir dir;
  const auto target = dir.path() / "target.json";
  const auto link = dir.path() / "link.json";
  { std::ofstream(target) << "old"; }
  std::filesystem::create_symlink(target, link);
  ASSERT_TRUE(check_report_path(link.string()).ok());
  ASSERT_TRUE(write_report_file(link.string(), "new").ok());
  EXPECT_TRUE(std::filesystem::is_symlink(link));
  EXPECT_EQ(testing::read_file(target), "new");
}

// A FIFO (what a CI step reading the report as it comes gets) is written
// through, not replaced by a regular file.
TEST(WriteReportFile, FifoIsWrittenThroughNotReplaced) {
  testing::ScratchDir dir;
  const auto fifo = dir.path() / "report.fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  ASSERT_TRUE(check_report_path(fifo.string()).ok());
  std::string received;
  std::thread reader([&] { received = testing::read_file(fifo); });
  const Status status = write_report_file(fifo.string(), "through");
  reader.join();
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_EQ(received, "through");
  EXPECT_TRUE(std::filesystem::is_fifo(fifo));
}

TEST(WriteReportFile, RegularFileIsReplacedAsBefore) {
  testing::ScratchDir dir;
  const auto path = dir.path() / "out.txt";
  ASSERT_TRUE(write_report_file(path.string(), "one").ok());
  ASSERT_TRUE(write_report_file(path.string(), "two").ok());
  EXPECT_EQ(testing::read_file(path), "two");
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"out.txt"});
}

TEST(CheckReportPath, AcceptsAWritableDirectoryAndLeavesNothing) {
  testing::ScratchDir dir;
  EXPECT_TRUE(check_report_path((dir.path() / "out.json").string()).ok());
  EXPECT_TRUE(dir.entries().empty());
}

TEST(CheckReportPath, MissingDirectoryIsAnIoErrorNamingThePath) {
  testing::ScratchDir dir;
  const std::string path = (dir.path() / "nope" / "out.txt").string();
  const Status status = check_report_path(path);
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  EXPECT_EQ(status.message(), path + ": cannot create a temporary file in " +
                                  (dir.path() / "nope").string() + "/: No such file or directory");
}

TEST(CheckReportPath, ParentThatIsAFileIsRefused) {
  // Unlike a read-only directory, this holds for root too.
  testing::ScratchDir dir;
  std::ofstream(dir.path() / "file") << "x";
  const std::string path = (dir.path() / "file" / "out.xml").string();
  EXPECT_EQ(check_report_path(path).message(), path + ": cannot create a temporary file in " +
                                                   (dir.path() / "file").string() +
                                                   "/: Not a directory");
}

TEST(CheckReportPath, DirectoryTargetIsRefused) {
  testing::ScratchDir dir;
  std::filesystem::create_directory(dir.path() / "sub");
  const std::string path = (dir.path() / "sub").string();
  EXPECT_EQ(check_report_path(path).message(),
            path + ": cannot be replaced by a file: Is a directory");
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"sub"});
}

TEST(FileReporter, PreflightChecksItsPath) {
  testing::ScratchDir dir;
  const std::string path = (dir.path() / "missing" / "r.json").string();
  const auto reporter = testing::report_for("json", path);
  EXPECT_EQ(reporter->preflight().code(), StatusCode::kIoError);
  EXPECT_TRUE(testing::report_for("json", (dir.path() / "r.json").string())->preflight().ok());
}

TEST(FileReporter, RendererErrorIsReportedWithThePath) {
  testing::ScratchDir dir;
  const std::string path = (dir.path() / "r.json").string();
  std::ostringstream diagnostics;
  FileReporter reporter(
      "json", path,
      [](const RunResult&) -> Result<std::string> {
        return Status(StatusCode::kInternal, "the JSON writer rejected a value");
      },
      &diagnostics);
  reporter.on_run_end(RunResult{});
  EXPECT_EQ(reporter.status().code(), StatusCode::kInternal);
  EXPECT_EQ(diagnostics.str(), "errcontract: the json report was not written: " + path +
                                   ": the JSON writer rejected a value\n");
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST(FileReporter, RendererExceptionDoesNotEscape) {
  std::ostringstream diagnostics;
  FileReporter reporter(
      "junit", "unused.xml",
      [](const RunResult&) -> Result<std::string> { throw std::runtime_error("out of memory"); },
      &diagnostics);
  EXPECT_NO_THROW(reporter.on_run_end(RunResult{}));
  EXPECT_EQ(reporter.status().code(), StatusCode::kInternal);
  EXPECT_EQ(diagnostics.str(),
            "errcontract: the junit report was not written: unused.xml: out of memory\n");
}

}  // namespace
}  // namespace errcontract
