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

}  // namespace
}  // namespace errcontract::internal
