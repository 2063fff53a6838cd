// Domain ownership verification: PUT /buckets/domains/verify/ issues a hash
// to publish as the TXT record "_upyun-verify.<domain>", POST checks it
// (21231 none issued, 21233 issued over a day ago, 21232 not published).
// The server resolves nothing on the network: its simulated DNS publishes
// the issued hash for names under ServerState::dns_zone and nothing else.
#include "handlers.h"
#include "json_out.h"
#include "validate.h"

namespace errcontract::internal {
namespace {

std::string exact_domain_param(const Call& call) {
  const std::string* text = call.param("domain");
  if (text == nullptr) return {};
  std::string domain = normalize_domain(*text);
  return is_valid_domain(domain, false) ? domain : std::string();
}

bool dns_publishes_hash(const ServerState& state, std::string_view domain) {
  const std::string suffix = "." + state.dns_zone;
  return !state.dns_zone.empty() && domain.size() > suffix.size() &&
         domain.substr(domain.size() - suffix.size()) == suffix;
}

}  // namespace

Reply issue_verify_hash(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = find_bucket(call, bucket)) return *error;
  const std::string domain = exact_domain_param(call);
  if (domain.empty()) return call.bad_param();
  VerifyHash& entry = bucket->verify_hashes[domain];
  entry = VerifyHash{call.state.random_hex(32), call.now, false};
  JsonOut out;
  out.open_object();
  out.key("domain").str(domain);
  out.key("record").str("_upyun-verify." + domain);
  out.key("hash").str(entry.hash);
  out.key("expires_at").num(entry.issued_at + kHashTtl);
  out.close_object();
  return Reply::created(out.take());
}

Reply check_verify_hash(Call& call) {
  Bucket* bucket = nullptr;
  if (auto error = find_bucket(call, bucket)) return *error;
  const std::string domain = exact_domain_param(call);
  if (domain.empty()) return call.bad_param();
  auto it = bucket->verify_hashes.find(domain);
  if (it == bucket->verify_hashes.end()) return Reply::error("21231");
  if (call.now - it->second.issued_at > kHashTtl) return Reply::error("21233");
  if (!dns_publishes_hash(call.state, domain)) return Reply::error("21232");
  it->second.verified = true;
  JsonOut out;
  out.open_object().key("result").flag(true).key("domain").str(domain);
  out.key("verified").flag(true).close_object();
  return Reply::ok(out.take());
}

}  // namespace errcontract::internal
