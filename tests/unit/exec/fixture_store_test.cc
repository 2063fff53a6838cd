// A rejected credential: diagnosed once however many workers see it, obtained
// again by one worker while the others wait and reuse the new value, and, in
// a whole run, cases that need it become errors with no false leak.
#include "exec/fixture_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "errcontract/envelope.h"
#include "errcontract/exit_codes.h"
#include "errcontract/runner.h"

namespace errcontract {
namespace {

using internal::FixtureStore;
using internal::Rejection;

constexpr const char* kDeclared = R"({"fixtures": {
  "username": {"about": "u", "secret": false},
  "password": {"about": "p", "secret": true},
  "token": {"about": "t", "secret": true,
            "obtain": {"request": {"method": "POST", "path": "/oauth/access_token/",
                                   "form": {"username": "${fixture:username}",
                                            "password": "${fixture:password}"}},
                       "capture": "/access_token"}}
}})";

std::shared_ptr<const FixtureDeclarations> declared() {
  auto parsed = FixtureDeclarations::parse(kDeclared, "fixtures.json");
  EXPECT_TRUE(parsed.ok()) << parsed.status().message();
  return std::make_shared<const FixtureDeclarations>(std::move(parsed).value());
}

HttpResponse respond(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "application/json");
  r.body = std::move(body);
  return r;
}

// The token endpoint: counts its calls and hands out "fresh-<n>".
struct TokenEndpoint {
  std::atomic<int> calls{0};
  std::string last_body;
  std::mutex mu;
  internal::SendFunction send() {
    return [this](const HttpRequest& request) -> Result<HttpResponse> {
      const int n = ++calls;
      {
        std::lock_guard<std::mutex> lock(mu);
        last_body = request.body;
      }
      // Slow, so that the other workers arrive while it is being obtained.
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      return respond(200, R"({"access_token": "fresh-token-)" + std::to_string(n) + R"("})");
    };
  }
};

const Rejection kRejected{"token", 401, "11001"};

// `workers` threads report the same rejection at once; their answers.
std::vector<FixtureStore::Answer> reject_concurrently(FixtureStore& store, int workers,
                                                      const internal::SendFunction& send) {
  const std::uint64_t generation = store.current().generation;
  std::vector<FixtureStore::Answer> answers(static_cast<std::size_t>(workers));
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < workers; ++i) {
    threads.emplace_back([&, i] {
      ++ready;
      while (ready.load() < workers) std::this_thread::yield();
      answers[static_cast<std::size_t>(i)] = store.rejected(kRejected, generation, send);
    });
  }
  for (auto& t : threads) t.join();
  return answers;
}

TEST(FixtureStore, ConcurrentRejectionsAreDiagnosedOnce) {
  FixtureStore store({{"token", "old-token"}}, nullptr, {}, "r1");
  TokenEndpoint endpoint;
  const auto answers = reject_concurrently(store, 8, endpoint.send());
  for (auto a : answers) EXPECT_EQ(a, FixtureStore::Answer::kRejected);
  EXPECT_EQ(endpoint.calls.load(), 0);  // nothing declares how to obtain it
  for (int i = 0; i < 8; ++i) store.count_dependent_error("token");
  EXPECT_EQ(store.notes(),
            (std::vector<std::string>{"fixture token was rejected by the target (401, 11001): "
                                      "expired or revoked? 8 cases that need it are errors."}));
  EXPECT_EQ(store.dead_fixture({"password", "token"}), "token");
  EXPECT_EQ(store.dead_fixture({"password"}), std::nullopt);
}

TEST(FixtureStore, OneWorkerObtainsItAgainAndTheOthersReuseIt) {
  FixtureStore store({{"token", "old-token"}, {"username", "u1"}, {"password", "pw-secret"}},
                     declared(), {}, "r1");
  TokenEndpoint endpoint;
  const auto answers = reject_concurrently(store, 8, endpoint.send());
  for (auto a : answers) EXPECT_EQ(a, FixtureStore::Answer::kRetry);
  EXPECT_EQ(endpoint.calls.load(), 1);
  EXPECT_EQ(endpoint.last_body, "username=u1&password=pw-secret");
  EXPECT_EQ(store.current().values->at("token"), "fresh-token-1");
  EXPECT_EQ(store.notes(),
            (std::vector<std::string>{
                "fixture token was obtained again after the target rejected it "
                "(401, 11001); 8 cases rejected with the old value were run again"}));
  // Both the new and the replaced value stay out of every record.
  EXPECT_EQ(store.current().redactor->text("fresh-token-1 old-token"), "*** ***");
}

TEST(FixtureStore, ANewValueRejectedTooIsRejectedForGood) {
  FixtureStore store({{"token", "old-token"}, {"username", "u1"}, {"password", "pw-secret"}},
                     declared(), {}, "r1");
  TokenEndpoint endpoint;
  ASSERT_EQ(store.rejected(kRejected, store.current().generation, endpoint.send()),
            FixtureStore::Answer::kRetry);
  EXPECT_EQ(store.rejected(kRejected, store.current().generation, endpoint.send()),
            FixtureStore::Answer::kRejected);
  EXPECT_EQ(endpoint.calls.load(), 1);  // once only
  EXPECT_EQ(store.dead_reason("token"),
            "fixture token was rejected by the target (401, 11001): expired or revoked? It was "
            "obtained again once, and the new value was rejected too.");
}

TEST(FixtureStore, AFailedObtainIsPartOfTheDiagnosis) {
  FixtureStore store({{"token", "old-token"}, {"username", "u1"}, {"password", "wrong"}},
                     declared(), {}, "r1");
  internal::SendFunction refusing = [](const HttpRequest&) -> Result<HttpResponse> {
    return respond(403, R"({"error_code": "21107"})");
  };
  EXPECT_EQ(store.rejected(kRejected, store.current().generation, refusing),
            FixtureStore::Answer::kRejected);
  EXPECT_EQ(store.dead_reason("token"),
            "fixture token was rejected by the target (401, 11001): expired or revoked? "
            "Obtaining it again failed: POST /oauth/access_token/ answered 403, 21107.");
}

TEST(FixtureStore, ObtainsAnAbsentFixtureAtTheStartOnlyWithItsInputs) {
  TokenEndpoint endpoint;
  FixtureStore without_inputs({{"username", "u1"}}, declared(), {}, "r1");
  without_inputs.obtain_missing({"token"}, endpoint.send());
  EXPECT_EQ(endpoint.calls.load(), 0);
  EXPECT_EQ(without_inputs.current().values->count("token"), 0u);

  FixtureStore store({{"username", "u1"}, {"password", "pw"}}, declared(), {}, "r1");
  store.obtain_missing({"token"}, endpoint.send());
  EXPECT_EQ(endpoint.calls.load(), 1);
  EXPECT_EQ(store.current().values->at("token"), "fresh-token-1");
  EXPECT_EQ(store.notes(),
            (std::vector<std::string>{"fixture token was obtained from the target"}));
}

TEST(CredentialRejection, OnlyA401OrATokenCodeCounts) {
  EXPECT_TRUE(internal::is_credential_rejection(401, ""));
  EXPECT_TRUE(internal::is_credential_rejection(400, "11001"));
  EXPECT_TRUE(internal::is_credential_rejection(401, "11002"));
  EXPECT_FALSE(internal::is_credential_rejection(403, "21110"));
  EXPECT_FALSE(internal::is_credential_rejection(404, ""));
}

// --- A whole run against a fake target whose token was revoked. ---

// Three bucket cases: setup creates with the token, the trigger collides
// (21202), teardown deletes.
std::string bucket_cases() {
  std::string cases;
  for (int i = 1; i <= 3; ++i) {
    cases += std::string(cases.empty() ? "" : ",\n") + R"({"id": "bucket-dup-)" +
             std::to_string(i) + R"(", "code": "21202",
 "setup": [{"request": {"method": "PUT", "path": "/buckets/", "auth": "token",
                        "form": {"bucket_name": "b${uniq}"}}}],
 "request": {"method": "PUT", "path": "/buckets/", "auth": "token",
             "form": {"bucket_name": "b${uniq}"}},
 "teardown": [{"request": {"method": "DELETE", "path": "/buckets/", "auth": "token",
                           "query": {"bucket_name": "b${uniq}"}}}]})";
  }
  return R"({"cases": [)"
         "\n" +
         cases + "\n]}";
}

// Accepts only the token "fresh-token-N" it handed out at its token endpoint.
class RevokedTokenTarget : public Transport {
 public:
  explicit RevokedTokenTarget(std::shared_ptr<std::atomic<int>> grants, bool grants_work)
      : grants_(std::move(grants)), grants_work_(grants_work) {}
  Result<HttpResponse> send(const HttpRequest& r) override {
    const std::string path = r.target.substr(0, r.target.find('?'));
    if (path == "/oauth/access_token/") {
      const int n = ++*grants_;
      if (!grants_work_) return respond(401, R"({"error_code": "21309"})");
      return respond(200, R"({"access_token": "fresh-token-)" + std::to_string(n) + R"("})");
    }
    const std::string* auth = find_header(r.headers, "Authorization");
    if (auth == nullptr || auth->rfind("Bearer fresh-token-", 0) != 0) {
      return respond(401, build_envelope(Catalog::builtin(), "11001", r.method, path));
    }
    std::lock_guard<std::mutex> lock(mu_);
    if (r.method == "DELETE") return respond(200, R"({"result": true})");
    if (created_.insert(r.body).second) return respond(201, R"({"result": true})");
    return respond(409, build_envelope(Catalog::builtin(), "21202", r.method, path));
  }

 private:
  std::shared_ptr<std::atomic<int>> grants_;
  bool grants_work_;
  std::mutex mu_;
  std::set<std::string> created_;
};

class NullReporter : public Reporter {
 public:
  void on_run_start(const RunInfo&) override {}
  void on_case_end(const CaseResult&) override {}
  void on_run_end(const RunResult&) override {}
};

RunResult run_with_revoked_token(bool grants_work, int* grants_out) {
  auto library = CaseLibrary::parse(bucket_cases(), "b.cases.json", Catalog::builtin(), declared());
  EXPECT_TRUE(library.ok()) << library.status().message();
  RunOptions options;
  options.jobs = 3;
  options.run_id = "rauth";
  options.fixtures = {{"token", "expired-or-revoked-token"}, {"username", "u"}, {"password", "p"}};
  auto grants = std::make_shared<std::atomic<int>>(0);
  NullReporter reporter;
  RunResult result = run_cases(
      Catalog::builtin(), *library,
      [&] { return std::make_unique<RevokedTokenTarget>(grants, grants_work); }, options, reporter);
  *grants_out = grants->load();
  return result;
}

TEST(RunWithARevokedToken, TheTokenIsObtainedAgainOnceAndEveryCasePasses) {
  int grants = 0;
  const RunResult result = run_with_revoked_token(true, &grants);
  EXPECT_EQ(grants, 1);
  EXPECT_EQ(result.totals.passed, 3);
  EXPECT_EQ(run_exit_code(result, false), kExitOk);
  ASSERT_EQ(result.fixture_notes.size(), 1u);
  EXPECT_EQ(result.fixture_notes[0].rfind("fixture token was obtained again after the target "
                                          "rejected it (401, 11001)",
                                          0),
            0u)
      << result.fixture_notes[0];
  for (const CaseResult& c : result.cases) {
    EXPECT_TRUE(c.leaks.empty()) << c.case_id;
    for (const Exchange& e : c.exchanges) {
      EXPECT_EQ(e.request.body.find("fresh-token"), std::string::npos);
      if (const std::string* a = find_header(e.request.headers, "Authorization")) {
        EXPECT_EQ(*a, "***");
      }
    }
  }
}

TEST(RunWithARevokedToken, WithoutANewTokenCasesAreErrorsDiagnosedOnceWithNoLeak) {
  int grants = 0;
  const RunResult result = run_with_revoked_token(false, &grants);
  EXPECT_EQ(grants, 1);
  EXPECT_EQ(result.totals.errors, 3);
  EXPECT_EQ(result.totals.failed, 0);
  EXPECT_EQ(run_exit_code(result, false), kExitFailure);
  ASSERT_EQ(result.fixture_notes.size(), 1u);
  EXPECT_EQ(result.fixture_notes[0].rfind(
                "fixture token was rejected by the target (401, 11001): expired or revoked?", 0),
            0u)
      << result.fixture_notes[0];
  EXPECT_NE(result.fixture_notes[0].find(" 3 cases that need it are errors."), std::string::npos);
  for (const CaseResult& c : result.cases) {
    EXPECT_EQ(c.verdict, Verdict::kError) << c.case_id;
    EXPECT_EQ(c.rejected_fixture, "token");
    EXPECT_TRUE(c.leaks.empty()) << c.case_id;       // the rejected setup created nothing
    EXPECT_TRUE(c.findings.empty()) << c.case_id;    // not a contract failure
    EXPECT_LE(c.exchanges.size(), 1u) << c.case_id;  // no teardown was sent
  }
}

}  // namespace
}  // namespace errcontract
