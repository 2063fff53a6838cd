// The HTTPS certificate endpoints of module 217 (api-surface.md section 2:
// /https/certificate/, /https/certificate/info/, /https/certificate/manager/,
// /https/services/manager/, /https/migrate/domain/), on api.upyun.com paths
// with the legacy trailing slash. Rules are listed in docs/reference-server.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "certificate_check.h"
#include "handlers.h"

namespace errcontract::internal {

// Module 217 has no "bad parameter" code: "parms missing" answers a missing,
// empty or unreadable parameter on every /https/ route.
inline constexpr std::string_view kHttpsParamError = "21704";

// Stores `pem`, whose leaf `info` describes (check_certificate_and_key found
// no problem), as a certificate of `account` uploaded at `now`. The upload
// uses it, and so does the seed for the fixture accounts that hold one.
const Certificate& store_certificate(ServerState& state, Account& account, std::string pem,
                                     const CertificateInfo& info, std::int64_t now);

Reply upload_certificate(Call& call);          // POST /https/certificate/
Reply delete_certificate(Call& call);          // DELETE /https/certificate/
Reply certificate_info(Call& call);            // GET /https/certificate/info/
Reply list_certificates(Call& call);           // GET /https/certificate/list/
Reply certificate_domains(Call& call);         // GET /https/certificate/manager/
Reply set_certificate_domain(Call& call);      // POST /https/certificate/manager/
Reply domain_https_service(Call& call);        // GET /https/services/manager/
Reply migrate_domain_certificate(Call& call);  // POST /https/migrate/domain/

}  // namespace errcontract::internal
