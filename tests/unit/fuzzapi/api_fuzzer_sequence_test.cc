// Stateful sequences: a resource the run's own requests made is acted on
// (each endpoint that takes what it is known by gets a request with its
// values) before its undo deletes it, and a violation such a request shows
// replays with the request that made the resource as setup and the undo as
// teardown.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "errcontract/runner.h"
#include "fuzz_test_inputs.h"

namespace errcontract::testing {
namespace {

// Two baselines: one reads a bucket that is not there (so the surface's
// first value for bucket_name is not the made one), one makes a bucket whose
// name ends in "made".
const CaseLibrary& making_library() {
  static const CaseLibrary library = parsed_library(R"({"cases": [
      {"id": "reads-no-bucket", "code": "21203", "summary": "no such bucket",
       "request": {"method": "GET", "path": "/buckets/info/", "auth": "token",
                   "query": {"bucket_name": "${uniq}nb"}}},
      {"id": "makes-a-bucket", "code": "21201", "summary": "a request that succeeds",
       "request": {"method": "PUT", "path": "/buckets/", "auth": "token",
                   "form": {"bucket_name": "${uniq}made", "type": "file"}}}]})",
                                                    "making.cases.json");
  return library;
}

struct Exchange {
  std::string method, target, body;
  int status = 0;
};

// The in-process server; records every exchange, and, when `broken_path`
// is set, answers a request to it whose target holds "made" with a bare 500.
class Recording : public Transport {
 public:
  Recording(ReferenceServer& server, std::vector<Exchange>& log, std::mutex& mu,
            std::string broken_path)
      : inner_(make_in_process_transport(server)),
        log_(log),
        mu_(mu),
        broken_path_(std::move(broken_path)) {}
  Result<HttpResponse> send(const HttpRequest& request) override {
    Result<HttpResponse> response = HttpResponse{};
    if (!broken_path_.empty() && request.target.rfind(broken_path_, 0) == 0 &&
        request.target.find("made") != std::string::npos) {
      response->status = 500;
    } else {
      response = inner_->send(request);
    }
    std::lock_guard lock(mu_);
    log_.push_back(
        {request.method, request.target, request.body, response.ok() ? response->status : 0});
    return response;
  }

 private:
  std::unique_ptr<Transport> inner_;
  std::vector<Exchange>& log_;
  std::mutex& mu_;
  std::string broken_path_;
};

struct FuzzRun {
  std::vector<Exchange> log;
  std::mutex mu;
  FuzzResult result;
};

void fuzz(ReferenceServer& server, FuzzRun& run, const std::string& broken_path = "",
          std::size_t max_requests = 300) {
  FuzzOptions options = seeded_options(max_requests);
  options.jobs = 1;
  run.result = fuzz_api(
      Catalog::builtin(), making_library(), fuzz_inputs().surface, server.fixtures(),
      [&] { return std::make_unique<Recording>(server, run.log, run.mu, broken_path); }, options);
}

// The made bucket's name, from the request that made it.
std::string made_bucket(const std::vector<Exchange>& log) {
  for (const Exchange& e : log) {
    const std::size_t at = e.body.find("bucket_name=");
    if (e.method == "PUT" && e.target == "/buckets/" && e.status / 100 == 2 &&
        at != std::string::npos && e.body.find("made") != std::string::npos) {
      return e.body.substr(at + 12, e.body.find('&', at) - at - 12);
    }
  }
  return {};
}

TEST(ApiFuzzerSequences, WhatTheRunMadeIsActedOnBeforeItsUndoDeletesIt) {
  ReferenceServer server(Catalog::builtin());
  FuzzRun run;
  fuzz(server, run);
  const std::string bucket = made_bucket(run.log);
  ASSERT_FALSE(bucket.empty());
  // The requests between the one that made the bucket and its undo that
  // name it, by endpoint.
  std::size_t made_at = run.log.size(), undone_at = run.log.size();
  for (std::size_t i = 0; i < run.log.size(); ++i) {
    const Exchange& e = run.log[i];
    if (made_at == run.log.size() && e.method == "PUT" && e.target == "/buckets/" &&
        e.body.find(bucket) != std::string::npos) {
      made_at = i;
    }
    // The undo: the DELETE that worked (acting sends one with the wrong password).
    if (e.method == "DELETE" && e.target.rfind("/buckets/?bucket_name=" + bucket, 0) == 0 &&
        e.status == 200) {
      undone_at = i;
    }
  }
  ASSERT_LT(made_at, undone_at);
  std::set<std::string> acted, acted_ok;
  for (std::size_t i = made_at + 1; i < undone_at; ++i) {
    const Exchange& e = run.log[i];
    if (e.target.find(bucket) == std::string::npos && e.body.find(bucket) == std::string::npos) {
      continue;
    }
    const std::string path = e.target.substr(0, e.target.find('?'));
    acted.insert(e.method + " " + path);
    if (e.status == 200) acted_ok.insert(e.method + " " + path);
  }
  EXPECT_GE(run.result.acted_on, 1u);
  EXPECT_GE(run.result.sequence_requests, 10u);
  EXPECT_GE(acted.size(), 10u);
  // The bucket is there, so reading it works: the request found the state
  // the sequence made, not "no such bucket".
  EXPECT_TRUE(acted_ok.count("GET /buckets/info/")) << "acted on: " << acted.size();
  EXPECT_TRUE(run.result.leaks.empty());
  EXPECT_EQ(server.created_since_seed(), std::vector<std::string>{});
}

TEST(ApiFuzzerSequences, AViolationFoundActingOnAResourceReplaysWithItsMakingAndUndo) {
  ReferenceServer server(Catalog::builtin());
  FuzzRun run;
  fuzz(server, run, "/buckets/info/");
  const auto found = std::find_if(run.result.violations.begin(), run.result.violations.end(),
                                  [](const FuzzViolation& v) { return !v.acts_on.empty(); });
  ASSERT_NE(found, run.result.violations.end());
  const FuzzViolation& v = *found;
  EXPECT_EQ(v.endpoint, "GET /buckets/info/");
  EXPECT_EQ(v.acts_on, "PUT /buckets/");
  ASSERT_EQ(v.setup.size(), 1u);
  ASSERT_EQ(v.teardown.size(), 1u);
  EXPECT_EQ(v.setup[0].request.method, "PUT");
  EXPECT_EQ(v.teardown[0].request.method, "DELETE");
  // No fixture value in the reproducer's steps.
  for (const Step* step : {&v.setup[0], &v.teardown[0]}) {
    const RequestSpec& r = step->request;
    std::string text = r.path + r.json + r.raw;
    for (const KeyValues* pairs : {&r.query, &r.form, &r.headers}) {
      for (const auto& [name, value] : *pairs) text += name + "=" + value + "\n";
    }
    for (const auto& [name, value] : server.fixtures()) {
      if (value.size() < 4) continue;
      EXPECT_EQ(text.find(value), std::string::npos) << name << ": " << text;
    }
  }

  const std::string file = violations_case_file({v}, Catalog::builtin());
  auto loaded = CaseLibrary::parse(file, "fuzz-api.cases.json", Catalog::builtin());
  ASSERT_TRUE(loaded.ok()) << loaded.status().message() << "\n" << file;
  ASSERT_EQ(loaded->cases.size(), 1u) << file;
  EXPECT_NE(loaded->cases[0].summary.find("acting on what PUT /buckets/ made"), std::string::npos);
  auto replay = [&](const std::string& broken_path) {
    RunOptions options;
    options.fixtures = server.fixtures();
    options.jobs = 1;
    Reporter quiet;
    std::vector<Exchange> log;
    std::mutex mu;
    const RunResult r = run_cases(
        Catalog::builtin(), *loaded,
        [&] { return std::make_unique<Recording>(server, log, mu, broken_path); }, options, quiet);
    return r.cases.at(0).verdict;
  };
  EXPECT_EQ(replay("/buckets/info/"), Verdict::kFailed);
  EXPECT_EQ(replay(""), Verdict::kPassed);
  EXPECT_EQ(server.created_since_seed(), std::vector<std::string>{});
}

}  // namespace
}  // namespace errcontract::testing
