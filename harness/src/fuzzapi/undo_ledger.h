// What a fuzzing run created, and how to delete it: a request of the fuzzer's
// own (a baseline, a mutation, a minimisation attempt) that succeeded on an
// endpoint with an undo (cases/api.json) made something; the ledger keeps the
// request that deletes it, built from the creating request's parameters and
// its response, for the end of the run.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "errcontract/api_surface.h"
#include "errcontract/case.h"
#include "errcontract/http.h"
#include "errcontract/template.h"
#include "result/redact.h"

namespace errcontract::internal {

struct UndoEntry {
  // The request (concrete, concrete_request.h) and, as its expected status,
  // the answers that mean "gone"; empty when `problem` is set.
  Step step;
  std::string made_by;  // "made by PUT /buckets/ (case bucket-create-taken, mutated)"
  std::string case_id;  // the baseline's case ("" from --corpus)
  std::string problem;  // why no undo could be built ("" none): a leak already
  // The creating request's credential is no fixture (a token a baseline's
  // setup obtained, for an account the setup made): the undo uses it, and
  // that baseline's teardown, which runs after the undos, removes the
  // resource with the account when the undo could not.
  bool borrowed_credential = false;
};

class UndoLedger {
 public:
  // `redactor` knows the fixture values: a credential it would hide is a
  // fixture, not borrowed.
  UndoLedger(const Fixtures& fixtures, const Redactor& redactor) : redactor_(redactor) {
    scope_.fixtures = &fixtures;
  }

  // Notes what `request` (concrete) made on `endpoint` when `response` is a
  // 2xx and the endpoint has an undo; `case_id` is its baseline's case (""
  // from --corpus), `mutated` whether it differs from that baseline. A second
  // request that made the same thing (the same undo request) adds nothing.
  void note(const ApiEndpoint& endpoint, const RequestSpec& request, const HttpResponse& response,
            const std::string& case_id, bool mutated);

  // In the order the resources were made.
  const std::vector<UndoEntry>& entries() const { return entries_; }

 private:
  const Redactor& redactor_;
  VariableScope scope_;
  std::vector<UndoEntry> entries_;
  std::set<std::string> keys_;  // the undo requests noted (their method, path and values)
};

}  // namespace errcontract::internal
