// What a fuzzing run created, and how to delete it: a request of the fuzzer's
// own (a baseline, a mutation, a minimisation attempt) that succeeded on an
// endpoint with an undo (cases/api.json) made something; the ledger keeps the
// request that deletes it, built from the creating request's parameters and
// its response, for the end of the run.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "errcontract/api_surface.h"
#include "errcontract/case.h"
#include "errcontract/http.h"
#include "errcontract/template.h"
#include "fuzzapi/concrete_request.h"
#include "fuzzapi/surface_request.h"
#include "result/redact.h"

namespace errcontract::internal {

struct UndoEntry {
  // The request (concrete, concrete_request.h) and, as its expected status,
  // the answers that mean "gone"; empty when `problem` is set.
  Step step;
  // What made the resource: its endpoint, and the request as sent with the
  // status it got (a reproducer of a request that acted on the resource
  // replays it as setup).
  const ApiEndpoint* endpoint = nullptr;
  Step made;
  // What the resource is known by: the creating request's parameters and
  // the values captured from its response, as concrete values ("$" as
  // "$$"); of those, identity() names the ones its undo sends.
  ParameterValues values;
  const std::vector<std::string>& identity() const { return endpoint->undo->identity; }
  std::string made_by;  // "made by PUT /buckets/ (case bucket-create-taken, mutated)"
  std::string case_id;  // the baseline's case ("" from --corpus)
  std::string problem;  // why no undo could be built ("" none): a leak already
  // The creating request's credential is no fixture (a token a baseline's
  // setup obtained, for an account the setup made): the undo uses it, and
  // that baseline's teardown, which runs after the undos, removes the
  // resource with the account when the undo could not.
  bool borrowed_credential = false;
};

// How a reproducer that acts on the resource refers to it, so that each
// replay makes its own: a value the creating request sent becomes
// "${uniq}VALUE" (two reproducers that ran side by side would otherwise make
// the same resource, and the second fail), and a value captured from the
// creating response becomes "${NAME}", captured again by the making step
// (`making_captures`: NAME -> JSON Pointer). A value `already_there` says
// was there before (a fixture's, one the case's setup made) stays.
References resource_references(const UndoEntry& made,
                               const std::function<bool(const std::string&)>& already_there);
std::map<std::string, std::string> making_captures(const UndoEntry& made);

// The values of `made`'s identity that its creating request sent (not
// captured from its response).
std::vector<std::string> sent_identity(const UndoEntry& made);

// Whether `request` still names the resource: holds the value of one of its
// identity's names (a mutation may have replaced them all).
bool names_resource(const RequestSpec& request, const UndoEntry& made);

class UndoLedger {
 public:
  // `redactor` knows the fixture values: a credential it would hide is a
  // fixture, not borrowed.
  UndoLedger(const Fixtures& fixtures, const Redactor& redactor) : redactor_(redactor) {
    scope_.fixtures = &fixtures;
  }

  // Notes what `request` (concrete) made on `endpoint` (which must outlive
  // the ledger: entries point at it) when `response` is a 2xx and the
  // endpoint has an undo; `case_id` is its baseline's case ("" from
  // --corpus), `mutated` whether it differs from that baseline. A second
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
