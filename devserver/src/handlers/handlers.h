// Every handler of the reference server, one block per catalog module and one
// file per module (handlers/<module>.cc, named as in cases/catalog.json), and
// the few rules one module's handlers share with another's. server/routes.cc
// binds each handler to its path, method and parameter-error code;
// docs/reference-server.md lists the codes each one answers with.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "rules/certificate_check.h"
#include "server/call.h"

namespace errcontract::internal {

// Shared between modules.

// The caller's bucket named by `bucket_name`: the route's parameter error when
// the parameter is missing or empty, 21203 when no such bucket is the caller's
// (bucket.cc).
std::optional<Reply> find_bucket(Call& call, Bucket*& bucket);
// The client named by the `client_id` and `client_secret` parameters: the
// route's parameter error when client_id is missing or empty, 21309 when no
// client has that id, 21310 when the secret is missing or wrong, or, with
// `agent_only`, when the client is not an agent (agent.cc).
std::optional<Reply> find_client(Call& call, OAuthClient*& client, bool agent_only);
// The storage rules for setting bucket `bucket` (empty: a new bucket) of
// `account` to `quota_gb` (POST /buckets/quota/, PUT /buckets/): 21307 when the
// account's bucket quotas would exceed its storage limit, 21302 when the
// quotas of all accounts of its agent would exceed the agent's pool (agent.cc).
std::optional<Reply> check_storage_quota(const ServerState& state, const Account& account,
                                         const std::string& bucket, std::int64_t quota_gb);
// 22005 when the caller's account has not passed real-name verification
// (verification.cc).
std::optional<Reply> require_verified(const Call& call);
// Stores `pem`, whose leaf `info` describes (check_certificate_and_key found
// no problem), as a certificate of `account` uploaded at `now`. The upload
// uses it, and so does the seed for the fixture accounts that hold one (https.cc).
const Certificate& store_certificate(ServerState& state, Account& account, std::string pem,
                                     const CertificateInfo& info, std::int64_t now);

// Module 211, account (account.cc): creating and closing accounts (by an
// agent, no Bearer token), the profile and usage, the OAuth password grant,
// changing and verifying the mobile number and the security email, password resets.
Reply get_profile(Call& call);
Reply create_account(Call& call);
Reply update_account(Call& call);
Reply close_account(Call& call);
Reply get_usage(Call& call);
Reply grant_access_token(Call& call);
Reply change_mobile(Call& call);
Reply send_mobile_code(Call& call);
Reply verify_mobile(Call& call);
Reply change_email(Call& call);
Reply send_email_code(Call& call);
Reply verify_email(Call& call);
Reply request_password_reset(Call& call);
Reply confirm_password_reset(Call& call);

// Module 212, bucket (bucket.cc): buckets and their switches, the legacy CDN
// origin and URL purge, custom domains and their verification,
// anti-hotlinking lists, thumbnails and the watermark.
Reply list_buckets(Call& call);
Reply create_bucket(Call& call);
Reply delete_bucket(Call& call);
Reply bucket_info(Call& call);
Reply set_quota(Call& call);
Reply set_visible(Call& call);
Reply set_formapi(Call& call);
Reply get_cdn_origin(Call& call);
Reply set_cdn_origin(Call& call);
Reply purge(Call& call);
Reply purge_bucket(Call& call);
Reply detect_domain(Call& call);
Reply list_domains(Call& call);
Reply bind_domain(Call& call);
Reply unbind_domain(Call& call);
Reply set_domain_https(Call& call);
Reply issue_verify_hash(Call& call);
Reply check_verify_hash(Call& call);
Reply get_antileech(Call& call);
Reply set_antileech_ips(Call& call);
Reply set_antileech_user_agents(Call& call);
Reply set_antileech_domains(Call& call);
Reply list_thumbnails(Call& call);
Reply create_thumbnail(Call& call);
Reply update_thumbnail(Call& call);
Reply delete_thumbnail(Call& call);
Reply get_watermark(Call& call);
Reply set_watermark(Call& call);

// Module 213, agent (agent.cc): an agent is an OAuth client that may create
// accounts, spends its own balance on orders that raise an account's storage
// limit, and hands out storage from a pool.
Reply get_agent(Call& call);
Reply list_agent_orders(Call& call);
Reply create_agent_order(Call& call);
Reply cancel_agent_order(Call& call);
Reply pay_agent_order(Call& call);

// Module 214, operator (operator.cc).
Reply list_operators(Call& call);
Reply create_operator(Call& call);
Reply update_operator(Call& call);
Reply delete_operator(Call& call);
Reply enable_operator(Call& call);
Reply disable_operator(Call& call);
Reply list_bucket_operators(Call& call);
Reply grant_operator(Call& call);
Reply revoke_operator(Call& call);

// Module 215, binding (binding.cc): third-party bindings and their partners'
// signed callback (no Bearer token).
Reply list_bindings(Call& call);
Reply bind_service(Call& call);
Reply unbind_service(Call& call);
Reply testin_user(Call& call);
Reply binding_callback(Call& call);

// Module 216, cdn (cdn.cc): preheat, rule purge, the default cache time,
// multi-origin servers, custom cache rules, dynamic acceleration. The legacy
// origin endpoint (21608) and domain binding (21607) are bucket.cc's.
Reply preheat(Call& call);
Reply purge_rules(Call& call);
Reply set_cdn_expired(Call& call);
Reply get_cdn_cache(Call& call);
Reply set_cdn_cache(Call& call);
Reply get_cdn_source(Call& call);
Reply set_cdn_source(Call& call);
Reply get_cdn_dynamic(Call& call);
Reply set_cdn_dynamic(Call& call);

// Module 217, https (https.cc): certificates and the domains they serve.
Reply upload_certificate(Call& call);
Reply delete_certificate(Call& call);
Reply certificate_info(Call& call);
Reply list_certificates(Call& call);
Reply certificate_domains(Call& call);
Reply set_certificate_domain(Call& call);
Reply domain_https_service(Call& call);
Reply migrate_domain_certificate(Call& call);

// Module 218, minify (minify.cc): css/js/html minification.
Reply get_minify(Call& call);
Reply set_minify(Call& call);

// Module 219, statistics (statistics.cc).
Reply get_stats(Call& call);

// Module 220, verification (verification.cc): real-name verification and its
// partner's signed callback (no Bearer token).
Reply get_verification(Call& call);
Reply submit_verification(Call& call);
Reply verification_callback(Call& call);

// Module 221, token (token.cc): self-service access tokens and vouchers (tickets).
Reply create_named_token(Call& call);
Reply list_named_tokens(Call& call);
Reply delete_named_token(Call& call);
Reply list_tickets(Call& call);
Reply ticket_info(Call& call);
Reply activate_ticket(Call& call);

// Module 222, purchase (purchase.cc): resources and orders.
Reply list_resources(Call& call);
Reply list_orders(Call& call);
Reply create_order(Call& call);

}  // namespace errcontract::internal
