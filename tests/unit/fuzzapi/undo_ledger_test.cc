// The undo ledger: what a successful request made becomes the request that
// deletes it, built from the parameters as sent (wherever a mutation put
// them), values captured from the response, and the creator's credential.
#include "fuzzapi/undo_ledger.h"

#include <gtest/gtest.h>

#include <string>

namespace errcontract::internal {
namespace {

ApiEndpoint creating_endpoint() {
  ApiEndpoint e;
  e.method = "PUT";
  e.path = "/things/";
  e.parameters = {{"name", ParamPlace::kForm, ParamType::kString, true}};
  ApiUndo undo;
  undo.request.method = "DELETE";
  undo.request.path = "/things/";
  undo.request.query = {{"name", "${name}"}, {"id", "${id}"}, {"pw", "${fixture:password}"}};
  undo.capture = {{"id", "/id"}};
  undo.status = {200, 404};
  undo.identity = {"name", "id"};  // as ApiSurface::parse finds it
  e.undo = undo;
  return e;
}

RequestSpec creating_request(KeyValues form, KeyValues query = {}) {
  RequestSpec r;
  r.method = "PUT";
  r.path = "/things/";
  r.body_kind = BodyKind::kForm;
  r.form = std::move(form);
  r.query = std::move(query);
  r.headers = {{"Authorization", "Bearer captured-token"}};
  return r;
}

HttpResponse made(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

const Fixtures kFixtures = {{"password", "fixture-pw"}, {"token", "fixture-token"}};
const Redactor kRedactor(kFixtures);

TEST(UndoLedger, BuildsTheDeleteFromWhatWasSentAndAnswered) {
  UndoLedger ledger(kFixtures, kRedactor);
  ledger.note(creating_endpoint(), creating_request({{"name", "a$$b"}}), made(201, R"({"id": 7})"),
              "case-1", false);
  ASSERT_EQ(ledger.entries().size(), 1u);
  const UndoEntry& e = ledger.entries()[0];
  EXPECT_EQ(e.problem, "");
  EXPECT_EQ(e.step.request.method, "DELETE");
  EXPECT_EQ(e.step.request.query, (KeyValues{{"name", "a$$b"}, {"id", "7"}, {"pw", "fixture-pw"}}));
  EXPECT_EQ(e.step.request.headers, (KeyValues{{"Authorization", "Bearer captured-token"}}));
  EXPECT_TRUE(e.borrowed_credential);  // no fixture: a token some setup obtained
  EXPECT_EQ(e.case_id, "case-1");
  EXPECT_EQ(e.step.expect.status, (std::vector<int>{200, 404}));
}

TEST(UndoLedger, FindsAParameterAMutationMovedToTheQuery) {
  UndoLedger ledger(kFixtures, kRedactor);
  ledger.note(creating_endpoint(), creating_request({}, {{"name", "moved"}}),
              made(200, R"({"id": 1})"), "", false);
  ASSERT_EQ(ledger.entries().size(), 1u);
  EXPECT_EQ(ledger.entries()[0].step.request.query[0],
            (std::pair<std::string, std::string>{"name", "moved"}));
}

TEST(UndoLedger, OnlyASuccessMadeSomethingAndTheSameThingIsNotedOnce) {
  UndoLedger ledger(kFixtures, kRedactor);
  ledger.note(creating_endpoint(), creating_request({{"name", "x"}}), made(409, R"({"id": 1})"), "",
              false);
  EXPECT_TRUE(ledger.entries().empty());
  ledger.note(creating_endpoint(), creating_request({{"name", "x"}}), made(201, R"({"id": 1})"), "",
              false);
  ledger.note(creating_endpoint(), creating_request({{"name", "x"}}), made(201, R"({"id": 1})"), "",
              false);
  EXPECT_EQ(ledger.entries().size(), 1u);
}

TEST(UndoLedger, WhatCannotBeBuiltIsALeakThatSaysWhy) {
  UndoLedger ledger(kFixtures, kRedactor);
  ledger.note(creating_endpoint(), creating_request({{"name", "x"}}), made(201, "{}"), "", false);
  ledger.note(creating_endpoint(), creating_request({}), made(201, R"({"id": 2})"), "", false);
  ASSERT_EQ(ledger.entries().size(), 2u);
  EXPECT_EQ(ledger.entries()[0].problem, "cannot undo: the response has nothing at /id");
  EXPECT_NE(ledger.entries()[1].problem.find("cannot undo: "), std::string::npos);
  EXPECT_NE(ledger.entries()[1].problem.find("name"), std::string::npos)
      << ledger.entries()[1].problem;
}

TEST(UndoLedger, AFixtureCredentialIsNotBorrowed) {
  UndoLedger ledger(kFixtures, kRedactor);
  RequestSpec r = creating_request({{"name", "x"}});
  r.headers = {{"Authorization", "Bearer fixture-token"}};
  ledger.note(creating_endpoint(), r, made(201, R"({"id": 1})"), "", false);
  ASSERT_EQ(ledger.entries().size(), 1u);
  EXPECT_FALSE(ledger.entries()[0].borrowed_credential);
}

// A reproducer that acts on the resource makes its own: a sent name becomes
// ${uniq}NAME, a captured value ${NAME} captured again by the making step,
// and a value that was there before stays as it is.
TEST(UndoLedger, WhatTheResourceIsKnownByIsWrittenSoEachReplayMakesItsOwn) {
  const ApiEndpoint endpoint = creating_endpoint();  // entries point at it
  UndoLedger ledger(kFixtures, kRedactor);
  ledger.note(endpoint, creating_request({{"name", "thing-1"}}), made(201, R"({"id": 7000})"),
              "case-1", false);
  ASSERT_EQ(ledger.entries().size(), 1u);
  const UndoEntry& e = ledger.entries()[0];
  EXPECT_EQ(e.made.request.form, (KeyValues{{"name", "thing-1"}}));
  EXPECT_EQ(e.made.expect.status, std::vector<int>{201});
  EXPECT_EQ(making_captures(e), (std::map<std::string, std::string>{{"id", "/id"}}));
  EXPECT_EQ(sent_identity(e), std::vector<std::string>{"thing-1"});
  auto nothing_was_there = [](const std::string&) { return false; };
  EXPECT_EQ(resource_references(e, nothing_was_there),
            (References{{"thing-1", "${uniq}thing-1"}, {"7000", "${id}"}}));
  auto it_was_there = [](const std::string& v) { return v == "thing-1"; };
  EXPECT_EQ(resource_references(e, it_was_there), (References{{"7000", "${id}"}}));

  EXPECT_TRUE(names_resource(creating_request({}, {{"name", "thing-1"}}), e));
  EXPECT_FALSE(names_resource(creating_request({{"name", "thing-2"}}), e));
}

}  // namespace
}  // namespace errcontract::internal
