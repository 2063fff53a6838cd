// --fault and --fault-code end to end: `errcontract run` against its
// embedded server broken on purpose fails (exit 1) with the mode's finding,
// and a wrong mode, code or combination is a usage error (exit 2).
#include <gtest/gtest.h>

#include "../support/process.h"

namespace errcontract {
namespace {

using testing::errcontract_binary;
using testing::run_process;

int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(CliFault, RunWithWrongStatusFails) {
  // One code of 2 cases: past 3 cases per finding id the console only
  // counts failures, and which 3 come first depends on the workers.
  auto r = run_process(errcontract_binary(), {"run", "--fault", "wrong-status", "--only", "21402"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("FAIL 21402 operator-create-duplicate: status.mismatch expected HTTP status "
                       "409 (the catalog's status for 21402), got 400"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("fault wrong-status on every error response"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("cases: 0 passed, "), std::string::npos) << r.out;
}

TEST(CliFault, RunWithFaultCodeFailsOnlyThatCode) {
  auto r = run_process(errcontract_binary(), {"run", "--fault", "other-code", "--fault-code",
                                              "21402", "--only", "14", "--only", "11001"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("FAIL 21402 operator-create-duplicate: code.mismatch"), std::string::npos)
      << r.out;
  EXPECT_EQ(count(r.out, "\nFAIL "), count(r.out, "\nFAIL 21402 ")) << r.out;
  EXPECT_EQ(count(r.out, "\nFAIL 21402 "), 2) << r.out;
}

// 21401 (400) has 401 as its documented alternative: a server that answers it
// conforms (warnings, exit 0) unless --strict-status.
TEST(CliFault, AlternativeStatusWarnsAndPasses) {
  auto r = run_process(errcontract_binary(),
                       {"run", "--fault", "alternative-status", "--only", "14", "--only", "11001"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(count(r.out, "\nFAIL "), 0) << r.out;
  EXPECT_NE(r.out.find("status.alternative"), std::string::npos) << r.out;
}

TEST(CliFault, AlternativeStatusFailsUnderStrictStatus) {
  auto r =
      run_process(errcontract_binary(), {"run", "--fault", "alternative-status", "--strict-status",
                                         "--only", "14", "--only", "11001"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("FAIL 21401 "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("status.alternative HTTP status 401 is a documented alternative for 21401, "
                       "whose status is 400 (an error under --strict-status)"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(count(r.out, "\nFAIL "), count(r.out, "\nFAIL 21401 ")) << r.out;
}

TEST(CliFault, RunWithoutFaultPasses) {
  auto r = run_process(errcontract_binary(), {"run", "--only", "14", "--only", "11001"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

TEST(CliFault, ServeRejectsAnUnknownMode) {
  auto r = run_process(errcontract_binary(), {"serve", "--port", "0", "--fault", "bogus"});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.err.find("unknown fault mode \"bogus\"; one of: wrong-status, status-200,"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("invalid-utf8"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST(CliFault, RunRejectsAnUnknownMode) {
  auto r = run_process(errcontract_binary(), {"run", "--fault", "status-500"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown fault mode \"status-500\""), std::string::npos) << r.err;
}

TEST(CliFault, FaultCodeMustBeFiveDigits) {
  auto r = run_process(errcontract_binary(),
                       {"serve", "--port", "0", "--fault", "html-page", "--fault-code", "2140"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--fault-code must be a five-digit error code such as 21402, got \"2140\""),
            std::string::npos)
      << r.err;
}

TEST(CliFault, FaultCodeNeedsFault) {
  auto r = run_process(errcontract_binary(), {"run", "--fault-code", "21402"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--fault-code requires --fault"), std::string::npos) << r.err;
}

TEST(CliFault, RunRefusesFaultWithATarget) {
  auto r = run_process(errcontract_binary(),
                       {"run", "--fault", "empty-body", "--target", "http://127.0.0.1:9"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--fault breaks the embedded reference server and cannot be used with "
                       "--target"),
            std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace errcontract
