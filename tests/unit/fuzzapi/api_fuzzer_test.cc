// The fuzz loop against the reference server in-process: a clean server
// shows no violation, a broken one is caught, the same seed sends the same
// requests, destructive cases stay out without the flag, reproducers load.
#include "errcontract/api_fuzzer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "errcontract/reference_server.h"
#include "fuzz_test_inputs.h"

namespace errcontract {
namespace {

const testing::FuzzInputs& library() { return testing::fuzz_inputs(); }

FuzzResult fuzz(ReferenceServer& server, FuzzOptions options, const RequestObserver& observe = {}) {
  return testing::fuzz_in_process(server, options, observe);
}

FuzzOptions small(std::size_t max_requests) { return testing::seeded_options(max_requests); }

std::string describe(const std::vector<FuzzViolation>& violations) {
  std::string out;
  for (const auto& v : violations) {
    out += v.finding + " on " + v.endpoint + " (" + v.code + "): " + v.detail + " after " +
           v.mutation + "\n";
  }
  return out;
}

TEST(ApiFuzzer, CleanServerHasNoViolation) {
  ReferenceServer server(Catalog::builtin());
  const FuzzResult r = fuzz(server, small(3000));
  EXPECT_EQ(r.violations.size(), 0u) << describe(r.violations);
  EXPECT_GE(r.requests, 3000u);
  EXPECT_GT(r.baselines, 100u);
  EXPECT_GT(r.classes, r.baselines / 2);
  EXPECT_GE(r.codes_reached.size(), 60u);
  EXPECT_TRUE(r.leaks.empty()) << r.leaks.front();
}

// Endpoints no case triggers (listings such as GET /buckets/) get a baseline
// built from cases/api.json; a DELETE only with --allow-destructive.
TEST(ApiFuzzer, EndpointsNoCaseTriggersAreReachedFromTheSurface) {
  auto requests_to = [](const FuzzResult& r, const std::string& endpoint) {
    for (const FuzzEndpoint& e : r.endpoints) {
      if (e.endpoint == endpoint) return e.requests;
    }
    return std::size_t{0};
  };
  ReferenceServer server(Catalog::builtin());
  const FuzzResult r = fuzz(server, small(600));
  for (const FuzzEndpoint& e : r.endpoints) {
    if (e.endpoint != kUnknownEndpoint) {
      EXPECT_GT(e.requests, 0u) << e.endpoint;
    }
  }
  EXPECT_TRUE(r.violations.empty()) << describe(r.violations);
  ReferenceServer careful_server(Catalog::builtin());
  FuzzOptions careful = small(600);
  careful.allow_destructive = false;
  const FuzzResult c = fuzz(careful_server, careful);
  EXPECT_GT(requests_to(c, "GET /buckets/"), 0u);
  EXPECT_EQ(requests_to(c, "DELETE /https/certificate/"), 0u);  // no case: left alone
  EXPECT_GT(requests_to(c, "DELETE /buckets/"), 0u);            // its cases' baselines
}

TEST(ApiFuzzer, PerEndpointFiguresCoverTheSurfaceAndAddUpToTheRun) {
  ReferenceServer server(Catalog::builtin());
  const FuzzResult r = fuzz(server, small(800));
  ASSERT_EQ(r.violations.size(), 0u) << describe(r.violations);
  // Every endpoint of the surface, sorted, then the unknown paths' one row.
  ASSERT_EQ(r.endpoints.size(), library().surface.endpoints.size() + 1);
  EXPECT_EQ(r.endpoints.back().endpoint, kUnknownEndpoint);
  EXPECT_TRUE(r.endpoints.back().codes_documented.empty());
  for (std::size_t i = 1; i + 1 < r.endpoints.size(); ++i) {
    EXPECT_LT(r.endpoints[i - 1].endpoint, r.endpoints[i].endpoint);
  }
  std::size_t requests = 0, classes = 0;
  std::set<std::string> reached;
  for (const FuzzEndpoint& e : r.endpoints) {
    requests += e.requests;
    classes += e.classes;
    reached.insert(e.codes_reached.begin(), e.codes_reached.end());
    EXPECT_TRUE(std::is_sorted(e.codes_reached.begin(), e.codes_reached.end())) << e.endpoint;
    EXPECT_LE(e.documented_reached(), e.codes_documented.size()) << e.endpoint;
    EXPECT_TRUE(e.violations.empty()) << e.endpoint;
  }
  EXPECT_EQ(requests, r.requests);
  EXPECT_EQ(classes, r.classes);
  EXPECT_EQ(reached, r.codes_reached);
  // The catalog's codes for an endpoint, and the baseline that reaches one.
  const auto put_operators =
      std::find_if(r.endpoints.begin(), r.endpoints.end(),
                   [](const FuzzEndpoint& e) { return e.endpoint == "PUT /operators/"; });
  ASSERT_NE(put_operators, r.endpoints.end());
  const auto& documented = put_operators->codes_documented;
  EXPECT_TRUE(std::binary_search(documented.begin(), documented.end(), "21402"));
  EXPECT_GT(put_operators->requests, 0u);
  EXPECT_GE(put_operators->documented_reached(), 1u);
}

TEST(ApiFuzzer, AViolationCountsOnTheRowOfItsEndpoint) {
  ReferenceServer server(Catalog::builtin());
  server.set_fault(FaultMode::kOtherCode, "21203");
  const FuzzResult r = fuzz(server, small(1500));
  ASSERT_FALSE(r.violations.empty());
  std::vector<int> counted(r.violations.size(), 0);
  for (const FuzzEndpoint& e : r.endpoints) {
    for (std::size_t index : e.violations) {
      ASSERT_LT(index, r.violations.size());
      ++counted[index];
      const FuzzViolation& v = r.violations[index];
      if (e.endpoint == kUnknownEndpoint) {
        EXPECT_EQ(v.param_error, "") << v.endpoint;
      } else {
        EXPECT_EQ(v.endpoint, e.endpoint);
      }
    }
  }
  EXPECT_EQ(counted, std::vector<int>(r.violations.size(), 1));  // each on exactly one row
}

TEST(ApiFuzzer, ProgressIsReportedAsTheRunGoesAndEndsAtTheResult) {
  ReferenceServer server(Catalog::builtin());
  FuzzOptions options = small(1000);
  std::vector<FuzzProgress> seen;
  options.on_progress = [&seen](const FuzzProgress& p) { seen.push_back(p); };
  const FuzzResult r = fuzz(server, options);
  ASSERT_GE(seen.size(), 3u);  // after the baselines, after each batch, at the end
  for (std::size_t i = 1; i < seen.size(); ++i) {
    EXPECT_GE(seen[i].requests, seen[i - 1].requests);
    EXPECT_GE(seen[i].classes, seen[i - 1].classes);
    EXPECT_GE(seen[i].elapsed, seen[i - 1].elapsed);
  }
  EXPECT_LT(seen.front().requests, r.requests);
  EXPECT_EQ(seen.back().requests, r.requests);
  EXPECT_EQ(seen.back().classes, r.classes);
  EXPECT_EQ(seen.back().codes_reached, r.codes_reached.size());
  EXPECT_EQ(seen.back().violations, r.violations.size());
  EXPECT_EQ(seen.back().max_requests, 1000u);
  EXPECT_EQ(seen.back().codes_documented, Catalog::builtin().documented_count());
}

TEST(ApiFuzzer, FindsAnotherCodeFor21203) {
  ReferenceServer server(Catalog::builtin());
  server.set_fault(FaultMode::kOtherCode, "21203");
  const FuzzResult r = fuzz(server, small(3000));
  ASSERT_FALSE(r.violations.empty());
  // 21203 (404) answered as 21204 (409): the status is not the carried code's.
  const bool found = std::any_of(r.violations.begin(), r.violations.end(), [](const auto& v) {
    return v.code == "21204" && v.finding == "status.mismatch";
  });
  EXPECT_TRUE(found) << describe(r.violations);
}

TEST(ApiFuzzer, FindsHtmlErrorPages) {
  ReferenceServer server(Catalog::builtin());
  server.set_fault(FaultMode::kHtmlPage, "21203");
  const FuzzResult r = fuzz(server, small(3000));
  const bool found = std::any_of(r.violations.begin(), r.violations.end(),
                                 [](const auto& v) { return v.finding == "body.not_json"; });
  EXPECT_TRUE(found) << describe(r.violations);
}

// The server is reset to its seeded state (the same fixtures) before each
// run: a fresh server would seed other tokens and secrets.
std::vector<std::string> requests_sent(ReferenceServer& server, std::uint64_t seed) {
  server.reset();
  std::vector<std::string> sent;
  FuzzOptions o = small(1500);
  o.seed = seed;
  fuzz(server, o, [&sent](std::size_t index, const HttpRequest& r) {
    if (index != sent.size()) ADD_FAILURE() << "request " << index << " out of order";
    std::string text = r.method + " " + r.target + "\n";
    for (const auto& [name, value] : r.headers) text += name + ": " + value + "\n";
    sent.push_back(text + r.body);
  });
  return sent;
}

TEST(ApiFuzzer, SameSeedSameRequests) {
  ReferenceServer server(Catalog::builtin());
  const auto a = requests_sent(server, 7);
  const auto b = requests_sent(server, 7);
  ASSERT_GE(a.size(), 1500u);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) ASSERT_EQ(a[i], b[i]) << "request " << i;
  EXPECT_NE(a, requests_sent(server, 8));
}

TEST(ApiFuzzer, DestructiveCasesOnlyWithTheFlag) {
  ReferenceServer with_server(Catalog::builtin()), without_server(Catalog::builtin());
  FuzzOptions with = small(2000), without = small(2000);
  without.allow_destructive = false;
  std::vector<std::string> without_targets;
  const FuzzResult a = fuzz(with_server, with);
  const FuzzResult b = fuzz(without_server, without);
  std::size_t destructive = 0;
  for (const Case& c : library().cases.cases) destructive += c.has_tag("destructive") ? 1 : 0;
  ASSERT_GT(destructive, 0u);
  // And the DELETE endpoints no case triggers, from the surface.
  std::set<const ApiEndpoint*> triggered;
  for (const Case& c : library().cases.cases) {
    triggered.insert(library().surface.find(c.trigger.request.method, c.trigger.request.path));
  }
  std::size_t uncovered_deletes = 0;
  for (const ApiEndpoint& e : library().surface.endpoints) {
    uncovered_deletes += e.method == "DELETE" && !triggered.count(&e) ? 1 : 0;
  }
  EXPECT_EQ(a.baselines - b.baselines, destructive + uncovered_deletes);
}

TEST(ApiFuzzer, ReproducersLoadAsContractCases) {
  ReferenceServer server(Catalog::builtin());
  server.set_fault(FaultMode::kOtherCode, "21203");
  const FuzzResult r = fuzz(server, small(3000));
  ASSERT_FALSE(r.violations.empty());
  const std::string file = violations_case_file(r.violations, Catalog::builtin());
  auto loaded = CaseLibrary::parse(file, "fuzz-api.cases.json", Catalog::builtin());
  ASSERT_TRUE(loaded.ok()) << loaded.status().message() << "\n" << file;
  ASSERT_FALSE(loaded->cases.empty());
  for (const Case& c : loaded->cases) EXPECT_TRUE(c.trigger.expect.contract) << c.id;
}

// A reproducer of a case with setup steps carries them (and the teardown),
// and writes what the setup captured as the capture's variable: the agent
// token POST /buckets/quota/ was sent with is ${...}, obtained again on replay.
// The fault is on the code that case's own request gets (21302), so its
// baseline, sent before any mutation, shows the violation.
TEST(ApiFuzzer, AReproducerCarriesItsCaseSetupAndRefersToWhatItCaptured) {
  ReferenceServer server(Catalog::builtin());
  server.set_fault(FaultMode::kOtherCode, "21302");
  const FuzzResult r = fuzz(server, small(400));
  const FuzzViolation* with_setup = nullptr;
  for (const FuzzViolation& v : r.violations) {
    if (v.case_id == "agent-pool-exhausted" && v.mutation.empty()) with_setup = &v;
  }
  ASSERT_NE(with_setup, nullptr) << describe(r.violations);
  const Case* origin = library().cases.find(with_setup->case_id);
  ASSERT_NE(origin, nullptr);
  EXPECT_EQ(with_setup->setup.size(), origin->setup.size());
  EXPECT_EQ(with_setup->teardown.size(), origin->teardown.size());
  const std::string file = violations_case_file(r.violations, Catalog::builtin());
  auto loaded = CaseLibrary::parse(file, "fuzz-api.cases.json", Catalog::builtin());
  ASSERT_TRUE(loaded.ok()) << loaded.status().message() << "\n" << file;
  bool refers = false;
  for (const Case& c : loaded->cases) {
    if (c.setup.empty()) continue;
    for (const auto& [name, value] : c.trigger.request.headers) {
      if (is_secret_header_name(name)) refers = refers || value.find("${") != std::string::npos;
    }
  }
  EXPECT_TRUE(refers) << file;
}

// A token a baseline's setup captured (an agent's, for POST
// /buckets/quota/) is no fixture: a reproducer refers to it by its capture
// (it carries the setup), a corpus entry hides it; neither carries it as sent.
TEST(ApiFuzzer, ReproducersCarryNoCredentialThatIsNoFixture) {
  ReferenceServer server(Catalog::builtin());
  server.set_fault(FaultMode::kOtherCode, "21203");
  FuzzOptions options = small(3000);
  options.keep_corpus = true;
  const FuzzResult r = fuzz(server, options);
  std::size_t credentials = 0;
  auto check = [&credentials](const RequestSpec& request, const std::string& what) {
    for (const auto& [name, value] : request.headers) {
      if (!is_secret_header_name(name)) continue;
      ++credentials;
      EXPECT_TRUE(value == "***" || value.find("${") != std::string::npos)
          << what << ": " << name << ": " << value;
    }
  };
  for (const FuzzViolation& v : r.violations) check(v.request, v.endpoint);
  for (const ContractCase& c : r.corpus_out) check(c.request, c.summary);
  EXPECT_GT(credentials, 0u);  // the run did send some
}

class RefusingTransport : public Transport {
 public:
  Result<HttpResponse> send(const HttpRequest&) override {
    return transport_error(TransportErrorKind::kRefused, "connection refused");
  }
};

TEST(ApiFuzzer, UnreachableTargetStopsAtOnce) {
  ReferenceServer server(Catalog::builtin());
  const FuzzResult r = fuzz_api(
      Catalog::builtin(), library().cases, library().surface, server.fixtures(),
      [] { return std::make_unique<RefusingTransport>(); }, small(1000));
  EXPECT_TRUE(r.unreachable);
  EXPECT_EQ(r.requests, 1u);
  EXPECT_TRUE(r.violations.empty());
}

// The in-process server, except that its transport reports one response nobody
// asked for around its `at`-th request, as HttpTransport does for a server
// that answered a request twice.
class DesyncingTransport : public Transport {
 public:
  DesyncingTransport(ReferenceServer& server, std::size_t at)
      : inner_(make_in_process_transport(server)), at_(at) {}
  Result<HttpResponse> send(const HttpRequest& request) override {
    if (++sent_ == at_) ++unasked_;
    return inner_->send(request);
  }
  std::uint64_t unasked_responses() const override { return unasked_; }

 private:
  std::unique_ptr<Transport> inner_;
  std::size_t at_;
  std::size_t sent_ = 0;
  std::uint64_t unasked_ = 0;
};

TEST(ApiFuzzer, AResponseNobodyAskedForIsAViolationNamingTheRequestBefore) {
  ReferenceServer server(Catalog::builtin());
  std::vector<std::string> sent;
  const FuzzResult r = fuzz_api(
      Catalog::builtin(), library().cases, library().surface, server.fixtures(),
      [&server] { return std::make_unique<DesyncingTransport>(server, 400); }, small(1000), nullptr,
      [&sent](std::size_t, const HttpRequest& request) {
        sent.push_back(request.method + " " + request.target);
      });
  ASSERT_EQ(r.violations.size(), 1u) << describe(r.violations);
  const FuzzViolation& v = r.violations.front();
  EXPECT_EQ(v.finding, kUnaskedResponseFinding);
  ASSERT_GE(sent.size(), 400u);
  EXPECT_NE(v.detail.find("(" + sent[398] + ")"), std::string::npos) << v.detail;
  // One request replayed alone cannot show it: no reproducer.
  const std::string file = violations_case_file(r.violations, Catalog::builtin());
  auto loaded = CaseLibrary::parse(file, "fuzz-api.cases.json", Catalog::builtin());
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_TRUE(loaded->cases.empty()) << file;
}

TEST(ApiFuzzer, ANumericCodeIsAViolationUnlessLenient) {
  ReferenceServer server(Catalog::builtin());
  server.set_code_type(CodeType::kNumber);
  const FuzzResult strict = fuzz(server, small(500));
  const bool numeric = std::any_of(strict.violations.begin(), strict.violations.end(),
                                   [](const auto& v) { return v.finding == "code.numeric"; });
  EXPECT_TRUE(numeric) << describe(strict.violations);
  ReferenceServer fresh(Catalog::builtin());
  fresh.set_code_type(CodeType::kNumber);
  FuzzOptions lenient = small(500);
  lenient.lenient = true;
  const FuzzResult r = fuzz(fresh, lenient);
  EXPECT_TRUE(r.violations.empty()) << describe(r.violations);
  EXPECT_GT(r.warnings, 0u);
}

// The in-process server behind a limit: every 7th request is first answered
// 429 (Retry-After: 0), the way a gateway throttles.
class ThrottlingTransport : public Transport {
 public:
  explicit ThrottlingTransport(ReferenceServer& server)
      : inner_(make_in_process_transport(server)) {}
  Result<HttpResponse> send(const HttpRequest& request) override {
    if (++sent_ % 7 == 0) {
      HttpResponse busy;
      busy.status = 429;
      busy.headers.emplace_back("Retry-After", "0");
      busy.body = "slow down";
      return busy;
    }
    return inner_->send(request);
  }

 private:
  std::unique_ptr<Transport> inner_;
  std::size_t sent_ = 0;
};

TEST(ApiFuzzer, ThrottlingAnswersAreWaitedForAndSentAgainNeverJudged) {
  ReferenceServer server(Catalog::builtin());
  const FuzzResult r = fuzz_api(
      Catalog::builtin(), library().cases, library().surface, server.fixtures(),
      [&server] { return std::make_unique<ThrottlingTransport>(server); }, small(700));
  EXPECT_TRUE(r.violations.empty()) << describe(r.violations);
  EXPECT_GE(r.throttled, 700u / 7);
}

// A reproducer the case format holds.
ContractCase good_case() {
  ContractCase good;
  good.request.method = "GET";
  good.request.path = "/buckets/info/";
  good.request.query = {{"bucket_name", "b"}};
  good.code = "21203";
  good.summary = "good";
  return good;
}

TEST(ContractCaseFile, LeavesOutWhatAJsonCaseFileCannotHold) {
  const ContractCase good = good_case();
  ContractCase invalid_utf8 = good;
  invalid_utf8.request.query = {{"bucket_name", "\xFF\xFE"}};
  ContractCase unknown_method = good;
  unknown_method.request.method = "FOO";
  std::size_t written = 0;
  const std::string file =
      contract_case_file({good, invalid_utf8, unknown_method}, Catalog::builtin(), &written);
  EXPECT_EQ(written, 1u);
  auto loaded = CaseLibrary::parse(file, "corpus.cases.json", Catalog::builtin());
  ASSERT_TRUE(loaded.ok()) << loaded.status().message() << "\n" << file;
  ASSERT_EQ(loaded->cases.size(), 1u);
  EXPECT_EQ(loaded->cases[0].trigger.request.query, good.request.query);
}

// A request to a path no catalog code lists (an unknown path, a mutated
// one) is kept as a case that names no code: the loader takes it back.
TEST(ContractCaseFile, WritesARequestNoCodeListsAsACaseWithoutCode) {
  ContractCase unlisted = good_case();
  unlisted.request.path = "/buckets/infox/";
  unlisted.code = "10404";
  std::size_t written = 0;
  const std::string file =
      contract_case_file({good_case(), unlisted}, Catalog::builtin(), &written);
  EXPECT_EQ(written, 2u);
  auto loaded = CaseLibrary::parse(file, "corpus.cases.json", Catalog::builtin());
  ASSERT_TRUE(loaded.ok()) << loaded.status().message() << "\n" << file;
  ASSERT_EQ(loaded->cases.size(), 2u);
  EXPECT_EQ(loaded->cases[0].code, "21203");
  EXPECT_EQ(loaded->cases[1].code, "");
  EXPECT_EQ(loaded->cases[1].trigger.request.path, "/buckets/infox/");
  EXPECT_TRUE(loaded->cases[1].trigger.expect.contract);
}

// A reproducer's setup or teardown step can be a request the fuzzer sent
// (the one that made the resource it acts on): a step the format cannot hold
// leaves the case out, as such a trigger does.
TEST(ContractCaseFile, LeavesOutACaseWithAStepItCannotHold) {
  const ContractCase good = good_case();
  Step unknown_method;
  unknown_method.request.method = "FOO";
  unknown_method.request.path = "/buckets/";
  ContractCase bad_setup = good, bad_teardown = good;
  bad_setup.setup = {unknown_method};
  bad_teardown.teardown = {unknown_method};
  std::size_t written = 0;
  contract_case_file({good, bad_setup, bad_teardown}, Catalog::builtin(), &written);
  EXPECT_EQ(written, 1u);
}

// The in-process server, except that 21203 (bucket module) comes back as 21401
// (operator module), which the catalog does not list for bucket endpoints.
class OtherModuleTransport : public Transport {
 public:
  explicit OtherModuleTransport(ReferenceServer& server)
      : inner_(make_in_process_transport(server)) {}
  Result<HttpResponse> send(const HttpRequest& request) override {
    auto response = inner_->send(request);
    if (response.ok()) {
      const auto at = response->body.find("\"21203\"");
      if (at != std::string::npos) response->body.replace(at, 7, "\"21401\"");
    }
    return response;
  }

 private:
  std::unique_ptr<Transport> inner_;
};

TEST(ApiFuzzer, ACodeOfAnotherModuleIsAWarning) {
  auto with_21401 = [](const FuzzResult& r) {
    return std::count_if(r.foreign_codes.begin(), r.foreign_codes.end(),
                         [](const auto& pair) { return pair.substr(pair.size() - 6) == " 21401"; });
  };
  ReferenceServer clean(Catalog::builtin());
  EXPECT_EQ(with_21401(fuzz(clean, small(1000))), 0);
  ReferenceServer server(Catalog::builtin());
  const FuzzResult r = fuzz_api(
      Catalog::builtin(), library().cases, library().surface, server.fixtures(),
      [&server] { return std::make_unique<OtherModuleTransport>(server); }, small(1000));
  EXPECT_GT(with_21401(r), 0);
  EXPECT_TRUE(r.foreign_codes.count("GET /buckets/info/ 21401")) << r.foreign_codes.size();
}

// The in-process server behind a connection that goes out of step after its
// 300th request, the way the test gateway's does: from then on every answer
// is an empty 400. A new transport is a new connection, in step again.
class OutOfStepTransport : public Transport {
 public:
  explicit OutOfStepTransport(ReferenceServer& server)
      : inner_(make_in_process_transport(server)) {}
  Result<HttpResponse> send(const HttpRequest& request) override {
    if (++sent_ > 300) {
      HttpResponse garbled;
      garbled.status = 400;
      return garbled;
    }
    return inner_->send(request);
  }

 private:
  std::unique_ptr<Transport> inner_;
  std::size_t sent_ = 0;
};

TEST(ApiFuzzer, TeardownRunsOnAFreshConnectionSoNothingLeaksWhenTheOldOneWentWrong) {
  ReferenceServer server(Catalog::builtin());
  const FuzzResult r = fuzz_api(
      Catalog::builtin(), library().cases, library().surface, server.fixtures(),
      [&server] { return std::make_unique<OutOfStepTransport>(server); }, small(1500));
  EXPECT_FALSE(r.violations.empty());  // the empty 400s are seen as what they are
  EXPECT_TRUE(r.leaks.empty()) << r.leaks.size() << " leaks, e.g. " << r.leaks.front();
}

}  // namespace
}  // namespace errcontract
