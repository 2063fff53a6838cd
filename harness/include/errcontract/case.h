// A case is data: a request scenario that should make the target answer with
// one documented error code, plus the setup that builds the state it needs and
// the teardown that removes it. Loaded from cases/<module>.cases.json.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "errcontract/catalog.h"
#include "errcontract/result.h"

namespace errcontract {

using KeyValues = std::vector<std::pair<std::string, std::string>>;

enum class BodyKind { kNone, kForm, kJson, kRaw };

// Every string may hold ${run}, ${uniq}, ${env:NAME}, ${fixture:NAME} or a
// captured ${name}; they are expanded just before the request is sent.
struct RequestSpec {
  std::string method;
  std::string path;  // "/buckets/" (no query string; use `query`)
  KeyValues query;
  KeyValues headers;
  std::string
      auth;  // fixture name whose value is sent as "Authorization: Bearer <value>"; "" = none
  BodyKind body_kind = BodyKind::kNone;
  KeyValues form;            // kForm: application/x-www-form-urlencoded
  std::string json;          // kJson: the JSON text (string values may hold variables)
  std::string raw;           // kRaw: bytes as given
  std::string content_type;  // kRaw: the Content-Type to send ("" = none)
};

struct ExpectSpec {
  std::optional<std::string> error_code;  // the trigger request: defaults to the case's code
  std::vector<int> status;  // empty: the catalog's status (trigger) or any 2xx (setup/teardown)
  std::optional<std::string> message;  // overrides the catalog's message rule (exact match)
  // "contract": true (the trigger only): any response that keeps the contract
  // passes, whatever its code (check_contract_response); what fuzz-api writes.
  bool contract = false;
};

struct Step {
  RequestSpec request;
  ExpectSpec expect;
  std::map<std::string, std::string>
      capture;           // variable name -> JSON Pointer into the response body
  std::size_t line = 0;  // where the step starts in its file
};

struct Case {
  std::string id;
  std::string code;  // "" only for a case expecting the contract on a path no code lists
  std::string summary;
  std::vector<std::string> tags;
  std::vector<std::string> fixtures;  // fixture names the case needs (auth fixtures included)
  std::vector<Step> setup;
  Step trigger;          // the "request" + "expect" of the case
  std::string endpoint;  // the catalog endpoint of the code the trigger is on ("PUT /operators/")
  std::vector<Step> teardown;
  std::string file;  // path of the case file
  std::size_t line = 0;

  bool has_tag(std::string_view tag) const;
  std::string module() const { return code.size() == 5 ? code.substr(1, 2) : std::string(); }
};

struct FixtureDeclarations;  // errcontract/fixture_declarations.h

struct CaseLibrary {
  std::vector<Case> cases;
  // The library's fixtures.json; never null after load_dir (empty when the
  // directory has none), null after parse without declarations.
  std::shared_ptr<const FixtureDeclarations> declared;
  // "sha256:...": the digest of the files it was loaded from, each by its
  // file name and contents in name order (fixtures.json included), so two
  // copies of one library agree wherever they are (RunResult::cases_digest).
  std::string digest;

  // Loads every *.cases.json under `dir` (sorted by name) and validates each
  // case against the catalog and the fixtures `dir`/fixtures.json declares.
  // Errors list every problem, one per line, each "file:line: what" (unknown
  // code, duplicate id, unknown variable, undeclared fixture, ...).
  static Result<CaseLibrary> load_dir(const std::string& dir, const Catalog& catalog);
  // One case file. With `declared`, a fixture it does not declare is an
  // error; without, fixture names are not checked (a file on its own).
  static Result<CaseLibrary> parse(std::string_view json, std::string_view source_name,
                                   const Catalog& catalog,
                                   std::shared_ptr<const FixtureDeclarations> declared = nullptr);
  const Case* find(std::string_view id) const;
};

}  // namespace errcontract
