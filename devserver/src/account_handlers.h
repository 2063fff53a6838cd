// Module 211 (accounts): creating and closing accounts (by an agent, no
// Bearer token), the profile and usage, the OAuth password grant, changing
// and verifying the mobile number and the security email, and password
// resets. The codes each handler answers with are listed in
// docs/reference-server.md, "Accounts (module 211)".
#pragma once

#include "handlers.h"

namespace errcontract::internal {

Reply create_account(Call& call);  // account_handlers.cc
Reply update_account(Call& call);
Reply close_account(Call& call);
Reply get_usage(Call& call);
Reply grant_access_token(Call& call);
Reply change_mobile(Call& call);  // account_verify_handlers.cc
Reply send_mobile_code(Call& call);
Reply verify_mobile(Call& call);
Reply change_email(Call& call);
Reply send_email_code(Call& call);
Reply verify_email(Call& call);
Reply request_password_reset(Call& call);  // password_reset_handlers.cc
Reply confirm_password_reset(Call& call);

}  // namespace errcontract::internal
