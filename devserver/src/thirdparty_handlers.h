// Modules 215 (third-party bindings) and 220 (real-name verification): the
// inferred paths /accounts/bindings/ and /accounts/verification/ of
// docs/catalog.md, their partners' signed callbacks (no Bearer token), and
// the verification gate other handlers call. Rules are listed in
// docs/reference-server.md, "Bindings and real-name verification".
#pragma once

#include <optional>
#include <string_view>

#include "handlers.h"

namespace errcontract::internal {

inline constexpr std::string_view kBindingParamError = "21501";
inline constexpr std::string_view kVerificationParamError = "22004";

Reply list_bindings(Call& call);     // GET /accounts/bindings/          (binding_handlers.cc)
Reply bind_service(Call& call);      // PUT /accounts/bindings/
Reply unbind_service(Call& call);    // DELETE /accounts/bindings/
Reply testin_user(Call& call);       // GET /accounts/bindings/testin/
Reply binding_callback(Call& call);  // POST /accounts/bindings/callback/ (no token)

Reply get_verification(Call& call);       // GET /accounts/verification/ (verification_handlers.cc)
Reply submit_verification(Call& call);    // POST /accounts/verification/
Reply verification_callback(Call& call);  // POST /accounts/verification/callback/ (no token)

// 22005 when the caller's account has not passed real-name verification.
std::optional<Reply> require_verified(const Call& call);

}  // namespace errcontract::internal
