// Named tokens (22101-22104), vouchers (22110-22115) and purchases
// (22201-22205) of the reference server: each limit at N and N+1, the daily
// activation lock moved past midnight with the ManualClock, and balances
// that follow from earlier requests.
#include <gtest/gtest.h>

#include <string>

#include "devserver_support.h"

namespace errcontract::testing {
namespace {

class Wallet : public ::testing::Test {
 protected:
  Form token_form(const std::string& name, const std::string& who = "") {
    return {{"username", api.fixture(who + "username")},
            {"password", api.fixture(who + "password")},
            {"code", "abcdefghij-0123456789"},
            {"name", name},
            {"scope", "global"},
            {"expired_at", std::to_string(api.clock().now() + 3600)}};
  }
  HttpResponse issue(const Form& form) { return api.send("POST", "/oauth/tokens/", form, ""); }
  // A request authenticated with a token value rather than a fixture.
  HttpResponse send_as(const std::string& token, const std::string& method, const std::string& path,
                       const Form& query = {}) {
    HttpRequest request{method,
                        path + (query.empty() ? "" : "?" + encode_form(query)),
                        {{"Authorization", "Bearer " + token}},
                        {}};
    return api.service().handle(request);
  }
  // A voucher nobody activated yet, open for `window` seconds from now.
  std::string add_voucher(std::int64_t amount_cents, std::int64_t window = 3600) {
    return api.service().with_state([&](internal::ServerState& state) {
      const std::string id = "tv" + state.random_hex(10);
      state.wallet.tickets[id] =
          internal::Ticket{id, amount_cents, api.clock().now() + window, {}, 0};
      return id;
    });
  }
  HttpResponse activate(const std::string& id, const std::string& token = "token") {
    return api.send("POST", "/tickets/activate/", {{"ticket_id", id}}, token);
  }
  std::string balance(const std::string& token) {
    return string_member(api.send("GET", "/orders/", {}, token).body, "balance");
  }
  HttpResponse buy(const std::string& resource, const std::string& token = "buyer_token",
                   const std::string& username = "") {
    Form form{{"resource", resource}};
    if (!username.empty()) form.emplace_back("username", username);
    return api.send("POST", "/orders/", form, token);
  }
  DevApi api;
};

TEST_F(Wallet, IssuedTokenAuthenticatesUntilItExpires) {
  HttpResponse issued = issue(token_form("ci"));
  ASSERT_EQ(outcome(issued), "ok 200");
  const std::string token = string_member(issued.body, "access_token");
  EXPECT_EQ(outcome(send_as(token, "GET", "/buckets/")), "ok 200");
  EXPECT_NE(api.send("GET", "/oauth/tokens/").body.find("\"name\":\"ci\""), std::string::npos);
  api.clock().advance(3600);
  EXPECT_EQ(outcome(send_as(token, "GET", "/buckets/")), "11002 401");
}

TEST_F(Wallet, UnknownAccountIs22101) {
  Form form = token_form("ci");
  form[0].second = "nobody-here";
  EXPECT_EQ(outcome(issue(form)), "22101 404");
  Form wrong = token_form("ci");
  wrong[1].second = "not-the-password";
  EXPECT_EQ(outcome(issue(wrong)), "21107 403");
}

TEST_F(Wallet, MalformedTokenRequestIs21101) {
  Form short_code = token_form("ci");
  short_code[2].second = std::string(19, 'a');
  EXPECT_EQ(outcome(issue(short_code)), "21101 400");
  short_code[2].second = std::string(20, 'a');
  EXPECT_EQ(outcome(issue(short_code)), "ok 200");
  Form past = token_form("past");
  past[5].second = std::to_string(api.clock().now());
  EXPECT_EQ(outcome(issue(past)), "21101 400");
  EXPECT_EQ(outcome(issue(token_form(std::string(21, 'n')))), "21101 400");
}

TEST_F(Wallet, TenTokensPerAccountAndNamesAreUnique) {
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(outcome(issue(token_form("t" + std::to_string(i)))), "ok 200") << i;
  }
  EXPECT_EQ(outcome(issue(token_form("t10"))), "21101 400");
  // Another account has its own ten, and may reuse the names.
  EXPECT_EQ(outcome(issue(token_form("t0", "other_"))), "ok 200");
  EXPECT_EQ(outcome(api.send("DELETE", "/oauth/tokens/", {{"name", "t3"}})), "ok 200");
  EXPECT_EQ(outcome(issue(token_form("t0"))), "21101 400");
  EXPECT_EQ(outcome(issue(token_form("t10"))), "ok 200");
}

TEST_F(Wallet, DeleteByNameOrValue) {
  const std::string mine = string_member(issue(token_form("mine")).body, "access_token");
  const std::string theirs =
      string_member(issue(token_form("theirs", "other_")).body, "access_token");
  EXPECT_EQ(outcome(api.send("DELETE", "/oauth/tokens/")), "22104 400");
  EXPECT_EQ(outcome(api.send("DELETE", "/oauth/tokens/", {{"name", ""}})), "22104 400");
  EXPECT_EQ(outcome(api.send("DELETE", "/oauth/tokens/", {{"name", "nope"}})), "22102 404");
  EXPECT_EQ(outcome(api.send("DELETE", "/oauth/tokens/", {{"token", "f00"}})), "22102 404");
  // Names are per account: the other account's name is not found here.
  EXPECT_EQ(outcome(api.send("DELETE", "/oauth/tokens/", {{"name", "theirs"}})), "22102 404");
  EXPECT_EQ(outcome(api.send("DELETE", "/oauth/tokens/", {{"token", theirs}})), "22103 403");
  EXPECT_EQ(outcome(send_as(theirs, "GET", "/buckets/")), "ok 200");
  EXPECT_EQ(outcome(api.send("DELETE", "/oauth/tokens/", {{"token", mine}})), "ok 200");
  EXPECT_EQ(outcome(send_as(mine, "GET", "/buckets/")), "11001 401");
  EXPECT_EQ(api.send("GET", "/oauth/tokens/").body, "[]");
}

TEST_F(Wallet, TicketPagesFollowTheRealCount) {
  // The main account holds three vouchers.
  EXPECT_EQ(outcome(api.send("GET", "/tickets/", {{"limit", "2"}, {"page", "2"}})), "ok 200");
  EXPECT_EQ(outcome(api.send("GET", "/tickets/", {{"limit", "2"}, {"page", "3"}})), "22114 404");
  EXPECT_EQ(outcome(api.send("GET", "/tickets/", {{"limit", "3"}, {"page", "2"}})), "22114 404");
  // No vouchers: the first page exists, empty.
  EXPECT_EQ(outcome(api.send("GET", "/tickets/", {}, "buyer_token")), "ok 200");
  EXPECT_EQ(outcome(api.send("GET", "/tickets/", {{"page", "2"}}, "buyer_token")), "22114 404");
  // A fourth voucher makes page 4 of limit 1 exist, and page 5 still not.
  ASSERT_EQ(outcome(activate(add_voucher(500))), "ok 200");
  EXPECT_EQ(outcome(api.send("GET", "/tickets/", {{"limit", "1"}, {"page", "4"}})), "ok 200");
  EXPECT_EQ(outcome(api.send("GET", "/tickets/", {{"limit", "1"}, {"page", "5"}})), "22114 404");
}

TEST_F(Wallet, BadPageParametersAre22113) {
  for (const Form& form : {Form{{"page", "0"}}, Form{{"page", "x"}}, Form{{"page", "-1"}},
                           Form{{"limit", "0"}}, Form{{"limit", "101"}}, Form{{"page", ""}}}) {
    EXPECT_EQ(outcome(api.send("GET", "/tickets/", form)), "22113 400") << form[0].first;
  }
  EXPECT_EQ(outcome(api.send("GET", "/tickets/", {{"limit", "100"}})), "ok 200");
}

TEST_F(Wallet, AnotherAccountsTicketIsNotFound22110) {
  EXPECT_EQ(outcome(api.send("GET", "/tickets/info/", {{"ticket_id", api.fixture("ticket_id")}})),
            "ok 200");
  EXPECT_EQ(
      outcome(api.send("GET", "/tickets/info/", {{"ticket_id", api.fixture("other_ticket_id")}})),
      "22110 404");
  EXPECT_EQ(outcome(api.send("GET", "/tickets/info/", {{"ticket_id", "t-none"}})), "22110 404");
  EXPECT_EQ(outcome(api.send("GET", "/tickets/info/")), "22112 400");
  EXPECT_EQ(outcome(api.send("POST", "/tickets/activate/", {})), "22112 400");
}

TEST_F(Wallet, ActivationCreditsOnceWithinItsWindow) {
  const std::string voucher = add_voucher(1250, 3600);
  const std::string late = add_voucher(1250, 3600);
  EXPECT_EQ(balance("token"), "0.00");
  EXPECT_EQ(outcome(activate(voucher)), "ok 200");
  EXPECT_EQ(balance("token"), "12.50");
  EXPECT_EQ(outcome(activate(voucher)), "22111 403");
  EXPECT_EQ(outcome(activate(voucher, "other_token")), "22111 403");
  EXPECT_EQ(outcome(api.send("GET", "/tickets/info/", {{"ticket_id", voucher}}, "other_token")),
            "22110 404");
  api.clock().advance(3599);
  api.clock().advance(1);
  EXPECT_EQ(outcome(activate(late)), "22111 403");
  EXPECT_EQ(outcome(activate(api.fixture("expired_ticket_id"))), "22111 403");
  EXPECT_EQ(outcome(activate(api.fixture("other_ticket_id"))), "22111 403");
}

TEST_F(Wallet, FifthFailureLocksActivationUntilTheNextDay22115) {
  // Start of a UTC day, so the test moves exactly to the next one.
  api.clock().set(1'700'006'400);
  const std::string voucher = add_voucher(100, 3 * 86400);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(outcome(activate("guess-" + std::to_string(i))), "22110 404") << i;
  }
  EXPECT_EQ(outcome(activate(voucher)), "22115 403");
  EXPECT_EQ(outcome(activate(voucher, "other_token")), "ok 200");  // per account
  api.clock().advance(86399);
  EXPECT_EQ(outcome(activate("guess-5")), "22115 403");
  api.clock().advance(1);
  EXPECT_EQ(outcome(activate("guess-5")), "22110 404");
}

TEST_F(Wallet, UnactivatableTicketsDoNotCountAsFailures) {
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(outcome(activate(api.fixture("expired_ticket_id"))), "22111 403") << i;
  }
  for (int i = 0; i < 4; ++i) EXPECT_EQ(outcome(activate("guess")), "22110 404");
  EXPECT_EQ(outcome(activate(add_voucher(100))), "ok 200");
}

TEST_F(Wallet, PurchasesSpendTheBalance) {
  EXPECT_EQ(balance("buyer_token"), "100.00");
  EXPECT_EQ(outcome(buy(api.fixture("order_resource"))), "ok 200");
  EXPECT_EQ(balance("buyer_token"), "20.00");
  EXPECT_EQ(outcome(buy(api.fixture("order_resource"))), "22205 409");
  EXPECT_EQ(outcome(buy(api.fixture("order_resource_2"))), "22204 403");
  EXPECT_EQ(outcome(buy("log-analysis")), "22204 403");  // 30.00 > 20.00
  ASSERT_EQ(outcome(activate(add_voucher(1000), "buyer_token")), "ok 200");
  EXPECT_EQ(outcome(buy("log-analysis")), "ok 200");  // 30.00 = 30.00
  EXPECT_EQ(balance("buyer_token"), "0.00");
  HttpResponse orders = api.send("GET", "/orders/", {}, "buyer_token");
  EXPECT_NE(orders.body.find("\"resources\":[\"https-domain\",\"log-analysis\"]"),
            std::string::npos)
      << orders.body;
}

TEST_F(Wallet, OrderParameterErrors) {
  EXPECT_EQ(outcome(api.send("POST", "/orders/", {}, "buyer_token")), "22201 400");
  EXPECT_EQ(outcome(buy("https-domain", "buyer_token", "nobody-here")), "22202 404");
  EXPECT_EQ(outcome(buy("gold-plating")), "22203 404");
  EXPECT_EQ(outcome(buy("bad name")), "22203 404");
  EXPECT_EQ(balance("buyer_token"), "100.00");
}

TEST_F(Wallet, PurchaseOnBehalfOfAnotherAccount) {
  const std::string other = api.fixture("other_username");
  EXPECT_EQ(outcome(buy("storage-100g", "token", other)), "22204 403");
  EXPECT_EQ(outcome(buy("storage-100g", "buyer_token", other)), "ok 200");
  EXPECT_EQ(balance("buyer_token"), "50.00");
  EXPECT_EQ(balance("other_token"), "0.00");
  EXPECT_EQ(outcome(buy("storage-100g", "buyer_token", other)), "22205 409");
  EXPECT_EQ(outcome(buy("storage-100g", "buyer_token")), "ok 200");
  EXPECT_EQ(balance("buyer_token"), "0.00");
}

}  // namespace
}  // namespace errcontract::testing
