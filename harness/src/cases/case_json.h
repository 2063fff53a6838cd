// Reading case files: JSON -> Case values, with every shape, type, member-name
// and catalog problem recorded at its byte offset (see json_source_map.h), and
// the cross-step checks of variables, captures and fixtures. CaseLibrary
// (case_loader.cc) turns the problems into "file:line: what" messages.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "errcontract/case.h"
#include "errcontract/catalog.h"
#include "errcontract/fixture_declarations.h"
#include "json/json_source_map.h"
#include "text/did_you_mean.h"

namespace errcontract::internal {

// A string the runner expands, and where it is.
struct TemplateText {
  std::string text;
  std::size_t offset = 0;
};

// What the variable check needs to know about one step beyond Step itself.
struct StepSource {
  std::vector<TemplateText> texts;
  std::map<std::string, std::size_t> capture_offsets;  // capture name -> offset
  std::size_t auth_offset = 0;
};

struct CaseSource {
  Case& value;  // read in place: where the case ends up (a Case is large to move)
  std::size_t offset = 0;
  std::vector<TemplateText> listed_fixtures;  // the "fixtures" member's names
  std::vector<StepSource> steps;              // run order: setup..., trigger, teardown...
};

// Where read_case_file puts each case: `slot` gives the Case to read the
// next one into, and `on_case` gets it with its source once it is read (a
// large file never holds all its sources at once).
struct CaseSink {
  std::function<Case&()> slot;
  std::function<void(CaseSource&)> on_case;
};

// Reads a case file from the DOM that scan_json_source built with `map`
// into `sink`, and returns the problems. Does not check variables.
std::vector<JsonProblem> read_case_file(const rapidjson::Document& doc, const JsonSourceMap& map,
                                        const Catalog& catalog, const CaseSink& sink);

// Reads one request object (method, path, query, headers, auth, body) at
// `pointer`, as a step holds it; used for fixtures.json's "obtain".
void read_request_object(const rapidjson::Value& v, std::string_view pointer,
                         const JsonSourceMap& map, RequestSpec& request, StepSource& source,
                         std::vector<JsonProblem>& problems);

// Checks every ${...} of the case against run order (a capture is usable only
// after the step that captures it) and adds each ${fixture:X} and auth fixture
// to the case's fixtures. With `declared`, a fixture it does not declare (in
// "fixtures", an auth or a ${fixture:X}) is a problem with a did-you-mean.
void check_case_variables(CaseSource& source, const FixtureDeclarations* declared,
                          std::vector<JsonProblem>& problems);

// Names the format restricts (shared by the reader and the variable check).
bool is_fixture_name(std::string_view name);  // [a-z][a-z0-9_]*
bool is_capture_name(std::string_view name);  // [A-Za-z_][A-Za-z0-9_]*

}  // namespace errcontract::internal
