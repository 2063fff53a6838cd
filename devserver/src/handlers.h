// The handler interface of the reference server: a Call (the locked state,
// the authenticated account, the parsed request, the time) goes in, a Reply
// (a success body or an error code) comes out. The dispatcher turns error
// codes into envelopes, so a handler never formats an error body itself.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "request_params.h"
#include "state.h"

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
  static Reply error(std::string code, std::string detail = {}) {
    return Reply{0, std::move(code), std::move(detail), {}};
  }
  bool is_error() const { return !code.empty(); }
};

struct Call {
  ServerState& state;
  Account& account;
  const ParsedRequest& request;
  std::int64_t now;
  std::string_view param_error;  // the module's "bad parameter" code for this route
  // false only on a needs_token=false route called without a valid Bearer
  // token: `account` is then an empty placeholder, not a stored account.
  bool authenticated = true;

  const std::string* param(std::string_view name) const { return request.params.get(name); }
  Reply bad_param() const { return Reply::error(std::string(param_error)); }
};

using Handler = Reply (*)(Call&);

// The caller's bucket named by `bucket_name`: the route's parameter error when
// the parameter is missing or empty, 21203 when no such bucket is the caller's.
std::optional<Reply> find_bucket(Call& call, Bucket*& bucket);

// Handlers, grouped by file.
Reply get_profile(Call& call);  // bucket_handlers.cc
Reply list_buckets(Call& call);
Reply create_bucket(Call& call);
Reply delete_bucket(Call& call);
Reply bucket_info(Call& call);
Reply set_quota(Call& call);
Reply set_visible(Call& call);
Reply set_formapi(Call& call);
Reply get_cdn_origin(Call& call);  // cdn_handlers.cc
Reply set_cdn_origin(Call& call);
Reply purge(Call& call);
Reply list_domains(Call& call);  // domain_handlers.cc
Reply bind_domain(Call& call);
Reply unbind_domain(Call& call);
Reply set_domain_https(Call& call);
Reply issue_verify_hash(Call& call);  // domain_verify_handlers.cc
Reply check_verify_hash(Call& call);
Reply get_antileech(Call& call);  // antileech_handlers.cc
Reply set_antileech_ips(Call& call);
Reply set_antileech_user_agents(Call& call);
Reply set_antileech_domains(Call& call);
Reply list_thumbnails(Call& call);  // media_handlers.cc
Reply create_thumbnail(Call& call);
Reply update_thumbnail(Call& call);
Reply delete_thumbnail(Call& call);
Reply get_watermark(Call& call);
Reply set_watermark(Call& call);
Reply list_operators(Call& call);  // operator_handlers.cc
Reply create_operator(Call& call);
Reply update_operator(Call& call);
Reply delete_operator(Call& call);
Reply list_bucket_operators(Call& call);
Reply grant_operator(Call& call);
Reply revoke_operator(Call& call);

}  // namespace errcontract::internal
