#include "model/state_leftovers.h"

#include <algorithm>
#include <map>
#include <string_view>

namespace errcontract::internal {
namespace {

// Each key of `live` that `earlier` lacks, as "WHAT KEY", unless `gone` says
// its entry is deleted as far as a client can tell (a closed account stays in
// the books with its name reserved, as the real API keeps it).
template <typename V, typename W, typename Gone>
void added_keys(std::string_view what, const std::map<std::string, V>& live,
                const std::map<std::string, W>& earlier, std::vector<std::string>& out, Gone gone) {
  for (const auto& entry : live) {
    if (!earlier.count(entry.first) && !gone(entry.second)) {
      out.push_back(std::string(what) + " " + entry.first);
    }
  }
}

template <typename V, typename W>
void added_keys(std::string_view what, const std::map<std::string, V>& live,
                const std::map<std::string, W>& earlier, std::vector<std::string>& out) {
  added_keys(what, live, earlier, out, [](const V&) { return false; });
}

}  // namespace

std::vector<std::string> leftovers(const ServerState& live, const ServerState& earlier) {
  std::vector<std::string> out;
  added_keys("account", live.accounts, earlier.accounts, out,
             [](const Account& a) { return a.profile.status == AccountStatus::kClosed; });
  added_keys("bucket", live.buckets, earlier.buckets, out);
  added_keys("domain", live.domains, earlier.domains, out);
  added_keys("operator", live.operators, earlier.operators, out);
  added_keys("certificate", live.certificates, earlier.certificates, out);
  added_keys("agent order", live.agents.orders, earlier.agents.orders, out,
             [](const AgentOrder& o) { return o.state == OrderState::kCancelled; });
  added_keys("order", live.wallet.orders, earlier.wallet.orders, out);
  // What a seeded bucket or account gained (a new one's contents go with it).
  for (const auto& [name, bucket] : live.buckets) {
    auto was = earlier.buckets.find(name);
    if (was == earlier.buckets.end()) continue;
    added_keys("bucket " + name + " thumbnail", bucket.thumbnails, was->second.thumbnails, out);
    added_keys("bucket " + name + " operator", bucket.operators, was->second.operators, out);
  }
  for (const auto& [name, account] : live.accounts) {
    auto was = earlier.accounts.find(name);
    if (was == earlier.accounts.end()) continue;
    added_keys("binding " + name, account.third_party.bindings, was->second.third_party.bindings,
               out);
    added_keys("named token " + name, account.wallet.tokens, was->second.wallet.tokens, out);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace errcontract::internal
