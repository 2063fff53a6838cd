// Modules 221 (self-service access tokens, vouchers) and 222 (resource
// purchases): /oauth/tokens/ (api-surface.md 2b, with the legacy trailing
// slash), and the inferred /tickets/ and /orders/ paths of docs/catalog.md.
// Rules are listed in docs/reference-server.md, "Tokens, tickets and orders".
#pragma once

#include <string_view>

#include "handlers.h"

namespace errcontract::internal {

// POST /oauth/tokens/ checks the account's credentials: its malformed input
// is module 211's "user-related parameter error".
inline constexpr std::string_view kTokenGrantParamError = "21101";
inline constexpr std::string_view kTokenParamError = "22104";
inline constexpr std::string_view kTicketParamError = "22112";
inline constexpr std::string_view kTicketPageError = "22113";
inline constexpr std::string_view kOrderParamError = "22201";

Reply create_named_token(Call& call);  // POST /oauth/tokens/ (no token)  (token_handlers.cc)
Reply list_named_tokens(Call& call);   // GET /oauth/tokens/
Reply delete_named_token(Call& call);  // DELETE /oauth/tokens/

Reply list_tickets(Call& call);     // GET /tickets/                     (ticket_handlers.cc)
Reply ticket_info(Call& call);      // GET /tickets/info/
Reply activate_ticket(Call& call);  // POST /tickets/activate/

Reply list_resources(Call& call);  // GET /orders/resources/             (order_handlers.cc)
Reply list_orders(Call& call);     // GET /orders/
Reply create_order(Call& call);    // POST /orders/

}  // namespace errcontract::internal
