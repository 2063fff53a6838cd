// The cpp-httplib transport (0.11, compiled library): HTTPS targets and
// targets reached through a proxy (plain http:// ones directly go through
// plain_http_transport.cc). One httplib client per Transport, i.e. per
// worker, so its keep-alive connection is reused across that worker's
// requests.
//
// cpp-httplib's own limits are per socket operation (a read timeout restarts
// with every byte) and it reads bodies without bound, so this file adds what a
// harness pointed at a misbehaving server needs:
// - a total deadline per request, enforced by a watchdog thread that calls
//   Client::stop() (documented as the thread-safe way to abort a request in
//   flight) and by the content receiver;
// - a body cap, enforced while the body streams in;
// - no Accept-Encoding unless a case sends one, and decompression off, so a
//   compressed reply is seen as sent and a gzip bomb cannot expand;
// - no redirect following: a 3xx is a response like any other;
// - a cap on the response header block, checked once it has been read;
// - SIGPIPE blocked while a request is in flight (see SigpipeBlock).
#include <httplib.h>
#include <netdb.h>
#include <openssl/x509_vfy.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>

#include <fmt/format.h>

#include "errcontract/http.h"
#include "transport/base_url.h"
#include "transport/httplib_compat.h"
#include "transport/transport_error.h"
#include "transport/transports.h"
#include "transport/watchdog.h"

namespace errcontract {

namespace {

using Clock = internal::Watchdog::Clock;
using internal::Watchdog;

// cpp-httplib's client writes with send(fd, ..., 0) and OpenSSL with write():
// a server that closes its end while a request is being written raises
// SIGPIPE, whose default action kills the whole run (cpp-httplib's Server
// ignores SIGPIPE process-wide; its Client does not, so `run --target` had no
// protection). This blocks it in the calling thread while a request is in
// flight and discards one raised meanwhile; the write then fails with EPIPE
// like any other transport error. The process-wide disposition is untouched.
class SigpipeBlock {
 public:
  // Two syscalls on the common path (block, restore): sigpending is asked only
  // when SIGPIPE was already blocked (only then can one be pending from
  // before) and after a failed request (only a failed write raises one).
  SigpipeBlock() {
    sigemptyset(&pipe_);
    sigaddset(&pipe_, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_, &old_);
    was_blocked_ = sigismember(&old_, SIGPIPE) == 1;
    was_pending_ = was_blocked_ && pending();
  }
  ~SigpipeBlock() {
    if (!was_pending_ && (failed_ || was_blocked_) && pending()) {
      const timespec zero{0, 0};
      while (sigtimedwait(&pipe_, nullptr, &zero) < 0 && errno == EINTR) {
      }
    }
    if (!was_blocked_) pthread_sigmask(SIG_SETMASK, &old_, nullptr);
  }
  SigpipeBlock(const SigpipeBlock&) = delete;
  SigpipeBlock& operator=(const SigpipeBlock&) = delete;

  void request_failed() { failed_ = true; }

 private:
  static bool pending() {
    sigset_t set;
    sigemptyset(&set);
    sigpending(&set);
    return sigismember(&set, SIGPIPE) == 1;
  }

  sigset_t pipe_{};
  sigset_t old_{};
  bool was_blocked_ = false;
  bool was_pending_ = false;
  bool failed_ = false;
};

// What the callbacks saw while one request was in flight.
struct Receipt {
  std::string body;
  bool over_cap = false;
  bool header_over_cap = false;
  bool past_deadline = false;
  bool head_seen = false;  // the status line and headers were read
  bool chunked = false;
  std::optional<std::size_t> declared_length;  // Content-Length, when valid
};

// The header block as it came in, near enough: "Name: value\r\n" per header.
std::size_t header_block_bytes(const httplib::Response& head) {
  std::size_t bytes = head.version.size() + head.reason.size() + 7;
  for (const auto& [name, value] : head.headers) bytes += name.size() + value.size() + 4;
  return bytes;
}

bool parse_content_length(const std::string& text, std::size_t& out) {
  if (text.empty() || text.size() > 19) return false;
  std::size_t n = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    n = n * 10 + static_cast<std::size_t>(c - '0');
  }
  out = n;
  return true;
}

// Whether the kept-alive connection holds bytes that no request asked for:
// the server answered one request twice (cpp-httplib 0.11's server does so for
// a request it cannot parse). Left there, they would be read as the answer to
// the next request. cpp-httplib reads each response through a fresh buffer, so
// only bytes still in the socket (or, with TLS, decrypted in OpenSSL's buffer)
// can be seen; bytes read along with the response are dropped with it.
class UnaskedBytesProbe {
 public:
  virtual ~UnaskedBytesProbe() = default;
  virtual bool unasked_bytes_waiting() const = 0;
};

template <class Client>
class ProbingClient final : public Client, public UnaskedBytesProbe {
 public:
  using Client::Client;

  bool unasked_bytes_waiting() const override {
    std::lock_guard<std::mutex> lock(this->socket_mutex_);
    if (!this->socket_.is_open()) return false;
    if constexpr (std::is_same_v<Client, httplib::SSLClient>) {
      // Raw bytes under TLS may be a close_notify or a session ticket, not an
      // answer: only application data OpenSSL has already decrypted counts.
      return this->socket_.ssl != nullptr && SSL_pending(this->socket_.ssl) > 0;
    } else {
      pollfd readable{this->socket_.sock, POLLIN, 0};
      if (poll(&readable, 1, 0) <= 0) return false;
      char byte = 0;
      // 0 is the server's orderly close, which cpp-httplib handles itself.
      return recv(this->socket_.sock, &byte, 1, MSG_PEEK | MSG_DONTWAIT) > 0;
    }
  }
};

// The client for one connection, with the probe when the client class can be
// derived from (httplib_compat.h). Where SSLClient is final, HTTPS goes
// unprobed: a server that answers once too often over TLS is then seen as the
// mismatch it causes in the next exchange, as before the probe.
template <class Client, class... Args>
std::unique_ptr<httplib::ClientImpl> make_client(const UnaskedBytesProbe*& probe, Args&&... args) {
  if constexpr (!internal::httplib_compat::kCanDerive<Client>) {
    probe = nullptr;
    return std::make_unique<Client>(std::forward<Args>(args)...);
  } else {
    auto client = std::make_unique<ProbingClient<Client>>(std::forward<Args>(args)...);
    probe = client.get();
    return client;
  }
}

class HttpTransport final : public Transport {
 public:
  explicit HttpTransport(const TargetOptions& options)
      : options_(options), watchdog_([this] { client_->stop(); }) {
    auto url = internal::parse_base_url(options.base_url);
    if (!url.ok()) {
      setup_error_ = url.status();
      return;
    }
    url_ = *url;
    if (!options.proxy.empty()) {
      auto proxy = internal::parse_base_url(options.proxy);
      if (!proxy.ok() || proxy->https || !proxy->path.empty()) {
        setup_error_ =
            Status(StatusCode::kInvalidArgument,
                   fmt::format("invalid proxy URL \"{}\": give http://host:port", options.proxy));
        return;
      }
      proxy_ = *proxy;
    }
    try {
      client_ = url_.https ? make_client<httplib::SSLClient>(probe_, url_.host, url_.port,
                                                             options.cert_file, options.key_file)
                           : make_client<httplib::ClientImpl>(probe_, url_.host, url_.port);
    } catch (const std::exception& e) {
      setup_error_ = Status(
          StatusCode::kInvalidArgument,
          fmt::format("cannot create an HTTP client for {}: {}", url_.to_string(), e.what()));
      return;
    }
    configure();
  }

  ~HttpTransport() override {
    // Stop the watchdog before the client it points at goes away.
    watchdog_.disarm();
  }

  Result<HttpResponse> send(const HttpRequest& request) override {
    if (!setup_error_.ok()) return setup_error_;
    try {
      drop_unasked_bytes();
      auto response = send_checked(request);
      drop_unasked_bytes();
      return response;
    } catch (const std::exception& e) {
      return transport_error(TransportErrorKind::kOther,
                             fmt::format("transport error: {}", e.what()));
    }
  }

  std::uint64_t unasked_responses() const override { return unasked_responses_; }

 private:
  static std::chrono::milliseconds ms(int value) { return std::chrono::milliseconds(value); }

  // Before a request and after its response: a connection that holds bytes
  // nobody asked for is closed, and the next request opens a fresh one.
  void drop_unasked_bytes() {
    if (probe_ == nullptr || !probe_->unasked_bytes_waiting()) return;
    ++unasked_responses_;
    client_->stop();
  }

  void configure() {
    client_->set_tcp_nodelay(true);
    client_->set_keep_alive(true);
    client_->set_follow_location(false);
    client_->set_decompress(false);
    client_->set_compress(false);
    client_->set_url_encode(false);  // the runner percent-encodes; send targets verbatim
    client_->set_connection_timeout(ms(options_.connect_timeout_ms));
    client_->set_read_timeout(ms(options_.timeout_ms));
    client_->set_write_timeout(ms(options_.timeout_ms));
    if (url_.https) {
      if (!options_.ca_file.empty()) client_->set_ca_cert_path(options_.ca_file);
      client_->enable_server_certificate_verification(!options_.insecure);
    }
    if (proxy_) client_->set_proxy(proxy_->host, proxy_->port);
  }

  Result<HttpResponse> send_checked(const HttpRequest& request) {
    httplib::Request req;
    req.method = request.method;
    req.path = url_.path + request.target;
    for (const auto& [name, value] : request.headers) req.headers.emplace(name, value);
    // --header: on every request, unless the case sets that header itself.
    for (const auto& [name, value] : options_.headers) {
      if (!req.has_header(name)) req.headers.emplace(name, value);
    }
    // cpp-httplib offers compression unless told otherwise; ask for the bytes as they are.
    if (!req.has_header("Accept-Encoding")) req.headers.emplace("Accept-Encoding", "identity");
    if (!req.has_header("User-Agent")) req.headers.emplace("User-Agent", "errcontract");
    req.body = request.body;

    const auto start = Clock::now();
    const auto deadline = start + ms(options_.timeout_ms);
    Receipt receipt;
    const std::size_t cap = options_.max_body_bytes;
    const std::size_t header_cap = options_.max_header_bytes;
    req.response_handler = [&receipt, cap, header_cap](const httplib::Response& head) {
      receipt.head_seen = true;
      if (header_block_bytes(head) > header_cap) {
        receipt.header_over_cap = true;
        return false;
      }
      receipt.chunked =
          head.get_header_value("Transfer-Encoding").find("chunked") != std::string::npos;
      std::size_t length = 0;
      if (parse_content_length(head.get_header_value("Content-Length"), length)) {
        receipt.declared_length = length;
        if (length > cap) {
          receipt.over_cap = true;
          return false;
        }
      }
      return true;
    };
    req.content_receiver = [&receipt, cap, deadline](const char* data, std::size_t n, uint64_t,
                                                     uint64_t) {
      if (Clock::now() >= deadline) {
        receipt.past_deadline = true;
        return false;
      }
      if (n > cap - receipt.body.size()) {
        receipt.over_cap = true;
        return false;
      }
      receipt.body.append(data, n);
      return true;
    };

    httplib::Response res;
    httplib::Error error = httplib::Error::Success;
    bool ok = false;
    bool fired = false;
    {
      SigpipeBlock no_sigpipe;
      watchdog_.arm(deadline);
      ok = client_->send(req, res, error);
      fired = watchdog_.disarm();
      if (!ok) no_sigpipe.request_failed();
    }
    if (!ok) {
      const auto elapsed = Clock::now() - start;
      const bool timed_out = fired || receipt.past_deadline || elapsed >= ms(options_.timeout_ms);
      return describe_error(error, receipt, timed_out);
    }
    if (proxy_ && url_.https && !receipt.head_seen) {
      // cpp-httplib hands back the proxy's own answer when it refuses the
      // CONNECT: that is not the target speaking.
      client_->stop();
      return transport_error(TransportErrorKind::kProxy,
                             fmt::format("{}the proxy {} refused the CONNECT to {}:{} (status {})",
                                         internal::kUnreachablePrefix, proxy_->to_string(),
                                         url_.host, url_.port, res.status));
    }

    HttpResponse out;
    out.status = res.status;
    out.headers.reserve(res.headers.size());
    for (const auto& [name, value] : res.headers) out.headers.emplace_back(name, value);
    out.body = std::move(receipt.body);
    return out;
  }

  Status describe_error(httplib::Error error, const Receipt& receipt, bool timed_out) const {
    using K = TransportErrorKind;
    const std::string where = url_.to_string();
    const std::string unreachable(internal::kUnreachablePrefix);
    if (receipt.header_over_cap) {
      return transport_error(K::kTooLarge, fmt::format("response header block over {} bytes (cap)",
                                                       options_.max_header_bytes));
    }
    if (receipt.over_cap) {
      return transport_error(
          K::kTooLarge, fmt::format("response body over {} bytes (cap)", options_.max_body_bytes));
    }
    if (internal::httplib_compat::is_hostname_mismatch(error))
      return describe_verification_failure();
    switch (error) {
      case httplib::Error::Connection:
        if (proxy_) {
          return transport_error(K::kProxy, fmt::format("{}cannot connect to the proxy {} (for {})",
                                                        unreachable, proxy_->to_string(), where));
        }
        if (!resolves(url_.host)) {
          return transport_error(
              K::kDns, fmt::format("{}the host name \"{}\" does not resolve ({})", unreachable,
                                   url_.host, where));
        }
        return transport_error(
            K::kRefused,
            fmt::format("{}connection refused or host unreachable ({})", unreachable, where));
      case httplib::Error::ConnectionTimeout:
        return transport_error(K::kConnectTimeout,
                               fmt::format("{}connect timeout after {} ms ({})", unreachable,
                                           options_.connect_timeout_ms, where));
      case httplib::Error::BindIPAddress:
        return transport_error(
            K::kRefused, fmt::format("{}cannot bind the local address ({})", unreachable, where));
      case httplib::Error::SSLConnection:
        if (proxy_) {
          // cpp-httplib starts the handshake even when the proxy refused the CONNECT.
          return transport_error(
              K::kProxy,
              fmt::format("{}TLS handshake through the proxy {} failed: did it refuse the CONNECT "
                          "to {}:{}? ({})",
                          unreachable, proxy_->to_string(), url_.host, url_.port, where));
        }
        return transport_error(
            K::kTls,
            fmt::format("{}TLS handshake failed{} ({})", unreachable,
                        options_.cert_file.empty() ? "" : " (is the client certificate accepted?)",
                        where));
      case httplib::Error::SSLLoadingCerts:
        return transport_error(
            K::kTls,
            fmt::format("{}cannot load CA certificates{} ({})", unreachable,
                        options_.ca_file.empty() ? "" : " from " + options_.ca_file, where));
      case httplib::Error::SSLServerVerification:
        return describe_verification_failure();
      case httplib::Error::Write:
        if (timed_out) {
          return transport_error(K::kTimeout,
                                 fmt::format("write timeout after {} ms", options_.timeout_ms));
        }
        return transport_error(
            K::kClosed,
            "write failed: the server closed the connection while the request was sent");
      case httplib::Error::Read:
      case httplib::Error::Canceled:
        if (timed_out) {
          return transport_error(
              K::kTimeout,
              fmt::format("read timeout: no complete response within {} ms", options_.timeout_ms));
        }
        return describe_broken_body(receipt);
      case httplib::Error::Compression:
        return transport_error(K::kProtocol, "response decompression failed");
      default:
        break;
    }
    return transport_error(K::kOther,
                           fmt::format("transport error: {}", httplib::to_string(error)));
  }

  // cpp-httplib reports a chain that does not verify and a certificate for
  // another host name alike; OpenSSL's verify result tells them apart.
  Status describe_verification_failure() const {
    const std::string where = url_.to_string();
    const std::string unreachable(internal::kUnreachablePrefix);
    const long verify =
        static_cast<const httplib::SSLClient&>(*client_).get_openssl_verify_result();
    // X509_V_OK: the chain is fine, the name is not (cpp-httplib checks the
    // name itself); OpenSSL's own name checks report their own results.
    if (verify == X509_V_OK || verify == X509_V_ERR_HOSTNAME_MISMATCH ||
        verify == X509_V_ERR_IP_ADDRESS_MISMATCH) {
      return transport_error(
          TransportErrorKind::kTlsNameMismatch,
          fmt::format("{}TLS certificate name mismatch: the certificate is valid but not issued "
                      "for \"{}\" ({})",
                      unreachable, url_.host, where));
    }
    if (!options_.ca_file.empty()) {
      return transport_error(
          TransportErrorKind::kTlsVerify,
          fmt::format("{}TLS certificate verification failed: the chain does not lead to the CA "
                      "in {} ({})",
                      unreachable, options_.ca_file, where));
    }
    return transport_error(
        TransportErrorKind::kTlsVerify,
        fmt::format("{}TLS certificate verification failed (use --insecure or --ca-file) ({})",
                    unreachable, where));
  }

  static bool resolves(const std::string& host) {
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    const int rc = getaddrinfo(host.c_str(), nullptr, &hints, &found);
    if (found != nullptr) freeaddrinfo(found);
    return rc != EAI_NONAME && rc != EAI_FAIL
#ifdef EAI_NODATA
           && rc != EAI_NODATA
#endif
        ;
  }

  // A read that failed once the headers were in: say how far the body got.
  static Status describe_broken_body(const Receipt& receipt) {
    using K = TransportErrorKind;
    if (!receipt.head_seen) {
      constexpr std::size_t kMaxLines = internal::httplib_compat::kMaxHeaderLines;
      // Where the client stops at a number of header lines, that is a read
      // error too, and the two cannot be told apart.
      std::string message =
          "read failed: the server closed the connection before a complete response";
      if (kMaxLines != 0) message += fmt::format(", or sent more than {} header lines", kMaxLines);
      return transport_error(K::kClosed, std::move(message));
    }
    if (receipt.chunked) {
      return transport_error(
          K::kProtocol,
          fmt::format("read failed: the chunked body is malformed or was cut off after {} bytes",
                      receipt.body.size()));
    }
    if (receipt.declared_length) {
      return transport_error(
          K::kClosed,
          fmt::format("read failed: the body ended after {} of {} bytes (Content-Length); the "
                      "connection was closed or reset",
                      receipt.body.size(), *receipt.declared_length));
    }
    return transport_error(K::kClosed,
                           fmt::format("read failed: the connection was reset after {} body bytes",
                                       receipt.body.size()));
  }

  TargetOptions options_;
  internal::BaseUrl url_;
  std::optional<internal::BaseUrl> proxy_;
  Status setup_error_;
  std::unique_ptr<httplib::ClientImpl> client_;
  const UnaskedBytesProbe* probe_ = nullptr;  // client_ itself
  std::uint64_t unasked_responses_ = 0;
  Watchdog watchdog_;  // declared last: destroyed (and joined) first
};

}  // namespace

Status check_target_options(const TargetOptions& options) {
  auto url = internal::parse_base_url(options.base_url);
  if (!url.ok()) return url.status();
  if (!options.proxy.empty()) {
    auto proxy = internal::parse_base_url(options.proxy);
    if (!proxy.ok() || proxy->https || !proxy->path.empty()) {
      return Status(StatusCode::kInvalidArgument,
                    fmt::format("invalid proxy URL \"{}\": give http://host:port", options.proxy));
    }
  }
  if (options.cert_file.empty() != options.key_file.empty()) {
    return Status(StatusCode::kInvalidArgument, "--cert and --key go together");
  }
  if (!options.cert_file.empty() && !url->https) {
    return Status(StatusCode::kInvalidArgument, "--cert needs an https:// target");
  }
  return Status::ok_status();
}

void proxy_from_environment(TargetOptions& options) {
  auto url = internal::parse_base_url(options.base_url);
  if (!url.ok()) return;
  options.proxy = internal::proxy_for(*url, options.proxy,
                                      [](const char* name) -> const char* { return getenv(name); });
}

std::unique_ptr<Transport> internal::make_httplib_transport(const TargetOptions& options) {
  return std::make_unique<HttpTransport>(options);
}

}  // namespace errcontract
