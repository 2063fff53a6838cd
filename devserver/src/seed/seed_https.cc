// Each state gets an account of its own, so cases that use it never disturb
// the main account's certificates, and the service of the main account stays
// valid for ever (kHttpsServiceForever).
//
// Two runs of the case library may share one server at the same time. So a
// state that a case would otherwise have to build first, and that another run
// could build or use up at the same moment, is seeded already built: the
// certificate is held before any case uploads it (21705 is per account), and
// the HTTPS quota is used up before any case turns HTTPS on (21235 is per
// account). Cases only read these accounts' certificates and quota.
#include "seed/seed_https.h"

#include <fmt/format.h>

#include <string>
#include <string_view>

#include "handlers/handlers.h"
#include "rules/certificate_check.h"
#include "seed/seed.h"

namespace errcontract::internal {

// cases/certs/dup.crt and dup.key, compiled in (devserver/CMakeLists.txt).
extern const std::string_view kHeldCertificatePem;
extern const std::string_view kHeldKeyPem;

namespace {

// Stores cases/certs/dup.crt for `account`, uploaded a day before start, and
// publishes its id as the fixture `fixture`.
void hold_certificate(ServerState& state, Account& account, Fixtures& fixtures,
                      const std::string& fixture, std::int64_t now) {
  const CertificateCheck check = check_certificate_and_key(kHeldCertificatePem, kHeldKeyPem);
  // The files are checked in; were they broken, the fixture would be missing
  // and its cases skipped with its name (DevServerCases.EveryFixtureIsSeeded).
  if (check.problem != PemProblem::kNone) return;
  fixtures[fixture] =
      store_certificate(state, account, std::string(kHeldCertificatePem), check.info, now - kDay)
          .id;
}

}  // namespace

void seed_https_fixtures(ServerState& state, Fixtures& fixtures, std::int64_t now) {
  // Paid up to a day before the server started: HTTPS cannot be turned on.
  // It holds a certificate, so turning HTTPS on needs no upload first.
  Account& lapsed = add_account(state, fixtures, "https_lapsed_", now);
  lapsed.https.service_until = now - kDay;
  hold_certificate(state, lapsed, fixtures, "https_lapsed_certificate_id", now);

  // Uploads validate, then the conversion for the edge servers fails.
  add_account(state, fixtures, "cert_broken_", now).https.conversion_broken = true;

  // Holds cases/certs/dup.crt: uploading it again is 21705; to the main
  // account it is another account's certificate (21706); it names nothing
  // under elsewhere.errcontract.test (21708).
  Account& holder = add_account(state, fixtures, "cert_holder_", now);
  hold_certificate(state, holder, fixtures, "cert_holder_certificate_id", now);

  // The per-bucket HTTPS switch (21235): as many custom domains as its quota
  // allows (2) have HTTPS on already, so turning on one more needs no setup
  // that fills the quota.
  Account& full = add_account(state, fixtures, "https_full_", now);
  const std::string zone = state.random_hex(10) + ".example.com";
  Bucket& bucket = state.create_bucket(full.name, "https-full-" + state.random_hex(10),
                                       BucketType::kFile, 0, now);
  for (std::int64_t i = 0; i < full.https_quota; ++i) {
    const std::string domain = fmt::format("www{}.{}", i, zone);
    bucket.custom_domains.push_back(domain);
    bucket.https_domains.insert(domain);
    state.domains[domain] = bucket.name;
  }
}

}  // namespace errcontract::internal
