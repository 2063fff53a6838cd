// The plain HTTP transport: HTTP/1.1 over a blocking TCP socket of our own,
// for http:// targets reached without a proxy (transport_choice.cc). On a
// kept-alive connection an exchange costs a send and a recv or two, plus two
// non-blocking peeks that see a connection the server closed or an answer
// nobody asked for; cpp-httplib's client spends eight syscalls on the same
// exchange (docs/performance.md). It keeps the other transport's contract:
// - a total deadline per request: the watchdog shuts the socket down when it
//   passes, which ends a blocked send or recv at once;
// - the header block and the body capped while they stream in
//   (response_reader.h), compressed bodies kept as sent, redirects not
//   followed, targets sent verbatim;
// - MSG_NOSIGNAL on every write, so a server that closes while a request is
//   being written is an error value, never SIGPIPE;
// - the same error kinds and messages.
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <memory>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "errcontract/http.h"
#include "transport/base_url.h"
#include "transport/response_reader.h"
#include "transport/transport_error.h"
#include "transport/transports.h"
#include "transport/watchdog.h"

namespace errcontract {

namespace {

using internal::Watchdog;
using Clock = Watchdog::Clock;
using K = TransportErrorKind;

constexpr std::size_t kReadBuffer = 64u << 10;

bool has_line_break(std::string_view text) {
  return text.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos;
}

class PlainHttpTransport final : public Transport {
 public:
  explicit PlainHttpTransport(const TargetOptions& options)
      : options_(options), watchdog_([this] { ::shutdown(fd_, SHUT_RDWR); }) {
    auto url = internal::parse_base_url(options.base_url);
    if (!url.ok()) {
      setup_error_ = url.status();
      return;
    }
    url_ = *url;
    if (url_.https || !options.proxy.empty()) {
      setup_error_ = Status(StatusCode::kInvalidArgument,
                            "the plain HTTP transport takes http:// targets without a proxy");
      return;
    }
    where_ = url_.to_string();
    const std::string host =
        url_.host.find(':') != std::string::npos ? "[" + url_.host + "]" : url_.host;
    host_header_ = url_.port == 80 ? host : host + ":" + std::to_string(url_.port);
    buffer_ = std::make_unique<char[]>(kReadBuffer);
  }

  ~PlainHttpTransport() override {
    watchdog_.disarm();
    close_connection();
  }

  Result<HttpResponse> send(const HttpRequest& request) override {
    if (!setup_error_.ok()) return setup_error_;
    if (Status bad = check_request(request); !bad.ok()) return bad;
    const auto start = Clock::now();
    const auto deadline = start + std::chrono::milliseconds(options_.timeout_ms);
    if (fd_ >= 0 && !connection_usable()) close_connection();
    if (fd_ < 0) {
      if (Status connected = connect_by(deadline); !connected.ok()) return connected;
    }
    build_head(request);

    watchdog_.arm(deadline);
    const bool written = write_request(request.body);
    if (!written) {
      const bool fired = watchdog_.disarm();
      close_connection();
      if (fired) {
        return transport_error(K::kTimeout,
                               fmt::format("write timeout after {} ms", options_.timeout_ms));
      }
      return transport_error(
          K::kClosed, "write failed: the server closed the connection while the request was sent");
    }
    return read_response(request.method == "HEAD");
  }

  std::uint64_t unasked_responses() const override { return unasked_responses_; }

 private:
  // Header injection would turn one request into two: refused before sending.
  static Status check_request(const HttpRequest& request) {
    const auto refuse = [](std::string_view what) {
      return transport_error(
          K::kOther, fmt::format("cannot send the request: its {} holds a line break or a NUL "
                                 "byte",
                                 what));
    };
    if (request.method.empty() || has_line_break(request.method) ||
        request.method.find(' ') != std::string::npos) {
      return refuse("method");
    }
    if (has_line_break(request.target)) return refuse("target");
    for (const auto& [name, value] : request.headers) {
      if (has_line_break(name) || has_line_break(value)) {
        return refuse(fmt::format("header \"{}\"", name));
      }
    }
    return Status::ok_status();
  }

  // Before a request on a kept-alive connection, and after a response: one
  // non-blocking peek. Bytes waiting are an answer nobody asked for (counted;
  // the connection is dropped so no request reads another's response); 0 is
  // the server's close.
  bool connection_usable() {
    char byte = 0;
    const ssize_t n = ::recv(fd_, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    if (n > 0) {
      ++unasked_responses_;
      return false;
    }
    return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
  }

  void close_connection() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

  // A non-blocking connect bounded by the connect timeout (and the request's
  // deadline), then back to blocking with TCP_NODELAY on.
  Status connect_by(Clock::time_point deadline) {
    const std::string unreachable(internal::kUnreachablePrefix);
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;
    addrinfo* found = nullptr;
    const int rc =
        ::getaddrinfo(url_.host.c_str(), std::to_string(url_.port).c_str(), &hints, &found);
    if (rc != 0 || found == nullptr) {
      if (found != nullptr) ::freeaddrinfo(found);
      return transport_error(K::kDns, fmt::format("{}the host name \"{}\" does not resolve ({})",
                                                  unreachable, url_.host, where_));
    }
    const auto connect_deadline =
        std::min(deadline, Clock::now() + std::chrono::milliseconds(options_.connect_timeout_ms));
    bool timed_out = false;
    for (const addrinfo* a = found; a != nullptr && fd_ < 0; a = a->ai_next) {
      const int fd = ::socket(a->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
      if (fd < 0) continue;
      int error = ::connect(fd, a->ai_addr, a->ai_addrlen) == 0 ? 0 : errno;
      if (error == EINPROGRESS) error = wait_connected(fd, connect_deadline, timed_out);
      if (error != 0) {
        ::close(fd);
        continue;
      }
      const int flags = ::fcntl(fd, F_GETFL);
      const int one = 1;
      if (flags < 0 || ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0 ||
          ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) != 0) {
        ::close(fd);
        continue;
      }
      fd_ = fd;
    }
    ::freeaddrinfo(found);
    if (fd_ >= 0) return Status::ok_status();
    if (timed_out) {
      return transport_error(K::kConnectTimeout,
                             fmt::format("{}connect timeout after {} ms ({})", unreachable,
                                         options_.connect_timeout_ms, where_));
    }
    return transport_error(K::kRefused, fmt::format("{}connection refused or host unreachable ({})",
                                                    unreachable, where_));
  }

  // The connect's outcome: 0, its errno, or ETIMEDOUT (and `timed_out`).
  static int wait_connected(int fd, Clock::time_point deadline, bool& timed_out) {
    while (true) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) {
        timed_out = true;
        return ETIMEDOUT;
      }
      pollfd writable{fd, POLLOUT, 0};
      const int ready = ::poll(&writable, 1, static_cast<int>(left));
      if (ready < 0 && errno == EINTR) continue;
      if (ready < 0) return errno;
      if (ready == 0) continue;  // the loop sees the deadline
      int error = 0;
      socklen_t len = sizeof error;
      if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &len) != 0) return errno;
      return error;
    }
  }

  // The request line and headers, as cpp-httplib would send them: the case's
  // headers, then --header ones the case does not set, then Host, Accept,
  // User-Agent, Accept-Encoding: identity (no compression asked for), and the
  // body's Content-Type and Content-Length.
  void build_head(const HttpRequest& request) {
    head_.clear();
    const auto line = [this](std::string_view name, std::string_view value) {
      head_.append(name).append(": ").append(value).append("\r\n");
    };
    head_.append(request.method).append(" ").append(url_.path).append(request.target);
    head_.append(" HTTP/1.1\r\n");
    for (const auto& [name, value] : request.headers) line(name, value);
    for (const auto& [name, value] : options_.headers) {
      if (find_header(request.headers, name) == nullptr) line(name, value);
    }
    const auto missing = [&](std::string_view name) {
      return find_header(request.headers, name) == nullptr &&
             find_header(options_.headers, name) == nullptr;
    };
    if (missing("Host")) line("Host", host_header_);
    if (missing("Accept")) line("Accept", "*/*");
    if (missing("User-Agent")) line("User-Agent", "errcontract");
    if (missing("Accept-Encoding")) line("Accept-Encoding", "identity");
    if (request.body.empty()) {
      const std::string& m = request.method;
      if ((m == "POST" || m == "PUT" || m == "PATCH") && missing("Content-Length")) {
        line("Content-Length", "0");
      }
    } else {
      if (missing("Content-Type")) line("Content-Type", "text/plain");
      if (missing("Content-Length")) line("Content-Length", std::to_string(request.body.size()));
    }
    head_.append("\r\n");
  }

  // The head and the body in one gathered write where the socket takes it.
  bool write_request(const std::string& body) {
    iovec parts[2] = {{head_.data(), head_.size()}, {const_cast<char*>(body.data()), body.size()}};
    int first = 0;
    const int count = body.empty() ? 1 : 2;
    while (first < count) {
      msghdr message{};
      message.msg_iov = parts + first;
      message.msg_iovlen = static_cast<std::size_t>(count - first);
      const ssize_t n = ::sendmsg(fd_, &message, MSG_NOSIGNAL);
      if (n < 0) {
        if (errno == EINTR) continue;
        return false;
      }
      auto left = static_cast<std::size_t>(n);
      while (first < count && left >= parts[first].iov_len) {
        left -= parts[first].iov_len;
        ++first;
      }
      if (first < count) {
        parts[first].iov_base = static_cast<char*>(parts[first].iov_base) + left;
        parts[first].iov_len -= left;
      }
    }
    return true;
  }

  Result<HttpResponse> read_response(bool head_request) {
    internal::ResponseReader reader(
        {options_.max_header_bytes, options_.max_body_bytes, head_request});
    bool leftover = false;
    bool completed = false;  // by the server's bytes, not by the watchdog's shutdown
    while (!reader.done() && !reader.failed()) {
      const ssize_t n = ::recv(fd_, buffer_.get(), kReadBuffer, 0);
      if (n > 0) {
        const auto got = static_cast<std::size_t>(n);
        const std::size_t used = reader.feed(std::string_view(buffer_.get(), got));
        completed = reader.done();
        leftover = completed && used < got;
      } else if (n == 0) {
        reader.end_of_stream(/*reset=*/false);
      } else if (errno != EINTR) {
        reader.end_of_stream(/*reset=*/true);
      }
    }
    const bool fired = watchdog_.disarm();
    if (fired && !completed) {
      close_connection();
      return transport_error(
          K::kTimeout,
          fmt::format("read timeout: no complete response within {} ms", options_.timeout_ms));
    }
    if (reader.failed()) {
      close_connection();
      return reader.error();
    }
    // Bytes after a response that ends the connection are never read as
    // anything: the connection goes, so they cannot desynchronise it.
    if (leftover && reader.keep_alive()) ++unasked_responses_;
    if (fired || leftover || !reader.keep_alive() || !connection_usable()) close_connection();
    return reader.take();
  }

  TargetOptions options_;
  internal::BaseUrl url_;
  std::string where_;        // the target's URL, in messages
  std::string host_header_;  // "host:port", or "host" on port 80
  Status setup_error_;
  int fd_ = -1;  // changed only while the watchdog is disarmed
  std::string head_;
  std::unique_ptr<char[]> buffer_;
  std::uint64_t unasked_responses_ = 0;
  Watchdog watchdog_;  // declared last: destroyed (and joined) first
};

}  // namespace

bool internal::plain_transport_fits(const TargetOptions& options) {
  auto url = parse_base_url(options.base_url);
  return url.ok() && !url->https && options.proxy.empty();
}

std::unique_ptr<Transport> internal::make_plain_http_transport(const TargetOptions& options) {
  return std::make_unique<PlainHttpTransport>(options);
}

}  // namespace errcontract
