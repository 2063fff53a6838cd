// The reference server under load: two full runs of the case library with
// --jobs 8 each, at the same time, against one server over real sockets
// (what two CI pipelines against one dev server do). No request may fail at
// the transport level, the account's state afterwards must be what it was
// before (every teardown undid its setup; no half-applied operation), and
// every case must pass in both runs.
#include <gtest/gtest.h>

#include <memory>
#include <thread>

#include "e2e_support.h"

namespace errcontract::e2e {
namespace {

// The bodies of the read-only views of the main fixture account.
std::vector<std::string> account_state(ReferenceServer& server) {
  TargetOptions target;
  target.base_url = "http://127.0.0.1:" + std::to_string(server.port());
  auto transport = make_http_transport(target);
  std::vector<std::string> bodies;
  for (const char* path : {"/accounts/profile/", "/buckets/?limit=1000", "/operators/"}) {
    HttpRequest request;
    request.method = "GET";
    request.target = path;
    request.headers.emplace_back("Authorization", "Bearer " + server.fixtures().at("token"));
    Result<HttpResponse> response = transport->send(request);
    EXPECT_TRUE(response.ok()) << path << ": " << response.status().message();
    if (!response.ok()) continue;
    bodies.push_back(std::to_string(response->status) + " " + path + " " + response->body);
  }
  return bodies;
}

class ReferenceServerLoad : public ::testing::Test {
 protected:
  struct Runs {
    std::unique_ptr<ReferenceServer> server;
    std::vector<std::string> before, after;
    RunResult first, second;
  };

  // One pair of concurrent runs, shared by the tests below.
  static Runs& runs() {
    static Runs r = [] {
      Runs out;
      out.server = std::make_unique<ReferenceServer>(Catalog::builtin());
      EXPECT_TRUE(out.server->start("127.0.0.1", 0).ok());
      out.before = account_state(*out.server);
      std::thread a([&] { out.first = run_library(*out.server, Wire::kSocket, {}, 8); });
      std::thread b([&] { out.second = run_library(*out.server, Wire::kSocket, {}, 8); });
      a.join();
      b.join();
      out.after = account_state(*out.server);
      return out;
    }();
    return r;
  }
};

TEST_F(ReferenceServerLoad, ConcurrentRunsGetAnAnswerToEveryRequest) {
  for (const RunResult* run : {&runs().first, &runs().second}) {
    ASSERT_EQ(run->cases.size(), library().cases.size());
    EXPECT_EQ(run->totals.errors, 0) << describe_cases(*run, true);
    EXPECT_GT(run->totals.requests, static_cast<int>(run->cases.size()));
  }
}

TEST_F(ReferenceServerLoad, ConcurrentRunsLeaveTheAccountAsItWas) {
  ASSERT_EQ(runs().before.size(), 3u);
  EXPECT_EQ(runs().after, runs().before);
  // The server still answers a third, sequential run.
  const RunResult third = run_library(*runs().server, Wire::kSocket, {"14", "11001"}, 8);
  EXPECT_EQ(run_exit_code(third, false), 0) << describe_cases(third, true);
}

TEST_F(ReferenceServerLoad, ConcurrentRunsWithEightJobsEachPass) {
  std::vector<std::string> failed;
  for (const RunResult* run : {&runs().first, &runs().second}) {
    EXPECT_EQ(run_exit_code(*run, false), 0);
    for (const CaseResult& c : run->cases) {
      if (c.verdict != Verdict::kPassed) failed.push_back(c.case_id);
    }
  }
  if (failed.empty()) return;
  // Tell a server fault from a case that only fails while another run uses
  // the same fixture account: run the failed cases again, alone.
  ReferenceServer fresh(Catalog::builtin());
  const RunResult alone = run_library(fresh, Wire::kInProcess, failed, 1);
  std::string shared, broken;
  for (const CaseResult& c : alone.cases) {
    (c.verdict == Verdict::kPassed ? shared : broken) += " " + c.case_id;
  }
  ADD_FAILURE() << "cases that failed in a concurrent run but pass alone (they change state that "
                   "every client of the fixture account shares: a quota, a binding, a fixed "
                   "certificate):"
                << (shared.empty() ? " none" : shared)
                << "\ncases that fail alone too:" << (broken.empty() ? " none" : broken)
                << "\nfirst run:\n"
                << describe_cases(runs().first, true) << "second run:\n"
                << describe_cases(runs().second, true);
}

}  // namespace
}  // namespace errcontract::e2e
