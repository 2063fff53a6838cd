// Resource purchases (module 222). One POST /orders/ buys one resource from
// the price list, for the caller or, with `username`, on behalf of another
// account; the caller pays from its balance (AccountProfile::balance_cents,
// which vouchers credit). A resource is owned once: buying it again is
// refused before any money moves (22205), and so is a purchase the balance
// cannot cover (22204). Orders are never refunded.
#include "handlers/handlers.h"

#include "model/money.h"
#include "rules/signature.h"
#include "server/json_out.h"

namespace errcontract::internal {
namespace {

constexpr std::size_t kMaxResourceName = 64;

void write_order(JsonOut& out, const Order& order) {
  out.open_object().key("order_id").str(order.id).key("resource").str(order.resource);
  out.key("username").str(order.owner).key("price").str(format_money(order.price_cents));
  out.key("created_at").num(order.created_at).close_object();
}

}  // namespace

Reply list_resources(Call& call) {
  JsonOut out;
  out.open_object().key("resources").open_array();
  for (const auto& [name, resource] : call.state.wallet.resources) {
    out.open_object().key("resource").str(name);
    out.key("price").str(format_money(resource.price_cents));
    out.key("description").str(resource.description).close_object();
  }
  out.close_array().close_object();
  return Reply::ok(out.take());
}

Reply list_orders(Call& call) {
  const AccountWallet& wallet = call.account.wallet;
  JsonOut out;
  out.open_object().key("balance").str(format_money(call.account.profile.balance_cents));
  out.key("resources").strings(wallet.resources).key("orders").open_array();
  for (const std::string& id : wallet.orders) write_order(out, call.state.wallet.orders.at(id));
  out.close_array().close_object();
  return Reply::ok(out.take());
}

Reply create_order(Call& call) {
  const std::string* resource_name = call.param("resource");
  if (resource_name == nullptr || resource_name->empty()) return call.bad_param();
  Account* owner = &call.account;
  if (const std::string* username = call.param("username"); username && !username->empty()) {
    auto it = call.state.accounts.find(*username);
    if (it == call.state.accounts.end() || it->second.profile.status == AccountStatus::kClosed) {
      return Reply::error("22202");
    }
    owner = &it->second;
  }
  auto resource = call.state.wallet.resources.find(*resource_name);
  if (!is_identifier(*resource_name, kMaxResourceName) ||
      resource == call.state.wallet.resources.end()) {
    return Reply::error("22203");
  }
  const Resource& item = resource->second;
  if (owner->wallet.resources.count(item.name) != 0) return Reply::error("22205");
  std::int64_t& balance = call.account.profile.balance_cents;
  if (balance < item.price_cents) return Reply::error("22204");
  balance -= item.price_cents;
  owner->wallet.resources.insert(item.name);
  Order order{"o" + call.state.random_hex(20),
              call.account.name,
              owner->name,
              item.name,
              item.price_cents,
              call.now};
  call.account.wallet.orders.push_back(order.id);
  JsonOut out;
  out.open_object().key("order_id").str(order.id).key("resource").str(order.resource);
  out.key("username").str(order.owner).key("price").str(format_money(order.price_cents));
  out.key("balance").str(format_money(balance)).close_object();
  call.state.wallet.orders.emplace(order.id, std::move(order));
  return Reply::ok(out.take());
}

}  // namespace errcontract::internal
