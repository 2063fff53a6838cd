#include "hostile_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/sockios.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>
#include <thread>

#include "errcontract/catalog.h"
#include "errcontract/envelope.h"
#include "self_signed_cert.h"

namespace errcontract::testing {

namespace {

constexpr std::size_t kChunk = 64 << 10;  // streamed bodies go out in pieces of this size
constexpr std::size_t kBombBlock = 1 << 20;

std::string status_line(int status) {
  switch (status) {
    case 302:
      return "HTTP/1.1 302 Found\r\n";
    case 404:
      return "HTTP/1.1 404 Not Found\r\n";
    default:
      return "HTTP/1.1 " + std::to_string(status) + " Status\r\n";
  }
}

// The conforming answer for kEnvelopeCode to `method path`.
std::string envelope_for(const std::string& method, const std::string& path) {
  return build_envelope(Catalog::builtin(), kEnvelopeCode, method, path);
}

int envelope_status() { return Catalog::builtin().find(kEnvelopeCode)->status; }

std::string head(int status, std::uint64_t content_length, const std::string& extra = "") {
  return status_line(status) + "Content-Type: application/json\r\n" + extra +
         "Content-Length: " + std::to_string(content_length) + "\r\n\r\n";
}

std::string deflate_part(z_stream& z, const unsigned char* in, std::size_t n, int flush) {
  std::string out;
  unsigned char buffer[16384];
  z.next_in = const_cast<unsigned char*>(in);
  z.avail_in = static_cast<uInt>(n);
  do {
    z.next_out = buffer;
    z.avail_out = sizeof buffer;
    deflate(&z, flush);
    out.append(reinterpret_cast<char*>(buffer), sizeof buffer - z.avail_out);
  } while (z.avail_out == 0 || z.avail_in > 0);
  return out;
}

void put_le32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

// A server context holding a fresh self-signed certificate for 127.0.0.1.
std::shared_ptr<void> make_tls_context() {
  const SelfSignedCertificatePem pem = make_self_signed_certificate();
  SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
  BIO* cert_bio = BIO_new_mem_buf(pem.certificate.data(), static_cast<int>(pem.certificate.size()));
  BIO* key_bio = BIO_new_mem_buf(pem.private_key.data(), static_cast<int>(pem.private_key.size()));
  X509* cert = PEM_read_bio_X509(cert_bio, nullptr, nullptr, nullptr);
  EVP_PKEY* key = PEM_read_bio_PrivateKey(key_bio, nullptr, nullptr, nullptr);
  const bool ok = ctx != nullptr && cert != nullptr && key != nullptr &&
                  SSL_CTX_use_certificate(ctx, cert) == 1 && SSL_CTX_use_PrivateKey(ctx, key) == 1;
  X509_free(cert);
  EVP_PKEY_free(key);
  BIO_free(cert_bio);
  BIO_free(key_bio);
  if (!ok) {
    SSL_CTX_free(ctx);
    return nullptr;
  }
  return std::shared_ptr<void>(ctx, [](void* p) { SSL_CTX_free(static_cast<SSL_CTX*>(p)); });
}

}  // namespace

const char* to_string(Misbehaviour misbehaviour) {
  switch (misbehaviour) {
    case Misbehaviour::kNeverAnswer:
      return "never-answer";
    case Misbehaviour::kSlowLoris:
      return "slow-loris";
    case Misbehaviour::kResetMidBody:
      return "reset-mid-body";
    case Misbehaviour::kShortBody:
      return "short-body";
    case Misbehaviour::kBadChunkedEncoding:
      return "bad-chunked-encoding";
    case Misbehaviour::kHugeBody:
      return "huge-body";
    case Misbehaviour::kHugeUndeclaredBody:
      return "huge-undeclared-body";
    case Misbehaviour::kDeepNesting:
      return "deep-nesting";
    case Misbehaviour::kInvalidUtf8:
      return "invalid-utf8";
    case Misbehaviour::kGzipBomb:
      return "gzip-bomb";
    case Misbehaviour::kRedirectLoop:
      return "redirect-loop";
    case Misbehaviour::kHugeHeaders:
      return "huge-headers";
    case Misbehaviour::kEndlessHeaders:
      return "endless-headers";
    case Misbehaviour::kUntrustedTls:
      return "untrusted-tls";
    case Misbehaviour::kResetDuringUpload:
      return "reset-during-upload";
    case Misbehaviour::kSecondResponse:
      return "second-response";
  }
  return "?";
}

std::string GzipBomb::prefix(std::size_t n) const {
  std::string out = first.substr(0, n);
  for (std::uint64_t i = 0; i < count && out.size() < n; ++i) {
    out += repeated.substr(0, n - out.size());
  }
  if (out.size() < n) out += last.substr(0, n - out.size());
  return out;
}

GzipBomb make_gzip_bomb(std::uint64_t expanded_bytes) {
  GzipBomb bomb;
  const std::uint64_t blocks = std::max<std::uint64_t>(3, expanded_bytes / kBombBlock);
  const std::string zeros(kBombBlock, '\0');
  const auto* in = reinterpret_cast<const unsigned char*>(zeros.data());
  z_stream z{};
  if (deflateInit2(&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK) return bomb;
  // gzip header: magic, deflate, no flags, no mtime, max compression, Unix.
  bomb.first = std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03", 10);
  bomb.first += deflate_part(z, in, zeros.size(), Z_FULL_FLUSH);
  bomb.repeated = deflate_part(z, in, zeros.size(), Z_FULL_FLUSH);
  // After a full flush the compressor forgets its history, so every further
  // block of zeros compresses to the same bytes; check it once.
  if (deflate_part(z, in, zeros.size(), Z_FULL_FLUSH) != bomb.repeated) {
    deflateEnd(&z);
    return GzipBomb{};
  }
  bomb.last = bomb.repeated + deflate_part(z, nullptr, 0, Z_FINISH);
  deflateEnd(&z);
  bomb.count = blocks - 2;

  const uLong block_crc = crc32(0L, in, static_cast<uInt>(zeros.size()));
  uLong crc = crc32(0L, Z_NULL, 0);
  for (std::uint64_t i = 0; i < blocks; ++i) {
    crc = crc32_combine(crc, block_crc, static_cast<z_off_t>(kBombBlock));
  }
  bomb.expanded = blocks * kBombBlock;
  put_le32(bomb.last, static_cast<std::uint32_t>(crc));
  put_le32(bomb.last, static_cast<std::uint32_t>(bomb.expanded & 0xFFFFFFFFu));
  return bomb;
}

// One accepted socket (and its TLS session), with reads, writes and pauses
// that all return early once the server is stopping.
struct HostileServer::Connection {
  int fd = -1;
  SSL* ssl = nullptr;
  HostileServer* server = nullptr;
  bool reset = false;  // close with a TCP reset, no TLS close_notify first

  // From now on a close sends a reset (RST) instead of a FIN.
  void reset_on_close() {
    linger zero{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &zero, sizeof zero);
    reset = true;
  }

  ~Connection() {
    if (ssl != nullptr) {
      if (!reset && SSL_is_init_finished(ssl)) SSL_shutdown(ssl);
      SSL_free(ssl);
    }
    if (fd >= 0) ::close(fd);
  }

  // Waits for `events` on the socket; false once stopping (or on error).
  bool wait(short events, int timeout_ms = -1) const {
    for (;;) {
      if (ssl != nullptr && (events & POLLIN) != 0 && SSL_pending(ssl) > 0) return true;
      pollfd fds[2] = {{fd, events, 0}, {server->listener_.wake_fd(), POLLIN, 0}};
      const int n = ::poll(fds, 2, timeout_ms);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0 || fds[1].revents != 0) return false;
      return true;
    }
  }

  // Sleeps `ms` unless the server stops first (then returns false).
  bool pause(int ms) const {
    pollfd wake{server->listener_.wake_fd(), POLLIN, 0};
    return ::poll(&wake, 1, ms) == 0;
  }

  // Bytes read (0 at end of stream, -1 on error or stop).
  long read_some(char* buffer, std::size_t n) const {
    if (!wait(POLLIN)) return -1;
    if (ssl != nullptr) {
      const int got = SSL_read(ssl, buffer, static_cast<int>(n));
      return got > 0 ? got : (SSL_get_error(ssl, got) == SSL_ERROR_ZERO_RETURN ? 0 : -1);
    }
    const ssize_t got = ::recv(fd, buffer, n, 0);
    return got < 0 ? -1 : static_cast<long>(got);
  }

  bool send_all(std::string_view data) const {
    while (!data.empty()) {
      if (!wait(POLLOUT)) return false;
      long n = 0;
      if (ssl != nullptr) {
        n = SSL_write(ssl, data.data(),
                      static_cast<int>(std::min<std::size_t>(data.size(), 16384)));
        if (n <= 0) return false;
      } else {
        n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) continue;
        if (n <= 0) return false;
      }
      server->bytes_sent_ += static_cast<std::uint64_t>(n);
      data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  // Until the peer's kernel has acknowledged everything sent, so that what
  // comes next (a reset) cannot overtake the data.
  void wait_until_acknowledged() const {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    int unacked = 0;
    while (::ioctl(fd, SIOCOUTQ, &unacked) == 0 && unacked > 0 &&
           std::chrono::steady_clock::now() < until && pause(1)) {
    }
  }

  // Holds the connection open until the client closes it or the server stops.
  void drain_until_closed() const {
    char buffer[4096];
    while (read_some(buffer, sizeof buffer) > 0) {
    }
  }
};

HostileServer::HostileServer(Misbehaviour misbehaviour, bool tls) : misbehaviour_(misbehaviour) {
  if (misbehaviour_ == Misbehaviour::kGzipBomb) {
    bomb_ = make_gzip_bomb(kGzipBombExpandedBytes);
    if (bomb_.count == 0) {
      error_ = "zlib did not give a repeatable block";
      return;
    }
  }
  if ((tls || misbehaviour_ == Misbehaviour::kUntrustedTls) && !setup_tls()) return;
  error_ = listener_.start(16, [this](int fd) {
    // OpenSSL writes with write(): a client that hung up must not raise
    // SIGPIPE in the test process.
    sigset_t pipe;
    sigemptyset(&pipe);
    sigaddset(&pipe, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe, nullptr);
    Connection conn;
    conn.fd = fd;
    conn.server = this;
    serve(conn);
  });
}

HostileServer::~HostileServer() { stop(); }

bool HostileServer::setup_tls() {
  tls_context_ = make_tls_context();
  if (tls_context_ == nullptr) {
    error_ = "cannot make a self-signed certificate";
    return false;
  }
  return true;
}

std::string HostileServer::url() const {
  return std::string(tls_context_ != nullptr ? "https" : "http") +
         "://127.0.0.1:" + std::to_string(port());
}

void HostileServer::stop() { listener_.stop(); }

void HostileServer::serve(Connection& conn) {
  if (tls_context_ != nullptr) {
    // Bound the handshake: a client that rejects the certificate sends an
    // alert, one that stalls must not hold stop() forever.
    timeval limit{2, 0};
    ::setsockopt(conn.fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    ::setsockopt(conn.fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
    conn.ssl = SSL_new(static_cast<SSL_CTX*>(tls_context_.get()));
    SSL_set_fd(conn.ssl, conn.fd);
    if (SSL_accept(conn.ssl) != 1) {
      ERR_clear_error();
      return;
    }
  }
  // Requests on one connection until one is answered in a way that ends it.
  std::string request;
  char buffer[4096];
  for (;;) {
    std::size_t end = std::string::npos;
    while ((end = request.find("\r\n\r\n")) == std::string::npos) {
      const long n = conn.read_some(buffer, sizeof buffer);
      if (n <= 0 || request.size() > (64u << 10)) return;
      request.append(buffer, static_cast<std::size_t>(n));
    }
    // Bodies are never read: the cases send GET requests, but for the upload
    // that kResetDuringUpload answers with a reset.
    const std::string line = request.substr(0, request.find("\r\n"));
    request.erase(0, end + 4);
    const std::size_t sp1 = line.find(' ');
    const std::size_t sp2 = line.find(' ', sp1 + 1);
    if (sp1 == std::string::npos || sp2 == std::string::npos) return;
    const std::string method = line.substr(0, sp1);
    const std::string target = line.substr(sp1 + 1, sp2 - sp1 - 1);
    const std::string path = target.substr(0, target.find('?'));

    if (path.rfind(kWellBehavedPath, 0) == 0 || misbehaviour_ == Misbehaviour::kUntrustedTls) {
      const std::string body = envelope_for(method, path);
      if (!conn.send_all(head(envelope_status(), body.size()) + body)) return;
      continue;
    }
    ++hostile_requests_;
    if (!misbehave(conn, method, path)) return;
  }
}

// Returns true when the answer was a complete, well-framed response after
// which the connection may carry the next request (keep-alive).
bool HostileServer::misbehave(Connection& conn, const std::string& method,
                              const std::string& path) {
  const std::string envelope = envelope_for(method, path);
  const int status = envelope_status();
  switch (misbehaviour_) {
    case Misbehaviour::kNeverAnswer:
      conn.drain_until_closed();
      return false;
    case Misbehaviour::kSlowLoris: {
      const std::string response = head(status, envelope.size()) + envelope;
      for (char c : response) {
        if (!conn.send_all(std::string_view(&c, 1)) || !conn.pause(1000)) return false;
      }
      return true;
    }
    case Misbehaviour::kResetMidBody:
    case Misbehaviour::kShortBody: {
      std::string partial = envelope + std::string(100, ' ');
      partial.resize(100);
      if (!conn.send_all(head(status, 1000) + partial)) return false;
      if (misbehaviour_ == Misbehaviour::kResetMidBody) {
        conn.wait_until_acknowledged();
        conn.reset_on_close();
      }
      return false;  // the Connection's destructor closes (with a reset when lingering 0)
    }
    case Misbehaviour::kBadChunkedEncoding:
      if (conn.send_all(status_line(status) +
                        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                        "zz\r\n" +
                        envelope + "\r\n0\r\n\r\n")) {
        conn.drain_until_closed();
      }
      return false;
    case Misbehaviour::kHugeBody:
    case Misbehaviour::kHugeUndeclaredBody: {
      const std::string block(kChunk, 'x');
      const bool declared = misbehaviour_ == Misbehaviour::kHugeBody;
      if (!conn.send_all(declared
                             ? head(status, kHugeBodyBytes)
                             : status_line(status) + "Content-Type: application/json\r\n\r\n")) {
        return false;
      }
      for (std::uint64_t sent = 0; sent < kHugeBodyBytes; sent += block.size()) {
        if (!conn.send_all(block)) return false;
      }
      return declared;  // an undeclared body ends with the connection
    }
    case Misbehaviour::kDeepNesting: {
      const std::string block(kChunk, '[');
      if (!conn.send_all(head(status, kDeepNestingDepth))) return false;
      for (std::size_t left = kDeepNestingDepth; left > 0;) {
        const std::size_t n = std::min(left, block.size());
        if (!conn.send_all(std::string_view(block.data(), n))) return false;
        left -= n;
      }
      return true;
    }
    case Misbehaviour::kInvalidUtf8: {
      std::string body = envelope;
      body.insert(body.rfind("\"}"), "\xFF\xFE");  // inside the message string
      return conn.send_all(head(status, body.size()) + body);
    }
    case Misbehaviour::kGzipBomb: {
      if (!conn.send_all(head(status, bomb_.size(), "Content-Encoding: gzip\r\n")) ||
          !conn.send_all(bomb_.first)) {
        return false;
      }
      for (std::uint64_t i = 0; i < bomb_.count; ++i) {
        if (!conn.send_all(bomb_.repeated)) return false;
      }
      return conn.send_all(bomb_.last);
    }
    case Misbehaviour::kRedirectLoop:
      return conn.send_all(status_line(302) + "Location: " + path +
                           "\r\nContent-Length: 0\r\n\r\n");
    case Misbehaviour::kHugeHeaders: {
      std::string response = status_line(status);
      for (int i = 0; i < 80; ++i) {
        response += "X-Filler-" + std::to_string(i) + ": " + std::string(1000, 'a') + "\r\n";
      }
      response +=
          "Content-Type: application/json\r\nContent-Length: " + std::to_string(envelope.size()) +
          "\r\n\r\n" + envelope;
      return conn.send_all(response);
    }
    case Misbehaviour::kEndlessHeaders: {
      if (!conn.send_all(status_line(status))) return false;
      const std::string line = "X-Filler: " + std::string(1000, 'a') + "\r\n";
      while (conn.send_all(line)) {
      }
      return false;
    }
    case Misbehaviour::kResetDuringUpload:
      conn.reset_on_close();
      return false;
    case Misbehaviour::kSecondResponse: {
      // The way a server that cannot frame a request answers its leftovers:
      // a complete response, then another one on the same connection. The
      // pause lets the client finish reading the first before the second
      // arrives, so it waits in the socket for the next request.
      if (!conn.send_all(head(status, envelope.size()) + envelope)) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      const std::string stray = envelope_for("GET", "/unasked/");
      return conn.send_all(head(status, stray.size()) + stray);
    }
    case Misbehaviour::kUntrustedTls:
      break;  // handled in serve(): the certificate is the misbehaviour
  }
  return false;
}

int closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), len) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  ::close(fd);
  return port;
}

}  // namespace errcontract::testing
