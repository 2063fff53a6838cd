// What the fuzzer creates it deletes: a request of its own that made a
// resource is undone at the end of the run (the endpoint's "undo" in
// cases/api.json), and what could not be undone is reported as leaked. The
// reference server's own books (ReferenceServer::created_since_seed) are the
// judge of what is left.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "fuzz_test_inputs.h"

namespace errcontract::testing {
namespace {

using Lines = std::vector<std::string>;

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

// One baseline whose request succeeds: it makes a bucket, and its mutations
// (other names, moved parameters) make more.
const CaseLibrary& creating_library() {
  static const CaseLibrary library = parsed_library(R"({"cases": [{
        "id": "makes-buckets", "code": "21201", "summary": "a request that succeeds",
        "request": {"method": "PUT", "path": "/buckets/", "auth": "token",
                    "form": {"bucket_name": "${uniq}made", "type": "file"}}}]})",
                                                    "making.cases.json");
  return library;
}

FuzzResult fuzz_creating(ReferenceServer& server, const ApiSurface& surface,
                         const TransportFactory& make_transport) {
  FuzzOptions options = seeded_options(400);
  return fuzz_api(Catalog::builtin(), creating_library(), surface, server.fixtures(),
                  make_transport, options);
}

TransportFactory in_process(ReferenceServer& server) {
  return [&server] { return make_in_process_transport(server); };
}

TEST(ApiFuzzerLeaks, WhatTheRunMadeIsDeletedAtItsEnd) {
  ReferenceServer server(Catalog::builtin());
  const FuzzResult r = fuzz_creating(server, fuzz_inputs().surface, in_process(server));
  EXPECT_GE(r.created, 1u);  // the baseline's bucket at least
  EXPECT_EQ(r.undone, r.created);
  EXPECT_TRUE(r.leaks.empty()) << joined(r.leaks);
  EXPECT_EQ(server.created_since_seed(), Lines{}) << joined(server.created_since_seed());
}

TEST(ApiFuzzerLeaks, WithoutTheUndoTheSameRunLeavesItsBucketsBehind) {
  ApiSurface surface = fuzz_inputs().surface;
  for (ApiEndpoint& e : surface.endpoints) e.undo.reset();
  ReferenceServer server(Catalog::builtin());
  const FuzzResult r = fuzz_creating(server, surface, in_process(server));
  EXPECT_EQ(r.created, 0u);
  EXPECT_NE(server.created_since_seed(), Lines{});
}

// The in-process server behind a gateway that answers every DELETE whose
// target starts with `prefix` with 403 and `body` itself.
class RefusedDeletes : public Transport {
 public:
  RefusedDeletes(ReferenceServer& server, std::string prefix, std::string body = "")
      : inner_(make_in_process_transport(server)),
        prefix_(std::move(prefix)),
        body_(std::move(body)) {}
  Result<HttpResponse> send(const HttpRequest& request) override {
    if (request.method == "DELETE" && request.target.rfind(prefix_, 0) == 0) {
      HttpResponse refused;
      refused.status = 403;
      if (!body_.empty()) refused.headers.emplace_back("Content-Type", "application/json");
      refused.body = body_;
      return refused;
    }
    return inner_->send(request);
  }

  static TransportFactory in_front_of(ReferenceServer& server, const std::string& prefix,
                                      const std::string& body = "") {
    return
        [&server, prefix, body] { return std::make_unique<RefusedDeletes>(server, prefix, body); };
  }

 private:
  std::unique_ptr<Transport> inner_;
  std::string prefix_, body_;
};

TEST(ApiFuzzerLeaks, WhatItCouldNotDeleteIsReportedLeakedWithoutItsSecrets) {
  ReferenceServer server(Catalog::builtin());
  const FuzzResult r = fuzz_creating(
      server, fuzz_inputs().surface,
      RefusedDeletes::in_front_of(
          server, "/buckets/?",
          R"({"error_code": "21230", "request": "DELETE /buckets/", "message": "no"})"));
  // The bucket the baseline made, and what the surface's baselines for the
  // other endpoints made (an operator, a binding...): those still go.
  ASSERT_GE(r.created, 1u);
  ASSERT_FALSE(r.leaks.empty());
  EXPECT_EQ(r.undone + r.leaks.size(), r.created) << joined(r.leaks);
  const Lines left = server.created_since_seed();
  for (const std::string& leak : r.leaks) {
    EXPECT_NE(leak.find("made by PUT /buckets/ (case makes-buckets"), std::string::npos) << leak;
    EXPECT_NE(leak.find(": DELETE /buckets/?bucket_name="), std::string::npos) << leak;
    EXPECT_NE(leak.find("(HTTP 403, error_code 21230)"), std::string::npos) << leak;
    EXPECT_EQ(leak.find(server.fixtures().at("password")), std::string::npos) << leak;
  }
  // Each bucket the server still holds is one the report names.
  std::size_t buckets = 0;
  for (const std::string& line : left) {
    if (line.rfind("bucket ", 0) != 0 || line.find(" thumbnail ") != std::string::npos) continue;
    ++buckets;
  }
  EXPECT_EQ(buckets, r.leaks.size()) << joined(left) << joined(r.leaks);
}

// An undo's answer is a response like any other: held to the contract. The
// run sends no other DELETE /buckets/ (no destructive baselines, and no
// mutation makes a DELETE), so only the undos can show it.
TEST(ApiFuzzerLeaks, AnUndosAnswerIsHeldToTheContract) {
  ReferenceServer server(Catalog::builtin());
  FuzzOptions options = seeded_options(400);
  options.allow_destructive = false;
  const FuzzResult r =
      fuzz_api(Catalog::builtin(), creating_library(), fuzz_inputs().surface, server.fixtures(),
               RefusedDeletes::in_front_of(server, "/buckets/?", "<html>no</html>"), options);
  ASSERT_GE(r.created, 1u);
  const auto found =
      std::find_if(r.violations.begin(), r.violations.end(),
                   [](const FuzzViolation& v) { return v.endpoint == "DELETE /buckets/"; });
  ASSERT_NE(found, r.violations.end());
  EXPECT_EQ(found->case_id, "makes-buckets");
  EXPECT_EQ(found->status, 403);
  EXPECT_TRUE(found->setup.empty());  // the request alone
}

// One baseline that makes a bucket in an account its setup made, with the
// token that setup obtained: the bucket's undo sends the fixture password,
// not that account's, and fails; the case's teardown closes the account and
// the bucket goes with it.
const CaseLibrary& borrowing_library() {
  static const CaseLibrary library = parsed_library(R"({"cases": [{
        "id": "bucket-in-its-own-account", "code": "21201", "summary": "a request that succeeds",
        "setup": [
          {"request": {"method": "PUT", "path": "/accounts/", "form": {
             "client_id": "${fixture:agent_client_id}",
             "client_secret": "${fixture:agent_client_secret}", "username": "${uniq}u",
             "password": "${uniq}-pw", "email": "${uniq}u@example.com"}}},
          {"request": {"method": "POST", "path": "/oauth/access_token/", "form": {
             "client_id": "${fixture:agent_client_id}",
             "client_secret": "${fixture:agent_client_secret}", "grant_type": "password",
             "username": "${uniq}u", "password": "${uniq}-pw"}},
           "capture": {"utoken": "/access_token"}}],
        "request": {"method": "PUT", "path": "/buckets/",
                    "headers": {"Authorization": "Bearer ${utoken}"},
                    "form": {"bucket_name": "${uniq}b"}},
        "teardown": [
          {"request": {"method": "DELETE", "path": "/accounts/", "form": {
             "client_id": "${fixture:agent_client_id}",
             "client_secret": "${fixture:agent_client_secret}", "username": "${uniq}u"}},
           "expect": {"status": [200, 404]}}]}]})",
                                                    "borrowing.cases.json");
  return library;
}

TEST(ApiFuzzerLeaks, WhatAnUndoLeftInItsCaseAccountGoesWithTheCaseTeardown) {
  ReferenceServer server(Catalog::builtin());
  const FuzzResult r = fuzz_api(Catalog::builtin(), borrowing_library(), fuzz_inputs().surface,
                                server.fixtures(), in_process(server), seeded_options(60));
  ASSERT_GE(r.created, 1u);
  EXPECT_EQ(r.undone, r.created);
  EXPECT_TRUE(r.leaks.empty()) << joined(r.leaks);
  EXPECT_EQ(server.created_since_seed(), Lines{}) << joined(server.created_since_seed());
}

TEST(ApiFuzzerLeaks, WhenThatTeardownFailsTheBucketIsALeakSayingSo) {
  ReferenceServer server(Catalog::builtin());
  const FuzzResult r =
      fuzz_api(Catalog::builtin(), borrowing_library(), fuzz_inputs().surface, server.fixtures(),
               RefusedDeletes::in_front_of(server, "/accounts/"), seeded_options(60));
  const auto said = std::count_if(r.leaks.begin(), r.leaks.end(), [](const std::string& leak) {
    return leak.find("made by PUT /buckets/ (case bucket-in-its-own-account") == 0 &&
           leak.find("its teardown did not run cleanly") != std::string::npos;
  });
  EXPECT_GE(said, 1) << joined(r.leaks);
}

TEST(ApiFuzzerLeaks, TheWholeLibraryLeavesNothingBehind) {
  ReferenceServer server(Catalog::builtin());
  FuzzOptions options = seeded_options(5000);
  options.allow_destructive = false;  // a paid order cannot be undone
  const FuzzResult r = fuzz_in_process(server, options);
  EXPECT_EQ(server.created_since_seed(), Lines{}) << joined(server.created_since_seed());
  EXPECT_TRUE(r.leaks.empty()) << joined(r.leaks);
}

}  // namespace
}  // namespace errcontract::testing
