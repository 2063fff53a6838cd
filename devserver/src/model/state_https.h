// Module 217 state: the certificates accounts uploaded, the HTTPS settings of
// their domains, and the two dependencies fixtures can put in another state
// (the custom-domain HTTPS service lapsing, the conversion backend failing).
// Plain data; the rules live in handlers/https.cc.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace errcontract::internal {

// An account's custom-domain HTTPS service is paid up to this time; the
// default means bought for good, 0 means never bought.
inline constexpr std::int64_t kHttpsServiceForever = std::numeric_limits<std::int64_t>::max();

struct Certificate {
  std::string id;
  std::string owner;        // account name
  std::string pem;          // as uploaded: the leaf, then any chain
  std::string fingerprint;  // SHA-256 of the leaf's DER (21705 compares it per account)
  std::string common_name;
  std::vector<std::string> dns_names;
  std::string serial;
  std::int64_t not_before = 0;
  std::int64_t not_after = 0;
  std::int64_t uploaded_at = 0;

  bool operator==(const Certificate&) const = default;
};

// The HTTPS setting of one domain. It holds only while the domain stays bound
// to `bucket`; once it is not, the setting is dropped.
struct DomainHttps {
  std::string bucket;
  std::string certificate_id;
  bool https = false;
  bool force_https = false;

  bool operator==(const DomainHttps&) const = default;
};

struct AccountHttps {
  std::int64_t service_until = kHttpsServiceForever;  // 21701 once now >= service_until
  bool conversion_broken = false;              // the upstream CSR -> CRT conversion fails (21711)
  std::set<std::string> certificate_ids;       // this account's, in ServerState::certificates
  std::map<std::string, DomainHttps> domains;  // domain -> its HTTPS setting

  bool operator==(const AccountHttps&) const = default;
};

}  // namespace errcontract::internal
