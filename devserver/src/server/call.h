// The handler interface of the reference server: a Call (the locked state,
// the authenticated account, the parsed request, the time) goes in, a Reply
// (a success body or an error code) comes out. The dispatcher turns error
// codes into envelopes, so a handler never formats an error body itself.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "model/state.h"
#include "server/error_code.h"
#include "server/request_params.h"

namespace errcontract::internal {

inline constexpr char kResultTrue[] = R"({"result":true})";

struct Reply {
  int status = 200;
  std::string code;    // an error code from the catalog; empty on success
  std::string detail;  // for "...": the value appended to the catalog's message prefix
  std::string body;    // JSON, on success

  static Reply ok(std::string body = kResultTrue) { return Reply{200, {}, {}, std::move(body)}; }
  static Reply created(std::string body = kResultTrue) {
    return Reply{201, {}, {}, std::move(body)};
  }
  static Reply error(ErrorCode code, std::string detail = {}) {
    return Reply{0, code.str(), std::move(detail), {}};
  }
  bool is_error() const { return !code.empty(); }
};

struct Call {
  ServerState& state;
  Account& account;
  const ParsedRequest& request;
  std::int64_t now;
  ErrorCode param_error;  // the route's "bad parameter" code (server/routes.cc)
  // false only on a needs_token=false route called without a valid Bearer
  // token: `account` is then an empty placeholder, not a stored account.
  bool authenticated = true;

  const std::string* param(std::string_view name) const { return request.params.get(name); }
  Reply bad_param() const { return Reply::error(param_error); }
};

using Handler = Reply (*)(Call&);

}  // namespace errcontract::internal
