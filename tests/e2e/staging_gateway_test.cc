// The whole case library through a staging-like network, end to end with the
// real binary: the reference server behind a gateway written here that has
// TLS from a private CA made in the test, a base path (/uapi), a required
// header (X-Api-Key), a rate limit answering 429 with Retry-After, chunked
// responses and numeric error_code values, reached through a CONNECT proxy.
// Everything listens on 127.0.0.1, port 0.
//
// The clean run passes with no failure; when the gateway breaks one code,
// exactly that code's cases fail.
#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "errcontract/catalog.h"
#include "errcontract/reference_server.h"
#include "process.h"
#include "self_signed_cert.h"

namespace errcontract {
namespace {

namespace fs = std::filesystem;
using testing::ProcessResult;
using testing::run_process;

constexpr const char* kApiKey = "gw-key-7f3a9c";
constexpr const char* kBasePath = "/uapi";

using testing::errcontract_binary;

// The gateway: TLS, base path, API key, a fixed-window rate limit, chunked
// responses with numeric error codes; `broken_code`'s error_code is replaced
// by another documented code.
class Gateway {
 public:
  Gateway(const fs::path& dir, const testing::PrivateCaPem& pem, std::string broken_code)
      : backend_(Catalog::builtin()), broken_code_(std::move(broken_code)) {
    std::ofstream(dir / "server.pem") << pem.server_certificate;
    std::ofstream(dir / "server.key") << pem.server_key;
    server_ = std::make_unique<httplib::SSLServer>((dir / "server.pem").c_str(),
                                                   (dir / "server.key").c_str());
    auto handler = [this](const httplib::Request& req, httplib::Response& res) { serve(req, res); };
    const std::string any = ".*";
    server_->Get(any, handler);
    server_->Post(any, handler);
    server_->Put(any, handler);
    server_->Patch(any, handler);
    server_->Delete(any, handler);
    server_->Options(any, handler);
    port_ = server_->bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_->listen_after_bind(); });
    while (!server_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~Gateway() {
    server_->stop();
    thread_.join();
  }
  int port() const { return port_; }
  const Fixtures& fixtures() const { return backend_.fixtures(); }
  int throttled() const { return throttled_.load(); }

 private:
  // At most kPerWindow requests a second; over it, 429 and Retry-After: 1.
  static constexpr int kPerWindow = 60;
  bool admit() {
    std::lock_guard<std::mutex> lock(mu_);
    // Also every 25th request, so a slow run meets the limit too.
    if (++seen_ % 25 == 0) return false;
    const auto now = std::chrono::steady_clock::now();
    if (now - window_start_ >= std::chrono::seconds(1)) {
      window_start_ = now;
      in_window_ = 0;
    }
    return ++in_window_ <= kPerWindow;
  }

  void serve(const httplib::Request& req, httplib::Response& res) {
    const std::string base(kBasePath);
    if (req.target.compare(0, base.size() + 1, base + "/") != 0) {
      res.status = 404;
      res.set_content("no route", "text/plain");
      return;
    }
    if (req.get_header_value("X-Api-Key") != kApiKey) {
      res.status = 401;
      res.set_content("gateway: missing or wrong API key", "text/plain");
      return;
    }
    if (!admit()) {
      ++throttled_;
      res.status = 429;
      res.set_header("Retry-After", "1");
      res.set_content("gateway: slow down", "text/plain");
      return;
    }
    HttpRequest forwarded;
    forwarded.method = req.method;
    forwarded.target = req.target.substr(base.size());
    for (const auto& [name, value] : req.headers) {
      if (name != "X-Api-Key" && name != "Host") forwarded.headers.emplace_back(name, value);
    }
    forwarded.body = req.body;
    HttpResponse answer = backend_.handle(forwarded);

    std::string body = answer.body;
    if (!broken_code_.empty()) {
      // The broken code comes back as another documented code: its cases fail.
      const std::string from = "\"error_code\":\"" + broken_code_ + "\"";
      for (auto at = body.find(from); at != std::string::npos; at = body.find(from, at)) {
        body.replace(at, from.size(), "\"error_code\":\"11001\"");
      }
    }
    // Numeric error codes, as some gateways re-serialise them.
    static const std::regex quoted_code(R"re("error_code"\s*:\s*"(\d+)")re");
    body = std::regex_replace(body, quoted_code, "\"error_code\":$1");

    res.status = answer.status;
    std::string content_type = "application/octet-stream";
    for (const auto& [name, value] : answer.headers) {
      if (strcasecmp(name.c_str(), "Content-Type") == 0) {
        content_type = value;
      } else if (strcasecmp(name.c_str(), "Content-Length") != 0 &&
                 strcasecmp(name.c_str(), "Transfer-Encoding") != 0 &&
                 strcasecmp(name.c_str(), "Connection") != 0) {
        res.set_header(name, value);
      }
    }
    auto shared = std::make_shared<std::string>(std::move(body));
    res.set_chunked_content_provider(
        content_type, [shared](std::size_t offset, httplib::DataSink& sink) {
          // Two chunks at most, so the body really arrives in pieces.
          if (offset < shared->size()) {
            const std::size_t n = std::min<std::size_t>(
                shared->size() - offset, std::max<std::size_t>(1, shared->size() / 2));
            sink.write(shared->data() + offset, n);
          } else {
            sink.done();
          }
          return true;
        });
  }

  ReferenceServer backend_;
  std::string broken_code_;
  std::unique_ptr<httplib::SSLServer> server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mu_;
  std::chrono::steady_clock::time_point window_start_ = std::chrono::steady_clock::now();
  int in_window_ = 0;
  int seen_ = 0;
  std::atomic<int> throttled_{0};
};

// A CONNECT proxy that tunnels to 127.0.0.1 only.
class ConnectProxy {
 public:
  ConnectProxy() {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const int one = 1;
    ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(listen_fd_, 64);
    socklen_t len = sizeof addr;
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    accept_thread_ = std::thread([this] { accept_loop(); });
  }
  ~ConnectProxy() {
    stop_ = true;
    ::shutdown(listen_fd_, SHUT_RDWR);
    ::close(listen_fd_);
    accept_thread_.join();
    std::lock_guard<std::mutex> lock(mu_);
    for (auto& t : tunnels_) t.join();
  }
  int port() const { return port_; }
  int tunnels() const { return opened_.load(); }

 private:
  void accept_loop() {
    while (!stop_) {
      const int client = ::accept(listen_fd_, nullptr, nullptr);
      if (client < 0) {
        if (stop_) return;
        continue;
      }
      std::lock_guard<std::mutex> lock(mu_);
      tunnels_.emplace_back([this, client] { tunnel(client); });
    }
  }

  void tunnel(int client) {
    std::string head;
    char buf[16384];
    while (head.find("\r\n\r\n") == std::string::npos && head.size() < 8192) {
      const ssize_t n = ::recv(client, buf, sizeof buf, 0);
      if (n <= 0) {
        ::close(client);
        return;
      }
      head.append(buf, static_cast<std::size_t>(n));
    }
    static const std::regex connect_line(R"(^CONNECT 127\.0\.0\.1:(\d+) HTTP/1\.[01]\r\n)");
    std::smatch m;
    if (!std::regex_search(head, m, connect_line)) {
      const std::string refused = "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n";
      ::send(client, refused.data(), refused.size(), MSG_NOSIGNAL);
      ::close(client);
      return;
    }
    const int upstream = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<uint16_t>(std::stoi(m[1].str())));
    if (::connect(upstream, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      const std::string bad = "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n";
      ::send(client, bad.data(), bad.size(), MSG_NOSIGNAL);
      ::close(upstream);
      ::close(client);
      return;
    }
    ++opened_;
    const std::string ok = "HTTP/1.1 200 Connection established\r\n\r\n";
    ::send(client, ok.data(), ok.size(), MSG_NOSIGNAL);
    const std::size_t rest = head.find("\r\n\r\n") + 4;
    if (rest < head.size()) {
      ::send(upstream, head.data() + rest, head.size() - rest, MSG_NOSIGNAL);
    }
    pollfd fds[2] = {{client, POLLIN, 0}, {upstream, POLLIN, 0}};
    while (!stop_) {
      if (::poll(fds, 2, 200) < 0) break;
      bool closed = false;
      for (int i = 0; i < 2 && !closed; ++i) {
        if ((fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
        const ssize_t n = ::recv(fds[i].fd, buf, sizeof buf, 0);
        if (n <= 0 || ::send(fds[1 - i].fd, buf, static_cast<std::size_t>(n), MSG_NOSIGNAL) != n) {
          closed = true;
        }
      }
      if (closed) break;
    }
    ::close(upstream);
    ::close(client);
  }

  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> opened_{0};
  std::thread accept_thread_;
  std::mutex mu_;
  std::vector<std::thread> tunnels_;
};

class StagingGateway : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("errc-staging-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    pem_ = testing::make_private_ca();
    ASSERT_FALSE(pem_.ca_certificate.empty());
    std::ofstream(dir_ / "ca.pem") << pem_.ca_certificate;
  }
  void TearDown() override { fs::remove_all(dir_); }

  // The done-when command of issue 10 against `gateway` through `proxy`.
  ProcessResult run(Gateway& gateway, ConnectProxy& proxy) {
    std::ofstream fixtures(dir_ / "fixtures.json");
    fixtures << "{";
    bool first = true;
    for (const auto& [name, value] : gateway.fixtures()) {
      fixtures << (first ? "" : ",") << "\"" << name << "\":\"" << value << "\"";
      first = false;
    }
    fixtures << "}";
    fixtures.close();
    return run_process(
        errcontract_binary(),
        {"run", "--target", "https://127.0.0.1:" + std::to_string(gateway.port()) + kBasePath,
         "--ca-file", (dir_ / "ca.pem").string(), "--header", std::string("X-Api-Key: ") + kApiKey,
         "--proxy", "http://127.0.0.1:" + std::to_string(proxy.port()), "--lenient", "--fixtures",
         (dir_ / "fixtures.json").string(), "--report", "junit=" + (dir_ / "junit.xml").string()});
  }

  static int count(const std::string& text, const std::string& what) {
    int n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  }

  // "cases: N passed, ..." -> N.
  static int passed(const std::string& out) {
    static const std::regex totals(R"(cases: (\d+) passed, (\d+) failed, (\d+) errors)");
    std::smatch m;
    return std::regex_search(out, m, totals) ? std::stoi(m[1].str()) : -1;
  }

  fs::path dir_;
  testing::PrivateCaPem pem_;
};

TEST_F(StagingGateway, CleanRunPassesThroughTlsBasePathHeaderRateLimitAndProxy) {
  Gateway gateway(dir_, pem_, "");
  ConnectProxy proxy;
  const ProcessResult r = run(gateway, proxy);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find(" 0 failed, 0 errors"), std::string::npos) << r.out;
  EXPECT_GE(passed(r.out), 170) << r.out;
  EXPECT_GE(proxy.tunnels(), 1);
  EXPECT_GE(gateway.throttled(), 1);
  EXPECT_NE(r.out.find("throttled: " + std::to_string(gateway.throttled()) + " answers"),
            std::string::npos)
      << r.out;
  EXPECT_TRUE(fs::exists(dir_ / "junit.xml"));
  std::ifstream junit(dir_ / "junit.xml");
  const std::string xml((std::istreambuf_iterator<char>(junit)), std::istreambuf_iterator<char>());
  // The API key is sent on every request and shown nowhere.
  EXPECT_EQ(xml.find(kApiKey), std::string::npos);
  EXPECT_EQ(r.out.find(kApiKey), std::string::npos);
  EXPECT_EQ(r.err.find(kApiKey), std::string::npos);
}

TEST_F(StagingGateway, OneBrokenCodeFailsExactlyItsCases) {
  const std::string broken = "21203";
  Gateway gateway(dir_, pem_, broken);
  ConnectProxy proxy;
  const ProcessResult r = run(gateway, proxy);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  std::istringstream lines(r.out);
  int failed = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("FAIL", 0) == 0 || line.rfind("ERROR", 0) == 0) {
      ++failed;
      EXPECT_NE(line.find(" " + broken + " "), std::string::npos) << line;
    }
  }
  EXPECT_GE(failed, 1) << r.out;
  EXPECT_NE(r.out.find(" " + std::to_string(failed) + " failed, 0 errors"), std::string::npos)
      << r.out;
}

}  // namespace
}  // namespace errcontract
