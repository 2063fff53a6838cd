// The runner with the real HTTP transport against servers that misbehave at
// the byte level (tests/support/hostile_server.h). Each run holds a hostile
// case between two cases that a well-behaved path answers correctly: the
// hostile one must end in a clear transport error or finding, the others must
// still pass, and nothing may crash, hang or hold an unbounded body.
#include <zlib.h>

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "errcontract/runner.h"
#include "hostile_server.h"
#include "transport/httplib_compat.h"
#include "transport/transports.h"
#include "transport_kinds.h"

namespace errcontract {
namespace {

using testing::HostileServer;
using testing::Misbehaviour;

// GET /hostile/ meets the misbehaviour; the /good/ paths are answered
// correctly, before and after it, on the same worker and transport.
constexpr const char* kCases = R"({"cases": [
  {"id": "good-before", "code": "21203", "request": {"method": "GET", "path": "/good/before"}},
  {"id": "hostile", "code": "21203", "request": {"method": "GET", "path": "/hostile/"}},
  {"id": "good-after", "code": "21203", "request": {"method": "GET", "path": "/good/after"}}
]})";

// The built-in 21203 with this file's paths as its endpoints: these cases are
// about the transport, not about where 21203 comes from.
const Catalog& hostile_catalog() {
  static const Catalog catalog = [] {
    const CodeEntry& e = *Catalog::builtin().find("21203");
    std::string endpoints;
    for (const char* endpoint :
         {"GET /good/before", "GET /good/after", "GET /hostile/", "POST /hostile/"}) {
      endpoints += std::string(endpoints.empty() ? "" : ",") + R"({"endpoint": ")" + endpoint +
                   R"(", "source": "inferred", "evidence": "the hostile test server"})";
    }
    auto parsed = Catalog::parse(
        R"({"codes": [{"code": "21203", "level": 2, "module": "12", "module_name": "bucket",
           "detail": "03", "status": )" +
            std::to_string(e.status) + R"(, "message": ")" + e.message +
            R"(", "message_rule": "exact", "endpoints": [)" + endpoints +
            R"(], "source": "table"}]})",
        "hostile-catalog.json");
    EXPECT_TRUE(parsed.ok()) << parsed.status().message();
    return std::move(parsed).value();
  }();
  return catalog;
}

constexpr int kTimeoutMs = 400;

struct Outcome {
  RunResult result;
  const CaseResult& hostile() const { return result.cases.at(1); }
};

TargetOptions target_for(const std::string& url, int timeout_ms = kTimeoutMs) {
  TargetOptions target;
  target.base_url = url;
  target.connect_timeout_ms = timeout_ms;
  target.timeout_ms = timeout_ms;
  return target;
}

using MakeTransport = std::function<std::unique_ptr<Transport>(const TargetOptions&)>;

Outcome run_against(const TargetOptions& target, const std::string& cases = kCases,
                    MakeTransport make = make_http_transport) {
  auto library = CaseLibrary::parse(cases, "hostile.cases.json", hostile_catalog());
  EXPECT_TRUE(library.ok()) << library.status().message();
  RunOptions options;
  options.jobs = 1;  // one transport: the good case after the hostile one reuses it
  options.run_id = "rhostile";
  Reporter silent;
  Outcome run;
  run.result = run_cases(
      hostile_catalog(), *library, [&target, make] { return make(target); }, options, silent);
  EXPECT_EQ(run.result.cases.size(), 3u);
  return run;
}

std::vector<std::string> finding_ids(const CaseResult& c) {
  std::vector<std::string> ids;
  for (const Finding& f : c.findings) ids.emplace_back(to_string(f.id));
  return ids;
}

// The hostile case errored with `reason`; the good ones on either side passed.
void expect_transport_error(const Outcome& run, const std::string& reason) {
  const CaseResult& hostile = run.hostile();
  EXPECT_EQ(hostile.verdict, Verdict::kError) << hostile.reason;
  EXPECT_EQ(hostile.reason, reason);
  EXPECT_EQ(run.result.cases[0].verdict, Verdict::kPassed) << run.result.cases[0].reason;
  EXPECT_EQ(run.result.cases[2].verdict, Verdict::kPassed) << run.result.cases[2].reason;
  EXPECT_EQ(run.result.outcome(), RunOutcome::kFailed);
}

// The hostile case failed with exactly `ids`; the good ones passed.
void expect_findings(const Outcome& run, const std::vector<std::string>& ids) {
  const CaseResult& hostile = run.hostile();
  EXPECT_EQ(hostile.verdict, Verdict::kFailed) << hostile.reason;
  EXPECT_EQ(finding_ids(hostile), ids);
  EXPECT_EQ(run.result.cases[0].verdict, Verdict::kPassed) << run.result.cases[0].reason;
  EXPECT_EQ(run.result.cases[2].verdict, Verdict::kPassed) << run.result.cases[2].reason;
  EXPECT_EQ(run.result.outcome(), RunOutcome::kFailed);
}

// Over plain HTTP the misbehaviours meet both transports an http:// target
// can get (testing::TransportKind); over TLS, cpp-httplib's.
class HostileTls : public ::testing::Test {
 protected:
  HostileServer& start(Misbehaviour misbehaviour) {
    server_ = std::make_unique<HostileServer>(misbehaviour);
    EXPECT_EQ(server_->error(), "");
    return *server_;
  }
  std::unique_ptr<HostileServer> server_;
};

class Hostile : public ::testing::TestWithParam<testing::TransportKind> {
 protected:
  HostileServer& start(Misbehaviour misbehaviour) {
    server_ = std::make_unique<HostileServer>(misbehaviour);
    EXPECT_EQ(server_->error(), "");
    return *server_;
  }
  Outcome run_against(const TargetOptions& target, const std::string& cases = kCases) const {
    return errcontract::run_against(target, cases,
                                    [this](const TargetOptions& t) { return make(t); });
  }
  std::unique_ptr<Transport> make(const TargetOptions& target) const {
    return testing::make_transport_of(GetParam(), target);
  }
  std::unique_ptr<HostileServer> server_;
};
ERRC_INSTANTIATE_FOR_BOTH_TRANSPORTS(Hostile);

TEST(HostileTarget, ConnectionRefusedErrorsEveryCaseAndExitsUnreachable) {
  const std::string url = "http://127.0.0.1:" + std::to_string(testing::closed_port());
  const Outcome run = run_against(target_for(url));
  // The first refusal stops the run: the cases in flight error, the rest are not run.
  int errors = 0;
  for (const CaseResult& c : run.result.cases) {
    if (c.verdict == Verdict::kSkipped) {
      EXPECT_EQ(c.reason, "not run: the target is unreachable");
      continue;
    }
    ++errors;
    EXPECT_EQ(c.verdict, Verdict::kError);
    EXPECT_EQ(c.error_kind, TransportErrorKind::kRefused);
    EXPECT_EQ(c.reason.rfind("target unreachable: connection refused or host unreachable (" + url +
                                 ") (in request: GET /",
                             0),
              0u)
        << c.reason;
    EXPECT_TRUE(c.leaks.empty());
  }
  EXPECT_GE(errors, 1);
  EXPECT_NE(run.result.unreachable, "");
  EXPECT_EQ(run.result.outcome(), RunOutcome::kUnreachable);
}

TEST_P(Hostile, NeverAnsweringIsAReadTimeout) {
  HostileServer& server = start(Misbehaviour::kNeverAnswer);
  expect_transport_error(
      run_against(target_for(server.url())),
      "read timeout: no complete response within 400 ms (in request: GET /hostile/)");
}

TEST_P(Hostile, SlowLorisIsStoppedByTheTotalDeadline) {
  // One byte a second: each read is quicker than the 1500 ms read timeout,
  // so only the total deadline can end the request.
  HostileServer& server = start(Misbehaviour::kSlowLoris);
  expect_transport_error(
      run_against(target_for(server.url(), 1500)),
      "read timeout: no complete response within 1500 ms (in request: GET /hostile/)");
}

TEST_P(Hostile, ResetMidBodyNamesTheMissingBytes) {
  HostileServer& server = start(Misbehaviour::kResetMidBody);
  expect_transport_error(run_against(target_for(server.url())),
                         "read failed: the body ended after 100 of 1000 bytes (Content-Length); "
                         "the connection was closed or reset (in request: GET /hostile/)");
}

TEST_P(Hostile, ContentLengthLargerThanTheBodyNamesTheMissingBytes) {
  HostileServer& server = start(Misbehaviour::kShortBody);
  expect_transport_error(run_against(target_for(server.url())),
                         "read failed: the body ended after 100 of 1000 bytes (Content-Length); "
                         "the connection was closed or reset (in request: GET /hostile/)");
}

TEST_P(Hostile, InvalidChunkedEncodingIsAReadError) {
  HostileServer& server = start(Misbehaviour::kBadChunkedEncoding);
  expect_transport_error(run_against(target_for(server.url())),
                         "read failed: the chunked body is malformed or was cut off after 0 bytes "
                         "(in request: GET /hostile/)");
}

// 100 MB against a 1 MiB cap: cut, and the client stopped reading, so the
// server could not push it all through.
void expect_cut_at_the_cap(const HostileServer& server) {
  TargetOptions target = target_for(server.url(), 10000);
  target.max_body_bytes = 1 << 20;
  expect_transport_error(run_against(target),
                         "response body over 1048576 bytes (cap) (in request: GET /hostile/)");
  EXPECT_LT(server.bytes_sent(), testing::kHugeBodyBytes);
}

TEST_P(Hostile, HugeDeclaredBodyIsRefusedAtTheCap) {
  expect_cut_at_the_cap(start(Misbehaviour::kHugeBody));
}

TEST_P(Hostile, HugeUndeclaredBodyIsCutAtTheCap) {
  expect_cut_at_the_cap(start(Misbehaviour::kHugeUndeclaredBody));
}

TEST_P(Hostile, MillionDeepNestingIsBodyTooDeep) {
  HostileServer& server = start(Misbehaviour::kDeepNesting);
  const Outcome run = run_against(target_for(server.url(), 5000));
  expect_findings(run, {"body.too_deep"});
  EXPECT_EQ(run.hostile().exchanges.at(0).response->body.size(), testing::kDeepNestingDepth);
}

TEST_P(Hostile, InvalidUtf8IsAFinding) {
  HostileServer& server = start(Misbehaviour::kInvalidUtf8);
  expect_findings(run_against(target_for(server.url())), {"body.invalid_utf8"});
}

TEST_P(Hostile, GzipBombIsRecordedCompressedNeverInflated) {
  HostileServer& server = start(Misbehaviour::kGzipBomb);
  const testing::GzipBomb& bomb = server.gzip_bomb();
  ASSERT_EQ(bomb.expanded, testing::kGzipBombExpandedBytes);

  // It is a real bomb: 64 KiB of it inflate to more than 60 MiB.
  const std::string head = bomb.prefix(64 << 10);
  z_stream z{};
  ASSERT_EQ(inflateInit2(&z, 16 + 15), Z_OK);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(head.data()));
  z.avail_in = static_cast<uInt>(head.size());
  std::vector<unsigned char> sink(1 << 20);
  std::uint64_t inflated = 0;
  int rc = Z_OK;
  while (rc == Z_OK && z.avail_in > 0) {
    z.next_out = sink.data();
    z.avail_out = static_cast<uInt>(sink.size());
    rc = inflate(&z, Z_NO_FLUSH);
    inflated += sink.size() - z.avail_out;
  }
  inflateEnd(&z);
  EXPECT_GT(inflated, 60u << 20);

  const Outcome run = run_against(target_for(server.url(), 5000));
  const CaseResult& hostile = run.hostile();
  EXPECT_EQ(hostile.verdict, Verdict::kFailed);
  ASSERT_EQ(hostile.exchanges.size(), 1u);
  ASSERT_TRUE(hostile.exchanges[0].response.has_value());
  // Received as sent: a little over 2 MB of gzip, not 2 GiB of zeros.
  EXPECT_EQ(hostile.exchanges[0].response->body.size(), bomb.size());
  EXPECT_EQ(finding_ids(hostile), (std::vector<std::string>{"body.too_large"}));
  EXPECT_EQ(run.result.cases[2].verdict, Verdict::kPassed);
}

TEST_P(Hostile, RedirectLoopIsNotFollowed) {
  HostileServer& server = start(Misbehaviour::kRedirectLoop);
  const Outcome run = run_against(target_for(server.url()));
  expect_findings(run, {"status.mismatch", "content_type.not_json", "body.empty"});
  EXPECT_EQ(run.hostile().exchanges.at(0).response->status, 302);
  EXPECT_EQ(server.hostile_requests(), 1);
}

TEST_P(Hostile, HeaderBlockOver64KiBIsRefused) {
  HostileServer& server = start(Misbehaviour::kHugeHeaders);
  expect_transport_error(
      run_against(target_for(server.url())),
      "response header block over 65536 bytes (cap) (in request: GET /hostile/)");
}

// A POST of 8 MiB that the server answers by resetting the connection.
std::string upload_cases() {
  return R"({"cases": [
    {"id": "good-before", "code": "21203", "request": {"method": "GET", "path": "/good/before"}},
    {"id": "upload", "code": "21203", "request": {"method": "POST", "path": "/hostile/",
     "raw": ")" +
         std::string(8 << 20, 'u') + R"(", "content_type": "text/plain"}},
    {"id": "good-after", "code": "21203", "request": {"method": "GET", "path": "/good/after"}}
  ]})";
}

TEST_P(Hostile, EndlessHeadersEndAtTheHeaderCapTheTotalDeadlineOrTheHeaderLineLimit) {
  // The plain transport counts the header block while it streams in, so the
  // cap ends it. cpp-httplib bounds each header line (8 KiB) and the cap is
  // checked once the block is complete: while it streams in, the total
  // deadline bounds it, unless the client stops at a number of lines first
  // (httplib_compat.h).
  HostileServer& server = start(Misbehaviour::kEndlessHeaders);
  constexpr std::size_t kMaxLines = internal::httplib_compat::kMaxHeaderLines;
  std::string reason;
  if (GetParam() == testing::TransportKind::kPlain) {
    reason = "response header block over 65536 bytes (cap) (in request: GET /hostile/)";
  } else if (kMaxLines == 0) {
    reason = "read timeout: no complete response within 400 ms (in request: GET /hostile/)";
  } else {
    reason = fmt::format(
        "read failed: the server closed the connection before a complete response, or sent more "
        "than {} header lines (in request: GET /hostile/)",
        kMaxLines);
  }
  expect_transport_error(run_against(target_for(server.url())), reason);
}

TEST_P(Hostile, ResetDuringUploadIsAWriteError) {
  HostileServer& server = start(Misbehaviour::kResetDuringUpload);
  expect_transport_error(run_against(target_for(server.url(), 5000), upload_cases()),
                         "write failed: the server closed the connection while the request was "
                         "sent (in request: POST /hostile/)");
}

TEST_F(HostileTls, ResetDuringTlsUploadDoesNotRaiseSigpipe) {
  // Once the reset is seen, closing the TLS session writes into a dead
  // socket: SIGPIPE, whose default action would end the whole run.
  server_ = std::make_unique<HostileServer>(Misbehaviour::kResetDuringUpload, /*tls=*/true);
  ASSERT_EQ(server_->error(), "");
  TargetOptions target = target_for(server_->url(), 5000);
  target.insecure = true;
  expect_transport_error(run_against(target, upload_cases()),
                         "write failed: the server closed the connection while the request was "
                         "sent (in request: POST /hostile/)");
}

TEST_F(HostileTls, UntrustedCertificateIsRefusedWithAHint) {
  HostileServer& server = start(Misbehaviour::kUntrustedTls);
  const Outcome run = run_against(target_for(server.url(), 2000));
  for (const CaseResult& c : run.result.cases) {
    if (c.verdict == Verdict::kSkipped) continue;  // not run: the target is unreachable
    EXPECT_EQ(c.verdict, Verdict::kError);
    EXPECT_EQ(c.error_kind, TransportErrorKind::kTlsVerify);
    EXPECT_EQ(
        c.reason.rfind("target unreachable: TLS certificate verification failed (use --insecure or "
                       "--ca-file) (" +
                           server.url() + ")",
                       0),
        0u)
        << c.reason;
  }
  EXPECT_EQ(run.result.outcome(), RunOutcome::kUnreachable);
}

TEST_F(HostileTls, UntrustedCertificateIsAcceptedWithInsecure) {
  HostileServer& server = start(Misbehaviour::kUntrustedTls);
  TargetOptions target = target_for(server.url(), 2000);
  target.insecure = true;
  const Outcome run = run_against(target);
  for (const CaseResult& c : run.result.cases) {
    EXPECT_EQ(c.verdict, Verdict::kPassed) << c.case_id << ": " << c.reason;
  }
  EXPECT_EQ(run.result.outcome(), RunOutcome::kPassed);
}

// A server that answers one request twice (cpp-httplib 0.11's server does, for
// a request it cannot parse) leaves a response in the socket. The transport
// closes such a connection before the next request instead of reading that
// response as the next one's answer, and counts it.
TEST_P(Hostile, ASecondResponseNobodyAskedForIsNeverReadAsTheNextOnesAnswer) {
  HostileServer& server = start(Misbehaviour::kSecondResponse);
  auto transport = make(target_for(server.url(), 2000));
  HttpRequest request;
  request.method = "GET";
  request.target = "/hostile/";
  auto first = transport->send(request);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_NE(first->body.find(R"("request":"GET /hostile/")"), std::string::npos) << first->body;
  // Long enough for the second response to arrive and wait in the socket.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  request.target = "/good/after";
  auto next = transport->send(request);
  ASSERT_TRUE(next.ok()) << next.status().message();
  EXPECT_NE(next->body.find(R"("request":"GET /good/after")"), std::string::npos) << next->body;
  EXPECT_EQ(transport->unasked_responses(), 1u);
}

}  // namespace
}  // namespace errcontract
