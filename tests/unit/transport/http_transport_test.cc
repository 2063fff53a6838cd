// make_http_transport against real servers on 127.0.0.1 port 0: keep-alive,
// transport errors as values (refused, read timeout, total deadline, body
// cap), no redirects, no decompression, HTTPS verification.
#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "errcontract/http.h"
#include "self_signed_cert.h"
#include "transport_kinds.h"

namespace errcontract {
namespace {

using std::chrono::milliseconds;

// A cpp-httplib server (plain or TLS) on 127.0.0.1, any free port.
class TestServer {
 public:
  explicit TestServer(std::unique_ptr<httplib::Server> server = std::make_unique<httplib::Server>())
      : server_(std::move(server)) {}
  ~TestServer() { stop(); }
  httplib::Server& http() { return *server_; }

  void start() {
    server_->set_tcp_nodelay(true);
    port_ = server_->bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0);
    thread_ = std::thread([this] { server_->listen_after_bind(); });
    while (!server_->is_running()) std::this_thread::sleep_for(milliseconds(1));
  }
  void stop() {
    server_->stop();
    if (thread_.joinable()) thread_.join();
  }
  std::string url(const char* scheme = "http") const {
    return std::string(scheme) + "://127.0.0.1:" + std::to_string(port_);
  }

 private:
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

TargetOptions options_for(const std::string& url, int timeout_ms = 2000) {
  TargetOptions o;
  o.base_url = url;
  o.connect_timeout_ms = 2000;
  o.timeout_ms = timeout_ms;
  return o;
}

HttpRequest get(std::string target) {
  HttpRequest r;
  r.method = "GET";
  r.target = std::move(target);
  return r;
}

// Lets handlers that must outlast the client's patience end as soon as the
// test is done, instead of sleeping for a fixed time.
struct Release {
  std::atomic<bool> done{false};
  void wait(milliseconds at_most) const {
    const auto until = std::chrono::steady_clock::now() + at_most;
    while (!done && std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(milliseconds(5));
    }
  }
};

// The tests of plain http:// behaviour, against both transports an http://
// target can get (make_http_transport picks the plain one).
class HttpTransportBoth : public ::testing::TestWithParam<testing::TransportKind> {
 protected:
  std::unique_ptr<Transport> make(const TargetOptions& options) const {
    return testing::make_transport_of(GetParam(), options);
  }
};
ERRC_INSTANTIATE_FOR_BOTH_TRANSPORTS(HttpTransportBoth);

TEST_P(HttpTransportBoth, SendsRequestAndReadsResponse) {
  TestServer server;
  server.http().Put("/operators/", [](const httplib::Request& req, httplib::Response& res) {
    res.status = 409;
    res.set_header("X-Seen-Accept-Encoding", req.get_header_value("Accept-Encoding"));
    res.set_header("X-Seen-Body", req.body);
    res.set_header("X-Seen-Param", req.get_param_value("a"));
    res.set_content(R"({"error_code":"21402"})", "application/json");
  });
  server.start();
  auto transport = make(options_for(server.url()));
  HttpRequest req;
  req.method = "PUT";
  req.target = "/operators/?a=x%20b";
  req.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
  req.body = "operator_name=x";
  auto res = transport->send(req);
  ASSERT_TRUE(res.ok()) << res.status().message();
  EXPECT_EQ(res->status, 409);
  EXPECT_EQ(res->body, R"({"error_code":"21402"})");
  EXPECT_EQ(*find_header(res->headers, "content-type"), "application/json");
  EXPECT_EQ(*find_header(res->headers, "X-Seen-Accept-Encoding"), "identity");
  EXPECT_EQ(*find_header(res->headers, "X-Seen-Body"), "operator_name=x");
  // Sent verbatim: "%20" arrives as a space, not re-encoded as "%2520".
  EXPECT_EQ(*find_header(res->headers, "X-Seen-Param"), "x b");
  EXPECT_FALSE(res->body_truncated);
}

TEST_P(HttpTransportBoth, BasePathAndExtraHeadersGoOnEveryRequest) {
  TestServer server;
  server.http().Get("/uapi/v1/buckets/", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(req.get_header_value("X-Api-Key") + " " + req.get_header_value("X-Case"),
                    "text/plain");
  });
  server.start();
  TargetOptions o = options_for(server.url() + "/uapi/v1/");
  o.headers = {{"X-Api-Key", "k1"}, {"X-Case", "from-options"}};
  HttpRequest request = get("/buckets/?x=1");
  request.headers.emplace_back("X-Case", "from-case");  // the case's own header wins
  auto res = make(o)->send(request);
  ASSERT_TRUE(res.ok()) << res.status().message();
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, "k1 from-case");
}

TEST(HttpTransport, PlainHttpGoesThroughTheProxyWithAnAbsoluteTarget) {
  // The "proxy" answers itself with what it was asked for.
  TestServer proxy;
  proxy.http().Get(".*", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(req.target, "text/plain");
  });
  proxy.start();
  TargetOptions o = options_for("http://127.0.0.1:9/uapi");
  o.proxy = proxy.url();
  auto res = make_http_transport(o)->send(get("/buckets/?x=1"));
  ASSERT_TRUE(res.ok()) << res.status().message();
  EXPECT_EQ(res->body, "http://127.0.0.1:9/uapi/buckets/?x=1");
}

TEST(HttpTransport, AProxyThatRefusesTheConnectIsAnUnreachableProxyError) {
  TestServer proxy;  // answers CONNECT with an error status
  proxy.start();
  TargetOptions o = options_for("https://127.0.0.1:9");
  o.proxy = proxy.url();
  auto res = make_http_transport(o)->send(get("/"));
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(transport_error_kind(res.status()), TransportErrorKind::kProxy)
      << res.status().message();
  EXPECT_NE(res.status().message().find("the CONNECT to 127.0.0.1:9"), std::string::npos)
      << res.status().message();
}

TEST_P(HttpTransportBoth, KeepAliveReusesOneConnection) {
  TestServer server;
  server.http().Get("/port", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(std::to_string(req.remote_port), "text/plain");
  });
  server.start();
  auto transport = make(options_for(server.url()));
  std::string first;
  for (int i = 0; i < 4; ++i) {
    auto res = transport->send(get("/port"));
    ASSERT_TRUE(res.ok()) << res.status().message();
    if (i == 0) first = res->body;
    EXPECT_EQ(res->body, first) << "request " << i << " used a new connection";
  }
}

TEST_P(HttpTransportBoth, ConnectionRefusedIsAnErrorValue) {
  // Bind a port, close it, then connect to it: nothing listens there.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  socklen_t len = sizeof addr;
  ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  const int port = ntohs(addr.sin_port);
  ::close(fd);

  const std::string url = "http://127.0.0.1:" + std::to_string(port);
  auto transport = make(options_for(url));
  auto res = transport->send(get("/"));
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(transport_error_kind(res.status()), TransportErrorKind::kRefused);
  EXPECT_EQ(res.status().message(),
            "target unreachable: connection refused or host unreachable (" + url + ")");
}

TEST_P(HttpTransportBoth, SlowHandlerIsAReadTimeout) {
  TestServer server;
  Release release;
  server.http().Get("/slow", [&release](const httplib::Request&, httplib::Response& res) {
    release.wait(milliseconds(5000));
    res.set_content("late", "text/plain");
  });
  server.start();
  auto transport = make(options_for(server.url(), 200));
  auto res = transport->send(get("/slow"));
  release.done = true;
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(res.status().message(), "read timeout: no complete response within 200 ms");
}

TEST_P(HttpTransportBoth, TrickledBodyHitsTheTotalDeadline) {
  TestServer server;
  Release release;
  server.http().Get("/trickle", [&release](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("text/plain",
                                     [&release](size_t offset, httplib::DataSink& sink) {
                                       // One byte every 20 ms for up to 10 s: each read is quick,
                                       // the whole is not.
                                       if (release.done || offset > 500) {
                                         sink.done();
                                         return true;
                                       }
                                       std::this_thread::sleep_for(milliseconds(20));
                                       return sink.write("x", 1);
                                     });
  });
  server.start();
  auto transport = make(options_for(server.url(), 300));
  auto res = transport->send(get("/trickle"));
  release.done = true;
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.status().message(), "read timeout: no complete response within 300 ms");
}

// A listening socket on 127.0.0.1 (any free port) whose accept loop runs
// `serve(listen_fd)` on a thread of its own until the destructor shuts the
// socket down: the base of the raw servers below, which misbehave in ways a
// real HTTP library will not.
class RawListener {
 public:
  explicit RawListener(std::function<void(int listen_fd)> serve) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::listen(fd_, 4) != 0) {
      return;
    }
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this, serve = std::move(serve)] { serve(fd_); });
  }
  ~RawListener() {
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    if (thread_.joinable()) thread_.join();
  }
  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  int fd_ = -1;
  int port_ = 0;
  std::thread thread_;
};

// A raw TCP server that sends a status line and then one header byte at a
// time: no body, so only the watchdog can stop it.
class TricklingHeadersServer {
 public:
  ~TricklingHeadersServer() { done_ = true; }
  int port() const { return listener_.port(); }

 private:
  void serve(int listen_fd) {
    const int conn = ::accept(listen_fd, nullptr, nullptr);
    if (conn < 0) return;
    char buf[1024];
    (void)::recv(conn, buf, sizeof buf, 0);
    const std::string head = "HTTP/1.1 200 OK\r\nX-Slow: ";
    bool ok = ::send(conn, head.data(), head.size(), MSG_NOSIGNAL) > 0;
    for (int i = 0; ok && !done_ && i < 500; ++i) {
      std::this_thread::sleep_for(milliseconds(20));
      ok = ::send(conn, "a", 1, MSG_NOSIGNAL) == 1;
    }
    ::close(conn);
  }

  std::atomic<bool> done_{false};
  RawListener listener_{[this](int fd) { serve(fd); }};  // last: stopped first
};

TEST_P(HttpTransportBoth, TrickledHeadersHitTheTotalDeadline) {
  TricklingHeadersServer server;
  ASSERT_GT(server.port(), 0);
  auto transport = make(options_for("http://127.0.0.1:" + std::to_string(server.port()), 300));
  auto res = transport->send(get("/"));
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.status().message(), "read timeout: no complete response within 300 ms");
}

// Answers one request per connection, then closes it 20 ms later without
// having said so (no "Connection: close"): a server with a short keep-alive
// timeout, which a kept-alive client must notice before it sends again.
class ClosesIdleConnectionsServer {
 public:
  std::string url() const { return listener_.url(); }
  int connections() const { return connections_; }

 private:
  void serve(int listen_fd) {
    while (true) {
      const int conn = ::accept(listen_fd, nullptr, nullptr);
      if (conn < 0) return;
      ++connections_;
      char buf[4096];
      if (::recv(conn, buf, sizeof buf, 0) > 0) {
        const std::string answer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        (void)::send(conn, answer.data(), answer.size(), MSG_NOSIGNAL);
      }
      std::this_thread::sleep_for(milliseconds(20));
      ::close(conn);
    }
  }

  std::atomic<int> connections_{0};
  RawListener listener_{[this](int fd) { serve(fd); }};  // last: stopped first
};

TEST_P(HttpTransportBoth, AConnectionTheServerClosedWhileIdleIsReplacedNotAnError) {
  ClosesIdleConnectionsServer server;
  auto transport = make(options_for(server.url()));
  for (int i = 0; i < 3; ++i) {
    auto res = transport->send(get("/"));
    ASSERT_TRUE(res.ok()) << "request " << i << ": " << res.status().message();
    EXPECT_EQ(res->body, "ok");
    std::this_thread::sleep_for(milliseconds(100));  // the server has closed by now
  }
  EXPECT_EQ(server.connections(), 3);
}

TEST_P(HttpTransportBoth, AConnectionCloseAnswerEndsTheConnectionAndTheNextRequestOpensOne) {
  TestServer server;
  server.http().set_keep_alive_max_count(2);  // the second answer says Connection: close
  server.http().Get("/port", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(std::to_string(req.remote_port), "text/plain");
  });
  server.start();
  auto transport = make(options_for(server.url()));
  std::vector<std::string> ports;
  for (int i = 0; i < 4; ++i) {
    auto res = transport->send(get("/port"));
    ASSERT_TRUE(res.ok()) << "request " << i << ": " << res.status().message();
    ports.push_back(res->body);
  }
  EXPECT_EQ(ports[0], ports[1]);
  EXPECT_NE(ports[1], ports[2]);
  EXPECT_EQ(ports[2], ports[3]);
}

TEST_P(HttpTransportBoth, AHeadAnswerHasNoBodyAndTheConnectionStaysInStep) {
  TestServer server;
  server.http().Get("/doc", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(100, 'd'), "text/plain");
  });
  server.start();
  auto transport = make(options_for(server.url()));
  HttpRequest head = get("/doc");
  head.method = "HEAD";
  auto res = transport->send(head);
  ASSERT_TRUE(res.ok()) << res.status().message();
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, "");
  EXPECT_EQ(*find_header(res->headers, "Content-Length"), "100");
  auto next = transport->send(get("/doc"));
  ASSERT_TRUE(next.ok()) << next.status().message();
  EXPECT_EQ(next->body, std::string(100, 'd'));
}

TEST(PlainHttpTransport, LineBreaksInTheRequestAreRefusedBeforeAnythingIsSent) {
  TestServer server;
  std::atomic<int> requests{0};
  server.http().Get(".*", [&requests](const httplib::Request&, httplib::Response& res) {
    ++requests;
    res.set_content("ok", "text/plain");
  });
  server.start();
  auto transport = internal::make_plain_http_transport(options_for(server.url()));
  HttpRequest header = get("/");
  header.headers = {{"X-Note", "a\r\nX-Injected: 1"}};
  auto res = transport->send(header);
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(transport_error_kind(res.status()), TransportErrorKind::kOther);
  EXPECT_EQ(res.status().message(),
            "cannot send the request: its header \"X-Note\" holds a line break or a NUL byte");
  auto target = transport->send(get("/a HTTP/1.1\r\nHost: x\r\n\r\nGET /b"));
  ASSERT_FALSE(target.ok());
  EXPECT_EQ(target.status().message(),
            "cannot send the request: its target holds a line break or a NUL byte");
  HttpRequest method = get("/");
  method.method = "GET /x";
  EXPECT_FALSE(transport->send(method).ok());
  EXPECT_EQ(requests.load(), 0);
  EXPECT_TRUE(transport->send(get("/")).ok());
  EXPECT_EQ(requests.load(), 1);
}

// Answers each request with two responses in one write, the first one with
// or without "Connection: close".
class TwoAnswersAtOnceServer {
 public:
  explicit TwoAnswersAtOnceServer(bool close_first) : close_first_(close_first) {}
  std::string url() const { return listener_.url(); }

 private:
  void serve(int listen_fd) {
    while (true) {
      const int conn = ::accept(listen_fd, nullptr, nullptr);
      if (conn < 0) return;
      char buf[4096];
      while (::recv(conn, buf, sizeof buf, 0) > 0) {
        const std::string first = std::string("HTTP/1.1 200 OK\r\n") +
                                  (close_first_ ? "Connection: close\r\n" : "") +
                                  "Content-Length: 5\r\n\r\nfirst";
        const std::string both = first + "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nstray";
        if (::send(conn, both.data(), both.size(), MSG_NOSIGNAL) < 0 || close_first_) break;
      }
      ::close(conn);
    }
  }

  bool close_first_;
  RawListener listener_{[this](int fd) { serve(fd); }};  // last: stopped first
};

// Two requests to a TwoAnswersAtOnceServer: each gets the first answer; the
// count of answers nobody asked for.
std::uint64_t strays_counted(bool close_first) {
  TwoAnswersAtOnceServer server(close_first);
  auto transport = internal::make_plain_http_transport(options_for(server.url()));
  for (int i = 0; i < 2; ++i) {
    auto res = transport->send(get("/"));
    EXPECT_TRUE(res.ok()) << res.status().message();
    if (res.ok()) {
      EXPECT_EQ(res->body, "first");
    }
  }
  return transport->unasked_responses();
}

// cpp-httplib reads each response through a buffer of its own and drops what
// follows it unseen; the plain transport sees it in the same read.
TEST(PlainHttpTransport, ASecondResponseInTheSameReadIsCountedAndNeverReadAsTheNextAnswer) {
  EXPECT_EQ(strays_counted(/*close_first=*/false), 2u);
}

TEST(PlainHttpTransport, BytesAfterAResponseThatClosesTheConnectionAreNoDesync) {
  EXPECT_EQ(strays_counted(/*close_first=*/true), 0u);
}

TEST(TransportChoice, DirectHttpGetsThePlainTransportAndHttpsOrAProxyCppHttplib) {
  TargetOptions o = options_for("http://127.0.0.1:8080/api");
  EXPECT_TRUE(internal::plain_transport_fits(o));
  o.proxy = "http://127.0.0.1:3128";
  EXPECT_FALSE(internal::plain_transport_fits(o));
  EXPECT_FALSE(internal::plain_transport_fits(options_for("https://127.0.0.1:8443")));
  EXPECT_FALSE(internal::plain_transport_fits(options_for("ftp://127.0.0.1:21")));
  // And the plain transport refuses what it does not fit, as a value.
  auto res =
      internal::make_plain_http_transport(options_for("https://127.0.0.1:8443"))->send(get("/"));
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.status().code(), StatusCode::kInvalidArgument);
}

TEST_P(HttpTransportBoth, BodyOverTheCapIsAnError) {
  TestServer server;
  server.http().Get("/big", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(5000, 'x'), "text/plain");
  });
  server.http().Get("/big-chunked", [](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("text/plain", [](size_t offset, httplib::DataSink& sink) {
      if (offset >= 5000) {
        sink.done();
        return true;
      }
      return sink.write(std::string(500, 'y').data(), 500);
    });
  });
  server.http().Get("/small", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(1000, 's'), "text/plain");
  });
  server.start();
  TargetOptions o = options_for(server.url());
  o.max_body_bytes = 1000;
  auto transport = make(o);
  auto big = transport->send(get("/big"));
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.status().message(), "response body over 1000 bytes (cap)");
  auto chunked = transport->send(get("/big-chunked"));
  ASSERT_FALSE(chunked.ok());
  EXPECT_EQ(chunked.status().message(), "response body over 1000 bytes (cap)");
  // Exactly at the cap is fine, and the transport recovers from the aborts.
  auto small = transport->send(get("/small"));
  ASSERT_TRUE(small.ok()) << small.status().message();
  EXPECT_EQ(small->body.size(), 1000u);
}

TEST_P(HttpTransportBoth, RedirectsAreNotFollowed) {
  TestServer server;
  server.http().Get(
      "/old", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/new"); });
  server.http().Get("/new", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("followed", "text/plain");
  });
  server.start();
  auto transport = make(options_for(server.url()));
  auto res = transport->send(get("/old"));
  ASSERT_TRUE(res.ok()) << res.status().message();
  EXPECT_EQ(res->status, 302);
  EXPECT_EQ(*find_header(res->headers, "Location"), "/new");
  EXPECT_NE(res->body, "followed");
}

TEST_P(HttpTransportBoth, CompressedBodiesStayCompressed) {
  TestServer server;
  server.http().Get("/json", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(2000, ' ') + "{}", "application/json");
  });
  server.start();
  auto transport = make(options_for(server.url()));
  HttpRequest req = get("/json");
  req.headers = {{"Accept-Encoding", "gzip"}};  // a case may ask for it explicitly
  auto res = transport->send(req);
  ASSERT_TRUE(res.ok()) << res.status().message();
  ASSERT_NE(find_header(res->headers, "Content-Encoding"), nullptr);
  EXPECT_EQ(*find_header(res->headers, "Content-Encoding"), "gzip");
  ASSERT_GE(res->body.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(res->body[0]), 0x1f);
  EXPECT_EQ(static_cast<unsigned char>(res->body[1]), 0x8b);
}

TEST(HttpTransport, InvalidBaseUrlIsAnErrorOnSend) {
  auto transport = make_http_transport(options_for("ftp://127.0.0.1:21"));
  auto res = transport->send(get("/"));
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(res.status().message(),
            "invalid target URL \"ftp://127.0.0.1:21\": the scheme must be http:// or https://");
}

TEST(HttpTransport, HttpsToAPlainServerFailsTheHandshake) {
  TestServer server;
  server.http().Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("plain", "text/plain");
  });
  server.start();
  auto transport = make_http_transport(options_for(server.url("https"), 1000));
  auto res = transport->send(get("/"));
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.status().message().rfind("target unreachable: TLS handshake failed", 0), 0u)
      << res.status().message();
}

// A self-signed certificate for 127.0.0.1, written to a temporary directory.
class SelfSignedCertificate {
 public:
  SelfSignedCertificate() {
    dir_ = std::filesystem::temp_directory_path() /
           ("errc-tls-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::create_directories(dir_);
    const testing::SelfSignedCertificatePem pem = testing::make_self_signed_certificate();
    std::ofstream(cert_path()) << pem.certificate;
    std::ofstream(key_path()) << pem.private_key;
  }
  ~SelfSignedCertificate() { std::filesystem::remove_all(dir_); }
  std::string cert_path() const { return (dir_ / "cert.pem").string(); }
  std::string key_path() const { return (dir_ / "key.pem").string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path dir_;
};

class HttpsTransport : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<TestServer>(
        std::make_unique<httplib::SSLServer>(cert_.cert_path().c_str(), cert_.key_path().c_str()));
    server_->http().Get("/", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("secure", "text/plain");
    });
    server_->start();
  }
  SelfSignedCertificate cert_;
  std::unique_ptr<TestServer> server_;
};

TEST_F(HttpsTransport, UnknownCertificateFailsVerification) {
  auto transport = make_http_transport(options_for(server_->url("https")));
  auto res = transport->send(get("/"));
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(
      res.status().message(),
      "target unreachable: TLS certificate verification failed (use --insecure or --ca-file) (" +
          server_->url("https") + ")");
}

TEST_F(HttpsTransport, CaFileMakesTheCertificateTrusted) {
  TargetOptions o = options_for(server_->url("https"));
  o.ca_file = cert_.cert_path();
  auto res = make_http_transport(o)->send(get("/"));
  ASSERT_TRUE(res.ok()) << res.status().message();
  EXPECT_EQ(res->body, "secure");
}

TEST_F(HttpsTransport, ANameMismatchSaysSoAndDoesNotSuggestTheCaFile) {
  // The certificate names 127.0.0.1; "localhost" is the same server under another name.
  std::string url = server_->url("https");
  url.replace(url.find("127.0.0.1"), 9, "localhost");
  TargetOptions o = options_for(url);
  o.ca_file = cert_.cert_path();
  auto res = make_http_transport(o)->send(get("/"));
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(transport_error_kind(res.status()), TransportErrorKind::kTlsNameMismatch);
  EXPECT_NE(res.status().message().find("TLS certificate name mismatch"), std::string::npos)
      << res.status().message();
  EXPECT_NE(res.status().message().find("\"localhost\""), std::string::npos);
  EXPECT_EQ(res.status().message().find("--ca-file"), std::string::npos);
}

TEST_F(HttpsTransport, AChainThatDoesNotVerifyWithACaFileNamesTheFile) {
  SelfSignedCertificate other;
  TargetOptions o = options_for(server_->url("https"));
  o.ca_file = other.cert_path();
  auto res = make_http_transport(o)->send(get("/"));
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(transport_error_kind(res.status()), TransportErrorKind::kTlsVerify);
  EXPECT_NE(res.status().message().find(other.cert_path()), std::string::npos);
  EXPECT_EQ(res.status().message().find("--insecure"), std::string::npos);
}

TEST(HttpsClientCertificate, IsPresentedWithCertAndKey) {
  // A server that requires a client certificate issued by its own (self-signed) CA.
  SelfSignedCertificate cert;
  TestServer server(std::make_unique<httplib::SSLServer>(
      cert.cert_path().c_str(), cert.key_path().c_str(), cert.cert_path().c_str()));
  server.http().Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("mutual", "text/plain");
  });
  server.start();
  TargetOptions o = options_for(server.url("https"));
  o.ca_file = cert.cert_path();
  EXPECT_FALSE(make_http_transport(o)->send(get("/")).ok());  // no client certificate
  o.cert_file = cert.cert_path();
  o.key_file = cert.key_path();
  auto res = make_http_transport(o)->send(get("/"));
  ASSERT_TRUE(res.ok()) << res.status().message();
  EXPECT_EQ(res->body, "mutual");
}

TEST_F(HttpsTransport, InsecureSkipsVerification) {
  TargetOptions o = options_for(server_->url("https"));
  o.insecure = true;
  auto res = make_http_transport(o)->send(get("/"));
  ASSERT_TRUE(res.ok()) << res.status().message();
  EXPECT_EQ(res->body, "secure");
}

}  // namespace
}  // namespace errcontract
