// Vouchers (module 221, 10-15). A voucher is activated by its id, once,
// before its window closes; it then belongs to the account that activated
// it and its amount is credited to that account's balance. Guessing ids is
// what the daily failure limit stops: an unknown id counts as a failed
// activation, and after kTicketFailuresPerDay of them in one UTC day the
// account may not activate again until the next day (22115). A real voucher
// that cannot be activated (22111) is not a guess and is not counted.
// Another account's voucher is "not found" (22110), as the table says.
#include <algorithm>

#include "json_out.h"
#include "money.h"
#include "signature.h"
#include "validate.h"
#include "wallet_handlers.h"

namespace errcontract::internal {
namespace {

constexpr std::size_t kMaxTicketId = 64;

std::int64_t day_of(std::int64_t time) { return time >= 0 ? time / kDay : (time + 1) / kDay - 1; }

std::size_t failures_today(AccountWallet& wallet, std::int64_t now) {
  auto& times = wallet.activation_failures;
  times.erase(std::remove_if(times.begin(), times.end(),
                             [now](std::int64_t t) { return day_of(t) != day_of(now); }),
              times.end());
  return times.size();
}

// `ticket_id` of the request; the route's parameter error (22112) when it is
// missing or empty. A malformed id is simply one that does not exist.
std::optional<Reply> ticket_id_param(const Call& call, const std::string*& id) {
  id = call.param("ticket_id");
  if (id == nullptr || id->empty()) return call.bad_param();
  return std::nullopt;
}

void write_ticket(JsonOut& out, const Ticket& ticket) {
  out.open_object().key("ticket_id").str(ticket.id);
  out.key("amount").str(format_money(ticket.amount_cents));
  out.key("activate_before").num(ticket.activate_before);
  out.key("activated_at").num(ticket.activated_at).close_object();
}

// A page parameter: `fallback` when absent, 1..max otherwise; nullopt when malformed.
std::optional<std::int64_t> page_param(const Call& call, std::string_view name,
                                       std::int64_t fallback, std::int64_t max) {
  const std::string* text = call.param(name);
  if (text == nullptr) return fallback;
  std::optional<std::int64_t> value = parse_count(*text, max);
  if (!value || *value < 1) return std::nullopt;
  return value;
}

}  // namespace

Reply list_tickets(Call& call) {
  const std::optional<std::int64_t> page = page_param(call, "page", 1, kMaxTicketPage);
  const std::optional<std::int64_t> limit =
      page_param(call, "limit", kDefaultTicketPageSize, kMaxTicketPageSize);
  if (!page || !limit) return call.bad_param();
  const std::vector<std::string>& ids = call.account.wallet.tickets;
  const auto total = static_cast<std::int64_t>(ids.size());
  // An empty list still has its first (empty) page.
  const std::int64_t pages = std::max<std::int64_t>(1, (total + *limit - 1) / *limit);
  if (*page > pages) return Reply::error("22114");
  JsonOut out;
  out.open_object().key("tickets").open_array();
  for (std::int64_t i = (*page - 1) * *limit; i < std::min(total, *page * *limit); ++i) {
    write_ticket(out, call.state.wallet.tickets.at(ids[static_cast<std::size_t>(i)]));
  }
  out.close_array().key("pager").open_object();
  out.key("page").num(*page).key("limit").num(*limit).key("pages").num(pages);
  out.key("total").num(total).close_object().close_object();
  return Reply::ok(out.take());
}

Reply ticket_info(Call& call) {
  const std::string* id = nullptr;
  if (auto error = ticket_id_param(call, id)) return *error;
  auto it = call.state.wallet.tickets.find(*id);
  if (it == call.state.wallet.tickets.end() || it->second.owner != call.account.name) {
    return Reply::error("22110");
  }
  JsonOut out;
  write_ticket(out, it->second);
  return Reply::ok(out.take());
}

Reply activate_ticket(Call& call) {
  const std::string* id = nullptr;
  if (auto error = ticket_id_param(call, id)) return *error;
  AccountWallet& wallet = call.account.wallet;
  if (failures_today(wallet, call.now) >= kTicketFailuresPerDay) return Reply::error("22115");
  auto it = call.state.wallet.tickets.find(*id);
  if (it == call.state.wallet.tickets.end() || !is_identifier(*id, kMaxTicketId)) {
    wallet.activation_failures.push_back(call.now);
    return Reply::error("22110");
  }
  Ticket& ticket = it->second;
  if (!ticket.owner.empty() || call.now >= ticket.activate_before) return Reply::error("22111");
  ticket.owner = call.account.name;
  ticket.activated_at = call.now;
  wallet.tickets.push_back(ticket.id);
  std::int64_t& balance = call.account.profile.balance_cents;
  balance += ticket.amount_cents;
  JsonOut out;
  out.open_object().key("ticket_id").str(ticket.id);
  out.key("amount").str(format_money(ticket.amount_cents));
  out.key("balance").str(format_money(balance)).close_object();
  return Reply::ok(out.take());
}

}  // namespace errcontract::internal
