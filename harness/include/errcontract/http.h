// Plain HTTP request/response values and the Transport interface the runner
// sends them through: real HTTP (cpp-httplib) or an in-process handler, so
// most runner tests need no socket and the fuzzers never open one.
#pragma once

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

// Errors from send() carry StatusCode::kUnavailable and a message that names
// the kind ("connection refused", "read timeout", "body over 16 MiB cap", ...).
class Transport {
 public:
  virtual ~Transport() = default;
  virtual Result<HttpResponse> send(const HttpRequest& request) = 0;
};

struct TargetOptions {
  std::string base_url = "http://127.0.0.1:8080";  // scheme://host:port
  int connect_timeout_ms = 5000;
  int timeout_ms = 10000;                    // read/write timeout and total deadline per request
  std::size_t max_body_bytes = 16u << 20;    // response bodies over this are a transport error
  std::size_t max_header_bytes = 64u << 10;  // so are response header blocks over this
  bool insecure = false;                     // skip TLS verification (only with --insecure)
  std::string ca_file;                       // private CA for HTTPS targets
};

// One per worker: keeps a keep-alive connection, TCP_NODELAY on.
std::unique_ptr<Transport> make_http_transport(const TargetOptions& options);

}  // namespace errcontract
