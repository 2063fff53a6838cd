// check-envelope end to end: the real binary, its exit codes and output.
#include <gtest/gtest.h>

#include "../support/process.h"

namespace errcontract {
namespace {

using testing::errcontract_binary;
using testing::run_process;

const std::string kData = ERRC_SOURCE_DIR "/tests/data/";

TEST(CliCheckEnvelope, RejectsTheTablesOwnExamplePointingAtTheQuote) {
  auto r = run_process(errcontract_binary(), {"check-envelope", kData + "table-example.json"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("body.not_json"), std::string::npos) << r.out;
  // The single quote opens the value on line 3, column 16 (byte 44).
  EXPECT_NE(r.out.find("at byte 44 (line 3, column 16)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("'"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("not a valid error envelope"), std::string::npos) << r.out;
}

TEST(CliCheckEnvelope, AcceptsTheExampleWithDoubleQuotes) {
  auto r = run_process(errcontract_binary(),
                       {"check-envelope", kData + "table-example-double-quoted.json"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("valid envelope: 21402 \"Operator already exists.\" (PUT /operators/)"),
            std::string::npos)
      << r.out;
}

TEST(CliCheckEnvelope, ReadsStandardInput) {
  auto r = run_process(
      errcontract_binary(), {"check-envelope", "-"},
      R"({"error_code":"21203","request":"GET /buckets/info/","message":"Bucket not found."})");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("<stdin>: valid envelope"), std::string::npos) << r.out;
}

TEST(CliCheckEnvelope, FailsOnExpectedCodeAndRequestMismatch) {
  auto r = run_process(
      errcontract_binary(),
      {"check-envelope", "--expect-code", "21403", "--request", "DELETE /operators/", "-"},
      R"({"error_code":"21402","request":"PUT /operators/","message":"Operator already exists."})");
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("code.mismatch"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("request.mismatch"), std::string::npos) << r.out;
}

TEST(CliCheckEnvelope, FailsOnUndocumentedCode) {
  auto r = run_process(errcontract_binary(), {"check-envelope", "-"},
                       R"({"error_code":"21299","request":"PUT /buckets/","message":"x"})");
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("code.undocumented"), std::string::npos) << r.out;
}

TEST(CliCheckEnvelope, NumericCodeFailsUnlessLenient) {
  const std::string body =
      R"({"error_code":21402,"request":"PUT /operators/","message":"Operator already exists."})";
  auto strict = run_process(errcontract_binary(), {"check-envelope", "-"}, body);
  EXPECT_EQ(strict.exit_code, 1) << strict.out;
  EXPECT_NE(strict.out.find("error code.numeric"), std::string::npos) << strict.out;
  auto lenient = run_process(errcontract_binary(), {"check-envelope", "--lenient", "-"}, body);
  EXPECT_EQ(lenient.exit_code, 0) << lenient.out;
  EXPECT_NE(lenient.out.find("warning code.numeric"), std::string::npos) << lenient.out;
}

TEST(CliCheckEnvelope, CapsTheInputSize) {
  std::string huge(3u << 20, ' ');
  auto r = run_process(errcontract_binary(), {"check-envelope", "-"}, huge);
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.out.find("body.too_large"), std::string::npos) << r.out;
}

TEST(CliCheckEnvelope, MissingFileIsAUsageError) {
  auto r = run_process(errcontract_binary(), {"check-envelope", "/nonexistent/body.json"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/nonexistent/body.json: cannot read"), std::string::npos) << r.err;
}

TEST(CliCheckEnvelope, MalformedRequestOptionIsAUsageError) {
  auto r = run_process(errcontract_binary(), {"check-envelope", "--request", "PUT", "-"}, "{}");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--request must be"), std::string::npos) << r.err;
}

TEST(CliUsage, UnknownFlagGivesExitTwoAndAHint) {
  auto r = run_process(errcontract_binary(), {"check-envelope", "--no-such-flag"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("Run 'errcontract --help' for usage."), std::string::npos) << r.err;
}

TEST(CliUsage, NoSubcommandIsAUsageError) {
  auto r = run_process(errcontract_binary(), {});
  EXPECT_EQ(r.exit_code, 2);
}

}  // namespace
}  // namespace errcontract
