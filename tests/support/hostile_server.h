// A raw-socket HTTP server for tests that must misbehave at the byte level,
// which a real HTTP library will not do: never answer, trickle, reset mid
// body, lie about Content-Length, break chunked framing, stream 100 MB, send
// a gzip bomb or a 64 KB+ header block, speak TLS with an untrusted
// certificate. Plain POSIX sockets (and OpenSSL for TLS), 127.0.0.1 port 0,
// one misbehaviour per instance, one thread per connection, stoppable at any
// time.
//
// Requests whose path starts with kWellBehavedPath get a conforming answer
// (the 21203 envelope echoing the request, keep-alive), so one run can
// hold a hostile case and cases that must still pass around it.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "loopback_listener.h"

namespace errcontract::testing {

enum class Misbehaviour {
  kNeverAnswer,         // reads the request, then holds the connection silently
  kSlowLoris,           // a valid response, one byte per second
  kResetMidBody,        // Content-Length 1000, 100 bytes, then a TCP reset (SO_LINGER 0)
  kShortBody,           // Content-Length 1000, 100 bytes, then a clean close
  kBadChunkedEncoding,  // Transfer-Encoding: chunked with a chunk size of "zz"
  kHugeBody,            // Content-Length 100 MB, streamed
  kHugeUndeclaredBody,  // 100 MB, no Content-Length, ended by closing (streamed)
  kDeepNesting,         // a JSON body of 1,000,000 '['
  kInvalidUtf8,         // the 21203 envelope with bytes FF FE in its message
  kGzipBomb,            // Content-Encoding: gzip, about 2 MB that inflate to 2 GiB
  kRedirectLoop,        // 302 with Location: the path that was requested
  kHugeHeaders,         // a header block of 80 lines of 1 KB, then the 21203 envelope
  kEndlessHeaders,      // header lines of 1 KB, one after another, never ending
  kUntrustedTls,        // TLS with a fresh self-signed certificate; a good answer inside
  kResetDuringUpload,   // reads the request head, then resets instead of reading the body
  kSecondResponse,      // the 21203 envelope, then 50 ms later a second response nobody asked for
};

const char* to_string(Misbehaviour misbehaviour);

inline constexpr std::string_view kWellBehavedPath = "/good/";
inline constexpr std::string_view kEnvelopeCode = "21203";  // what every answer is about
inline constexpr std::uint64_t kHugeBodyBytes = 100ull << 20;
inline constexpr std::size_t kDeepNestingDepth = 1000000;
inline constexpr std::uint64_t kGzipBombExpandedBytes = 2ull << 30;

// A gzip member that inflates to `expanded` zero bytes, generated with zlib
// without ever holding the expanded data: `first`, then `repeated` (count)
// times, then `last`. Each part is a deflate block sequence ended by a full
// flush, so identical 1 MiB inputs give identical bytes.
struct GzipBomb {
  std::string first;
  std::string repeated;
  std::uint64_t count = 0;
  std::string last;
  std::uint64_t expanded = 0;
  std::uint64_t size() const { return first.size() + repeated.size() * count + last.size(); }
  std::string prefix(std::size_t n) const;  // the first n bytes of the stream
};
GzipBomb make_gzip_bomb(std::uint64_t expanded_bytes);

class HostileServer {
 public:
  // With `tls`, the misbehaviour happens inside a TLS session (with an
  // untrusted certificate: clients need insecure mode); kUntrustedTls is
  // always TLS.
  explicit HostileServer(Misbehaviour misbehaviour, bool tls = false);
  ~HostileServer();
  HostileServer(const HostileServer&) = delete;
  HostileServer& operator=(const HostileServer&) = delete;

  // "" when listening; else why not.
  const std::string& error() const { return error_; }
  int port() const { return listener_.port(); }
  std::string url() const;  // http://127.0.0.1:PORT, or https:// for kUntrustedTls
  const GzipBomb& gzip_bomb() const { return bomb_; }

  // Requests that got the misbehaviour (well-behaved paths not counted).
  int hostile_requests() const { return hostile_requests_.load(); }
  // Bytes written to clients, all connections together.
  std::uint64_t bytes_sent() const { return bytes_sent_.load(); }

  // Wakes every waiting connection, closes the sockets and joins the threads.
  void stop();

 private:
  struct Connection;
  void serve(Connection& conn);
  bool misbehave(Connection& conn, const std::string& method, const std::string& path);
  bool setup_tls();

  Misbehaviour misbehaviour_;
  std::string error_;
  std::atomic<int> hostile_requests_{0};
  std::atomic<std::uint64_t> bytes_sent_{0};
  GzipBomb bomb_;
  std::shared_ptr<void> tls_context_;  // SSL_CTX*, only over TLS
  LoopbackListener
      listener_;  // every poll also watches its wake_fd(); declared last: stopped first
};

// A port on 127.0.0.1 that nothing listens on: bound, then closed.
int closed_port();

}  // namespace errcontract::testing
