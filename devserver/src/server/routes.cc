// The legacy (2015) paths of api-surface.md section 2a, and inferred ones
// where no public source names a path (docs/reference-server.md lists them).
// This table is the one place that says which code a route answers malformed
// input with: the module's "parameter error" (xx01) where the module has one,
// otherwise the code the module's table uses for a bad or missing value.
// tests/unit/devserver/server_codes_test.cc holds every one to the catalog and
// every catalogued endpoint to a route here.
#include "server/routes.h"

#include "handlers/handlers.h"

namespace errcontract::internal {
namespace {

std::vector<Route> build_routes() {
  std::vector<Route> r = {
      // Modules 211 (21101), 212 (21201) and 214 (21401).
      {"/accounts/profile", "GET", get_profile, "21101"},
      {"/buckets", "GET", list_buckets, "21201"},
      {"/buckets", "PUT", create_bucket, "21201"},
      {"/buckets", "DELETE", delete_bucket, "21201"},
      {"/buckets/info", "GET", bucket_info, "21201"},
      {"/buckets/quota", "POST", set_quota, "21201"},
      {"/buckets/visible", "POST", set_visible, "21201"},
      {"/buckets/formapi", "POST", set_formapi, "21201"},
      {"/buckets/cdn", "GET", get_cdn_origin, "21201"},
      {"/buckets/cdn", "POST", set_cdn_origin, "21201"},
      {"/buckets/domains", "GET", list_domains, "21201"},
      {"/buckets/domains", "PUT", bind_domain, "21201"},
      {"/buckets/domains", "DELETE", unbind_domain, "21201"},
      {"/buckets/domains/https", "POST", set_domain_https, "21201"},
      {"/buckets/domains/verify", "PUT", issue_verify_hash, "21201"},
      {"/buckets/domains/verify", "POST", check_verify_hash, "21201"},
      {"/buckets/antileech", "GET", get_antileech, "21201"},
      {"/buckets/antileech/ip", "POST", set_antileech_ips, "21201"},
      {"/buckets/antileech/useragent", "POST", set_antileech_user_agents, "21201"},
      {"/buckets/antileech/domain", "POST", set_antileech_domains, "21201"},
      {"/buckets/thumbnails", "GET", list_thumbnails, "21201"},
      {"/buckets/thumbnails", "PUT", create_thumbnail, "21201"},
      {"/buckets/thumbnails", "POST", update_thumbnail, "21201"},
      {"/buckets/thumbnails", "DELETE", delete_thumbnail, "21201"},
      {"/buckets/watermark", "GET", get_watermark, "21201"},
      {"/buckets/watermark", "POST", set_watermark, "21201"},
      {"/buckets/operators", "GET", list_bucket_operators, "21401"},
      {"/buckets/operators", "PUT", grant_operator, "21401"},
      {"/buckets/operators", "DELETE", revoke_operator, "21401"},
      {"/operators", "GET", list_operators, "21401"},
      {"/operators", "PUT", create_operator, "21401"},
      {"/operators", "POST", update_operator, "21401"},
      {"/operators", "DELETE", delete_operator, "21401"},
      // Paths a 2015 client called (docs/reference-server.md, "client evidence").
      {"/operators/enable", "POST", enable_operator, "21401"},
      {"/operators/disable", "POST", disable_operator, "21401"},
      {"/buckets/purge", "POST", purge_bucket, "21201"},
      {"/buckets/domain/detect", "GET", detect_domain, "21201"},
      {"/purge", "POST", purge, "21201"},
      // Module 217 has no "bad parameter" code: 21704 "parms missing" answers a
      // missing, empty or unreadable parameter on every /https/ route.
      {"/https/certificate", "POST", upload_certificate, "21704"},
      {"/https/certificate", "DELETE", delete_certificate, "21704"},
      {"/https/certificate/info", "GET", certificate_info, "21704"},
      {"/https/certificate/list", "GET", list_certificates, "21704"},
      {"/https/certificate/manager", "GET", certificate_domains, "21704"},
      {"/https/certificate/manager", "POST", set_certificate_domain, "21704"},
      {"/https/services/manager", "GET", domain_https_service, "21704"},
      {"/https/migrate/domain", "POST", migrate_domain_certificate, "21704"},
      // Modules 216, 218 and 219: CDN edge settings, minify, statistics. Module
      // 216 has no "parameter error" code of its own: a malformed body is a
      // malformed rule (21605) or configuration (21619, 21620), and the older
      // bucket-level endpoints answer 21201. `true, true`: the body is structured JSON.
      {"/preheat", "POST", preheat, "21201"},
      {"/buckets/purge/batch", "POST", purge_rules, "21605"},
      {"/buckets/cdn/expired", "POST", set_cdn_expired, "21201"},
      {"/v2/buckets/cdn/source", "GET", get_cdn_source, "21619"},
      {"/v2/buckets/cdn/source", "POST", set_cdn_source, "21619", true, true},
      {"/v2/buckets/cdn/cache", "GET", get_cdn_cache, "21620"},
      {"/v2/buckets/cdn/cache", "POST", set_cdn_cache, "21620", true, true},
      {"/v2/buckets/cdn/dynamic", "GET", get_cdn_dynamic, "21201"},
      {"/v2/buckets/cdn/dynamic", "POST", set_cdn_dynamic, "21201"},
      {"/buckets/minify", "GET", get_minify, "21801"},
      {"/buckets/minify", "POST", set_minify, "21801"},
      {"/stats", "GET", get_stats, "21201"},
      // Modules 211 and 213: accounts, OAuth grants, agents' orders
      // (21101, 21301). `false`: no Bearer token; the
      // caller is an agent (client_id/client_secret) or has lost its password.
      {"/accounts", "PUT", create_account, "21101", false},
      {"/accounts", "POST", update_account, "21101"},
      {"/accounts", "DELETE", close_account, "21101", false},
      {"/accounts/usage", "GET", get_usage, "21101"},
      {"/accounts/mobile", "POST", change_mobile, "21101"},
      {"/accounts/mobile/code", "POST", send_mobile_code, "21101"},
      {"/accounts/mobile/verify", "POST", verify_mobile, "21101"},
      {"/accounts/email", "POST", change_email, "21101"},
      {"/accounts/email/code", "POST", send_email_code, "21101"},
      {"/accounts/email/verify", "POST", verify_email, "21101"},
      {"/accounts/password/reset", "POST", request_password_reset, "21101", false},
      {"/accounts/password/reset/confirm", "POST", confirm_password_reset, "21101", false},
      {"/oauth/access_token", "POST", grant_access_token, "21101", false},
      {"/agents", "GET", get_agent, "21301", false},
      {"/agents/orders", "GET", list_agent_orders, "21301", false},
      {"/agents/orders", "PUT", create_agent_order, "21301", false},
      {"/agents/orders", "DELETE", cancel_agent_order, "21301", false},
      {"/agents/orders/pay", "POST", pay_agent_order, "21301", false},
      // Modules 215 (21501), 220 (22004), 221 and 222 (22201 "params missing").
      // `false`: partners' signed callbacks, and token issue by username and
      // password, which checks the account's credentials: its malformed input is
      // module 211's 21101. Named tokens answer 22104 ("token is missing"),
      // tickets 22112 ("ticket id missed"), the ticket list 22113 ("page num error").
      {"/accounts/bindings", "GET", list_bindings, "21501"},
      {"/accounts/bindings", "PUT", bind_service, "21501"},
      {"/accounts/bindings", "DELETE", unbind_service, "21501"},
      {"/accounts/bindings/testin", "GET", testin_user, "21501"},
      {"/accounts/bindings/callback", "POST", binding_callback, "21501", false},
      {"/accounts/verification", "GET", get_verification, "22004"},
      {"/accounts/verification", "POST", submit_verification, "22004"},
      {"/accounts/verification/callback", "POST", verification_callback, "22004", false},
      {"/oauth/tokens", "POST", create_named_token, "21101", false},
      {"/oauth/tokens", "GET", list_named_tokens, "22104"},
      {"/oauth/tokens", "DELETE", delete_named_token, "22104"},
      {"/tickets", "GET", list_tickets, "22113"},
      {"/tickets/info", "GET", ticket_info, "22112"},
      {"/tickets/activate", "POST", activate_ticket, "22112"},
      {"/orders", "GET", list_orders, "22201"},
      {"/orders", "POST", create_order, "22201"},
      {"/orders/resources", "GET", list_resources, "22201"},
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
