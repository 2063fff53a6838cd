// The API surface as data: every endpoint of the target (method, path,
// parameters with type, place and whether required, the auth it takes),
// loaded from cases/api.json (schema: cases/schema/api.schema.json). The
// fuzzer (errcontract/api_fuzzer.h) reads it to know what parameters an
// endpoint takes and which paths exist; tests hold it to the reference
// server's route table and to the catalog's endpoints.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "errcontract/case.h"
#include "errcontract/catalog.h"
#include "errcontract/result.h"

namespace errcontract {

enum class ParamPlace { kQuery, kForm, kJson };
enum class ParamType { kString, kInteger, kNumber, kBoolean, kArray, kObject };

const char* to_string(ParamPlace place);
const char* to_string(ParamType type);

struct ApiParameter {
  std::string name;
  ParamPlace place = ParamPlace::kQuery;
  ParamType type = ParamType::kString;
  bool required = false;
};

// How to delete what a successful request to an endpoint created: the
// request that undoes it, whose ${NAME} are the creating request's parameters
// (as sent) or values captured from its response, and ${fixture:NAME}. With
// no Authorization of its own it carries the creating request's. The fuzzer
// sends it at the end of a run for each resource a request of its own made,
// and reports as leaked what it could not delete (docs/fuzz-api.md, "Leaks").
struct ApiUndo {
  RequestSpec request;
  std::vector<std::pair<std::string, std::string>> capture;  // name -> JSON Pointer
  std::vector<int> status;  // the answers that mean "gone" (deleted, or not there)
  // The variables (not fixtures) `request` names in its path, query and
  // body: what the created resource is known by ("bucket_name"; a token's
  // "name", not the "access_token" only its Authorization header uses).
  std::vector<std::string> identity;
};

struct ApiEndpoint {
  std::string method;       // "PUT"
  std::string path;         // "/operators/" (the legacy form, with its trailing slash)
  bool needs_token = true;  // "auth": "bearer"; false for "none"
  std::string param_error;  // the code the endpoint answers malformed input with
  std::vector<ApiParameter> parameters;
  std::optional<ApiUndo> undo;  // for endpoints that create something
  std::size_t line = 0;         // where the endpoint starts in its file

  std::string text() const { return method + " " + path; }
};

struct ApiSurface {
  std::vector<ApiEndpoint> endpoints;

  // Errors list every problem, one per line, "file:line: what" (unknown
  // place or type, duplicate endpoint, duplicate parameter, a param_error
  // the catalog does not hold, an undo that uses a variable the endpoint does
  // not provide or goes to an endpoint the surface does not have).
  static Result<ApiSurface> parse(std::string_view json, std::string_view source_name,
                                  const Catalog& catalog);
  static Result<ApiSurface> load_file(const std::string& path, const Catalog& catalog);

  // The endpoint with this method and path (a trailing slash aside), or nullptr.
  const ApiEndpoint* find(std::string_view method, std::string_view path) const;
};

// Catalog endpoints ("PUT /operators/") that `surface` does not describe.
std::vector<std::string> undescribed_catalog_endpoints(const ApiSurface& surface,
                                                       const Catalog& catalog);

}  // namespace errcontract
