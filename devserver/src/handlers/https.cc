// Certificates are parsed for real (certificate_check.h); the codes follow
// from what OpenSSL finds and from the account's earlier requests:
//   upload:   21704 missing, 21703 certificate, 21712 encrypted key, 21710 key,
//             21709 key of another certificate, 21705 same leaf uploaded by
//             this account before, 21711 the conversion backend fails;
//   by id:    21704 missing, 21707 no such certificate, 21706 another account's;
//   a domain: 21701 service not valid now (only when turning HTTPS on),
//             21702 not bound to one of the caller's buckets, then the
//             certificate, then 21708 the certificate does not name the domain.
// Domain settings outlive neither the binding nor the certificate: each call
// first drops the caller's settings whose domain is no longer bound there.
#include "handlers/handlers.h"

#include "rules/certificate_check.h"
#include "server/json_out.h"
#include "server/validate.h"

namespace errcontract::internal {
namespace {

// A parameter that is present and not blank, or nullptr.
const std::string* required(const Call& call, std::string_view name) {
  const std::string* value = call.param(name);
  if (value == nullptr) return nullptr;
  for (char c : *value) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return value;
  }
  return nullptr;
}

// The caller's certificate named by the parameter `name`.
std::optional<Reply> find_certificate(Call& call, std::string_view name, Certificate*& out) {
  const std::string* id = required(call, name);
  if (id == nullptr) return call.bad_param();
  auto it = call.state.certificates.find(*id);
  if (it == call.state.certificates.end()) return Reply::error("21707");
  if (it->second.owner != call.account.name) return Reply::error("21706");
  out = &it->second;
  return std::nullopt;
}

// The bucket of the caller's that `domain` is bound to (default or custom).
const Bucket* bucket_of_domain(const Call& call, const std::string& domain) {
  auto bound = call.state.domains.find(domain);
  if (bound == call.state.domains.end()) return nullptr;
  auto bucket = call.state.buckets.find(bound->second);
  if (bucket == call.state.buckets.end() || bucket->second.owner != call.account.name) {
    return nullptr;
  }
  return &bucket->second;
}

void forget_unbound_domains(Call& call) {
  auto& settings = call.account.https.domains;
  for (auto it = settings.begin(); it != settings.end();) {
    const Bucket* bucket = bucket_of_domain(call, it->first);
    const bool stale = bucket == nullptr || bucket->name != it->second.bucket ||
                       call.state.certificates.count(it->second.certificate_id) == 0;
    it = stale ? settings.erase(it) : std::next(it);
  }
}

void write_validity(JsonOut& out, const Certificate* cert) {
  out.key("validity").open_object();
  out.key("start").num(cert ? cert->not_before : 0).key("end").num(cert ? cert->not_after : 0);
  out.close_object();
}

void write_certificate(JsonOut& out, const Certificate& cert) {
  out.open_object();
  out.key("certificate_id").str(cert.id).key("commonName").str(cert.common_name);
  out.key("serial").str(cert.serial).key("fingerprint_sha256").str(cert.fingerprint);
  out.key("domains").strings(cert.dns_names);
  write_validity(out, &cert);
  out.key("uploaded_at").num(cert.uploaded_at);
  out.close_object();
}

std::string certificate_body(const Certificate& cert) {
  JsonOut out;
  out.open_object().key("status").num(0).key("result");
  write_certificate(out, cert);
  out.close_object();
  return out.take();
}

// Attaches the certificate named by `id_param` to the domain named by
// `domain_param`, with HTTPS on or off.
Reply attach_certificate(Call& call, std::string_view id_param, std::string_view domain_param,
                         bool https, bool force_https) {
  const std::string* domain_text = required(call, domain_param);
  if (domain_text == nullptr || required(call, id_param) == nullptr) return call.bad_param();
  if (https && call.now >= call.account.https.service_until) return Reply::error("21701");
  const std::string domain = normalize_domain(*domain_text);
  const Bucket* bucket = bucket_of_domain(call, domain);
  if (bucket == nullptr) return Reply::error("21702");
  Certificate* cert = nullptr;
  if (auto error = find_certificate(call, id_param, cert)) return *error;
  if (!certificate_names_host(cert->pem, domain)) return Reply::error("21708");
  call.account.https.domains[domain] =
      DomainHttps{bucket->name, cert->id, https, https && force_https};
  return Reply::ok();
}

}  // namespace

const Certificate& store_certificate(ServerState& state, Account& account, std::string pem,
                                     const CertificateInfo& info, std::int64_t now) {
  Certificate cert;
  cert.id = state.random_hex(24);
  cert.owner = account.name;
  cert.pem = std::move(pem);
  cert.fingerprint = info.fingerprint;
  cert.common_name = info.common_name;
  cert.dns_names = info.dns_names;
  cert.serial = info.serial;
  cert.not_before = info.not_before;
  cert.not_after = info.not_after;
  cert.uploaded_at = now;
  account.https.certificate_ids.insert(cert.id);
  const std::string id = cert.id;
  return state.certificates[id] = std::move(cert);
}

Reply upload_certificate(Call& call) {
  const std::string* pem = required(call, "certificate");
  const std::string* key = required(call, "private_key");
  if (pem == nullptr || key == nullptr) return call.bad_param();
  const CertificateCheck check = check_certificate_and_key(*pem, *key);
  switch (check.problem) {
    case PemProblem::kBadCertificate:
      return Reply::error("21703");
    case PemProblem::kEncryptedKey:
      return Reply::error("21712");
    case PemProblem::kBadKey:
      return Reply::error("21710");
    case PemProblem::kKeyMismatch:
      return Reply::error("21709");
    case PemProblem::kNone:
      break;
  }
  for (const std::string& id : call.account.https.certificate_ids) {
    if (call.state.certificates.at(id).fingerprint == check.info.fingerprint) {
      return Reply::error("21705");
    }
  }
  // The provider converts what it stores for its edge servers; that backend
  // is the dependency a fixture can break.
  if (call.account.https.conversion_broken) return Reply::error("21711");
  return Reply::ok(
      certificate_body(store_certificate(call.state, call.account, *pem, check.info, call.now)));
}

Reply delete_certificate(Call& call) {
  Certificate* cert = nullptr;
  if (auto error = find_certificate(call, "crt_id", cert)) return *error;
  const std::string id = cert->id;
  call.account.https.certificate_ids.erase(id);
  call.state.certificates.erase(id);
  forget_unbound_domains(call);  // the domains that used it lose their setting
  return Reply::ok();
}

Reply certificate_info(Call& call) {
  Certificate* cert = nullptr;
  if (auto error = find_certificate(call, "crt_id", cert)) return *error;
  return Reply::ok(certificate_body(*cert));
}

Reply list_certificates(Call& call) {
  JsonOut out;
  out.open_object().key("status").num(0).key("result").open_array();
  for (const std::string& id : call.account.https.certificate_ids) {
    write_certificate(out, call.state.certificates.at(id));
  }
  out.close_array().close_object();
  return Reply::ok(out.take());
}

Reply certificate_domains(Call& call) {
  forget_unbound_domains(call);
  Certificate* cert = nullptr;
  if (auto error = find_certificate(call, "certificate_id", cert)) return *error;
  JsonOut out;
  out.open_object();
  out.key("authenticate_num").num(static_cast<std::int64_t>(cert->dns_names.size()));
  out.key("authenticate_domain").strings(cert->dns_names);
  out.key("domains").open_array();
  for (const auto& [domain, setting] : call.account.https.domains) {
    if (setting.certificate_id != cert->id) continue;
    const Bucket& bucket = call.state.buckets.at(setting.bucket);
    out.open_object().key("name").str(domain);
    out.key("type").str(domain == bucket.default_domain ? "default" : "custom");
    out.key("bucket_name").str(bucket.name).key("https").flag(setting.https).close_object();
  }
  out.close_array().close_object();
  return Reply::ok(out.take());
}

Reply set_certificate_domain(Call& call) {
  forget_unbound_domains(call);
  const std::string* https_text = required(call, "https");
  const std::optional<bool> https = https_text ? parse_flag(*https_text) : std::nullopt;
  const std::string* force_text = call.param("force_https");
  const std::optional<bool> force =
      force_text ? parse_flag(*force_text) : std::optional<bool>(false);
  if (!https || !force) return call.bad_param();
  return attach_certificate(call, "certificate_id", "domain", *https, *force);
}

Reply migrate_domain_certificate(Call& call) {
  forget_unbound_domains(call);
  const std::string* domain = required(call, "domain_name");
  bool force = false;
  if (domain != nullptr) {
    auto it = call.account.https.domains.find(normalize_domain(*domain));
    if (it != call.account.https.domains.end()) force = it->second.force_https;
  }
  return attach_certificate(call, "crt_id", "domain_name", true, force);
}

Reply domain_https_service(Call& call) {
  forget_unbound_domains(call);
  const std::string* text = required(call, "domain");
  if (text == nullptr) return call.bad_param();
  const std::string domain = normalize_domain(*text);
  const Bucket* bucket = bucket_of_domain(call, domain);
  if (bucket == nullptr) return Reply::error("21702");
  const bool is_default = domain == bucket->default_domain;
  auto found = call.account.https.domains.find(domain);
  const DomainHttps* setting = found == call.account.https.domains.end() ? nullptr : &found->second;
  const Certificate* cert =
      setting ? &call.state.certificates.at(setting->certificate_id) : nullptr;
  JsonOut out;
  out.open_object().key("status").num(0).key("result").open_array().open_object();
  out.key("domain").str(domain).key("domain_type").str(is_default ? "default" : "custom");
  // The provider's own domains always serve its certificate.
  out.key("https").flag(is_default || (setting && setting->https));
  out.key("force_https").flag(setting && setting->force_https);
  out.key("certificate_id").str(cert ? cert->id : "");
  out.key("commonName").str(cert ? cert->common_name : "");
  write_validity(out, cert);
  out.close_object().close_array().close_object();
  return Reply::ok(out.take());
}

}  // namespace errcontract::internal
