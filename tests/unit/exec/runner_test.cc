// run_cases against an in-memory fake Transport: the order of phases,
// teardown after failures, retries, skips, captures, redaction, coverage,
// exit codes, the worker pool's ordering and the stop flag.
#include "errcontract/runner.h"
#include "errcontract/exit_codes.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "errcontract/envelope.h"
#include "exec/rate_limiter.h"

namespace errcontract {
namespace {

const Catalog& catalog() { return Catalog::builtin(); }

using Handler = std::function<Result<HttpResponse>(const HttpRequest&)>;

// Every request any fake transport received, in arrival order.
struct SentLog {
  std::mutex mu;
  std::vector<HttpRequest> requests;
  std::size_t count() {
    std::lock_guard<std::mutex> lock(mu);
    return requests.size();
  }
};

class FakeTransport : public Transport {
 public:
  FakeTransport(Handler handler, SentLog* log) : handler_(std::move(handler)), log_(log) {}
  Result<HttpResponse> send(const HttpRequest& request) override {
    {
      std::lock_guard<std::mutex> lock(log_->mu);
      log_->requests.push_back(request);
    }
    return handler_(request);
  }

 private:
  Handler handler_;
  SentLog* log_;
};

class RecordingReporter : public Reporter {
 public:
  void on_run_start(const RunInfo& info) override {
    planned = info.planned_cases;
    run_id = info.run_id;
  }
  void on_case_end(const CaseResult& r) override {
    ended.push_back(r.case_id);
    if (on_end) on_end(r);
  }
  void on_run_end(const RunResult&) override { run_ended = true; }
  std::size_t planned = 0;
  std::string run_id;
  std::vector<std::string> ended;
  bool run_ended = false;
  std::function<void(const CaseResult&)> on_end;
};

HttpResponse respond(int status, std::string body, std::string content_type = "application/json") {
  HttpResponse r;
  r.status = status;
  r.headers.emplace_back("Content-Type", std::move(content_type));
  r.body = std::move(body);
  return r;
}

std::string path_of(const HttpRequest& r) { return r.target.substr(0, r.target.find('?')); }

// The conforming error response for `code` to `request`.
HttpResponse error_for(const std::string& code, const HttpRequest& request) {
  const CodeEntry* entry = catalog().find(code);
  return respond(entry->status, build_envelope(catalog(), code, request.method, path_of(request)));
}

CaseLibrary parse_cases(const std::string& json) {
  auto parsed = CaseLibrary::parse(json, "runner_test.cases.json", catalog());
  EXPECT_TRUE(parsed.ok()) << parsed.status().message();
  return parsed.ok() ? std::move(parsed).value() : CaseLibrary{};
}

struct Harness {
  SentLog log;
  RecordingReporter reporter;
  RunOptions options;
  int transports_made = 0;
  Harness() {
    options.jobs = 1;
    options.run_id = "rtest";
    options.target_label = "fake";
  }
  RunResult run(const CaseLibrary& library, Handler handler,
                const std::atomic<bool>* stop = nullptr) {
    TransportFactory factory = [&] {
      ++transports_made;
      return std::make_unique<FakeTransport>(handler, &log);
    };
    return run_cases(catalog(), library, factory, options, reporter, stop);
  }
};

std::vector<std::string> phases(const CaseResult& r) {
  std::vector<std::string> out;
  for (const auto& e : r.exchanges) out.push_back(e.phase);
  return out;
}

std::vector<std::string> finding_ids(const CaseResult& r) {
  std::vector<std::string> out;
  for (const auto& f : r.findings) out.emplace_back(to_string(f.id));
  return out;
}

using Strings = std::vector<std::string>;

// An operator case with setup, trigger and teardown.
constexpr const char* kOperatorCase = R"({"cases": [{
  "id": "operator-create-duplicate", "code": "21402",
  "setup": [{"request": {"method": "PUT", "path": "/operators/",
                         "form": {"operator_name": "${uniq}-op", "password": "pw-123456"}},
             "capture": {"op": "/data/name"}}],
  "request": {"method": "PUT", "path": "/operators/",
              "form": {"operator_name": "${uniq}-op", "password": "pw-123456"}},
  "teardown": [{"request": {"method": "DELETE", "path": "/operators/",
                            "query": {"operator_name": "${op}"}}}]
}]})";

// The target for kOperatorCase: setup creates, the trigger collides, teardown deletes.
Handler operator_target(int setup_status = 201, int trigger_status = 409,
                        int teardown_status = 200) {
  auto puts = std::make_shared<int>(0);
  return [=](const HttpRequest& r) -> Result<HttpResponse> {
    if (r.method == "PUT") {
      // Setup and trigger send the same request: the first creates, the second collides.
      if ((*puts)++ % 2 == 0) return respond(setup_status, R"({"data": {"name": "rtest0-op"}})");
      HttpResponse e = error_for("21402", r);
      e.status = trigger_status;
      return e;
    }
    if (r.method == "DELETE") return respond(teardown_status, R"({"result": true})");
    return respond(500, "{}");
  };
}

TEST(RunCases, ConformingCasePassesWithAllPhases) {
  Harness h;
  RunResult result = h.run(parse_cases(kOperatorCase), operator_target());
  ASSERT_EQ(result.cases.size(), 1u);
  const CaseResult& c = result.cases[0];
  EXPECT_EQ(c.verdict, Verdict::kPassed) << (c.findings.empty() ? "" : describe(c.findings[0]));
  EXPECT_EQ(phases(c), (Strings{"setup[0]", "request", "teardown[0]"}));
  EXPECT_EQ(c.module, "14");
  EXPECT_EQ(c.module_name, "operator");
  EXPECT_EQ(run_exit_code(result, false), 0);
  EXPECT_EQ(result.totals.passed, 1);
  EXPECT_EQ(result.totals.requests, 3);
  EXPECT_EQ(h.reporter.ended, (Strings{"operator-create-duplicate"}));
  EXPECT_TRUE(h.reporter.run_ended);
  EXPECT_EQ(h.reporter.planned, 1u);
}

TEST(RunCases, BuildsRequestsFromExpandedSpecs) {
  Harness h;
  h.run(parse_cases(kOperatorCase), operator_target());
  ASSERT_EQ(h.log.count(), 3u);
  const HttpRequest& setup = h.log.requests[0];
  EXPECT_EQ(setup.target, "/operators/");
  EXPECT_EQ(setup.body, "operator_name=errcrtest000-op&password=pw-123456");
  ASSERT_NE(find_header(setup.headers, "content-type"), nullptr);
  EXPECT_EQ(*find_header(setup.headers, "content-type"), "application/x-www-form-urlencoded");
  // The teardown uses the value captured from the setup response.
  EXPECT_EQ(h.log.requests[2].target, "/operators/?operator_name=rtest0-op");
}

TEST(RunCases, TeardownRunsAfterAFailedTrigger) {
  Harness h;
  RunResult result = h.run(parse_cases(kOperatorCase), operator_target(201, 400));
  const CaseResult& c = result.cases[0];
  EXPECT_EQ(c.verdict, Verdict::kFailed);
  EXPECT_EQ(finding_ids(c), (Strings{"status.mismatch"}));
  EXPECT_EQ(phases(c), (Strings{"setup[0]", "request", "teardown[0]"}));
  EXPECT_EQ(run_exit_code(result, false), 1);
}

// A case with no code (fuzz-api's, for a path no code lists) is judged by the
// contract: the server's HTTP-level envelope passes, an HTML page fails; it
// joins no module and no code's coverage.
TEST(RunCases, ACaseWithNoCodeIsHeldToTheContract) {
  const CaseLibrary library = parse_cases(R"({"cases": [{"id": "fuzz-1",
      "request": {"method": "GET", "path": "/buckets/infox/"}, "expect": {"contract": true}}]})");
  Harness h;
  RunResult result = h.run(library, [](const HttpRequest& r) -> Result<HttpResponse> {
    return respond(404, R"({"error_code": "10404", "request": "GET )" + path_of(r) +
                            R"(", "message": "Not found."})");
  });
  ASSERT_EQ(result.cases.size(), 1u);
  EXPECT_EQ(result.cases[0].verdict, Verdict::kPassed) << result.cases[0].reason;
  EXPECT_EQ(result.cases[0].code, "");
  EXPECT_EQ(result.cases[0].module_name, "");
  for (const CoverageEntry& entry : result.coverage) {
    EXPECT_TRUE(entry.case_ids.empty()) << entry.code;
  }
  Harness html;
  result = html.run(library, [](const HttpRequest&) -> Result<HttpResponse> {
    return respond(404, "<html>Not Found</html>", "text/html");
  });
  EXPECT_EQ(result.cases[0].verdict, Verdict::kFailed);
  EXPECT_EQ(run_exit_code(result, false), 1);
}

// A contract case passes whatever conforming answer comes back, so its pass
// is no proof of its code: the code stays without a case in the coverage.
TEST(RunCases, AContractCaseVerifiesNoCode) {
  const CaseLibrary library = parse_cases(R"({"cases": [{"id": "fuzz-1", "code": "21203",
      "request": {"method": "GET", "path": "/buckets/info/"}, "expect": {"contract": true}}]})");
  Harness h;
  RunResult result = h.run(library, [](const HttpRequest&) -> Result<HttpResponse> {
    return respond(200, R"({"data": {}})");
  });
  ASSERT_EQ(result.cases.size(), 1u);
  EXPECT_EQ(result.cases[0].verdict, Verdict::kPassed) << result.cases[0].reason;
  EXPECT_TRUE(result.cases[0].contract);
  for (const CoverageEntry& entry : result.coverage) {
    if (entry.code != "21203") continue;
    EXPECT_EQ(entry.status, CodeStatus::kNoCase);
    EXPECT_TRUE(entry.case_ids.empty());
  }
}

// The operator target, its trigger's error_code sent as a JSON number.
Handler numeric_code_target() {
  Handler conforming = operator_target();
  return [conforming](const HttpRequest& r) -> Result<HttpResponse> {
    Result<HttpResponse> response = conforming(r);
    if (response.ok() && response->status == 409) {
      response->body = R"({"error_code":21402,"request":"PUT /operators/",)"
                       R"("message":"Operator already exists."})";
    }
    return response;
  };
}

TEST(RunCases, ADisabledChecksOnlyFindingNoLongerFailsTheCase) {
  Harness without;
  RunResult failing = without.run(parse_cases(kOperatorCase), numeric_code_target());
  EXPECT_EQ(failing.cases[0].verdict, Verdict::kFailed);
  EXPECT_EQ(finding_ids(failing.cases[0]), (Strings{"code.numeric"}));
  EXPECT_TRUE(failing.disabled_checks.empty());

  Harness with;
  with.options.disabled_checks = {FindingId::kCodeNumeric};
  RunResult passing = with.run(parse_cases(kOperatorCase), numeric_code_target());
  EXPECT_EQ(passing.cases[0].verdict, Verdict::kPassed);
  EXPECT_TRUE(passing.cases[0].findings.empty());
  EXPECT_EQ(passing.disabled_checks, (std::vector<FindingId>{FindingId::kCodeNumeric}));
  EXPECT_EQ(run_exit_code(passing, false), 0);
}

TEST(RunCases, DisablingAStepCheckKeepsTheSetupFailure) {
  Harness h;
  h.options.disabled_checks = {FindingId::kStepStatus, FindingId::kCodeNumeric};
  RunResult result = h.run(parse_cases(kOperatorCase), operator_target(500));
  EXPECT_EQ(result.cases[0].verdict, Verdict::kFailed);
  EXPECT_EQ(finding_ids(result.cases[0]), (Strings{"setup.failed"}));
  // In table order, whatever order they were given in.
  EXPECT_EQ(result.disabled_checks,
            (std::vector<FindingId>{FindingId::kCodeNumeric, FindingId::kStepStatus}));
}

// Without keep_passed_exchanges a passed case reaches the reporters whole but
// is kept without its exchanges; a failed one keeps them for the reports.
TEST(RunCases, PassedCasesKeepNoExchangesUnlessAsked) {
  Harness h;
  h.options.keep_passed_exchanges = false;
  std::vector<std::size_t> reported;
  h.reporter.on_end = [&](const CaseResult& r) { reported.push_back(r.exchanges.size()); };
  RunResult passed = h.run(parse_cases(kOperatorCase), operator_target());
  ASSERT_EQ(passed.cases[0].verdict, Verdict::kPassed);
  ASSERT_EQ(passed.cases[0].exchanges.size(), 3u);  // counted in the totals, without their bytes
  for (const Exchange& e : passed.cases[0].exchanges) {
    EXPECT_TRUE(e.request.body.empty());
    EXPECT_TRUE(!e.response || e.response->body.empty());
  }
  EXPECT_EQ(passed.totals.requests, 3);
  EXPECT_EQ(reported, (std::vector<std::size_t>{3}));

  RunResult failed = h.run(parse_cases(kOperatorCase), operator_target(201, 400));
  ASSERT_EQ(failed.cases[0].verdict, Verdict::kFailed);
  EXPECT_EQ(phases(failed.cases[0]), (Strings{"setup[0]", "request", "teardown[0]"}));
}

TEST(RunCases, FailedSetupSkipsTriggerButRunsTeardown) {
  Harness h;
  RunResult result = h.run(parse_cases(kOperatorCase), operator_target(500));
  const CaseResult& c = result.cases[0];
  EXPECT_EQ(c.verdict, Verdict::kFailed);
  ASSERT_EQ(finding_ids(c), (Strings{"step.status", "setup.failed"}));
  EXPECT_EQ(c.findings[0].message, "setup[0] PUT /operators/: expected HTTP status 2xx, got 500");
  EXPECT_EQ(phases(c), (Strings{"setup[0]", "teardown[0]"}));
}

TEST(RunCases, MissingCaptureFailsSetup) {
  Harness h;
  Handler target = [](const HttpRequest& r) -> Result<HttpResponse> {
    if (r.method == "PUT") return respond(201, R"({"data": {}})");
    return respond(200, "{}");
  };
  RunResult result = h.run(parse_cases(kOperatorCase), target);
  const CaseResult& c = result.cases[0];
  EXPECT_EQ(c.verdict, Verdict::kFailed);
  ASSERT_EQ(finding_ids(c), (Strings{"setup.failed", "teardown.failed"}));
  EXPECT_EQ(c.findings[0].message,
            "setup[0]: capture \"op\": nothing at /data/name in the response body; the request "
            "was not sent");
  // The teardown could not be built without ${op}: reported, never sent.
  EXPECT_EQ(phases(c), (Strings{"setup[0]"}));
  ASSERT_EQ(c.leaks.size(), 1u);
  EXPECT_NE(c.leaks[0].find("DELETE /operators/ (not sent: "), std::string::npos) << c.leaks[0];
}

TEST(RunCases, FailedTeardownIsALeakAndAWarning) {
  Harness h;
  RunResult result = h.run(parse_cases(kOperatorCase), operator_target(201, 409, 404));
  const CaseResult& c = result.cases[0];
  EXPECT_EQ(c.verdict, Verdict::kPassed);
  EXPECT_EQ(finding_ids(c), (Strings{"step.status", "teardown.failed"}));
  for (const auto& f : c.findings) EXPECT_EQ(f.severity, Severity::kWarning) << f.id;
  EXPECT_EQ(c.leaks, (Strings{"DELETE /operators/?operator_name=rtest0-op (status 404)"}));
  EXPECT_EQ(run_exit_code(result, false), 0);
}

TEST(RunCases, LeaksNeverShowSecretQueryParameters) {
  Harness h;
  RunResult result = h.run(parse_cases(R"({"cases": [{
    "id": "bucket-leak", "code": "11001",
    "request": {"method": "GET", "path": "/accounts/profile/"},
    "teardown": [{"request": {"method": "DELETE", "path": "/buckets/",
                              "query": {"bucket_name": "b", "password": "hunter22"}}}]
  }]})"),
                           [](const HttpRequest& r) -> Result<HttpResponse> {
                             if (r.method == "DELETE") return respond(404, "{}");
                             return error_for("11001", r);
                           });
  const CaseResult& c = result.cases[0];
  EXPECT_EQ(c.leaks, (Strings{"DELETE /buckets/?bucket_name=b&password=*** (status 404)"}));
  for (const auto& f : c.findings) {
    EXPECT_EQ(f.message.find("hunter22"), std::string::npos) << f.message;
  }
}

constexpr const char* kProfileCase = R"({"cases": [{
  "id": "profile-no-token", "code": "11001",
  "request": {"method": "GET", "path": "/accounts/profile/"}
}]})";

TEST(RunCases, RetriesTransportErrorsOnly) {
  Harness h;
  h.options.retries = 2;
  int calls = 0;
  Handler flaky = [&calls](const HttpRequest& r) -> Result<HttpResponse> {
    if (++calls < 3) return Status(StatusCode::kUnavailable, "read timeout: no complete response");
    return error_for("11001", r);
  };
  RunResult result = h.run(parse_cases(kProfileCase), flaky);
  const CaseResult& c = result.cases[0];
  EXPECT_EQ(c.verdict, Verdict::kPassed);
  ASSERT_EQ(c.exchanges.size(), 1u);
  EXPECT_EQ(c.exchanges[0].attempts, 3);
  EXPECT_EQ(result.totals.requests, 3);
}

TEST(RunCases, DoesNotRetryContractFailures) {
  Harness h;
  h.options.retries = 3;
  Handler wrong = [](const HttpRequest& r) -> Result<HttpResponse> {
    HttpResponse e = error_for("11001", r);
    e.status = 403;
    return e;
  };
  RunResult result = h.run(parse_cases(kProfileCase), wrong);
  EXPECT_EQ(result.cases[0].verdict, Verdict::kFailed);
  EXPECT_EQ(h.log.count(), 1u);
  EXPECT_EQ(result.cases[0].exchanges[0].attempts, 1);
}

TEST(RunCases, TransportErrorIsAnErrorVerdict) {
  Harness h;
  h.options.retries = 1;
  Handler slow = [](const HttpRequest&) -> Result<HttpResponse> {
    return Status(StatusCode::kUnavailable, "read timeout: no complete response within 200 ms");
  };
  RunResult result = h.run(parse_cases(kProfileCase), slow);
  const CaseResult& c = result.cases[0];
  EXPECT_EQ(c.verdict, Verdict::kError);
  EXPECT_EQ(
      c.reason,
      "read timeout: no complete response within 200 ms (in request: GET /accounts/profile/)");
  EXPECT_EQ(c.exchanges[0].transport_error, "read timeout: no complete response within 200 ms");
  EXPECT_FALSE(c.exchanges[0].response.has_value());
  EXPECT_EQ(c.exchanges[0].attempts, 2);
  EXPECT_EQ(result.totals.errors, 1);
  EXPECT_EQ(run_exit_code(result, false),
            1);  // the target answered (too slowly): not "unreachable"
}

constexpr const char* kTwoCases = R"({"cases": [
  {"id": "profile-no-token", "code": "11001", "request": {"method": "GET", "path": "/accounts/profile/"}},
  {"id": "bucket-missing", "code": "21203", "request": {"method": "GET", "path": "/buckets/info/"}}
]})";

TEST(RunCases, UnreachableTargetStopsAtTheFirstRefusalAndExitsThree) {
  Harness h;
  Handler down = [](const HttpRequest&) -> Result<HttpResponse> {
    return transport_error(TransportErrorKind::kRefused, "connection refused (x)");
  };
  h.options.retries = 3;
  RunResult result = h.run(parse_cases(kTwoCases), down);
  EXPECT_EQ(h.log.count(), 1u);  // no retry, no second case: nothing could answer
  EXPECT_EQ(result.totals.errors, 1);
  EXPECT_EQ(result.totals.skipped, 1);
  EXPECT_EQ(result.cases[0].error_kind, TransportErrorKind::kRefused);
  EXPECT_EQ(result.cases[1].reason, "not run: the target is unreachable");
  EXPECT_EQ(result.unreachable, "connection refused (x)");
  EXPECT_FALSE(result.interrupted);
  EXPECT_EQ(run_exit_code(result, false), 3);
}

TEST(RunCases, ExitCodeComesFromTheErrorKindNotTheMessage) {
  Harness h;
  // Worded like an unreachable target, but of another kind: the target answered too slowly.
  Handler slow = [](const HttpRequest&) -> Result<HttpResponse> {
    return transport_error(TransportErrorKind::kTimeout, "target unreachable: read timeout");
  };
  RunResult result = h.run(parse_cases(kTwoCases), slow);
  EXPECT_EQ(result.totals.errors, 2);
  EXPECT_EQ(result.unreachable, "");
  EXPECT_EQ(run_exit_code(result, false), 1);
}

constexpr const char* kSetupCase = R"({"cases": [{
  "id": "bucket-made", "code": "21203",
  "setup": [{"request": {"method": "PUT", "path": "/buckets/", "query": {"bucket_name": "${uniq}"}},
             "expect": {"status": [200]}}],
  "request": {"method": "GET", "path": "/buckets/info/"},
  "teardown": [{"request": {"method": "DELETE", "path": "/buckets/", "query": {"bucket_name": "${uniq}"}},
                "expect": {"status": [200]}}]
}]})";

TEST(RunCases, ASetupThatNeverReachedTheTargetLeavesNoLeak) {
  Harness h;
  Handler down = [](const HttpRequest&) -> Result<HttpResponse> {
    return transport_error(TransportErrorKind::kTlsNameMismatch, "name mismatch (x)");
  };
  RunResult result = h.run(parse_cases(kSetupCase), down);
  ASSERT_EQ(result.cases.size(), 1u);
  EXPECT_EQ(h.log.count(), 1u);  // the setup only: no teardown of what was never created
  EXPECT_TRUE(result.cases[0].leaks.empty());
  EXPECT_EQ(run_exit_code(result, false), 3);
}

constexpr const char* kOneCase = R"({"cases": [
  {"id": "profile-no-token", "code": "11001", "request": {"method": "GET", "path": "/accounts/profile/"}}
]})";

HttpResponse throttled(int status, const char* retry_after) {
  HttpResponse r = respond(status, "slow down", "text/plain");
  if (retry_after != nullptr) r.headers.emplace_back("Retry-After", retry_after);
  return r;
}

TEST(RunCases, ThrottlingAnswersAreRetriedAndCountedNotFailed) {
  Harness h;
  std::atomic<int> calls{0};
  Handler gateway = [&calls](const HttpRequest& r) -> Result<HttpResponse> {
    const int n = calls++;
    if (n == 0) return throttled(429, "0");
    if (n == 1) return throttled(503, "0");
    return error_for("11001", r);
  };
  RunResult result = h.run(parse_cases(kOneCase), gateway);
  EXPECT_EQ(result.cases[0].verdict, Verdict::kPassed);
  EXPECT_EQ(result.totals.throttled, 2);
  EXPECT_EQ(result.cases[0].exchanges[0].attempts, 3);
  EXPECT_EQ(run_exit_code(result, false), 0);
}

TEST(RunCases, ThrottlingPastTheRetryCapIsAnErrorNotAFailure) {
  Harness h;
  h.options.throttle_retries = 2;
  Handler gateway = [](const HttpRequest&) -> Result<HttpResponse> { return throttled(429, "0"); };
  RunResult result = h.run(parse_cases(kOneCase), gateway);
  EXPECT_EQ(h.log.count(), 3u);
  EXPECT_EQ(result.cases[0].verdict, Verdict::kError);
  EXPECT_EQ(result.cases[0].error_kind, TransportErrorKind::kThrottled);
  EXPECT_TRUE(result.cases[0].findings.empty());
}

TEST(RunCases, ARetryAfterLongerThanTheTimeoutIsNotWaitedFor) {
  Harness h;
  h.options.max_retry_after_ms = 1000;
  Handler gateway = [](const HttpRequest&) -> Result<HttpResponse> {
    return throttled(429, "3600");
  };
  RunResult result = h.run(parse_cases(kOneCase), gateway);
  EXPECT_EQ(h.log.count(), 1u);
  EXPECT_EQ(result.cases[0].error_kind, TransportErrorKind::kThrottled);
}

TEST(RunCases, A503WithoutRetryAfterIsRetriedOnlyForIdempotentMethods) {
  Harness h;
  std::atomic<int> calls{0};
  // kSetupCase: PUT setup (idempotent), then GET trigger, then DELETE teardown.
  Handler gateway = [&calls](const HttpRequest& r) -> Result<HttpResponse> {
    if (calls++ == 0) return throttled(503, nullptr);
    if (r.method == "GET") return error_for("21203", r);
    return respond(200, "{}");
  };
  RunResult get = h.run(parse_cases(kSetupCase), gateway);
  EXPECT_EQ(get.totals.throttled, 1);
  EXPECT_EQ(get.cases[0].verdict, Verdict::kPassed);

  Harness post;
  Handler unavailable = [](const HttpRequest&) -> Result<HttpResponse> {
    return throttled(503, nullptr);
  };
  RunResult r = post.run(parse_cases(R"({"cases": [{"id": "p", "code": "21101",
      "request": {"method": "POST", "path": "/accounts/"}}]})"),
                         unavailable);
  EXPECT_EQ(post.log.count(), 1u);
  EXPECT_EQ(r.totals.throttled, 0);
  EXPECT_EQ(r.cases[0].verdict, Verdict::kFailed);  // the 503 is the answer to check
}

TEST(RunCases, TheApisOwn429IsCheckedNotRetried) {
  Harness h;
  Handler api = [](const HttpRequest& r) -> Result<HttpResponse> {
    HttpResponse out = error_for("11001", r);
    out.status = 429;
    out.headers.emplace_back("Retry-After", "0");
    return out;
  };
  RunResult result = h.run(parse_cases(kOneCase), api);
  EXPECT_EQ(h.log.count(), 1u);
  EXPECT_EQ(result.totals.throttled, 0);
  EXPECT_EQ(result.cases[0].verdict, Verdict::kFailed);  // 11001 is 401
}

TEST(RateLimiter, NRequestsAtRateRTakeAtLeastNMinusOneOverRSecondsAcrossThreads) {
  // A lower bound only: the limiter never lets requests through faster.
  internal::RateLimiter limiter(50);  // one slot per 20 ms
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t) {
    threads.emplace_back([&limiter] {
      for (int i = 0; i < 3; ++i) limiter.acquire();
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(160));
}

TEST(RateLimiter, RetryAfterIsSecondsOrAnHttpDate) {
  using std::chrono::milliseconds;
  EXPECT_EQ(internal::parse_retry_after("2", 0), milliseconds(2000));
  EXPECT_EQ(internal::parse_retry_after(" 0 ", 0), milliseconds(0));
  // Sun, 06 Nov 1994 08:49:37 GMT is 784111777.
  EXPECT_EQ(internal::parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", 784111770),
            milliseconds(7000));
  EXPECT_EQ(internal::parse_retry_after("soon", 0), std::nullopt);
  EXPECT_EQ(internal::parse_retry_after("-1", 0), std::nullopt);
}

TEST(RunCases, RateOptionPacesEveryRequest) {
  Harness h;
  h.options.rate = 40;  // 25 ms apart
  h.options.jobs = 2;
  const auto start = std::chrono::steady_clock::now();
  RunResult result =
      h.run(parse_cases(kTwoCases),
            [](const HttpRequest& r) -> Result<HttpResponse> { return error_for("11001", r); });
  EXPECT_EQ(h.log.count(), 2u);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(25));
}

// The profile answers conformingly; every other path is refused.
Handler profile_only() {
  return [](const HttpRequest& r) -> Result<HttpResponse> {
    if (path_of(r) == "/accounts/profile/") return error_for("11001", r);
    return transport_error(TransportErrorKind::kRefused, "connection refused (x)");
  };
}

TEST(RunCases, PartlyReachableTargetExitsOne) {
  Harness h;
  RunResult result = h.run(parse_cases(kTwoCases), profile_only());
  EXPECT_EQ(run_exit_code(result, false), 1);
}

TEST(RunResultExitCode, EmptyAndSkippedRunsExitZero) {
  RunResult empty;
  EXPECT_EQ(run_exit_code(empty, false), 0);
  RunResult skipped;
  skipped.cases.push_back(CaseResult{});
  skipped.cases[0].verdict = Verdict::kSkipped;
  EXPECT_EQ(run_exit_code(skipped, false), 0);
}

constexpr const char* kTokenCase = R"({"cases": [{
  "id": "bucket-missing", "code": "21203", "summary": "info on a bucket that does not exist",
  "request": {"method": "GET", "path": "/buckets/info/", "auth": "token",
              "query": {"bucket_name": "${uniq}-nope"}}
}]})";

TEST(RunCases, SkipsWhenAFixtureIsMissing) {
  Harness h;
  RunResult result = h.run(parse_cases(kTokenCase), operator_target());
  const CaseResult& c = result.cases[0];
  EXPECT_EQ(c.verdict, Verdict::kSkipped);
  EXPECT_EQ(c.reason, "fixture \"token\" not provided");
  EXPECT_EQ(h.log.count(), 0u);
  EXPECT_EQ(result.coverage.size(), catalog().entries().size());
  EXPECT_EQ(run_exit_code(result, false), 0);
}

TEST(RunCases, SkipsDestructiveCasesUnlessAllowed) {
  const CaseLibrary lib = parse_cases(R"({"cases": [{
    "id": "profile-destructive", "code": "11001", "tags": ["destructive"],
    "request": {"method": "GET", "path": "/accounts/profile/"}}]})");
  Handler target = [](const HttpRequest& r) -> Result<HttpResponse> {
    return error_for("11001", r);
  };
  Harness refused;
  RunResult skipped = refused.run(lib, target);
  EXPECT_EQ(skipped.cases[0].verdict, Verdict::kSkipped);
  EXPECT_EQ(skipped.cases[0].reason, "destructive; use --allow-destructive");

  Harness allowed;
  allowed.options.allow_destructive = true;
  EXPECT_EQ(allowed.run(lib, target).cases[0].verdict, Verdict::kPassed);
}

TEST(RunCases, TokenFixtureNeverAppearsInRecordedExchanges) {
  const std::string token = "tok-9f8e7d6c5b4a";
  Harness h;
  h.options.fixtures = {{"token", token}};
  std::string seen_authorization;
  Handler echoing = [&](const HttpRequest& r) -> Result<HttpResponse> {
    seen_authorization = *find_header(r.headers, "Authorization");
    HttpResponse e = error_for("21203", r);
    e.headers.emplace_back("Set-Cookie", "session=abc");
    e.headers.emplace_back("X-Echo", "you sent " + token);
    // A non-conforming echo of the secret in the body too.
    e.body = build_envelope_raw("21203", "GET /buckets/info/", "Bucket not found.") + " " + token;
    return e;
  };
  const CaseLibrary lib = parse_cases(kTokenCase);
  RunResult result = h.run(lib, echoing);
  EXPECT_EQ(seen_authorization, "Bearer " + token);  // the target got the real value
  const CaseResult& c = result.cases[0];
  ASSERT_EQ(c.exchanges.size(), 1u);
  const Exchange& e = c.exchanges[0];
  EXPECT_EQ(*find_header(e.request.headers, "Authorization"), "***");
  EXPECT_EQ(*find_header(e.response->headers, "Set-Cookie"), "***");
  EXPECT_EQ(*find_header(e.response->headers, "X-Echo"), "you sent ***");
  auto contains_token = [&](const std::string& s) { return s.find(token) != std::string::npos; };
  EXPECT_FALSE(contains_token(e.request.target));
  EXPECT_FALSE(contains_token(e.response->body));
  for (const auto& [k, v] : e.request.headers) EXPECT_FALSE(contains_token(v)) << k;
  for (const auto& [k, v] : e.response->headers) EXPECT_FALSE(contains_token(v)) << k;
  for (const auto& f : c.findings) EXPECT_FALSE(contains_token(f.message)) << f.id;
}

TEST(RunCases, SecretFormFieldsAreRedacted) {
  Harness h;
  RunResult result = h.run(parse_cases(kOperatorCase), operator_target());
  const CaseResult& c = result.cases[0];
  EXPECT_EQ(h.log.requests[0].body, "operator_name=errcrtest000-op&password=pw-123456");
  EXPECT_EQ(c.exchanges[0].request.body, "operator_name=errcrtest000-op&password=***");
}

TEST(RunCases, CoverageStatesPerCode) {
  // "?ok=CODE" answers CODE conformingly; anything else an HTML 500.
  const CaseLibrary lib = parse_cases(R"({"cases": [
    {"id": "ok", "code": "11001", "request": {"method": "GET", "path": "/accounts/profile/", "query": {"ok": "11001"}}},
    {"id": "ok-too", "code": "11001", "request": {"method": "GET", "path": "/accounts/profile/", "query": {"ok": "11001"}}},
    {"id": "bad", "code": "21203", "request": {"method": "GET", "path": "/buckets/info/"}},
    {"id": "bad-but-one-passes", "code": "21202", "request": {"method": "PUT", "path": "/buckets/"}},
    {"id": "passes", "code": "21202", "request": {"method": "PUT", "path": "/buckets/", "query": {"ok": "21202"}}},
    {"id": "needs-token", "code": "21204", "request": {"method": "DELETE", "path": "/buckets/", "query": {"ok": "21204"}, "auth": "token"}}
  ]})");
  Handler target = [](const HttpRequest& r) -> Result<HttpResponse> {
    const std::size_t ok = r.target.find("?ok=");
    if (ok != std::string::npos) return error_for(r.target.substr(ok + 4, 5), r);
    return respond(500, "<html>boom</html>", "text/html");
  };
  Harness h;
  RunResult result = h.run(lib, target);
  std::map<std::string, CoverageEntry> by_code;
  for (const auto& e : result.coverage) by_code[e.code] = e;
  EXPECT_EQ(by_code["11001"].status, CodeStatus::kVerified);
  EXPECT_EQ(by_code["11001"].case_ids, (Strings{"ok", "ok-too"}));
  EXPECT_EQ(by_code["21203"].status, CodeStatus::kFailed);
  EXPECT_EQ(by_code["21202"].status,
            CodeStatus::kFailed);  // one failed: failed, even if one passed
  EXPECT_EQ(by_code["21204"].status, CodeStatus::kSkipped);
  EXPECT_EQ(by_code["21401"].status, CodeStatus::kNoCase);
  EXPECT_TRUE(by_code["11001"].extension);
  EXPECT_EQ(by_code["21203"].module_name, "bucket");
  // Each entry carries its catalog row, for reports to show beside the verdict.
  const CodeEntry* row = catalog().find("21203");
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(by_code["21203"].message, row->message);
  EXPECT_EQ(by_code["21203"].http_status, row->status);
  EXPECT_EQ(by_code["21203"].status_alternatives, row->status_alternatives);
  EXPECT_FALSE(by_code["21203"].message.empty());
  // Per endpoint: 11001's cases are on its first endpoint, none on its second.
  ASSERT_EQ(by_code["11001"].endpoints.size(), 2u);
  EXPECT_EQ(by_code["11001"].endpoints[0].endpoint, "GET /accounts/profile/");
  EXPECT_EQ(by_code["11001"].endpoints[0].status, CodeStatus::kVerified);
  EXPECT_EQ(by_code["11001"].endpoints[0].case_ids, (Strings{"ok", "ok-too"}));
  EXPECT_EQ(by_code["11001"].endpoints[1].status, CodeStatus::kNoCase);
  EXPECT_EQ(by_code["21202"].endpoints[0].status, CodeStatus::kFailed);
  // Coverage lists every catalog code in code order.
  ASSERT_EQ(result.coverage.size(), catalog().entries().size());
  for (std::size_t i = 1; i < result.coverage.size(); ++i) {
    EXPECT_LT(result.coverage[i - 1].code, result.coverage[i].code);
  }
}

TEST(RunCases, FourJobsReturnResultsInPlanOrder) {
  std::string json = R"({"cases": [)";
  for (int i = 0; i < 24; ++i) {
    json += (i ? "," : "") + std::string(R"({"id": "case-)") + std::to_string(i) +
            R"(", "code": "11001", "request": {"method": "GET", "path": "/accounts/profile/",)"
            R"( "query": {"n": "${uniq}"}}})";
  }
  json += "]}";
  const CaseLibrary lib = parse_cases(json);
  Harness h;
  h.options.jobs = 4;
  std::mutex mu;
  std::map<std::thread::id, int> threads;
  Handler target = [&](const HttpRequest& r) -> Result<HttpResponse> {
    {
      std::lock_guard<std::mutex> lock(mu);
      ++threads[std::this_thread::get_id()];
    }
    // Uneven work so that cases finish out of plan order.
    if (r.target.back() == '1') std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return error_for("11001", r);
  };
  RunResult result = h.run(lib, target);
  EXPECT_EQ(h.transports_made, 4);
  ASSERT_EQ(result.cases.size(), 24u);
  for (int i = 0; i < 24; ++i) {
    EXPECT_EQ(result.cases[i].case_id, "case-" + std::to_string(i));
    EXPECT_EQ(result.cases[i].verdict, Verdict::kPassed);
  }
  EXPECT_EQ(h.reporter.ended.size(), 24u);
  EXPECT_EQ(result.totals.passed, 24);
}

TEST(RunCases, UniqIsThePrefixTheRunIdAndTheCasePositionInThreeDigits) {
  // The run id is "rtest"; ${uniq} is "errc", the run id and the case's place
  // in the library in base 36, at least three digits.
  Harness uniq;
  std::string json = R"({"cases": [)";
  for (int i = 0; i < 38; ++i) {
    json += (i ? "," : "") + std::string(R"({"id": "c)") + std::to_string(i) +
            R"(", "code": "11001", "request": {"method": "GET", "path": "/${uniq}/${run}"}})";
  }
  const CaseLibrary lib = parse_cases(json + "]}");
  uniq.run(lib, [](const HttpRequest& r) -> Result<HttpResponse> { return error_for("11001", r); });
  ASSERT_EQ(uniq.log.count(), 38u);
  EXPECT_EQ(uniq.log.requests[0].target, "/errcrtest000/rtest");
  EXPECT_EQ(uniq.log.requests[1].target, "/errcrtest001/rtest");
  EXPECT_EQ(uniq.log.requests[35].target, "/errcrtest00z/rtest");
  EXPECT_EQ(uniq.log.requests[36].target, "/errcrtest010/rtest");
  for (const auto& r : uniq.log.requests) {
    EXPECT_EQ(r.target.rfind(std::string("/") + std::string(kResourcePrefix), 0), 0u) << r.target;
  }
}

TEST(RunCases, UniqCountsByLibraryPlaceSoShardsOfOneRunIdNeverShareAName) {
  Harness second;
  second.options.only = {"b"};
  const CaseLibrary lib = parse_cases(R"({"cases": [
    {"id": "a", "code": "11001", "request": {"method": "GET", "path": "/${uniq}"}},
    {"id": "b", "code": "11001", "request": {"method": "GET", "path": "/${uniq}"}}]})");
  second.run(lib,
             [](const HttpRequest& r) -> Result<HttpResponse> { return error_for("11001", r); });
  ASSERT_EQ(second.log.count(), 1u);
  EXPECT_EQ(second.log.requests[0].target, "/errcrtest001");
}

TEST(RunCases, StopFlagPreventsNewCases) {
  Harness h;
  std::atomic<bool> stop{false};
  h.reporter.on_end = [&stop](const CaseResult&) { stop = true; };
  RunResult result = h.run(
      parse_cases(kTwoCases),
      [](const HttpRequest& r) -> Result<HttpResponse> {
        return error_for(path_of(r) == "/buckets/info/" ? "21203" : "11001", r);
      },
      &stop);
  EXPECT_TRUE(result.interrupted);
  ASSERT_EQ(result.cases.size(), 2u);
  EXPECT_EQ(result.cases[0].verdict, Verdict::kPassed);
  EXPECT_EQ(result.cases[1].verdict, Verdict::kSkipped);
  EXPECT_EQ(result.cases[1].reason, "interrupted before it started");
  EXPECT_EQ(h.log.count(), 1u);
  // Nothing failed, but not everything ran: never exit 0.
  EXPECT_EQ(run_exit_code(result, false), 1);
}

TEST(RunCases, StopDuringSetupStillRunsTeardown) {
  Harness h;
  std::atomic<bool> stop{false};
  const CaseLibrary lib = parse_cases(R"({"cases": [{
    "id": "two-setups", "code": "11001",
    "setup": [{"request": {"method": "PUT", "path": "/a/"}}, {"request": {"method": "PUT", "path": "/b/"}}],
    "request": {"method": "GET", "path": "/accounts/profile/"},
    "teardown": [{"request": {"method": "DELETE", "path": "/a/"}}]}]})");
  Handler target = [&stop](const HttpRequest& r) -> Result<HttpResponse> {
    if (path_of(r) == "/a/" && r.method == "PUT") stop = true;  // Ctrl-C during setup[0]
    if (r.method == "GET") return error_for("11001", r);
    return respond(200, "{}");
  };
  RunResult result = h.run(lib, target, &stop);
  const CaseResult& c = result.cases[0];
  EXPECT_EQ(phases(c), (Strings{"setup[0]", "teardown[0]"}));
  EXPECT_EQ(c.verdict, Verdict::kSkipped);
  EXPECT_EQ(c.reason, "interrupted before the request was sent");
  EXPECT_TRUE(result.interrupted);
}

TEST(RunCases, RunIdIsInTheRunInfoAndTheResult) {
  Harness h;
  RunResult result =
      h.run(parse_cases(kTwoCases),
            [](const HttpRequest& r) -> Result<HttpResponse> { return error_for("11001", r); });
  EXPECT_EQ(h.reporter.run_id, "rtest");
  EXPECT_EQ(result.run_id, "rtest");
  Harness generated;
  generated.options.run_id.clear();
  result = generated.run(parse_cases(kTwoCases), [](const HttpRequest& r) -> Result<HttpResponse> {
    return error_for("11001", r);
  });
  EXPECT_EQ(run_id_problem(result.run_id), "") << result.run_id;
  EXPECT_EQ(generated.reporter.run_id, result.run_id);
}

// Four cases that each create a resource, fail on the trigger (200 instead
// of the error) and delete the resource again.
constexpr const char* kFourFailingCases = R"({"cases": [
  {"id": "f1", "code": "11001", "setup": [{"request": {"method": "PUT", "path": "/r/"}}],
   "request": {"method": "GET", "path": "/accounts/profile/"},
   "teardown": [{"request": {"method": "DELETE", "path": "/r/"}}]},
  {"id": "f2", "code": "11001", "request": {"method": "GET", "path": "/accounts/profile/"}},
  {"id": "f3", "code": "11001", "request": {"method": "GET", "path": "/accounts/profile/"}},
  {"id": "f4", "code": "11001", "request": {"method": "GET", "path": "/accounts/profile/"}}
]})";

// Every request succeeds, so every trigger of kFourFailingCases fails.
Result<HttpResponse> answer_success(const HttpRequest&) {
  return respond(200, R"({"result": true})");
}

TEST(RunCases, MaxFailuresStartsNoCaseAfterTheNthFailure) {
  Harness h;
  h.options.max_failures = 2;
  RunResult result = h.run(parse_cases(kFourFailingCases), answer_success);
  ASSERT_EQ(result.cases.size(), 4u);
  EXPECT_EQ(result.cases[0].verdict, Verdict::kFailed);
  EXPECT_EQ(phases(result.cases[0]), (Strings{"setup[0]", "request", "teardown[0]"}));
  EXPECT_EQ(result.cases[1].verdict, Verdict::kFailed);
  EXPECT_EQ(result.cases[2].verdict, Verdict::kSkipped);
  EXPECT_EQ(result.cases[2].reason, "not run: the run stopped after 2 failures (--max-failures)");
  EXPECT_EQ(result.cases[3].verdict, Verdict::kSkipped);
  EXPECT_EQ(h.log.count(), 4u);  // f1's three requests and f2's one
  EXPECT_EQ(result.stopped_after_failures, 2);
  EXPECT_FALSE(result.interrupted);
  EXPECT_EQ(run_exit_code(result, false), 1);
}

TEST(RunCases, MaxFailuresNotReachedIsNoStop) {
  Harness h;
  h.options.max_failures = 5;
  RunResult result = h.run(parse_cases(kFourFailingCases), answer_success);
  EXPECT_EQ(result.totals.failed, 4);
  EXPECT_EQ(result.stopped_after_failures, 0);
  // Reached by the last case: nothing was kept from starting.
  Harness last;
  last.options.max_failures = 4;
  result = last.run(parse_cases(kFourFailingCases), answer_success);
  EXPECT_EQ(result.totals.failed, 4);
  EXPECT_EQ(result.stopped_after_failures, 0);
}

// 0 all good, 1 contract broken, 2 usage, 3 unreachable: CI scripts and the
// docs rely on these numbers.
TEST(RunResultExitCode, TheCodesAreTheDocumentedNumbers) {
  EXPECT_EQ(kExitOk, 0);
  EXPECT_EQ(kExitFailure, 1);
  EXPECT_EQ(kExitUsage, 2);
  EXPECT_EQ(kExitUnreachable, 3);
}

TEST(RunResultExitCode, APassingRunShortOfCoverageExitsOne) {
  RunResult passed;
  passed.cases.push_back(CaseResult{});
  EXPECT_EQ(run_exit_code(passed, false), 0);
  EXPECT_EQ(run_exit_code(passed, true), 1);
}

// A code whose only case errored is failed, like one whose case failed.
TEST(RunCases, ACodeWhoseCaseErroredIsFailedInCoverage) {
  Harness h;
  RunResult result = h.run(parse_cases(kTwoCases), profile_only());
  std::map<std::string, CoverageEntry> by_code;
  for (const auto& e : result.coverage) by_code[e.code] = e;
  ASSERT_EQ(result.cases.size(), 2u);
  EXPECT_EQ(result.cases[1].verdict, Verdict::kError);
  EXPECT_EQ(by_code[result.cases[1].code].status, CodeStatus::kFailed);
  EXPECT_EQ(by_code[result.cases[1].code].endpoints[0].status, CodeStatus::kFailed);
}

// selected_coverage: extension codes and codes without a case are left out;
// each unverified code names the first failure or error of its cases, else
// its first skip.
CoverageEntry coverage_row(std::string code, CodeStatus status, Strings case_ids,
                           bool extension = false) {
  CoverageEntry e;
  e.code = std::move(code);
  e.status = status;
  e.case_ids = std::move(case_ids);
  e.extension = extension;
  return e;
}

CaseResult case_result(std::string id, Verdict verdict, std::string reason = "") {
  CaseResult c;
  c.case_id = std::move(id);
  c.verdict = verdict;
  c.reason = std::move(reason);
  return c;
}

TEST(SelectedCoverage, CountsDocumentedCodesWithCasesOnly) {
  RunResult result;
  result.cases = {case_result("a", Verdict::kPassed), case_result("x", Verdict::kFailed)};
  result.coverage = {coverage_row("11001", CodeStatus::kVerified, {"x"}, true),
                     coverage_row("21202", CodeStatus::kVerified, {"a"}),
                     coverage_row("21203", CodeStatus::kNoCase, {}),
                     coverage_row("21204", CodeStatus::kFailed, {"x"})};
  const SelectedCoverage selected = selected_coverage(result);
  EXPECT_EQ(selected.documented, 2);
  EXPECT_EQ(selected.verified, 1);
  ASSERT_EQ(selected.unverified.size(), 1u);
  EXPECT_EQ(selected.unverified[0].code, "21204");
  EXPECT_EQ(selected.unverified[0].why, "failed");
}

TEST(SelectedCoverage, AFailureOrErrorExplainsACodeBeforeASkip) {
  RunResult result;
  result.cases = {case_result("skip-1", Verdict::kSkipped, "fixture \"token\" not provided"),
                  case_result("skip-2", Verdict::kSkipped, "destructive"),
                  case_result("failed", Verdict::kFailed),
                  case_result("error", Verdict::kError, "timed out")};
  result.coverage = {coverage_row("21202", CodeStatus::kSkipped, {"skip-1", "skip-2"}),
                     coverage_row("21203", CodeStatus::kFailed, {"skip-1", "failed", "error"}),
                     coverage_row("21204", CodeStatus::kFailed, {"skip-2", "error", "failed"}),
                     coverage_row("21205", CodeStatus::kFailed, {"not-in-the-run", "failed"})};
  const SelectedCoverage selected = selected_coverage(result);
  EXPECT_EQ(selected.documented, 4);
  EXPECT_EQ(selected.verified, 0);
  ASSERT_EQ(selected.unverified.size(), 4u);
  EXPECT_EQ(selected.unverified[0].why, "skipped: fixture \"token\" not provided");
  EXPECT_EQ(selected.unverified[1].why, "failed");
  EXPECT_EQ(selected.unverified[2].why, "error: timed out");
  EXPECT_EQ(selected.unverified[3].why, "failed");
}

}  // namespace
}  // namespace errcontract
