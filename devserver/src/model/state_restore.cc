#include "model/state_restore.h"

#include <iterator>
#include <map>

namespace errcontract::internal {
namespace {

// A value compared whole, and copied whole when it differs.
template <typename T>
bool restore_value(T& live, const T& earlier) {
  if (live == earlier) return false;
  live = earlier;
  return true;
}

// A map entry by entry, in key order: entries only one side has are erased or
// inserted, entries both have are compared and copied only when they differ.
template <typename K, typename V, typename C, typename A>
bool restore_value(std::map<K, V, C, A>& live, const std::map<K, V, C, A>& earlier) {
  bool changed = false;
  auto l = live.begin();
  auto e = earlier.begin();
  const C less = live.key_comp();
  while (e != earlier.end()) {
    if (l == live.end() || less(e->first, l->first)) {
      l = std::next(live.emplace_hint(l, *e));
      ++e;
      changed = true;
    } else if (less(l->first, e->first)) {
      l = live.erase(l);
      changed = true;
    } else {
      changed |= restore_value(l->second, e->second);
      ++l;
      ++e;
    }
  }
  if (l != live.end()) {
    live.erase(l, live.end());
    changed = true;
  }
  return changed;
}

}  // namespace

bool restore_state(ServerState& live, const ServerState& earlier) {
  // Naming every member: a member added to ServerState stops this from
  // compiling until it is restored here too.
  auto& [mutex, accounts, tokens, buckets, domains, operators, certificates, agents, third_parties,
         wallet, dns_zone, rng] = live;
  (void)mutex;
  bool changed = false;
  changed |= restore_value(accounts, earlier.accounts);
  changed |= restore_value(tokens, earlier.tokens);
  changed |= restore_value(buckets, earlier.buckets);
  changed |= restore_value(domains, earlier.domains);
  changed |= restore_value(operators, earlier.operators);
  changed |= restore_value(certificates, earlier.certificates);
  // The books are small: compared and copied whole.
  changed |= restore_value(agents, earlier.agents);
  changed |= restore_value(third_parties, earlier.third_parties);
  changed |= restore_value(wallet, earlier.wallet);
  changed |= restore_value(dns_zone, earlier.dns_zone);
  changed |= restore_value(rng, earlier.rng);
  return changed;
}

}  // namespace errcontract::internal
