// The cases that spend money or lock an account use accounts of their own
// (buyer_, ticket_lock_), so a second run against the same server meets the
// same state: the buyer's purchases are already made, the lock is renewed.
#include "seed/seed_wallet.h"

#include "seed/seed.h"

namespace errcontract::internal {
namespace {

constexpr std::int64_t kYuan = 100;

Ticket& add_ticket(ServerState& state, std::int64_t amount_cents, std::int64_t activate_before) {
  const std::string id = "t" + state.random_hex(23);
  Ticket& ticket = state.wallet.tickets[id];
  ticket = Ticket{id, amount_cents, activate_before, {}, 0};
  return ticket;
}

// Marks `ticket` as activated by `account` before the server started.
void activate(Ticket& ticket, Account& account, std::int64_t when) {
  ticket.owner = account.name;
  ticket.activated_at = when;
  account.wallet.tickets.push_back(ticket.id);
}

}  // namespace

void seed_wallet_fixtures(ServerState& state, Fixtures& fixtures, std::int64_t now) {
  for (const Resource& resource :
       {Resource{"storage-100g", 50 * kYuan, "100 GB of storage for a year"},
        Resource{"https-domain", 80 * kYuan, "HTTPS on one more custom domain for a year"},
        Resource{"cdn-traffic-1tb", 120 * kYuan, "1 TB of CDN traffic"},
        Resource{"log-analysis", 30 * kYuan, "access log analysis for a year"}}) {
    state.wallet.resources[resource.name] = resource;
  }

  // Three vouchers the main account activated a week ago: page 2 of 2 at
  // limit=2 exists, page 3 does not (22114).
  Account& main = state.accounts.at(fixtures.at("username"));
  for (int i = 0; i < 3; ++i) {
    Ticket& ticket = add_ticket(state, 10 * kYuan, now - kDay);
    activate(ticket, main, now - 7 * kDay);
    if (i == 0) fixtures["ticket_id"] = ticket.id;
  }
  // Another account's voucher: "not found" to the main account (22110), and
  // not activatable by it (22111).
  Ticket& theirs = add_ticket(state, 10 * kYuan, now - kDay);
  activate(theirs, state.accounts.at(fixtures.at("other_username")), now - 7 * kDay);
  fixtures["other_ticket_id"] = theirs.id;
  // A voucher nobody activated before its window closed a day ago (22111).
  fixtures["expired_ticket_id"] = add_ticket(state, 10 * kYuan, now - kDay).id;

  // The account the 22115 case locks with its own failed activations.
  add_account(state, fixtures, "ticket_lock_", now);

  // A buyer with 100 yuan: after the 80-yuan resource, 20 are left, less
  // than the 50-yuan one costs (22204); the 80-yuan one again is 22205.
  add_account(state, fixtures, "buyer_", now).profile.balance_cents = 100 * kYuan;
  fixtures["order_resource"] = "https-domain";
  fixtures["order_resource_2"] = "storage-100g";
}

}  // namespace errcontract::internal
