// --config FILE and --profile NAME: option values from a JSON file, the
// command line winning, ${env:NAME} references, errors that name the file,
// the key or the line, and ./errcontract.json picked up by default.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "../support/process.h"
#include "../support/served_reference_server.h"

namespace errcontract {
namespace {

namespace fs = std::filesystem;
using testing::errcontract_binary;
using testing::ProcessResult;
using testing::run_process;
using testing::ServedReferenceServer;

class CliConfig : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = std::make_unique<ServedReferenceServer>();
    ASSERT_NE(server_->url(), "") << server_->err();
  }
  static void TearDownTestSuite() { server_.reset(); }

  // Writes `text` into the server's temporary folder; returns its path.
  static std::string write(const std::string& name, const std::string& text) {
    const fs::path path = server_->dir() / name;
    std::ofstream(path) << text;
    return path.string();
  }

  // A config naming the served target and its fixtures.
  static std::string target_config(const std::string& extra = "") {
    return "{\"target\": \"" + server_->url() + "\", \"fixtures\": \"" + server_->fixtures() +
           "\"" + extra + "}";
  }

  static inline std::unique_ptr<ServedReferenceServer> server_;
};

TEST_F(CliConfig, FileProvidesTargetFixturesAndSelection) {
  const std::string config =
      write("basic.json", target_config(R"(, "only": ["21402"], "jobs": 1)"));
  const ProcessResult r = run_process(errcontract_binary(), {"run", "--config", config});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("running 2 cases against " + server_->url() + " with 1 job"),
            std::string::npos)
      << r.out;
}

TEST_F(CliConfig, CommandLineFlagWins) {
  const std::string config = write("jobs.json", target_config(R"(, "only": "21402", "jobs": 1)"));
  const ProcessResult r =
      run_process(errcontract_binary(), {"run", "--config", config, "--jobs", "2"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("with 2 jobs"), std::string::npos) << r.out;  // the file says 1
}

TEST_F(CliConfig, ProfileReplacesTheTopLevel) {
  const std::string config = write(
      "profiles.json",
      target_config(R"(, "only": "21402", "profiles": {"ops": {"only": "21403", "jobs": 2}})"));
  const ProcessResult r =
      run_process(errcontract_binary(), {"run", "--config", config, "--profile", "ops"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("with 2 jobs"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("21402"), std::string::npos) << r.out;

  const ProcessResult missing =
      run_process(errcontract_binary(), {"run", "--config", config, "--profile", "opps"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("--profile opps: " + config + " has no such profile (ops)"),
            std::string::npos)
      << missing.err;
}

TEST_F(CliConfig, EnvironmentReferencesAreExpandedAndAnUnsetOneIsNamed) {
  const std::string config =
      write("env.json", R"({"target": "${env:ERRC_TEST_TARGET}", "only": "21402"})");
  const ProcessResult r =
      run_process("/usr/bin/env", {"ERRC_TEST_TARGET=" + server_->url(), errcontract_binary(),
                                   "run", "--config", config, "--fixtures", server_->fixtures()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("against " + server_->url()), std::string::npos) << r.out;

  const ProcessResult unset = run_process(
      "/usr/bin/env", {"-u", "ERRC_TEST_TARGET", errcontract_binary(), "run", "--config", config});
  EXPECT_EQ(unset.exit_code, 2);
  EXPECT_NE(unset.err.find(config + ": \"target\": ${env:ERRC_TEST_TARGET}: the environment "
                                    "variable ERRC_TEST_TARGET is not set"),
            std::string::npos)
      << unset.err;
}

TEST_F(CliConfig, UnknownKeyIsRefusedWithTheNearestName) {
  const std::string config = write("typo.json", R"({"min_coverage": 90})");
  const ProcessResult r = run_process(errcontract_binary(), {"run", "--config", config});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown option \"min_coverage\" (did you mean \"min-coverage\"?)"),
            std::string::npos)
      << r.err;
}

TEST_F(CliConfig, SyntaxErrorNamesLineAndColumn) {
  const std::string config = write("broken.json", "{\n  \"jobs\": 2,\n}\n");
  const ProcessResult r = run_process(errcontract_binary(), {"run", "--config", config});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(config + ":3:1: not JSON"), std::string::npos) << r.err;
}

TEST_F(CliConfig, WrongValueTypeIsRefused) {
  const std::string config = write("object.json", R"({"jobs": {"n": 2}})");
  const ProcessResult r = run_process(errcontract_binary(), {"run", "--config", config});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(config + ": \"jobs\": a value is a string"), std::string::npos) << r.err;
}

TEST_F(CliConfig, ErrcontractJsonInTheWorkingDirectoryIsTheDefault) {
  const fs::path dir = server_->dir() / "workdir";
  fs::create_directories(dir);
  std::ofstream(dir / "errcontract.json") << target_config(R"(, "only": "21402", "jobs": 1)");
  const ProcessResult r = run_process(
      "/bin/sh", {"-c", "cd \"$1\" && exec \"$2\" run", "sh", dir.string(), errcontract_binary()});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("running 2 cases against " + server_->url() + " with 1 job"),
            std::string::npos)
      << r.out;
}

TEST_F(CliConfig, KeysOfAnotherSubcommandAreLeftOut) {
  // teardown has no --jobs or --only: the same file still serves it.
  const std::string config = write("shared.json", target_config(R"(, "only": "21402", "jobs": 1)"));
  const ProcessResult r = run_process(errcontract_binary(), {"fixtures", "--config", config});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find(server_->fixtures()), std::string::npos) << r.out;
}

}  // namespace
}  // namespace errcontract
