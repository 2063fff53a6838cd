// Bookkeeping shared by the handlers: creating and deleting a bucket keeps
// the account's bucket set and the domain index in step.
#include "model/state.h"

namespace errcontract::internal {

const char* to_string(BucketType type) {
  switch (type) {
    case BucketType::kFile:
      return "file";
    case BucketType::kImage:
      return "image";
    case BucketType::kCdn:
      return "cdn";
    case BucketType::kUcdn:
      return "ucdn";
  }
  return "file";
}

bool parse_bucket_type(std::string_view text, BucketType& out) {
  for (BucketType t :
       {BucketType::kFile, BucketType::kImage, BucketType::kCdn, BucketType::kUcdn}) {
    if (text == to_string(t)) {
      out = t;
      return true;
    }
  }
  return false;
}

std::string default_domain_for(const std::string& bucket, BucketType type) {
  switch (type) {
    case BucketType::kCdn:
      return bucket + ".b0.aicdn.com";
    case BucketType::kUcdn:
      return bucket + ".c1.aicdn.com";
    case BucketType::kFile:
    case BucketType::kImage:
      break;
  }
  return bucket + ".b0.upaiyun.com";
}

std::string ServerState::random_hex(std::size_t length) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(length);
  while (out.size() < length) {
    std::uint64_t bits = rng();
    for (int i = 0; i < 16 && out.size() < length; ++i, bits >>= 4) out.push_back(kHex[bits & 0xF]);
  }
  return out;
}

Bucket* ServerState::owned_bucket(const std::string& account, const std::string& name) {
  auto it = buckets.find(name);
  if (it == buckets.end() || it->second.owner != account) return nullptr;
  return &it->second;
}

Bucket& ServerState::create_bucket(const std::string& account, const std::string& name,
                                   BucketType type, std::int64_t quota, std::int64_t now) {
  Bucket& b = buckets[name];
  b.name = name;
  b.owner = account;
  b.type = type;
  b.quota = quota;
  b.created_at = now;
  b.default_domain = default_domain_for(name, type);
  domains[b.default_domain] = name;
  accounts[account].buckets.insert(name);
  return b;
}

void ServerState::delete_bucket(const std::string& name) {
  auto it = buckets.find(name);
  if (it == buckets.end()) return;
  domains.erase(it->second.default_domain);
  for (const std::string& d : it->second.custom_domains) domains.erase(d);
  accounts[it->second.owner].buckets.erase(name);
  buckets.erase(it);
}

std::size_t ServerState::https_domains_of(const Account& account) const {
  std::size_t n = 0;
  for (const std::string& name : account.buckets) {
    auto it = buckets.find(name);
    if (it != buckets.end()) n += it->second.https_domains.size();
  }
  return n;
}

}  // namespace errcontract::internal
