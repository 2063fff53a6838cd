// The minimiser without a network: the differences between a request and its
// baseline, their reversion, and the greedy search against a fake oracle.
#include "fuzzapi/minimiser.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace errcontract::internal {
namespace {

RequestSpec baseline() {
  RequestSpec r;
  r.method = "POST";
  r.path = "/buckets/";
  r.auth = "token";
  r.query = {{"a", "1"}, {"b", "2"}};
  r.headers = {{"X-Trace", "t"}};
  r.body_kind = BodyKind::kJson;
  r.json = R"({"bucket_name":"b1","quota":10})";
  return r;
}

// Six changes: method, auth, query b, headers X-Trace and X-New, JSON member quota.
RequestSpec mutated() {
  RequestSpec r = baseline();
  r.method = "PUT";
  r.auth.clear();
  r.headers = {{"X-Trace", "t"}, {"Authorization", "Basic Zm9vOmJhcg=="}, {"X-New", "n"}};
  r.headers.erase(r.headers.begin());  // X-Trace removed
  r.query = {{"b", "bad"}, {"a", "1"}};
  r.json = R"({"bucket_name":"b1","quota":2147483648})";
  return r;
}

std::vector<std::string> describe(const std::vector<RequestChange>& changes,
                                  const RequestSpec& to) {
  std::vector<std::string> out;
  for (const auto& c : changes) out.push_back(describe_change(c, to));
  return out;
}

TEST(RequestChanges, ListsEachIndependentDifferenceByName) {
  const auto changes = request_changes(baseline(), mutated());
  EXPECT_EQ(describe(changes, mutated()),
            (std::vector<std::string>{"method PUT", "Authorization: \"Basic Zm9vOmJhcg==\"",
                                      "query b=\"bad\"", "header X-Trace removed",
                                      "header X-New: \"n\"", "JSON member quota=2147483648"}));
}

TEST(RequestChanges, NoneBetweenARequestAndItself) {
  EXPECT_TRUE(request_changes(baseline(), baseline()).empty());
}

TEST(RequestChanges, ABodyOfAnotherKindIsOneChange) {
  RequestSpec to = baseline();
  to.body_kind = BodyKind::kRaw;
  to.raw = "[1,2,3]";
  to.content_type = "application/json";
  const auto changes = request_changes(baseline(), to);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].kind, ChangeKind::kBody);
  EXPECT_EQ(with_changes(baseline(), to, changes).raw, "[1,2,3]");
  EXPECT_EQ(with_changes(baseline(), to, {}).body_kind, BodyKind::kJson);
}

TEST(RequestChanges, DuplicatedAndMovedFormParametersRevertOneByOne) {
  RequestSpec from;
  from.method = "PUT";
  from.path = "/operators/";
  from.body_kind = BodyKind::kForm;
  from.form = {{"name", "n"}, {"password", "p"}};
  RequestSpec to = from;
  to.form = {{"password", "p"}, {"password", "p"}};  // name moved, password duplicated
  to.query = {{"name", "n"}};
  const auto changes = request_changes(from, to);
  EXPECT_EQ(describe(changes, to),
            (std::vector<std::string>{"query name=\"n\"", "form name removed",
                                      "form password=\"p\" password=\"p\""}));
  // Only the move to the query, not the duplicate.
  const RequestSpec moved = with_changes(from, to, {changes[0], changes[1]});
  EXPECT_EQ(moved.form, (KeyValues{{"password", "p"}}));
  EXPECT_EQ(moved.query, (KeyValues{{"name", "n"}}));
}

TEST(RequestChanges, AllChangesSendWhatTheMutatedRequestSends) {
  const RequestSpec to = mutated();
  const RequestSpec rebuilt = with_changes(baseline(), to, request_changes(baseline(), to));
  EXPECT_EQ(rebuilt.method, to.method);
  EXPECT_EQ(rebuilt.auth, to.auth);
  EXPECT_EQ(rebuilt.json, to.json);
  EXPECT_TRUE(request_changes(rebuilt, to).empty());
}

TEST(RequestChanges, LongAndBinaryValuesAreShownShort) {
  RequestSpec to = baseline();
  to.query = {{"a", std::string(5000, 'x')}, {"b", "\xff\xfe"}};
  EXPECT_EQ(describe(request_changes(baseline(), to), to),
            (std::vector<std::string>{"query a=\"" + std::string(24, 'x') + "...\" (5000 bytes)",
                                      "query b=\"\\xff\\xfe\""}));
}

// The fake oracle: the violation shows whenever query b is "bad", whatever
// else the request carries.
Probe needs_bad_b(const RequestSpec& r, std::vector<RequestSpec>& sent) {
  sent.push_back(r);
  for (const auto& [name, value] : r.query) {
    if (name == "b" && value == "bad") return Probe::kShows;
  }
  return Probe::kDoesNot;
}

TEST(MinimiseRequest, KeepsExactlyTheOneChangeTheViolationNeeds) {
  std::vector<RequestSpec> sent;
  const Minimised m = minimise_request(
      baseline(), mutated(), [&sent](const RequestSpec& r) { return needs_bad_b(r, sent); }, 64);
  EXPECT_TRUE(m.reproduced);
  EXPECT_FALSE(m.stopped);
  EXPECT_EQ(m.changes, 6u);
  ASSERT_EQ(m.kept.size(), 1u);
  EXPECT_EQ(m.kept[0].kind, ChangeKind::kQuery);
  EXPECT_EQ(m.kept[0].name, "b");
  // The baseline but for b: method, auth, headers and body reverted.
  RequestSpec expected = baseline();
  expected.query = {{"a", "1"}, {"b", "bad"}};
  EXPECT_EQ(m.request.method, expected.method);
  EXPECT_EQ(m.request.auth, expected.auth);
  EXPECT_EQ(m.request.headers, expected.headers);
  EXPECT_EQ(m.request.query, expected.query);
  EXPECT_EQ(m.request.json, expected.json);
  EXPECT_EQ(m.attempts, sent.size());
  // The original first, then one pass over six changes, then one over the one left.
  EXPECT_EQ(m.attempts, 1u + 6u + 1u);
}

TEST(MinimiseRequest, KeepsTwoChangesWhenTheViolationNeedsBoth) {
  // Shows only with method PUT and no auth.
  auto probe = [](const RequestSpec& r) {
    return r.method == "PUT" && r.auth.empty() ? Probe::kShows : Probe::kDoesNot;
  };
  const Minimised m = minimise_request(baseline(), mutated(), probe, 64);
  ASSERT_EQ(m.kept.size(), 2u);
  EXPECT_EQ(m.kept[0].kind, ChangeKind::kMethod);
  EXPECT_EQ(m.kept[1].kind, ChangeKind::kAuth);
  EXPECT_EQ(m.request.query, baseline().query);
}

TEST(MinimiseRequest, AViolationThatDoesNotShowAgainKeepsTheRequestAsSent) {
  std::size_t calls = 0;
  const Minimised m = minimise_request(
      baseline(), mutated(),
      [&calls](const RequestSpec&) {
        ++calls;
        return Probe::kDoesNot;
      },
      64);
  EXPECT_FALSE(m.reproduced);
  EXPECT_EQ(calls, 1u);
  EXPECT_EQ(m.kept.size(), 6u);
  EXPECT_EQ(m.request.query, mutated().query);
}

TEST(MinimiseRequest, StopsAtTheAttemptCap) {
  std::vector<RequestSpec> sent;
  const Minimised m = minimise_request(
      baseline(), mutated(), [&sent](const RequestSpec& r) { return needs_bad_b(r, sent); }, 3);
  EXPECT_EQ(sent.size(), 3u);
  EXPECT_EQ(m.attempts, 3u);
  EXPECT_TRUE(m.stopped);
  EXPECT_TRUE(m.reproduced);
  // Two reversions tried (method, auth), both dropped; the rest kept untried.
  EXPECT_EQ(m.kept.size(), 4u);
}

TEST(MinimiseRequest, AStopFromTheProbeEndsAtOnce) {
  std::size_t calls = 0;
  const Minimised m = minimise_request(
      baseline(), mutated(),
      [&calls](const RequestSpec&) { return ++calls == 1 ? Probe::kShows : Probe::kStop; }, 64);
  EXPECT_EQ(calls, 2u);
  EXPECT_TRUE(m.stopped);
  EXPECT_EQ(m.kept.size(), 6u);
}

TEST(MinimiseRequest, TheBaselineItselfNeedsNoRequest) {
  std::size_t calls = 0;
  const Minimised m = minimise_request(
      baseline(), baseline(),
      [&calls](const RequestSpec&) {
        ++calls;
        return Probe::kShows;
      },
      64);
  EXPECT_EQ(calls, 0u);
  EXPECT_EQ(m.changes, 0u);
}

FuzzResult two_violations() {
  FuzzResult result;
  FuzzViolation v;
  v.finding = "status.mismatch";
  v.code = "21204";
  v.mutation = "b=bad; method PUT";
  result.violations = {v, v};
  return result;
}

TEST(MinimiseViolations, TheTotalCapIsSharedAndAViolationWithoutBaselineIsSaidSo) {
  FuzzResult result = two_violations();
  const RequestSpec base = baseline();
  std::vector<ViolationOrigin> origins = {{mutated(), &base, "a"}, {mutated(), nullptr, "b"}};
  std::vector<RequestSpec> sent;
  minimise_violations(
      result, origins, [&sent](std::size_t, const RequestSpec& r) { return needs_bad_b(r, sent); },
      [](std::size_t, const RequestSpec& r) { return r; }, {64, 5});
  EXPECT_EQ(sent.size(), 5u);
  EXPECT_EQ(result.minimisation.requests, 5u);
  const FuzzViolation& first = result.violations[0];
  EXPECT_TRUE(first.minimised);
  EXPECT_EQ(first.original_mutation, "b=bad; method PUT");
  EXPECT_EQ(first.minimise_requests, 5u);
  EXPECT_NE(first.minimise_note.find("stopped by the attempt cap"), std::string::npos)
      << first.minimise_note;
  EXPECT_FALSE(result.violations[1].minimised);
  EXPECT_NE(result.violations[1].minimise_note.find("no baseline"), std::string::npos)
      << result.violations[1].minimise_note;
  EXPECT_EQ(result.violations[1].mutation, "b=bad; method PUT");
}

TEST(MinimiseViolations, RecordsTheKeptChangesAndTheFigures) {
  FuzzResult result = two_violations();
  const RequestSpec base = baseline();
  std::vector<ViolationOrigin> origins = {{mutated(), &base, "a"}, {mutated(), &base, "b"}};
  std::vector<RequestSpec> sent;
  minimise_violations(
      result, origins, [&sent](std::size_t, const RequestSpec& r) { return needs_bad_b(r, sent); },
      [](std::size_t, const RequestSpec& r) { return r; }, {64, 1000});
  for (const FuzzViolation& v : result.violations) {
    EXPECT_TRUE(v.minimised);
    EXPECT_EQ(v.mutation, "query b=\"bad\"");
    EXPECT_EQ(v.changes, 6u);
    EXPECT_EQ(v.changes_kept, 1u);
    EXPECT_EQ(v.request.query, (KeyValues{{"a", "1"}, {"b", "bad"}}));
    EXPECT_EQ(v.request.method, "POST");
  }
  EXPECT_EQ(result.minimisation.violations, 2u);
  EXPECT_EQ(result.minimisation.changes, 12u);
  EXPECT_EQ(result.minimisation.dropped, 10u);
  EXPECT_EQ(result.minimisation.requests, 16u);
  EXPECT_EQ(result.minimisation.not_reproduced, 0u);
}

}  // namespace
}  // namespace errcontract::internal
