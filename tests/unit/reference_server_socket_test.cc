// The reference server behind its cpp-httplib listener on 127.0.0.1 port 0:
// real requests from httplib::Client, cpp-httplib's own errors as envelopes,
// raw multipart bodies reaching our parser, and concurrent clients.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
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

TEST_F(SocketServer, ConcurrentClientsKeepStateConsistent) {
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
  auto listed = client().Get("/buckets/?limit=1000");
  ASSERT_TRUE(listed);
  // The seeded files, purged and stale buckets, the race winner and every thread's buckets.
  const std::string total = "\"total\":" + std::to_string(3 + 1 + kThreads * kPerThread);
  EXPECT_NE(listed->body.find(total), std::string::npos) << listed->body.substr(0, 200);
}

}  // namespace
}  // namespace errcontract
