// errcontract run with bad input: a malformed catalog, case file, fixtures
// file, report path or command line must give exit 2 and say where and what
// on stderr, before anything runs. The target is a closed port on 127.0.0.1:
// had a case run, it would have errored (exit 3) and printed the run's
// "running ..." and "cases: ..." lines on stdout.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "hostile_server.h"
#include "process.h"

namespace errcontract {
namespace {

namespace fs = std::filesystem;
using testing::errcontract_binary;
using testing::ProcessResult;
using testing::run_process;

// One case for 21203 (a code of the built-in catalog), at line 2 of its file.
constexpr const char* kGoodCase = R"({"cases": [
  {"id": "good", "code": "21203", "request": {"method": "GET", "path": "/buckets/info/"}}
]}
)";

// A catalog of one entry, 21203, which starts on line 2.
constexpr const char* kCatalog = R"({"codes": [
  {"code": "21203", "level": 2, "module": "12", "module_name": "bucket", "detail": "03",
   "status": 404, "status_reason": "not found", "status_alternatives": [],
   "message": "Bucket not found.", "message_rule": "exact", "description_zh": "",
   "endpoints": [{"endpoint": "GET /buckets/info/", "source": "reference", "evidence": "L10"}], "notes": [], "source": "table"}
]}
)";

class BadInput : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "errc-bad-input-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    cases_ = dir_ / "cases";
    fs::create_directory(cases_);
    target_ = "http://127.0.0.1:" + std::to_string(testing::closed_port());
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Writes `content` to `name` under the scratch directory; returns its path.
  std::string write(const std::string& name, const std::string& content) {
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
  }
  std::string write_case_file(const std::string& content, const std::string& name = "x") {
    return write("cases/" + name + ".cases.json", content);
  }

  // errcontract [before...] run --cases DIR --target CLOSED [after...]
  ProcessResult run(const std::vector<std::string>& after = {},
                    const std::vector<std::string>& before = {}) {
    std::vector<std::string> args = before;
    for (const std::string& a :
         std::vector<std::string>{"run", "--cases", cases_.string(), "--target", target_}) {
      args.push_back(a);
    }
    args.insert(args.end(), after.begin(), after.end());
    return run_process(errcontract_binary(), args);
  }

  // Exit 2, stderr is exactly `message` on one line, and nothing ran.
  static void expect_refused(const ProcessResult& r, const std::string& message) {
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_EQ(r.err, "errcontract: " + message + "\n");
    EXPECT_EQ(r.out, "");
  }

  fs::path dir_, cases_;
  std::string target_;
};

TEST_F(BadInput, GoodInputRunsAgainstTheClosedPort) {
  // The baseline the other tests rely on: a case that runs is an error here.
  write_case_file(kGoodCase);
  const ProcessResult r = run();
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.out.find("cases: 0 passed, 0 failed, 1 errors"), std::string::npos) << r.out;
}

TEST_F(BadInput, CaseFileThatIsNotJson) {
  const std::string file = write_case_file("{\"cases\": [\n  {\"id\": \"a\", }\n]}\n");
  expect_refused(run(), file + ":2:15: invalid JSON: Missing a name for object member.");
}

TEST_F(BadInput, CaseMemberOfTheWrongType) {
  const std::string file = write_case_file(
      "{\"cases\": [\n  {\"id\": \"a\", \"code\": 21203,\n"
      "   \"request\": {\"method\": \"GET\", \"path\": \"/buckets/info/\"}}\n]}\n");
  expect_refused(run(), file + ":2: \"code\" in case must be a string");
}

TEST_F(BadInput, UnknownCaseMemberWithASuggestion) {
  const std::string file = write_case_file(
      "{\"cases\": [\n  {\"id\": \"a\", \"code\": \"21203\",\n"
      "   \"reqest\": {\"method\": \"GET\", \"path\": \"/buckets/info/\"}}\n]}\n");
  const ProcessResult r = run();
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find(file + ":3: unknown member \"reqest\" in case (did you mean \"request\"?)"),
            std::string::npos)
      << r.err;
}

TEST_F(BadInput, UnknownCode) {
  const std::string file = write_case_file(
      "{\"cases\": [\n  {\"id\": \"a\", \"code\": \"21299\",\n"
      "   \"request\": {\"method\": \"GET\", \"path\": \"/buckets/info/\"}}\n]}\n");
  expect_refused(run(), file + ":2: unknown code 21299");
}

TEST_F(BadInput, UnknownVariable) {
  const std::string file = write_case_file(
      "{\"cases\": [\n  {\"id\": \"a\", \"code\": \"21203\",\n"
      "   \"request\": {\"method\": \"GET\", \"path\": \"/buckets/info/${nope}\"}}\n]}\n");
  expect_refused(run(), file + ":3: unknown variable ${nope}");
}

TEST_F(BadInput, CyclicCaptures) {
  // setup[0] needs ${b}, which only setup[1] captures, and setup[1] needs ${a}.
  const std::string file = write_case_file(
      "{\"cases\": [\n  {\"id\": \"a\", \"code\": \"21203\",\n"
      "   \"setup\": [\n"
      "     {\"request\": {\"method\": \"GET\", \"path\": \"/a/${b}\"}, \"capture\": {\"a\": "
      "\"/a\"}},\n"
      "     {\"request\": {\"method\": \"GET\", \"path\": \"/b/${a}\"}, \"capture\": {\"b\": "
      "\"/b\"}}],\n"
      "   \"request\": {\"method\": \"GET\", \"path\": \"/buckets/info/\"}}\n]}\n");
  expect_refused(run(), file + ":4: capture \"b\" used before it is captured");
}

TEST_F(BadInput, MissingCapture) {
  // The teardown removes ${id}, which nothing captures.
  const std::string file = write_case_file(
      "{\"cases\": [\n  {\"id\": \"a\", \"code\": \"21203\",\n"
      "   \"request\": {\"method\": \"GET\", \"path\": \"/buckets/info/\"},\n"
      "   \"teardown\": [{\"request\": {\"method\": \"DELETE\", \"path\": \"/x/${id}\"}}]}\n]}\n");
  expect_refused(run(), file + ":4: unknown variable ${id}");
}

TEST_F(BadInput, DuplicateIdsAcrossFiles) {
  const std::string first = write_case_file(kGoodCase, "a");
  const std::string second = write_case_file(kGoodCase, "b");
  expect_refused(run(), second + ":2: duplicate case id \"good\" (first at " + first + ":2)");
}

TEST_F(BadInput, CaseFileThatIsNotUtf8) {
  const std::string file = write_case_file(
      "{\"cases\": [\n  {\"id\": \"a\", \"code\": \"21203\", \"summary\": \"caf\xE9\",\n"
      "   \"request\": {\"method\": \"GET\", \"path\": \"/buckets/info/\"}}\n]}\n");
  expect_refused(run(), file + ":2:47: not valid UTF-8");
}

TEST_F(BadInput, EveryProblemOfEveryFileAtOnce) {
  const std::string a = write_case_file(
      "{\"cases\": [\n  {\"id\": \"a\", \"code\": \"21299\",\n"
      "   \"request\": {\"method\": \"GET\", \"path\": \"/buckets/info/${nope}\"}}\n]}\n",
      "a");
  const std::string b = write_case_file("[", "b");
  const ProcessResult r = run();
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find(a + ":2: unknown code 21299\n"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(a + ":3: unknown variable ${nope}\n"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(b + ":1:2: invalid JSON"), std::string::npos) << r.err;
}

TEST_F(BadInput, EmptyCaseDirectory) {
  expect_refused(run(), "no case files (*.cases.json) in " + cases_.string());
}

TEST_F(BadInput, CaseDirectoryThatDoesNotExist) {
  fs::remove(cases_);
  expect_refused(run(), cases_.string() + ": not a directory");
}

TEST_F(BadInput, CatalogOfOneEntryIsUsable) {
  // The baseline for the catalog tests: kCatalog is valid.
  write_case_file(kGoodCase);
  const ProcessResult r = run({}, {"--catalog", write("catalog.json", kCatalog)});
  EXPECT_EQ(r.exit_code, 3) << r.err;
}

TEST_F(BadInput, CatalogThatIsNotJson) {
  write_case_file(kGoodCase);
  const std::string catalog = write("catalog.json", "{\"codes\": [\n  {\"code\": '21203'}]}");
  expect_refused(run({}, {"--catalog", catalog}), catalog + ":2:12: invalid JSON: Invalid value.");
}

TEST_F(BadInput, CatalogMemberOfTheWrongType) {
  write_case_file(kGoodCase);
  std::string text = kCatalog;
  text.replace(text.find("404"), 3, "\"404\"");
  const std::string catalog = write("catalog.json", text);
  expect_refused(run({}, {"--catalog", catalog}),
                 catalog + ":2:3: member \"status\" must be an integer");
}

TEST_F(BadInput, CatalogUnknownMember) {
  write_case_file(kGoodCase);
  std::string text = kCatalog;
  text.replace(text.find("\"notes\""), 7, "\"note\"");
  const std::string catalog = write("catalog.json", text);
  expect_refused(run({}, {"--catalog", catalog}),
                 catalog + ":2:3: unknown member \"note\" in a code entry");
}

TEST_F(BadInput, CatalogDuplicateCode) {
  write_case_file(kGoodCase);
  std::string text = kCatalog;
  const std::size_t start = text.find("  {");
  const std::size_t end = text.find("}\n]}");
  text.insert(end + 1, ",\n" + text.substr(start, end + 1 - start));
  const std::string catalog = write("catalog.json", text);
  expect_refused(run({}, {"--catalog", catalog}), catalog + ":6:3: duplicate code 21203");
}

TEST_F(BadInput, CatalogThatIsNotUtf8) {
  write_case_file(kGoodCase);
  std::string text = kCatalog;
  text.replace(text.find("Bucket"), 6, "Buck\xE9t");
  const std::string catalog = write("catalog.json", text);
  expect_refused(run({}, {"--catalog", catalog}),
                 catalog + ":4:20: invalid JSON: Invalid encoding in string.");
}

TEST_F(BadInput, CaseCodeMissingFromTheGivenCatalog) {
  const std::string file = write_case_file(
      "{\"cases\": [\n  {\"id\": \"a\", \"code\": \"21402\",\n"
      "   \"request\": {\"method\": \"GET\", \"path\": \"/buckets/info/\"}}\n]}\n");
  expect_refused(run({}, {"--catalog", write("catalog.json", kCatalog)}),
                 file + ":2: unknown code 21402");
}

TEST_F(BadInput, FixturesFileThatIsNotJson) {
  write_case_file(kGoodCase);
  const std::string fixtures = write("fixtures.json", "{\"token\": \n");
  expect_refused(run({"--fixtures", fixtures}), fixtures + ":2:1: invalid JSON: Invalid value.");
}

TEST_F(BadInput, FixtureOfTheWrongType) {
  write_case_file(kGoodCase);
  const std::string fixtures = write("fixtures.json", "{\"token\": 5}\n");
  expect_refused(run({"--fixtures", fixtures}),
                 fixtures + ":1: fixture \"token\" must be a string");
}

TEST_F(BadInput, ReportInAnUnwritableDirectoryIsRefusedBeforeRunning) {
  // A directory that cannot be written, whoever runs the test: a regular file.
  write_case_file(kGoodCase);
  const std::string file = write("file", "x");
  const std::string report = file + "/r.json";
  expect_refused(
      run({"--report", "junit=" + (dir_ / "ok.xml").string(), "--report", "json=" + report}),
      "the json report cannot be written: " + report + ": cannot create a temporary file in " +
          file + "/: Not a directory");
  EXPECT_FALSE(fs::exists(dir_ / "ok.xml"));
}

TEST_F(BadInput, ReportPathThatIsADirectoryIsRefused) {
  write_case_file(kGoodCase);
  expect_refused(run({"--report", "md=" + cases_.string()}),
                 "the md report cannot be written: " + cases_.string() +
                     ": cannot be replaced by a file: Is a directory");
}

// Wrong flags: exit 2, the problem, then one line of hint.
void expect_usage_error(const std::vector<std::string>& args, const std::string& problem) {
  const ProcessResult r = run_process(errcontract_binary(), args);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(r.err, "errcontract: " + problem + "\nRun 'errcontract --help' for usage.\n");
  EXPECT_EQ(r.out, "");
}

TEST(BadFlags, UnknownOption) {
  expect_usage_error({"run", "--bogus"}, "The following argument was not expected: --bogus");
}

TEST(BadFlags, ValueOutOfRange) {
  expect_usage_error({"run", "--jobs", "0"}, "--jobs: Value 0 not in range 1 to 64");
  expect_usage_error({"run", "--min-coverage", "100.5"},
                     "--min-coverage: Value 100.5 not in range 0 to 100");
  expect_usage_error({"run", "--jobs", "four"}, "--jobs: Value four could not be converted");
}

TEST(BadFlags, MissingSubcommand) {
  const ProcessResult r = run_process(errcontract_binary(), {});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("errcontract: a subcommand is required (check-envelope, catalog, run, ", 0),
            0u)
      << r.err;
  EXPECT_EQ(r.err.substr(r.err.find('\n')), "\nRun 'errcontract --help' for usage.\n");
}

TEST(BadFlags, UnknownSubcommand) {
  expect_usage_error({"runn"}, "The following argument was not expected: runn");
}

TEST(BadFlags, CatalogThatDoesNotExist) {
  expect_usage_error({"--catalog", "/nonexistent/catalog.json", "run"},
                     "--catalog: File does not exist: /nonexistent/catalog.json");
}

TEST(BadFlags, MalformedShardAndReportAreOneLine) {
  const ProcessResult shard = run_process(
      errcontract_binary(), {"run", "--target", "http://127.0.0.1:1", "--shard", "3/2"});
  EXPECT_EQ(shard.exit_code, 2);
  EXPECT_EQ(shard.err, "errcontract: --shard must be K/N with 1 <= K <= N, got \"3/2\"\n");
  const ProcessResult report = run_process(errcontract_binary(), {"run", "--report", "xml=r.xml"});
  EXPECT_EQ(report.exit_code, 2);
  EXPECT_EQ(report.err,
            "errcontract: --report format \"xml\" is not one of junit, json, md, html\n");
  EXPECT_EQ(report.out, "");
}

std::size_t line_count(const std::string& text) {
  std::size_t n = 0;
  for (char c : text) n += c == '\n';
  return n;
}

TEST(Target, WithoutAKnownSchemeIsRefusedBeforeAnythingRuns) {
  for (const std::string target : {"127.0.0.1:8080", "ftp://127.0.0.1:8080", "127.0.0.1"}) {
    const ProcessResult r = run_process(errcontract_binary(), {"run", "--target", target});
    EXPECT_EQ(r.exit_code, 2) << target << r.out << r.err;
    EXPECT_EQ(r.err, "errcontract: invalid target URL \"" + target +
                         "\": the scheme must be http:// or https://\n");
    EXPECT_EQ(r.out, "");
  }
}

TEST(Target, MalformedHeaderProxyAndLoneCertAreRefused) {
  const std::string closed = "http://127.0.0.1:" + std::to_string(testing::closed_port());
  const ProcessResult header =
      run_process(errcontract_binary(), {"run", "--target", closed, "--header", "NoColon"});
  EXPECT_EQ(header.exit_code, 2);
  EXPECT_EQ(header.err,
            "errcontract: --header needs \"Name: value\" with a valid header name, got "
            "\"NoColon\"\n");
  const ProcessResult proxy = run_process(
      errcontract_binary(), {"run", "--target", closed, "--proxy", "https://127.0.0.1:1"});
  EXPECT_EQ(proxy.exit_code, 2);
  EXPECT_EQ(proxy.err,
            "errcontract: invalid proxy URL \"https://127.0.0.1:1\": give http://host:port\n");
  EXPECT_EQ(proxy.out, "");
}

TEST(Target, NothingListeningStopsTheRunWithExitThreeInFewLines) {
  // The whole case library against a closed port: one clear message, no
  // flood of errors, no false leaks.
  const std::string closed = "http://127.0.0.1:" + std::to_string(testing::closed_port());
  const ProcessResult r = run_process(errcontract_binary(), {"run", "--target", closed});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_LE(line_count(r.out) + line_count(r.err), 30u) << r.out << r.err;
  EXPECT_EQ(r.out.find("LEAK"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("stopped: the target cannot be reached: target unreachable: "
                       "connection refused or host unreachable (" +
                       closed + ")"),
            std::string::npos)
      << r.out;
}

}  // namespace
}  // namespace errcontract
