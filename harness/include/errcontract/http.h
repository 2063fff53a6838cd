// Plain HTTP request/response values and the Transport interface the runner
// sends them through: real HTTP (cpp-httplib) or an in-process handler, so
// most runner tests need no socket and the fuzzers never open one.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "errcontract/result.h"

namespace errcontract {

using Headers = std::vector<std::pair<std::string, std::string>>;

// Case-insensitive header lookup; nullptr when absent.
const std::string* find_header(const Headers& headers, std::string_view name);

// Header names whose values are secrets, never shown: Authorization,
// Proxy-Authorization, Cookie, Set-Cookie, and any name containing "key",
// "token" or "secret" (ASCII case-insensitive).
bool is_secret_header_name(std::string_view name);

struct HttpRequest {
  std::string method;  // "PUT"
  std::string target;  // path plus query string: "/buckets/?bucket_name=x"
  Headers headers;
  std::string body;
};

struct HttpResponse {
  int status = 0;
  Headers headers;
  std::string body;
  bool body_truncated = false;  // the body hit the size cap and was cut
};

// What went wrong when no response came back. Decisions (the exit code,
// stopping a run whose target cannot be reached, skipping a teardown) are
// taken from the kind, never from the message text.
enum class TransportErrorKind {
  kNone = 0,
  kRefused,          // connection refused or host unreachable
  kDns,              // the host name does not resolve
  kConnectTimeout,   // no TCP connection within the connect timeout
  kTls,              // TLS handshake failed, or CA certificates could not be loaded
  kTlsVerify,        // the certificate chain did not verify
  kTlsNameMismatch,  // the chain verified but names another host
  kProxy,            // the proxy refused the CONNECT or could not be reached
  kTimeout,          // connected, but no complete response within the deadline
  kClosed,           // the connection was closed or reset mid-exchange
  kProtocol,         // the response is not valid HTTP
  kTooLarge,         // header block or body over its cap
  kThrottled,        // still 429 / 503 after the retry cap, or a Retry-After past --timeout
  kOther,
};
const char* to_string(TransportErrorKind kind);
// Kinds that mean no request reached the target at all (nothing can have
// been created by it).
bool is_unreachable(TransportErrorKind kind);
// A transport error: StatusCode::kUnavailable, the message, and the kind.
Status transport_error(TransportErrorKind kind, std::string message);
// The kind of an error returned by send(); kOther for an error that carries
// none, kNone for OK.
TransportErrorKind transport_error_kind(const Status& status);

// Errors from send() carry StatusCode::kUnavailable, a TransportErrorKind (see
// transport_error()) and a message that describes it for a person.
class Transport {
 public:
  virtual ~Transport() = default;
  virtual Result<HttpResponse> send(const HttpRequest& request) = 0;
  // How many times the server sent bytes no request asked for on a kept-alive
  // connection: a second response after a complete one (an HTTP desync). The
  // connection is closed each time, so no request reads another's response.
  virtual std::uint64_t unasked_responses() const { return 0; }
};

struct TargetOptions {
  // scheme://host:port[/base/path]: every request target goes under the base path.
  std::string base_url = "http://127.0.0.1:8080";
  int connect_timeout_ms = 5000;
  int timeout_ms = 10000;                    // read/write timeout and total deadline per request
  std::size_t max_body_bytes = 16u << 20;    // response bodies over this are a transport error
  std::size_t max_header_bytes = 64u << 10;  // so are response header blocks over this
  bool insecure = false;                     // skip TLS verification (only with --insecure)
  std::string ca_file;                       // private CA for HTTPS targets
  std::string cert_file, key_file;           // client certificate (mutual TLS)
  Headers headers;                           // sent on every request (--header)
  std::string proxy;                         // http://host:port, "" = direct; CONNECT for https
};

// A usage error in the options (bad target or proxy URL, --cert without
// --key), found before anything is sent.
Status check_target_options(const TargetOptions& options);

// When options.proxy is empty: HTTPS_PROXY / HTTP_PROXY by the target's
// scheme (or their lower-case forms), unless NO_PROXY matches the target.
void proxy_from_environment(TargetOptions& options);

// One per worker: keeps a keep-alive connection, TCP_NODELAY on.
std::unique_ptr<Transport> make_http_transport(const TargetOptions& options);

}  // namespace errcontract
