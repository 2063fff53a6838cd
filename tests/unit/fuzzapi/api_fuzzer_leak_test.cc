// What the fuzzer creates it deletes: a request of its own that made a
// resource is undone at the end of the run (the endpoint's "undo" in
// cases/api.json), and what could not be undone is reported as leaked. The
// reference server's own books (ReferenceServer::created_since_seed) are the
// judge of what is left.
#include <gtest/gtest.h>

#include <memory>
#include <string>
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
  static const CaseLibrary library = [] {
    auto parsed = CaseLibrary::parse(R"({"cases": [{
        "id": "makes-buckets", "code": "21201", "summary": "a request that succeeds",
        "request": {"method": "PUT", "path": "/buckets/", "auth": "token",
                    "form": {"bucket_name": "${uniq}made", "type": "file"}}}]})",
                                     "making.cases.json", Catalog::builtin());
    if (!parsed.ok()) std::abort();
    return std::move(*parsed);
  }();
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

// The in-process server behind a gateway that refuses to delete buckets.
class NoBucketDeletes : public Transport {
 public:
  explicit NoBucketDeletes(ReferenceServer& server) : inner_(make_in_process_transport(server)) {}
  Result<HttpResponse> send(const HttpRequest& request) override {
    if (request.method == "DELETE" && request.target.rfind("/buckets/?", 0) == 0) {
      HttpResponse refused;
      refused.status = 403;
      refused.headers.emplace_back("Content-Type", "application/json");
      refused.body = R"({"error_code": "21230", "request": "DELETE /buckets/", "message": "no"})";
      return refused;
    }
    return inner_->send(request);
  }

 private:
  std::unique_ptr<Transport> inner_;
};

TEST(ApiFuzzerLeaks, WhatItCouldNotDeleteIsReportedLeakedWithoutItsSecrets) {
  ReferenceServer server(Catalog::builtin());
  const FuzzResult r = fuzz_creating(server, fuzz_inputs().surface, [&server] {
    return std::make_unique<NoBucketDeletes>(server);
  });
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
