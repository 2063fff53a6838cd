// What `errcontract run` shows a person at a terminal and a CI log: the run
// id, colours (--color, NO_COLOR), the progress line (only on a terminal,
// gone from the final screen), failures grouped, --max-failures. Terminal
// runs happen on a real pseudo-terminal (tests/support/terminal.h).
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "../support/process.h"
#include "../support/terminal.h"

namespace errcontract {
namespace {

using testing::errcontract_binary;
using testing::run_process;

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

std::filesystem::path scratch(const std::string& name) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("errc_cli_console_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  return dir / name;
}

rapidjson::Document read_json(const std::filesystem::path& path) {
  std::ifstream in(path);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  EXPECT_FALSE(doc.HasParseError()) << text;
  return doc;
}

// errcontract run with `args`, on a terminal, NO_COLOR set to `no_color`
// (nullptr: unset).
testing::TerminalRun run_on_terminal(std::vector<std::string> args,
                                     const char* no_color = nullptr) {
  std::vector<std::string> env_args{"-u", "NO_COLOR"};
  if (no_color != nullptr) env_args = {std::string("NO_COLOR=") + no_color};
  env_args.push_back(errcontract_binary());
  env_args.push_back("run");
  env_args.insert(env_args.end(), args.begin(), args.end());
  return testing::run_in_terminal("/usr/bin/env", env_args);
}

bool has_colour(const std::string& bytes) {
  return bytes.find("\x1b[1m\x1b[31mFAIL") != std::string::npos;
}

TEST(CliConsole, RunIdIsPrintedAndInTheJsonReport) {
  const auto json = scratch("run_id.json");
  auto r = run_process(errcontract_binary(), {"run", "--only", "11001", "--run-id", "ci-42",
                                              "--report", "json=" + json.string()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find(", run id ci-42\n"), std::string::npos) << r.out;
  const rapidjson::Document doc = read_json(json);
  ASSERT_TRUE(doc.IsObject());
  EXPECT_STREQ(doc["run_id"].GetString(), "ci-42");
}

TEST(CliConsole, GeneratedRunIdWhenNoneIsGiven) {
  auto r = run_process(errcontract_binary(), {"run", "--only", "11001"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find(", run id r"), std::string::npos) << r.out;
}

TEST(CliConsole, BadRunIdIsAUsageError) {
  for (const char* bad : {"CI_42", "a/b", "-x", "aaaaaaaaaaaaaaaaaaaaaaaaa"}) {
    auto r = run_process(errcontract_binary(), {"run", "--only", "11001", "--run-id", bad});
    EXPECT_EQ(r.exit_code, 2) << bad << r.out << r.err;
    EXPECT_NE(r.err.find(std::string("errcontract: --run-id \"") + bad + "\": the run id "),
              std::string::npos)
        << r.err;
    EXPECT_EQ(r.out.find("running"), std::string::npos) << r.out;
  }
}

TEST(CliConsole, APipeGetsNoColourAndNoProgressUnlessColourIsForced) {
  auto plain =
      run_process(errcontract_binary(), {"run", "--fault", "wrong-status", "--only", "14"});
  EXPECT_EQ(plain.exit_code, 1) << plain.err;
  EXPECT_EQ(plain.out.find('\x1b'), std::string::npos) << plain.out;
  EXPECT_EQ(plain.out.find('\r'), std::string::npos) << plain.out;
  auto forced = run_process("/usr/bin/env", {"NO_COLOR=1", errcontract_binary(), "run", "--fault",
                                             "wrong-status", "--only", "14", "--color", "always"});
  EXPECT_TRUE(has_colour(forced.out)) << forced.out;
  // Colours, but still no progress line: that is for terminals only.
  EXPECT_EQ(forced.out.find('\r'), std::string::npos) << forced.out;
}

TEST(CliConsole, UnknownColourModeIsAUsageError) {
  auto r = run_process(errcontract_binary(), {"run", "--color", "sometimes"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("--color"), std::string::npos) << r.err;
}

TEST(CliConsole, TerminalGetsColourUnlessNoColourOrNever) {
  const std::vector<std::string> args{"--fault", "wrong-status", "--only", "14"};
  EXPECT_TRUE(has_colour(run_on_terminal(args).bytes));
  // no-color.org: set and not empty disables; empty counts as unset.
  EXPECT_FALSE(has_colour(run_on_terminal(args, "1").bytes));
  EXPECT_TRUE(has_colour(run_on_terminal(args, "").bytes));
  std::vector<std::string> never = args;
  never.insert(never.end(), {"--color", "never"});
  const testing::TerminalRun r = run_on_terminal(never);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_FALSE(has_colour(r.bytes)) << r.bytes;
}

// The screen a run left, with a failure for any progress line (or carriage
// return) still on it.
std::vector<std::string> screen_after_progress(const std::string& bytes) {
  const std::vector<std::string> screen = testing::final_screen(bytes);
  for (const std::string& line : screen) {
    EXPECT_EQ(line.find("req/s"), std::string::npos) << "a progress line stayed:\n" << line;
    EXPECT_EQ(line.find('\r'), std::string::npos);
  }
  return screen;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

TEST(CliConsole, TerminalShowsAProgressLineThatLeavesACleanScreen) {
  const testing::TerminalRun r = run_on_terminal({"--fault", "wrong-status"}, "1");
  EXPECT_EQ(r.exit_code, 1) << r.bytes;
  EXPECT_NE(r.bytes.find("\r\x1b[K"), std::string::npos) << r.bytes;
  EXPECT_NE(r.bytes.find(" req/s, ETA "), std::string::npos) << r.bytes;
  const std::vector<std::string> screen = screen_after_progress(r.bytes);
  const std::string shown = joined(screen);
  ASSERT_FALSE(screen.empty());
  EXPECT_EQ(screen.back().rfind("cases: 0 passed, ", 0), 0u) << shown;
  EXPECT_NE(shown.find("\nstatus.mismatch: "), std::string::npos) << shown;
}

testing::TerminalRun fuzz_api_on_terminal(std::vector<std::string> args) {
  std::vector<std::string> all{"-u", "NO_COLOR", errcontract_binary(), "fuzz-api", "--seed", "7"};
  all.insert(all.end(), args.begin(), args.end());
  return testing::run_in_terminal("/usr/bin/env", all);
}

TEST(CliConsole, FuzzApiOnATerminalShowsAProgressLineThatLeavesACleanScreen) {
  const testing::TerminalRun r = fuzz_api_on_terminal({"--max-requests", "3000"});
  EXPECT_EQ(r.exit_code, 0) << r.bytes;
  EXPECT_NE(r.bytes.find("\r\x1b[Kfuzz-api: "), std::string::npos) << r.bytes;
  EXPECT_NE(r.bytes.find("/3000 requests, "), std::string::npos) << r.bytes;
  EXPECT_NE(r.bytes.find("/144 codes, 0 violations, "), std::string::npos) << r.bytes;
  const std::vector<std::string> screen = screen_after_progress(r.bytes);
  ASSERT_FALSE(screen.empty());
  EXPECT_EQ(screen.back().rfind("requests: ", 0), 0u) << joined(screen);
}

TEST(CliConsole, FuzzApiVerboseOrPipedHasNoProgressLine) {
  const testing::TerminalRun r = fuzz_api_on_terminal({"--max-requests", "300", "-v"});
  EXPECT_EQ(r.exit_code, 0) << r.bytes;
  EXPECT_EQ(r.bytes.find("req/s"), std::string::npos) << r.bytes;
  // Through a pipe (not a terminal): none either.
  const testing::TerminalRun piped = testing::run_in_terminal(
      "/bin/sh", {"-c", errcontract_binary() + " fuzz-api --seed 7 --max-requests 300 | cat"});
  EXPECT_EQ(piped.exit_code, 0) << piped.bytes;
  EXPECT_EQ(piped.bytes.find("req/s"), std::string::npos) << piped.bytes;
  EXPECT_NE(piped.bytes.find("requests: "), std::string::npos) << piped.bytes;
}

TEST(CliConsole, VerboseOnATerminalHasNoProgressLine) {
  const testing::TerminalRun r = run_on_terminal({"--only", "14", "-v"}, "1");
  EXPECT_EQ(r.exit_code, 0) << r.bytes;
  EXPECT_EQ(r.bytes.find("req/s"), std::string::npos) << r.bytes;
  EXPECT_NE(r.bytes.find("PASS 21402"), std::string::npos) << r.bytes;
}

TEST(CliConsole, ManyFailuresOfOneKindStayShort) {
  auto r = run_process(errcontract_binary(), {"run", "--fault", "wrong-status"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_LE(count(r.out, "\n"), 60u) << r.out;
  EXPECT_LE(count(r.out, "\nFAIL 2"), 3u * 6) << r.out;  // at most 3 per finding id
  EXPECT_NE(r.out.find("\nstatus.mismatch: "), std::string::npos) << r.out;
  auto all = run_process(errcontract_binary(), {"run", "--fault", "wrong-status", "-v"});
  EXPECT_GT(count(all.out, "\nFAIL "), 100u) << all.out;
}

// errcontract run --fault MODE --max-failures 5 with a JSON report.
rapidjson::Document run_max_failures(const std::string& fault, testing::ProcessResult& r) {
  const auto json = scratch("max_failures_" + fault + ".json");
  r = run_process(errcontract_binary(), {"run", "--fault", fault, "--max-failures", "5", "--report",
                                         "json=" + json.string()});
  return read_json(json);
}

TEST(CliConsole, MaxFailuresStopsStartingCasesAndSaysSo) {
  testing::ProcessResult r;
  const rapidjson::Document doc = run_max_failures("wrong-status", r);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("stopped after 5 failed cases (--max-failures): the cases not started yet "
                       "were skipped\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(" cases: not run: the run stopped after 5 failures (--max-failures)\n"),
            std::string::npos)
      << r.out;
  ASSERT_TRUE(doc.IsObject());
  EXPECT_EQ(doc["stopped_after_failures"].GetInt(), 5);
  EXPECT_FALSE(doc["interrupted"].GetBool());
  EXPECT_EQ(doc["exit_code"].GetInt(), 1);
  // Cases already started when the fifth failed still end (4 jobs).
  const int failed = doc["totals"]["failed"].GetInt();
  EXPECT_GE(failed, 5);
  EXPECT_LE(failed, 5 + 3);
  EXPECT_GT(doc["totals"]["skipped"].GetInt(), 100);
}

// Under wrong-status a teardown's 404 becomes a 400 and is listed as a
// possible leak (docs/fault-modes.md); status-200 leaves teardowns alone, so
// any LEAK here would be one the stop caused.
TEST(CliConsole, MaxFailuresStillTearsDownTheCasesThatRan) {
  testing::ProcessResult r;
  const rapidjson::Document doc = run_max_failures("status-200", r);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_EQ(r.out.find("LEAK"), std::string::npos) << r.out;
  ASSERT_TRUE(doc.IsObject());
  EXPECT_EQ(doc["stopped_after_failures"].GetInt(), 5);
  int teardowns = 0;
  for (const auto& c : doc["cases"].GetArray()) {
    EXPECT_EQ(c["leaks"].Size(), 0u) << c["id"].GetString();
    for (const auto& e : c["exchanges"].GetArray()) {
      if (std::string(e["phase"].GetString()).rfind("teardown", 0) == 0) ++teardowns;
    }
  }
  EXPECT_GT(teardowns, 0);
}

}  // namespace
}  // namespace errcontract
