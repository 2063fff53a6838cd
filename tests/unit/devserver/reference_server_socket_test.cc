// The reference server behind its cpp-httplib listener on 127.0.0.1 port 0:
// real requests from httplib::Client, cpp-httplib's own errors as envelopes,
// raw multipart bodies reaching our parser, concurrent clients, and malformed
// requests written byte by byte on a raw socket.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <string>
#include <thread>
#include <vector>

#include "errcontract/envelope.h"
#include "errcontract/reference_server.h"

namespace errcontract {
namespace {

class SocketServer : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<int> port = server_.start("127.0.0.1", 0);
    ASSERT_TRUE(port.ok()) << port.status().message();
    port_ = *port;
  }

  httplib::Client client() {
    httplib::Client c("127.0.0.1", port_);
    c.set_tcp_nodelay(true);
    c.set_bearer_token_auth(server_.fixtures().at("token"));
    return c;
  }

  static std::string code_of(const httplib::Result& res) {
    EnvelopeParse parse = parse_envelope(res->body);
    EXPECT_TRUE(parse.ok()) << res->body;
    return parse.envelope ? parse.envelope->error_code : std::string();
  }

  ReferenceServer server_{Catalog::builtin()};
  int port_ = 0;
};

TEST_F(SocketServer, ServesRealRequestsAndStops) {
  EXPECT_GT(port_, 0);
  EXPECT_EQ(server_.port(), port_);
  auto c = client();
  auto profile = c.Get("/accounts/profile/");
  ASSERT_TRUE(profile) << httplib::to_string(profile.error());
  EXPECT_EQ(profile->status, 200);
  EXPECT_EQ(profile->get_header_value("Content-Type"), "application/json");
  auto missing = c.Get("/nope?x=1");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(missing->body,
            R"({"error_code":"10404","request":"GET /nope","message":"Route not found."})");
  server_.stop();
  server_.stop();  // idempotent
  EXPECT_EQ(server_.port(), 0);
  EXPECT_FALSE(c.Get("/accounts/profile/"));
}

TEST_F(SocketServer, RefusesToStartTwice) {
  Result<int> again = server_.start("127.0.0.1", 0);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().message(),
            "reference server: already listening on port " + std::to_string(port_));
  ReferenceServer second(Catalog::builtin());
  Result<int> clash = second.start("127.0.0.1", port_);
  ASSERT_FALSE(clash.ok());
  EXPECT_EQ(clash.status().code(), StatusCode::kUnavailable);
}

TEST_F(SocketServer, MissingTokenOverTheWire) {
  httplib::Client c("127.0.0.1", port_);
  auto res = c.Get("/accounts/profile/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_EQ(code_of(res), "11001");
}

TEST_F(SocketServer, OversizedBodyIsAn413Envelope) {
  auto c = client();
  auto res =
      c.Put("/buckets/", std::string((8u << 20) + 1, 'a'), "application/x-www-form-urlencoded");
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(res->status, 413);
  EXPECT_EQ(code_of(res), "10413");
}

TEST_F(SocketServer, LongFormBodiesReachTheHandlers) {
  // cpp-httplib alone refuses url-encoded bodies over 8 KiB; the server reads them itself.
  auto c = client();
  auto res = c.Put("/buckets/", "bucket_name=" + std::string(20000, 'a'),
                   "application/x-www-form-urlencoded");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(code_of(res), "21201");
}

TEST_F(SocketServer, MultipartBodiesReachOurParser) {
  auto c = client();
  ASSERT_EQ(c.Put("/buckets/", "bucket_name=marks&type=image", "application/x-www-form-urlencoded")
                ->status,
            201);
  const std::string file =
      "--B\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.gif\"\r\n"
      "Content-Type: image/gif\r\n\r\nGIF89a\r\n";
  const std::string body =
      "--B\r\nContent-Disposition: form-data; name=\"bucket_name\"\r\n\r\n"
      "marks\r\n" +
      file + file + "--B--\r\n";
  auto two = c.Post("/buckets/watermark/", body, "multipart/form-data; boundary=B");
  ASSERT_TRUE(two);
  EXPECT_EQ(code_of(two), "21215");
  auto broken = c.Post("/buckets/watermark/", "--B\r\ngarbage", "multipart/form-data; boundary=B");
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->status, 400);
  EXPECT_EQ(code_of(broken), "21201");
}

TEST_F(SocketServer, DeleteWithoutBodyIsAnswered) {
  auto c = client();
  auto res = c.Delete("/buckets/?bucket_name=nothing-here&password=x");
  ASSERT_TRUE(res) << httplib::to_string(res.error());
  EXPECT_EQ(code_of(res), "21203");
}

TEST_F(SocketServer, UnknownMethodAndLongUriGetEnvelopes) {
  auto c = client();
  httplib::Request foo;
  foo.method = "FOO";
  foo.path = "/buckets/";
  auto res = c.send(foo);
  ASSERT_TRUE(res);
  EXPECT_GE(res->status, 400);
  EXPECT_EQ(code_of(res), "10" + std::to_string(res->status));
  auto long_path = c.Get("/" + std::string(8000, 'a'));
  ASSERT_TRUE(long_path);
  EXPECT_EQ(code_of(long_path), "10404");
  auto too_long = c.Get("/" + std::string(9000, 'a'));
  ASSERT_TRUE(too_long);
  EXPECT_EQ(code_of(too_long), "10" + std::to_string(too_long->status));
}

// cpp-httplib may read the rest of a request it could not parse, or the body of
// a GET, as a second request and answer it too; such answers therefore end the
// connection, and answers to requests it read whole keep it.
TEST_F(SocketServer, AnswersToRequestsItCouldNotReadWholeEndTheConnection) {
  auto c = client();
  c.set_keep_alive(true);  // else every request asks the server to close
  httplib::Request foo;
  foo.method = "FOO";
  foo.path = "/buckets/";
  auto unknown_method = c.send(foo);
  ASSERT_TRUE(unknown_method);
  EXPECT_EQ(unknown_method->status, 400);
  EXPECT_EQ(unknown_method->get_header_value("Connection"), "close");
  auto too_long = c.Get("/" + std::string(9000, 'a'));
  ASSERT_TRUE(too_long);
  EXPECT_EQ(too_long->status, 414);
  EXPECT_EQ(too_long->get_header_value("Connection"), "close");
  // cpp-httplib reads no GET body: it would be read as the next request.
  httplib::Request with_body;
  with_body.method = "GET";
  with_body.path = "/buckets/";
  with_body.body = std::string(10000, 'x');
  with_body.set_header("Content-Type", "text/plain");
  auto get_with_body = c.send(with_body);
  ASSERT_TRUE(get_with_body);
  EXPECT_EQ(get_with_body->get_header_value("Connection"), "close");
  auto no_route = c.Get("/nothing/here/");
  ASSERT_TRUE(no_route);
  EXPECT_EQ(no_route->status, 404);
  EXPECT_NE(no_route->get_header_value("Connection"), "close");
}

// The "total" of GET /buckets/ for the main account.
int bucket_total(httplib::Client& c) {
  auto listed = c.Get("/buckets/?limit=1000");
  if (!listed) return -1;
  const auto at = listed->body.find("\"total\":");
  return at == std::string::npos ? -1 : std::atoi(listed->body.c_str() + at + 8);
}

TEST_F(SocketServer, ConcurrentClientsKeepStateConsistent) {
  auto reader = client();
  const int seeded = bucket_total(reader);
  ASSERT_GE(seeded, 0);
  constexpr int kThreads = 8;
  constexpr int kPerThread = 20;
  std::atomic<int> created{0};
  std::atomic<int> duplicates{0};
  std::atomic<int> unexpected{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto c = client();
      // Everyone races for the same name: exactly one wins.
      auto race =
          c.Put("/buckets/", "bucket_name=race-bucket", "application/x-www-form-urlencoded");
      if (race && race->status == 201) {
        ++created;
      } else if (race && race->status == 409) {
        ++duplicates;
      } else {
        ++unexpected;
      }
      for (int i = 0; i < kPerThread; ++i) {
        const std::string name = "t" + std::to_string(t) + "-b" + std::to_string(i);
        auto res = c.Put("/buckets/", "bucket_name=" + name, "application/x-www-form-urlencoded");
        if (!res || res->status != 201) ++unexpected;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(created.load(), 1);
  EXPECT_EQ(duplicates.load(), kThreads - 1);
  EXPECT_EQ(unexpected.load(), 0);
  // The seeded buckets, the race winner and every thread's buckets.
  EXPECT_EQ(bucket_total(reader), seeded + 1 + kThreads * kPerThread);
}

// What came back on a raw connection: the status line, headers and body as
// bytes, or nothing if the server closed or stayed silent.
struct RawReply {
  bool answered = false;
  int status = 0;
  std::string content_type;
  std::string body;
  std::string error;  // why nothing was answered
};

std::string header_value(const std::string& head, const std::string& name) {
  std::string lower = head;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto at = lower.find("\r\n" + name + ":");
  if (at == std::string::npos) return {};
  std::size_t start = at + 3 + name.size();
  while (start < head.size() && head[start] == ' ') ++start;
  return head.substr(start, head.find("\r\n", start) - start);
}

// Writes `bytes` on a fresh connection (then half-closes it when `close_write`)
// and reads one response. A receive timeout turns a hang into a failure
// message instead of a stuck test; it is not a timing assertion.
RawReply send_raw(int port, const std::string& bytes, bool close_write = false) {
  RawReply reply;
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) {
    reply.error = "socket() failed";
    return reply;
  }
  timeval guard{30, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &guard, sizeof(guard));
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &guard, sizeof(guard));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    ::close(fd);
    reply.error = "connect() failed";
    return reply;
  }
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may answer and close before reading it all
    sent += static_cast<std::size_t>(n);
  }
  if (close_write) ::shutdown(fd, SHUT_WR);
  std::string in;
  std::size_t head_end = std::string::npos;
  std::size_t want = std::string::npos;
  char buffer[4096];
  while (want == std::string::npos || in.size() < want) {
    const ssize_t n = ::recv(fd, buffer, sizeof(buffer), 0);
    if (n == 0) break;
    if (n < 0) {
      reply.error = "no answer within 30 s";
      break;
    }
    in.append(buffer, static_cast<std::size_t>(n));
    if (head_end == std::string::npos && (head_end = in.find("\r\n\r\n")) != std::string::npos) {
      const std::string length = header_value(in.substr(0, head_end + 2), "content-length");
      want = head_end + 4 + (length.empty() ? 0 : std::stoul(length));
    }
  }
  ::close(fd);
  if (head_end == std::string::npos || in.compare(0, 9, "HTTP/1.1 ") != 0) {
    if (reply.error.empty()) reply.error = "connection closed without a response";
    return reply;
  }
  reply.answered = true;
  reply.status = std::atoi(in.c_str() + 9);
  const std::string head = in.substr(0, head_end + 2);
  reply.content_type = header_value(head, "content-type");
  // Only the declared body: a server that answered leftover bytes as further
  // requests has sent more after it.
  reply.body = in.substr(head_end + 4, want - head_end - 4);
  return reply;
}

class MalformedRequests : public SocketServer {
 protected:
  // The reply is an error envelope whose code is catalogued (with the
  // catalog's status) or a server extension code 10<status>; returns it.
  std::string expect_envelope(const RawReply& reply, int status, const std::string& code) {
    EXPECT_TRUE(reply.answered) << reply.error;
    if (!reply.answered) return {};
    EXPECT_EQ(reply.status, status) << reply.body;
    EXPECT_EQ(reply.content_type, "application/json");
    EnvelopeParse parse = parse_envelope(reply.body);
    EXPECT_TRUE(parse.ok()) << reply.body;
    if (!parse.envelope) return {};
    const std::string sent = parse.envelope->error_code;
    EXPECT_EQ(sent, code) << reply.body;
    const CodeEntry* entry = Catalog::builtin().find(sent);
    if (entry != nullptr) {
      EXPECT_EQ(entry->status, reply.status) << sent;
    } else {
      EXPECT_EQ(sent, "10" + std::to_string(reply.status)) << "neither documented nor extension";
    }
    return sent;
  }

  std::string request(const std::string& method, const std::string& target,
                      const std::string& headers = "", const std::string& body = "") {
    return method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
           server_.fixtures().at("token") + "\r\n" + headers +
           (body.empty() ? "" : "Content-Length: " + std::to_string(body.size()) + "\r\n") +
           "Connection: close\r\n\r\n" + body;
  }

  std::string form(const std::string& method, const std::string& target, const std::string& body) {
    return request(method, target, "Content-Type: application/x-www-form-urlencoded\r\n", body);
  }

  std::string json(const std::string& method, const std::string& target, const std::string& body) {
    return request(method, target, "Content-Type: application/json\r\n", body);
  }

  void TearDown() override {
    // Whatever came before, the server still serves.
    auto res = client().Get("/accounts/profile/");
    ASSERT_TRUE(res) << httplib::to_string(res.error());
    EXPECT_EQ(res->status, 200);
  }
};

TEST_F(MalformedRequests, BadJsonBodiesGetTheParameterCode) {
  const std::string name = "op-raw";
  for (const std::string& body :
       {std::string(R"({"operator_name":"op-raw",)"), std::string(R"(["op-raw"])"),
        std::string("{\"operator_name\":\"\xC3\x28\"}"), std::string(R"({"a":1} trailing)"),
        std::string(100000, '['), std::string(R"({"operator_name":{"deep":1}})")}) {
    SCOPED_TRACE(body.substr(0, 40));
    expect_envelope(send_raw(port_, json("PUT", "/operators/", body)), 400, "21401");
  }
}

TEST_F(MalformedRequests, BadPercentEncodingGetsTheParameterCode) {
  for (const char* query : {"bucket_name=%zz", "bucket_name=abc%", "bucket_name=%C0%AF",
                            "bucket_name=%4", "%zz=1&bucket_name=x"}) {
    SCOPED_TRACE(query);
    expect_envelope(send_raw(port_, request("GET", std::string("/buckets/info/?") + query)), 400,
                    "21201");
  }
  expect_envelope(send_raw(port_, form("PUT", "/buckets/", "bucket_name=%G1&type=file")), 400,
                  "21201");
  expect_envelope(send_raw(port_, form("PUT", "/operators/", "operator_name=%&password=x")), 400,
                  "21401");
  // In the path: no route has such a name.
  expect_envelope(send_raw(port_, request("GET", "/buckets/%zz/")), 404, "10404");
  expect_envelope(send_raw(port_, request("GET", "/%00/")), 404, "10404");
}

TEST_F(MalformedRequests, UnknownMethodsGetA400Envelope) {
  // cpp-httplib refuses what it does not know, and TRACE and CONNECT too.
  for (const char* method : {"BREW", "PROPFIND", "TRACE", "CONNECT"}) {
    SCOPED_TRACE(method);
    const RawReply reply = send_raw(port_, request(method, "/buckets/"));
    expect_envelope(reply, 400, "10400");
    EXPECT_NE(reply.body.find("\"request\":\"" + std::string(method) + " /buckets/\""),
              std::string::npos);
  }
  // Methods are case-sensitive; a method that is not upper-case letters is
  // echoed as UNKNOWN, so the envelope stays well-formed.
  for (const char* method : {"get", "G\x01T"}) {
    SCOPED_TRACE(method);
    const RawReply reply = send_raw(port_, request(method, "/buckets/"));
    expect_envelope(reply, 400, "10400");
    EXPECT_NE(reply.body.find(R"("request":"UNKNOWN /buckets/")"), std::string::npos);
  }
}

TEST_F(MalformedRequests, OddTargetsAreEchoedAsWellFormedPaths) {
  const std::vector<std::pair<std::string, std::string>> targets = {
      {"/buckets/\x01x", "GET /buckets/%01x"},
      {"/a\tb", "GET /a%09b"},
      {"/\x7F", "GET /%7F"},
      {"*", "GET /*"},
      {"buckets", "GET /buckets"},
      {"http://other.example/nothing/", "GET /nothing/"},
  };
  for (const auto& [target, echo] : targets) {
    SCOPED_TRACE(target);
    const RawReply reply = send_raw(port_, request("GET", target));
    expect_envelope(reply, 404, "10404");
    EXPECT_NE(reply.body.find("\"request\":\"" + echo + "\""), std::string::npos);
  }
}

TEST_F(MalformedRequests, HeaderJunkIsRefusedOrIgnored) {
  using namespace std::string_literals;
  const std::string line = "GET /accounts/profile/ HTTP/1.1\r\nHost: x\r\n";
  // cpp-httplib refuses these with 400.
  for (const std::string& bytes : {
           line + "X-Long: " + std::string(9000, 'a') + "\r\n\r\n",
           "GET /accounts/profile/ HTTP/1.1 extra\r\nHost: x\r\n\r\n"s,
           "GET /accounts/profile/ HTTP/2.0\r\nHost: x\r\n\r\n"s, "GET\r\n\r\n"s, "\r\n\r\n"s,
           "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n"s,  // a TLS hello on plain HTTP
       }) {
    SCOPED_TRACE(bytes.substr(0, 60));
    expect_envelope(send_raw(port_, bytes), 400, "10400");
  }
  // cpp-httplib 0.11 skips these lines and serves the request (without a
  // token that is 11001); 0.18 refuses a header line without a colon, with a
  // NUL or with an empty name, and more than 100 headers, with 400. Either
  // way the answer is an envelope.
  std::string many_headers;
  for (int i = 0; i < 2000; ++i) many_headers += "X-A: b\r\n";
  for (const std::string& bytes : {
           line + "NoColonHere\r\n\r\n",
           line + "X-Nul: a\x00b\r\n\r\n"s,
           line + ": empty-name\r\n\r\n",
           line + many_headers + "\r\n",
       }) {
    SCOPED_TRACE(bytes.substr(0, 60));
    const RawReply reply = send_raw(port_, bytes);
    if (reply.status == 400) {
      expect_envelope(reply, 400, "10400");
    } else {
      expect_envelope(reply, 401, "11001");
    }
  }
  // A Content-Length that is no number is ignored by both.
  for (const std::string& bytes : {
           line + "Content-Length: abc\r\n\r\n",
           line + "Content-Length: -5\r\n\r\n",
       }) {
    SCOPED_TRACE(bytes.substr(0, 60));
    expect_envelope(send_raw(port_, bytes), 401, "11001");
  }
}

TEST_F(MalformedRequests, BadBodyFramingGetsAnEnvelope) {
  const std::string head = "PUT /buckets/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                           server_.fixtures().at("token") +
                           "\r\nContent-Type: application/x-www-form-urlencoded\r\n";
  // A broken chunk size.
  expect_envelope(
      send_raw(port_, head + "Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"), 400,
      "10400");
  // A chunked body over the 8 MiB limit, refused once the limit is passed.
  std::string chunked = head + "Transfer-Encoding: chunked\r\n\r\n";
  const std::string chunk(1 << 20, 'a');
  for (int i = 0; i < 9; ++i) chunked += "100000\r\n" + chunk + "\r\n";
  chunked += "0\r\n\r\n";
  expect_envelope(send_raw(port_, chunked), 413, "10413");
}

TEST_F(MalformedRequests, ADeclaredLengthOverTheLimitIsAnsweredWithoutTheBody) {
  // cpp-httplib reads and drops a body declared over the limit; a client that
  // sends none of it gets its 413 once the server's 5 s read timeout expires.
  const std::string head = "PUT /buckets/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                           server_.fixtures().at("token") +
                           "\r\nContent-Type: application/x-www-form-urlencoded\r\n";
  expect_envelope(send_raw(port_, head + "Content-Length: 100000000000\r\n\r\nabc"), 413, "10413");
}

TEST_F(MalformedRequests, AnAbandonedBodyClosesTheConnection) {
  // The client declares 100 bytes, sends 13 and stops writing: there is no
  // one left to answer, and the connection is closed rather than held.
  const RawReply reply = send_raw(port_,
                                  "PUT /buckets/ HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n"
                                  "\r\nbucket_name=x",
                                  true);
  EXPECT_FALSE(reply.answered);
  EXPECT_EQ(reply.error, "connection closed without a response");
}

}  // namespace
}  // namespace errcontract
