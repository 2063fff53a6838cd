// The reference server's route table: (path, method) -> handler, plus the
// module's "bad parameter" code each route answers malformed input with.
// Paths are stored without the trailing slash; requests match with or without it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "server/call.h"

namespace errcontract::internal {

struct Route {
  std::string_view path;
  std::string_view method;
  Handler handler;
  ErrorCode param_error;  // what the route answers malformed input with
  // false: the route authenticates its caller itself (client credentials,
  // a password grant, a verification callback), so the dispatcher does not
  // demand a Bearer token. A valid token, if sent, still binds its account.
  bool needs_token = true;
  // true: a JSON body is structured (arrays of objects), so the handler reads
  // ParsedRequest::json_body and only its scalar members become parameters.
  bool json_document = false;
};

struct RouteMatch {
  const Route* route = nullptr;  // set when path and method match
  bool path_known = false;       // the path exists (under another method)
  std::string allow;             // "GET, PUT": the methods the path takes
};

// `path` is the request path without the query string.
RouteMatch match_route(std::string_view path, std::string_view method);

// Every route, for the tests that hold the table to the catalog and the docs.
const std::vector<Route>& all_routes();

}  // namespace errcontract::internal
