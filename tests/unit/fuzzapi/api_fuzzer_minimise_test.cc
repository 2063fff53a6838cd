// Minimisation of fuzz-api's reproducers against the reference server
// in-process: a violation found after several mutations comes back with
// fewer changes from its baseline and still fails where the fault is, the
// same seed still sends the same requests, and the attempt caps hold.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "errcontract/api_fuzzer.h"
#include "errcontract/reference_server.h"
#include "errcontract/runner.h"
#include "fuzz_test_inputs.h"

namespace errcontract {
namespace {

// 21203 ("bucket not found", 404) answered as 21204 (409).
FuzzResult fuzz_faulty(ReferenceServer& server, FuzzOptions options,
                       const RequestObserver& observe = {}) {
  server.set_fault(FaultMode::kOtherCode, "21203");
  return testing::fuzz_in_process(server, options, observe);
}

FuzzOptions seeded(std::size_t max_requests) { return testing::seeded_options(max_requests); }

// The verdict of one reproducer replayed by `run` against `server`.
Verdict replay(ReferenceServer& server, const FuzzViolation& v) {
  const std::string file = violations_case_file({v}, Catalog::builtin());
  auto library = CaseLibrary::parse(file, "fuzz-api.cases.json", Catalog::builtin());
  if (!library.ok() || library->cases.size() != 1) {
    ADD_FAILURE() << (library.ok() ? "no case" : library.status().message()) << "\n" << file;
    return Verdict::kError;
  }
  RunOptions options;
  options.fixtures = server.fixtures();
  options.jobs = 1;
  Reporter quiet;
  const RunResult r = run_cases(
      Catalog::builtin(), *library, [&server] { return make_in_process_transport(server); },
      options, quiet);
  return r.cases.at(0).verdict;
}

TEST(ApiFuzzerMinimise, AViolationAfterSeveralMutationsKeepsFewerChangesAndStillFails) {
  ReferenceServer server(Catalog::builtin());
  const FuzzResult r = fuzz_faulty(server, seeded(3000));
  EXPECT_GT(r.minimisation.violations, 0u);
  EXPECT_GT(r.minimisation.dropped, 0u);
  const auto found = std::find_if(r.violations.begin(), r.violations.end(), [](const auto& v) {
    return v.finding == "status.mismatch" && v.code == "21204" && v.minimised && v.changes >= 2 &&
           v.changes_kept < v.changes;
  });
  ASSERT_NE(found, r.violations.end()) << "no violation after several changes was minimised";
  const FuzzViolation& v = *found;
  EXPECT_NE(v.mutation, v.original_mutation);
  EXPECT_NE(v.minimise_note.find("minimised: kept"), std::string::npos) << v.minimise_note;
  EXPECT_GT(v.minimise_requests, 0u);
  // Fixture values stay references in the minimised request too.
  for (const auto& [name, value] : server.fixtures()) {
    if (value.size() < 4) continue;
    EXPECT_EQ(v.request.path.find(value), std::string::npos) << name;
    for (const auto& pair : v.request.query) EXPECT_EQ(pair.second.find(value), std::string::npos);
  }
  // Replayed by `run`: fails while the fault is there, passes without it.
  EXPECT_EQ(replay(server, v), Verdict::kFailed) << v.mutation;
  server.set_fault(FaultMode::kNone);
  EXPECT_EQ(replay(server, v), Verdict::kPassed) << v.mutation;
}

// Every request of a run, in order; the server reset to its seeded state first.
std::vector<std::string> requests_sent(ReferenceServer& server, FuzzResult* result) {
  server.reset();
  std::vector<std::string> sent;
  *result = fuzz_faulty(server, seeded(1500), [&sent](std::size_t, const HttpRequest& r) {
    std::string text = r.method + " " + r.target + "\n";
    for (const auto& [name, value] : r.headers) text += name + ": " + value + "\n";
    sent.push_back(text + r.body);
  });
  return sent;
}

TEST(ApiFuzzerMinimise, TheSameSeedStillSendsTheSameRequests) {
  ReferenceServer server(Catalog::builtin());
  FuzzResult first, second;
  const auto a = requests_sent(server, &first);
  const auto b = requests_sent(server, &second);
  ASSERT_GT(first.minimisation.requests, 0u) << "nothing was minimised: the test shows nothing";
  EXPECT_EQ(first.minimisation.requests, second.minimisation.requests);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) ASSERT_EQ(a[i], b[i]) << "request " << i;
  ASSERT_EQ(first.violations.size(), second.violations.size());
  for (std::size_t i = 0; i < first.violations.size(); ++i) {
    EXPECT_EQ(first.violations[i].mutation, second.violations[i].mutation);
  }
}

TEST(ApiFuzzerMinimise, AttemptsAreCountedInRequestsAndStayUnderTheCaps) {
  ReferenceServer server(Catalog::builtin());
  const FuzzResult free_run = fuzz_faulty(server, seeded(3000));
  ASSERT_GT(free_run.minimisation.requests, 7u) << "the caps below would not bind";
  FuzzOptions capped = seeded(3000);
  capped.minimise_attempts = 3;
  capped.minimise_total = 7;
  server.reset();
  const FuzzResult r = fuzz_faulty(server, capped);
  EXPECT_EQ(r.minimisation.requests, 7u);
  std::size_t sum = 0;
  for (const FuzzViolation& v : r.violations) {
    EXPECT_LE(v.minimise_requests, 3u) << v.finding << " on " << v.endpoint;
    sum += v.minimise_requests;
  }
  EXPECT_EQ(sum, 7u);
  // No minimisation at all: the difference in `requests` is its attempts.
  FuzzOptions none = seeded(3000);
  none.minimise_total = 0;
  server.reset();
  const FuzzResult bare = fuzz_faulty(server, none);
  EXPECT_EQ(bare.minimisation.requests, 0u);
  EXPECT_EQ(r.requests, bare.requests + 7u);
}

}  // namespace
}  // namespace errcontract
