// A case is data: a request scenario that should make the target answer with
// one documented error code, plus the setup that builds the state it needs and
// the teardown that removes it. Loaded from cases/<module>.cases.json.
#pragma once

#include <map>
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
  std::string code;
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

struct CaseLibrary {
  std::vector<Case> cases;
  // Loads every *.cases.json under `dir` (sorted by name) and validates each
  // case against the catalog. Errors list every problem, one per line, each
  // "file:line: what" (unknown code, duplicate id, unknown variable, ...).
  static Result<CaseLibrary> load_dir(const std::string& dir, const Catalog& catalog);
  static Result<CaseLibrary> parse(std::string_view json, std::string_view source_name,
                                   const Catalog& catalog);
  const Case* find(std::string_view id) const;
};

}  // namespace errcontract
