// The HTTPS certificate endpoints of module 217 (api-surface.md section 2:
// /https/certificate/, /https/certificate/info/, /https/certificate/manager/,
// /https/services/manager/, /https/migrate/domain/), on api.upyun.com paths
// with the legacy trailing slash. Rules are listed in docs/reference-server.md.
#pragma once

#include <string_view>

#include "handlers.h"

namespace errcontract::internal {

// Module 217 has no "bad parameter" code: "parms missing" answers a missing,
// empty or unreadable parameter on every /https/ route.
inline constexpr std::string_view kHttpsParamError = "21704";

Reply upload_certificate(Call& call);          // POST /https/certificate/
Reply delete_certificate(Call& call);          // DELETE /https/certificate/
Reply certificate_info(Call& call);            // GET /https/certificate/info/
Reply list_certificates(Call& call);           // GET /https/certificate/list/
Reply certificate_domains(Call& call);         // GET /https/certificate/manager/
Reply set_certificate_domain(Call& call);      // POST /https/certificate/manager/
Reply domain_https_service(Call& call);        // GET /https/services/manager/
Reply migrate_domain_certificate(Call& call);  // POST /https/migrate/domain/

}  // namespace errcontract::internal
