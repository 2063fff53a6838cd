// The curl commands of failed cases, run through a real `sh`: quoting gives
// every byte back, and a stand-in `curl` (a script first on PATH that records
// its arguments and standard input) shows what the real one would be given,
// with each secret expanded from its environment variable and never written.
#include "errcontract/curl_command.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../../support/process.h"

namespace errcontract {
namespace {

using testing::run_process;

std::string sh_printf(const std::string& word) {
  return run_process("/bin/sh", {"-c", "printf %s " + word}).out;
}

TEST(ShellQuote, EveryByteButNulComesBackFromSh) {
  std::string all;
  for (int b = 1; b < 256; ++b) all += static_cast<char>(b);
  EXPECT_EQ(sh_printf(shell_quote(all)), all);
  for (const std::string s : {"", "'", "''", "a'b", "$HOME", "`id`", "\\", "\"$(x)\"", "-n"}) {
    EXPECT_EQ(sh_printf(shell_quote(s)), s) << s;
  }
}

TEST(ShellQuote, QuotesNothingTheShellWouldExpand) {
  EXPECT_EQ(shell_quote("a'b"), "'a'\\''b'");
  EXPECT_EQ(shell_quote("$X"), "'$X'");
}

// Runs `command` with a fake curl on PATH; returns its arguments (one per
// element) and what it read on standard input.
class FakeCurl : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("errc-fake-curl-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    std::ofstream script(dir_ / "curl");
    script << "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\0' \"$a\"; done > \"$(dirname "
              "\"$0\")/args\"\n"
              "cat > \"$(dirname \"$0\")/stdin\"\n";
    script.close();
    std::filesystem::permissions(dir_ / "curl", std::filesystem::perms::owner_all);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  struct Call {
    std::vector<std::string> args;
    std::string stdin_bytes;
  };
  Call run(const std::string& command) {
    const std::string path = dir_.string() + ":/usr/bin:/bin";
    auto r = run_process("/usr/bin/env", {"PATH=" + path, "/bin/sh", "-c", command});
    EXPECT_EQ(r.exit_code, 0) << command << "\n" << r.err;
    Call call;
    std::ifstream args(dir_ / "args", std::ios::binary);
    std::string all((std::istreambuf_iterator<char>(args)), {});
    std::size_t start = 0;
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (all[i] == '\0') {
        call.args.push_back(all.substr(start, i - start));
        start = i + 1;
      }
    }
    std::ifstream in(dir_ / "stdin", std::ios::binary);
    call.stdin_bytes.assign((std::istreambuf_iterator<char>(in)), {});
    return call;
  }

  static std::string after(const std::vector<std::string>& args, const std::string& option,
                           std::size_t nth = 0) {
    for (std::size_t i = 0; i + 1 < args.size(); ++i) {
      if (args[i] == option && nth-- == 0) return args[i + 1];
    }
    return "<" + option + " missing>";
  }

  std::filesystem::path dir_;
};

CurlTarget target() {
  CurlTarget t;
  t.base_url = "https://staging.example:8443/uapi/";
  return t;
}

TEST_F(FakeCurl, SendsMethodFullUrlAndHeadersWithSecretsFromTheEnvironment) {
  setenv("ERRC_FIXTURE_TOKEN", "tok'en$1", 1);
  setenv("ERRC_HEADER_X_API_KEY", "k3y-value", 1);
  CurlTarget t = target();
  t.headers = {{"X-Api-Key", "k3y-value"}, {"X-Trace", "it's"}};
  t.secrets = {{"k3y-value", "ERRC_HEADER_X_API_KEY"}};
  HttpRequest r{
      "DELETE", "/buckets/?bucket_name=b[1]&x=%7B", {{"Authorization", "Bearer tok'en$1"}}, ""};
  const std::string command = curl_command(r, t, {{"tok'en$1", "ERRC_FIXTURE_TOKEN"}});
  EXPECT_EQ(command.find("tok'en"), std::string::npos) << command;
  EXPECT_EQ(command.find("k3y-value"), std::string::npos) << command;
  EXPECT_NE(command.find("\"$ERRC_FIXTURE_TOKEN\""), std::string::npos) << command;
  EXPECT_NE(command.find("\"$ERRC_HEADER_X_API_KEY\""), std::string::npos) << command;
  const Call call = run(command);
  EXPECT_EQ(after(call.args, "-X"), "DELETE");
  const std::string url = "https://staging.example:8443/uapi/buckets/?bucket_name=b[1]&x=%7B";
  EXPECT_NE(std::find(call.args.begin(), call.args.end(), url), call.args.end());
  EXPECT_EQ(after(call.args, "-H", 0), "Authorization: Bearer tok'en$1");
  EXPECT_EQ(after(call.args, "-H", 1), "X-Api-Key: k3y-value");
  EXPECT_EQ(after(call.args, "-H", 2), "X-Trace: it's");
  EXPECT_NE(std::find(call.args.begin(), call.args.end(), "-g"), call.args.end());
  unsetenv("ERRC_FIXTURE_TOKEN");
  unsetenv("ERRC_HEADER_X_API_KEY");
}

TEST_F(FakeCurl, FormFieldsAreUrlencodedByCurlSoSecretValuesNeedNoEncoding) {
  setenv("ERRC_FIXTURE_PASSWORD", "p@ss word&=", 1);
  HttpRequest r{"POST",
                "/oauth/access_token/",
                {{"Content-Type", "application/x-www-form-urlencoded"}},
                "grant_type=password&password=p%40ss%20word%26%3D&name=a%27b"};
  const std::string command = curl_command(r, target(), {{"p@ss word&=", "ERRC_FIXTURE_PASSWORD"}});
  EXPECT_EQ(command.find("p%40ss"), std::string::npos) << command;
  const Call call = run(command);
  EXPECT_EQ(after(call.args, "--data-urlencode", 0), "grant_type=password");
  EXPECT_EQ(after(call.args, "--data-urlencode", 1), "password=p@ss word&=");
  EXPECT_EQ(after(call.args, "--data-urlencode", 2), "name=a'b");
  unsetenv("ERRC_FIXTURE_PASSWORD");
}

TEST_F(FakeCurl, JsonBodiesGoAsTheyAreWithTheirContentType) {
  HttpRequest r{"PUT", "/x/", {{"Content-Type", "application/json"}}, R"({"a":"it's","b":[1]})"};
  const Call call = run(curl_command(r, target(), {}));
  EXPECT_EQ(after(call.args, "--data-binary"), R"({"a":"it's","b":[1]})");
  EXPECT_EQ(after(call.args, "-H"), "Content-Type: application/json");
}

TEST_F(FakeCurl, BinaryBodiesReachCurlByteForByteThroughPrintf) {
  setenv("ERRC_FIXTURE_TOKEN", "s3cr%t\\n", 1);
  std::string body = "--b\r\nContent-Type: image/gif\r\n\r\nGIF89a\x01";
  body += '\0';
  body += "\x01\xff 100% \\ s3cr%t\\n ' \r\n--b--\r\n";
  HttpRequest r{"POST", "/w/", {{"Content-Type", "multipart/form-data; boundary=b"}}, body};
  const std::string command = curl_command(r, target(), {{"s3cr%t\\n", "ERRC_FIXTURE_TOKEN"}});
  EXPECT_EQ(command.find("s3cr"), std::string::npos) << command;
  EXPECT_EQ(command.find('\r'), std::string::npos) << "a report line would lose it";
  const Call call = run(command);
  EXPECT_EQ(after(call.args, "--data-binary"), "@-");
  EXPECT_EQ(call.stdin_bytes, body);
  unsetenv("ERRC_FIXTURE_TOKEN");
}

TEST_F(FakeCurl, ABodySentWithoutContentTypeStaysWithout) {
  HttpRequest r{"POST", "/x/", {}, "raw text"};
  const Call call = run(curl_command(r, target(), {}));
  EXPECT_EQ(after(call.args, "-H"), "Content-Type:");
  EXPECT_EQ(after(call.args, "--data-binary"), "raw text");
}

TEST(CurlTarget, SecretHeadersGetTheirVariable) {
  TargetOptions o;
  o.base_url = "http://h:1";
  o.headers = {{"X-Api-Key", "v1"}, {"X-Env", "staging"}};
  const CurlTarget t = curl_target(o);
  ASSERT_EQ(t.secrets.size(), 1u);
  EXPECT_EQ(t.secrets[0].second, "ERRC_HEADER_X_API_KEY");
  EXPECT_EQ(header_variable("x-auth.token"), "ERRC_HEADER_X_AUTH_TOKEN");
}

TEST(FixtureVariables, ShortValuesAreLeftLiteral) {
  const SecretVariables v = fixture_variables({{"id", "7"}, {"token", "abcdef"}, {"user", "abcd"}});
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0], (std::pair<std::string, std::string>{"abcdef", "ERRC_FIXTURE_TOKEN"}));
  EXPECT_EQ(v[1].second, "ERRC_FIXTURE_USER");
}

}  // namespace
}  // namespace errcontract
