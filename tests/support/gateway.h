// A small API gateway for tests, standing where a staging deployment's
// gateway stands: HTTPS (a leaf from a private CA) on 127.0.0.1 port 0, in
// front of one plain-HTTP backend on 127.0.0.1 (the reference server). It
// behaves like the real thing in every way that a contract-test run meets:
// - only paths under a base path (/uapi) are forwarded, with the base path
//   stripped; any other path gets the gateway's own 404, not an envelope;
// - a required X-Api-Key header: missing 401, wrong 403 (the gateway's own
//   bodies); the key is not forwarded;
// - a token-bucket rate limit answering 429 with Retry-After: 1;
// - responses streamed with Transfer-Encoding: chunked;
// - "error_code": "21215" rewritten as the JSON number 21215;
// - request bodies forwarded byte for byte, multipart/form-data included
//   (cpp-httplib would parse those into req.files and leave req.body empty);
// - a fault switch: responses carrying one error_code get another status.
// Every gateway-made answer is counted, so tests can see what happened.
#pragma once

#include <httplib.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace errcontract::testing {

struct GatewayOptions {
  int backend_port = 0;             // the backend listens on http://127.0.0.1:PORT
  std::string base_path = "/uapi";  // forwarded prefix, stripped
  std::string api_key;              // the X-Api-Key every request must carry
  std::string certificate_pem;      // the gateway's TLS leaf
  std::string private_key_pem;      // and its key
  double rate_per_second = 200;     // token bucket refill
  double burst = 20;                // and capacity
  std::string break_code;           // responses carrying this error_code get another status
};

// The status a broken code is answered with instead of `status`: always
// another one, so the harness sees status.mismatch.
int broken_status(int status);

// The body with its top-level "error_code": "<digits>" written as a number;
// every other byte as it was.
std::string numeric_error_code(std::string_view body);

// The error_code string of an envelope body ("" when there is none), looked
// up the way numeric_error_code finds it.
std::string error_code_of(std::string_view body);

// cpp-httplib parses a multipart/form-data body into req.files before any
// handler runs and leaves req.body empty. Installed as `server`'s
// pre-routing handler, this parks such a Content-Type under another header
// so the body arrives raw; original_content_type() gives it back.
void keep_multipart_bodies_raw(httplib::Server& server);
std::string original_content_type(const httplib::Request& req);

class Gateway {
 public:
  explicit Gateway(GatewayOptions options);
  ~Gateway();
  Gateway(const Gateway&) = delete;
  Gateway& operator=(const Gateway&) = delete;

  // "" when listening; else why not.
  const std::string& error() const { return error_; }
  int port() const { return port_; }
  std::string url() const;  // https://127.0.0.1:PORT/uapi

  int forwarded() const { return forwarded_.load(); }  // requests the backend answered
  int throttled() const { return throttled_.load(); }  // 429s answered
  int rejected() const { return rejected_.load(); }    // 401/403/404 from the gateway itself
  int broken() const { return broken_.load(); }        // responses the fault switch changed

  void stop();  // idempotent; also called by the destructor

 private:
  struct Impl;
  GatewayOptions options_;
  std::string error_;
  int port_ = 0;
  std::atomic<int> forwarded_{0}, throttled_{0}, rejected_{0}, broken_{0};
  std::unique_ptr<Impl> impl_;
};

}  // namespace errcontract::testing
