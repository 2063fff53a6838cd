// Helpers on the plain HTTP values of http.h.
#include "errcontract/http.h"

#include "text/ascii.h"

namespace errcontract {

const std::string* find_header(const Headers& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (internal::equals_ignore_case(key, name)) return &value;
  }
  return nullptr;
}

bool is_secret_header_name(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  for (std::string_view exact : {"authorization", "proxy-authorization", "cookie", "set-cookie"}) {
    if (lower == exact) return true;
  }
  for (std::string_view part : {"key", "token", "secret"}) {
    if (lower.find(part) != std::string::npos) return true;
  }
  return false;
}

const char* to_string(TransportErrorKind kind) {
  switch (kind) {
    case TransportErrorKind::kNone:
      return "none";
    case TransportErrorKind::kRefused:
      return "refused";
    case TransportErrorKind::kDns:
      return "dns";
    case TransportErrorKind::kConnectTimeout:
      return "connect-timeout";
    case TransportErrorKind::kTls:
      return "tls";
    case TransportErrorKind::kTlsVerify:
      return "tls-verify";
    case TransportErrorKind::kTlsNameMismatch:
      return "tls-name-mismatch";
    case TransportErrorKind::kProxy:
      return "proxy";
    case TransportErrorKind::kTimeout:
      return "timeout";
    case TransportErrorKind::kClosed:
      return "closed";
    case TransportErrorKind::kProtocol:
      return "protocol";
    case TransportErrorKind::kTooLarge:
      return "too-large";
    case TransportErrorKind::kThrottled:
      return "throttled";
    case TransportErrorKind::kOther:
      return "other";
  }
  return "other";
}

bool is_unreachable(TransportErrorKind kind) {
  switch (kind) {
    case TransportErrorKind::kRefused:
    case TransportErrorKind::kDns:
    case TransportErrorKind::kConnectTimeout:
    case TransportErrorKind::kTls:
    case TransportErrorKind::kTlsVerify:
    case TransportErrorKind::kTlsNameMismatch:
    case TransportErrorKind::kProxy:
      return true;
    default:
      return false;
  }
}

Status transport_error(TransportErrorKind kind, std::string message) {
  return Status(StatusCode::kUnavailable, std::move(message), static_cast<int>(kind));
}

TransportErrorKind transport_error_kind(const Status& status) {
  if (status.ok()) return TransportErrorKind::kNone;
  const int detail = status.detail();
  if (status.code() != StatusCode::kUnavailable || detail <= 0 ||
      detail > static_cast<int>(TransportErrorKind::kOther)) {
    return TransportErrorKind::kOther;
  }
  return static_cast<TransportErrorKind>(detail);
}

}  // namespace errcontract
