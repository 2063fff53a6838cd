// `serve --code-type number` sends error_code as a JSON number, the way the
// real service most likely did: a strict run fails with code.numeric, and
// `run --lenient` (the pairing docs/runner.md describes) passes.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "../support/process.h"
#include "../support/served_reference_server.h"

namespace errcontract {
namespace {

using testing::errcontract_binary;
using testing::run_process;
using testing::ServedReferenceServer;

class NumericCodeServer : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ =
        std::make_unique<ServedReferenceServer>(std::vector<std::string>{"--code-type", "number"});
    ASSERT_NE(server_->url(), "") << server_->err();
    fixtures_ = server_->fixtures();
    url_ = server_->url();
    line_ = server_->banner();
  }
  static void TearDownTestSuite() { server_.reset(); }

  static inline std::string fixtures_, url_, line_;
  static inline std::unique_ptr<ServedReferenceServer> server_;
};

TEST_F(NumericCodeServer, SaysSoWhenItStarts) {
  EXPECT_NE(line_.find("error_code sent as a JSON number"), std::string::npos) << line_;
}

TEST_F(NumericCodeServer, StrictRunFailsWithCodeNumeric) {
  const auto r = run_process(errcontract_binary(),
                             {"run", "--target", url_, "--fixtures", fixtures_, "--only", "21402"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("FAIL 21402 operator-create-duplicate: code.numeric"), std::string::npos)
      << r.out;
}

TEST_F(NumericCodeServer, LenientRunPasses) {
  const auto r = run_process(errcontract_binary(), {"run", "--target", url_, "--fixtures",
                                                    fixtures_, "--only", "14", "--lenient"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out.find("FAIL "), std::string::npos) << r.out;
}

TEST(ServeCodeType, RejectsAnUnknownType) {
  const auto r = run_process(errcontract_binary(), {"serve", "--code-type", "integer"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE((r.out + r.err).find("--code-type"), std::string::npos) << r.out << r.err;
}

}  // namespace
}  // namespace errcontract
