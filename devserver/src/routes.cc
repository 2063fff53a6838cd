// The legacy (2015) paths of api-surface.md section 2a, and inferred ones
// where no public source names a path (docs/reference-server.md lists them).
#include "routes.h"

#include "account_handlers.h"
#include "agent_handlers.h"
#include "cdn_edge_handlers.h"
#include "https_handlers.h"
#include "thirdparty_handlers.h"
#include "wallet_handlers.h"

namespace errcontract::internal {
namespace {

constexpr std::string_view kBucketParam = "21201";
constexpr std::string_view kOperatorParam = "21401";
constexpr std::string_view kAccountParam = "21101";

std::vector<Route> build_routes() {
  std::vector<Route> r = {
      {"/accounts/profile", "GET", get_profile, kAccountParam},
      {"/buckets", "GET", list_buckets, kBucketParam},
      {"/buckets", "PUT", create_bucket, kBucketParam},
      {"/buckets", "DELETE", delete_bucket, kBucketParam},
      {"/buckets/info", "GET", bucket_info, kBucketParam},
      {"/buckets/quota", "POST", set_quota, kBucketParam},
      {"/buckets/visible", "POST", set_visible, kBucketParam},
      {"/buckets/formapi", "POST", set_formapi, kBucketParam},
      {"/buckets/cdn", "GET", get_cdn_origin, kBucketParam},
      {"/buckets/cdn", "POST", set_cdn_origin, kBucketParam},
      {"/buckets/domains", "GET", list_domains, kBucketParam},
      {"/buckets/domains", "PUT", bind_domain, kBucketParam},
      {"/buckets/domains", "DELETE", unbind_domain, kBucketParam},
      {"/buckets/domains/https", "POST", set_domain_https, kBucketParam},
      {"/buckets/domains/verify", "PUT", issue_verify_hash, kBucketParam},
      {"/buckets/domains/verify", "POST", check_verify_hash, kBucketParam},
      {"/buckets/antileech", "GET", get_antileech, kBucketParam},
      {"/buckets/antileech/ip", "POST", set_antileech_ips, kBucketParam},
      {"/buckets/antileech/useragent", "POST", set_antileech_user_agents, kBucketParam},
      {"/buckets/antileech/domain", "POST", set_antileech_domains, kBucketParam},
      {"/buckets/thumbnails", "GET", list_thumbnails, kBucketParam},
      {"/buckets/thumbnails", "PUT", create_thumbnail, kBucketParam},
      {"/buckets/thumbnails", "POST", update_thumbnail, kBucketParam},
      {"/buckets/thumbnails", "DELETE", delete_thumbnail, kBucketParam},
      {"/buckets/watermark", "GET", get_watermark, kBucketParam},
      {"/buckets/watermark", "POST", set_watermark, kBucketParam},
      {"/buckets/operators", "GET", list_bucket_operators, kOperatorParam},
      {"/buckets/operators", "PUT", grant_operator, kOperatorParam},
      {"/buckets/operators", "DELETE", revoke_operator, kOperatorParam},
      {"/operators", "GET", list_operators, kOperatorParam},
      {"/operators", "PUT", create_operator, kOperatorParam},
      {"/operators", "POST", update_operator, kOperatorParam},
      {"/operators", "DELETE", delete_operator, kOperatorParam},
      {"/purge", "POST", purge, kBucketParam},
      // Module 217: HTTPS certificates (https_handlers.h).
      {"/https/certificate", "POST", upload_certificate, kHttpsParamError},
      {"/https/certificate", "DELETE", delete_certificate, kHttpsParamError},
      {"/https/certificate/info", "GET", certificate_info, kHttpsParamError},
      {"/https/certificate/list", "GET", list_certificates, kHttpsParamError},
      {"/https/certificate/manager", "GET", certificate_domains, kHttpsParamError},
      {"/https/certificate/manager", "POST", set_certificate_domain, kHttpsParamError},
      {"/https/services/manager", "GET", domain_https_service, kHttpsParamError},
      {"/https/migrate/domain", "POST", migrate_domain_certificate, kHttpsParamError},
      // Modules 216, 218 and 219: CDN edge settings, minify, statistics
      // (cdn_edge_handlers.h). `true, true`: the body is structured JSON.
      {"/preheat", "POST", preheat, kBucketParam},
      {"/buckets/purge/batch", "POST", purge_rules, kPurgeRuleParamError},
      {"/buckets/cdn/expired", "POST", set_cdn_expired, kBucketParam},
      {"/v2/buckets/cdn/source", "GET", get_cdn_source, kOriginParamError},
      {"/v2/buckets/cdn/source", "POST", set_cdn_source, kOriginParamError, true, true},
      {"/v2/buckets/cdn/cache", "GET", get_cdn_cache, kCacheRuleParamError},
      {"/v2/buckets/cdn/cache", "POST", set_cdn_cache, kCacheRuleParamError, true, true},
      {"/v2/buckets/cdn/dynamic", "GET", get_cdn_dynamic, kBucketParam},
      {"/v2/buckets/cdn/dynamic", "POST", set_cdn_dynamic, kBucketParam},
      {"/buckets/minify", "GET", get_minify, kMinifyParamError},
      {"/buckets/minify", "POST", set_minify, kMinifyParamError},
      {"/stats", "GET", get_stats, kBucketParam},
      // Modules 211 and 213: accounts, OAuth grants, agents' orders
      // (account_handlers.h, agent_handlers.h). `false`: no Bearer token; the
      // caller is an agent (client_id/client_secret) or has lost its password.
      {"/accounts", "PUT", create_account, kAccountParam, false},
      {"/accounts", "POST", update_account, kAccountParam},
      {"/accounts", "DELETE", close_account, kAccountParam, false},
      {"/accounts/usage", "GET", get_usage, kAccountParam},
      {"/accounts/mobile", "POST", change_mobile, kAccountParam},
      {"/accounts/mobile/code", "POST", send_mobile_code, kAccountParam},
      {"/accounts/mobile/verify", "POST", verify_mobile, kAccountParam},
      {"/accounts/email", "POST", change_email, kAccountParam},
      {"/accounts/email/code", "POST", send_email_code, kAccountParam},
      {"/accounts/email/verify", "POST", verify_email, kAccountParam},
      {"/accounts/password/reset", "POST", request_password_reset, kAccountParam, false},
      {"/accounts/password/reset/confirm", "POST", confirm_password_reset, kAccountParam, false},
      {"/oauth/access_token", "POST", grant_access_token, kAccountParam, false},
      {"/agents", "GET", get_agent, kAgentParamError, false},
      {"/agents/orders", "GET", list_agent_orders, kAgentParamError, false},
      {"/agents/orders", "PUT", create_agent_order, kAgentParamError, false},
      {"/agents/orders", "DELETE", cancel_agent_order, kAgentParamError, false},
      {"/agents/orders/pay", "POST", pay_agent_order, kAgentParamError, false},
      // Modules 215, 220, 221 and 222 (thirdparty_handlers.h, wallet_handlers.h).
      // `false`: partners' signed callbacks, and token issue by username and password.
      {"/accounts/bindings", "GET", list_bindings, kBindingParamError},
      {"/accounts/bindings", "PUT", bind_service, kBindingParamError},
      {"/accounts/bindings", "DELETE", unbind_service, kBindingParamError},
      {"/accounts/bindings/testin", "GET", testin_user, kBindingParamError},
      {"/accounts/bindings/callback", "POST", binding_callback, kBindingParamError, false},
      {"/accounts/verification", "GET", get_verification, kVerificationParamError},
      {"/accounts/verification", "POST", submit_verification, kVerificationParamError},
      {"/accounts/verification/callback", "POST", verification_callback, kVerificationParamError,
       false},
      {"/oauth/tokens", "POST", create_named_token, kTokenGrantParamError, false},
      {"/oauth/tokens", "GET", list_named_tokens, kTokenParamError},
      {"/oauth/tokens", "DELETE", delete_named_token, kTokenParamError},
      {"/tickets", "GET", list_tickets, kTicketPageError},
      {"/tickets/info", "GET", ticket_info, kTicketParamError},
      {"/tickets/activate", "POST", activate_ticket, kTicketParamError},
      {"/orders", "GET", list_orders, kOrderParamError},
      {"/orders", "POST", create_order, kOrderParamError},
      {"/orders/resources", "GET", list_resources, kOrderParamError},
  };
  // A 2014 client bound domains through the singular path (api-surface.md E9).
  for (const Route& route : std::vector<Route>(r)) {
    if (route.path == "/buckets/domains") {
      r.push_back(Route{"/buckets/domain", route.method, route.handler, route.param_error});
    }
  }
  return r;
}

}  // namespace

const std::vector<Route>& all_routes() {
  static const std::vector<Route> routes = build_routes();
  return routes;
}

RouteMatch match_route(std::string_view path, std::string_view method) {
  if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  RouteMatch match;
  for (const Route& route : all_routes()) {
    if (route.path != path) continue;
    match.path_known = true;
    if (!match.allow.empty()) match.allow += ", ";
    match.allow += route.method;
    if (route.method == method) match.route = &route;
  }
  return match;
}

}  // namespace errcontract::internal
