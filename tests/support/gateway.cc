#include "gateway.h"

#include <httplib.h>
#include <openssl/pem.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <thread>
#include <vector>

namespace errcontract::testing {

namespace {

using Clock = std::chrono::steady_clock;

// The pool must exceed the harness's connections (one per worker, kept
// alive), or the surplus waits out the others' keep-alive timeout.
constexpr std::size_t kWorkerThreads = 72;
constexpr std::size_t kKeepAliveMax = 1000;
constexpr std::size_t kChunkBytes = 256;  // several chunks for most envelopes
// Where keep_multipart_bodies_raw parks a multipart Content-Type.
constexpr const char* kParkedContentType = "X-Test-Gateway-Content-Type";

bool same_ignore_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

// Headers that describe one hop, not the message, or that cpp-httplib adds
// to a request itself (REMOTE_ADDR, ...): never copied across the gateway.
bool is_hop_header(std::string_view name) {
  for (std::string_view hop :
       {"Host", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "X-Api-Key",
        "REMOTE_ADDR", "REMOTE_PORT", "LOCAL_ADDR", "LOCAL_PORT", kParkedContentType}) {
    if (same_ignore_case(name, hop)) return true;
  }
  return false;
}

// The quotes around a top-level-looking "error_code": "<digits>" value. A
// textual search, so every other byte of the body stays as the backend sent
// it; the reference server's envelopes hold the member once.
struct CodeSpan {
  std::size_t open = 0, close = 0;
};

std::optional<CodeSpan> find_code(std::string_view body) {
  constexpr std::string_view kKey = "\"error_code\"";
  const auto skip_space = [body](std::size_t i) {
    while (i < body.size() &&
           (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t')) {
      ++i;
    }
    return i;
  };
  for (std::size_t at = body.find(kKey); at != std::string_view::npos;
       at = body.find(kKey, at + 1)) {
    std::size_t i = skip_space(at + kKey.size());
    if (i >= body.size() || body[i] != ':') continue;
    i = skip_space(i + 1);
    if (i >= body.size() || body[i] != '"') continue;
    std::size_t j = i + 1;
    while (j < body.size() && body[j] >= '0' && body[j] <= '9') ++j;
    if (j == i + 1 || j >= body.size() || body[j] != '"') continue;
    return CodeSpan{i, j};
  }
  return std::nullopt;
}

// Tokens refill continuously up to `burst`; one request takes one.
class TokenBucket {
 public:
  TokenBucket(double rate, double burst) : rate_(rate), burst_(burst), tokens_(burst) {}
  bool take() {
    std::lock_guard<std::mutex> lock(mu_);
    const auto now = Clock::now();
    tokens_ =
        std::min(burst_, tokens_ + rate_ * std::chrono::duration<double>(now - last_).count());
    last_ = now;
    if (tokens_ < 1) return false;
    tokens_ -= 1;
    return true;
  }

 private:
  std::mutex mu_;
  const double rate_, burst_;
  double tokens_;
  Clock::time_point last_ = Clock::now();
};

void own_answer(httplib::Response& res, int status, std::string_view text) {
  res.status = status;
  res.set_content("{\"gateway_error\": \"" + std::string(text) + "\"}\n", "application/json");
}

// PEM text to OpenSSL objects; null on failure.
X509* read_certificate(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  X509* cert = bio != nullptr ? PEM_read_bio_X509(bio, nullptr, nullptr, nullptr) : nullptr;
  BIO_free(bio);
  return cert;
}

EVP_PKEY* read_private_key(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  EVP_PKEY* key =
      bio != nullptr ? PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr) : nullptr;
  BIO_free(bio);
  return key;
}

}  // namespace

int broken_status(int status) { return status == 400 ? 422 : 400; }

std::string numeric_error_code(std::string_view body) {
  const std::optional<CodeSpan> span = find_code(body);
  if (!span) return std::string(body);
  std::string out(body.substr(0, span->open));
  out += body.substr(span->open + 1, span->close - span->open - 1);
  out += body.substr(span->close + 1);
  return out;
}

std::string error_code_of(std::string_view body) {
  const std::optional<CodeSpan> span = find_code(body);
  return span ? std::string(body.substr(span->open + 1, span->close - span->open - 1)) : "";
}

void keep_multipart_bodies_raw(httplib::Server& server) {
  server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    // cpp-httplib reads no body of a GET or OPTIONS request: left on the
    // connection, it would be read as the next request, which a real gateway
    // never does. The connection ends with the answer instead.
    const std::string length = req.get_header_value("Content-Length");
    const bool body_unread =
        req.method != "POST" && req.method != "PUT" && req.method != "PATCH" &&
        req.method != "DELETE" &&
        ((!length.empty() && length != "0") || req.has_header("Transfer-Encoding"));
    if (body_unread) res.set_header("Connection", "close");
    // cpp-httplib's own non-const request, handed to the hook as const.
    auto& headers = const_cast<httplib::Request&>(req).headers;
    headers.erase(kParkedContentType);
    auto it = headers.find("Content-Type");
    if (it != headers.end() && it->second.find("multipart/") == 0) {
      headers.emplace(kParkedContentType, it->second);
      headers.erase(it);
      headers.emplace("Content-Type", "application/octet-stream");
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
}

std::string original_content_type(const httplib::Request& req) {
  return req.has_header(kParkedContentType) ? req.get_header_value(kParkedContentType)
                                            : req.get_header_value("Content-Type");
}

struct Gateway::Impl {
  Impl(Gateway& owner, X509* cert, EVP_PKEY* key)
      : gateway(owner),
        bucket(owner.options_.rate_per_second, owner.options_.burst),
        server(cert, key) {}

  // Answers one request whose body has been read in full (answering before
  // that would leave the body on a kept-alive connection).
  void handle(const httplib::Request& req, httplib::Response& res, const std::string& body) {
    const GatewayOptions& o = gateway.options_;
    const std::string target = req.target.empty() ? req.path : req.target;
    const std::size_t n = o.base_path.size();
    const bool routed = target.compare(0, n, o.base_path) == 0 &&
                        (target.size() == n || target[n] == '/' || target[n] == '?');
    if (!routed) {
      ++gateway.rejected_;
      return own_answer(res, 404, "no route for this path");
    }
    if (!req.has_header("X-Api-Key")) {
      ++gateway.rejected_;
      return own_answer(res, 401, "missing X-Api-Key");
    }
    if (req.get_header_value("X-Api-Key") != o.api_key) {
      ++gateway.rejected_;
      return own_answer(res, 403, "invalid API key");
    }
    if (!bucket.take()) {
      ++gateway.throttled_;
      res.set_header("Retry-After", "1");
      return own_answer(res, 429, "rate limit exceeded");
    }
    std::string path = target.substr(n);
    if (path.empty() || path.front() != '/') path.insert(0, "/");
    forward(req, std::move(path), body, res);
  }

  void forward(const httplib::Request& req, std::string path, const std::string& body,
               httplib::Response& res) {
    httplib::Request out;
    out.method = req.method;
    out.path = std::move(path);
    for (const auto& [name, value] : req.headers) {
      if (!is_hop_header(name)) out.headers.emplace(name, value);
    }
    // The gateway reads and rewrites bodies, so it asks for them as they are.
    // cpp-httplib 0.18 clients ask for br and gzip by default, and its servers
    // compress what they are asked to: forwarded, a test client's default would
    // have the backend compress, and the gateway's own answer compress again.
    out.headers.erase("Accept-Encoding");
    out.headers.emplace("Accept-Encoding", "identity");
    out.headers.erase("Content-Type");
    if (req.has_header("Content-Type")) {
      out.headers.emplace("Content-Type", original_content_type(req));
    }
    out.body = body;
    httplib::Response answer;
    httplib::Error error = httplib::Error::Success;
    std::unique_ptr<httplib::ClientImpl> client = take_client();
    const bool ok = client->send(out, answer, error);
    give_back(std::move(client));
    if (!ok) return own_answer(res, 502, "backend unreachable: " + httplib::to_string(error));
    ++gateway.forwarded_;
    reply(std::move(answer), res);
  }

  void reply(httplib::Response answer, httplib::Response& res) {
    const GatewayOptions& o = gateway.options_;
    res.status = answer.status;
    if (!o.break_code.empty() && error_code_of(answer.body) == o.break_code) {
      res.status = broken_status(answer.status);
      ++gateway.broken_;
    }
    std::string content_type;
    for (const auto& [name, value] : answer.headers) {
      if (same_ignore_case(name, "Content-Type")) {
        content_type = value;
      } else if (!is_hop_header(name)) {
        res.headers.emplace(name, value);
      }
    }
    auto body = std::make_shared<std::string>(numeric_error_code(answer.body));
    if (body->empty()) {
      if (!content_type.empty()) res.set_header("Content-Type", content_type);
      return;
    }
    res.set_chunked_content_provider(
        content_type, [body](std::size_t offset, httplib::DataSink& sink) {
          if (offset >= body->size()) {
            sink.done();
          } else {
            sink.write(body->data() + offset, std::min(kChunkBytes, body->size() - offset));
          }
          return true;
        });
  }

  std::unique_ptr<httplib::ClientImpl> take_client() {
    {
      std::lock_guard<std::mutex> lock(pool_mu);
      if (!pool.empty()) {
        auto client = std::move(pool.back());
        pool.pop_back();
        return client;
      }
    }
    auto client = std::make_unique<httplib::ClientImpl>("127.0.0.1", gateway.options_.backend_port);
    client->set_keep_alive(true);
    client->set_tcp_nodelay(true);
    client->set_decompress(false);
    client->set_compress(false);
    client->set_url_encode(false);  // the target is forwarded as it came
    client->set_follow_location(false);
    client->set_read_timeout(std::chrono::seconds(30));
    return client;
  }

  void give_back(std::unique_ptr<httplib::ClientImpl> client) {
    std::lock_guard<std::mutex> lock(pool_mu);
    pool.push_back(std::move(client));
  }

  void configure() {
    server.new_task_queue = [] { return new httplib::ThreadPool(kWorkerThreads); };
    server.set_tcp_nodelay(true);
    server.set_keep_alive_max_count(kKeepAliveMax);
    server.set_socket_options([](socket_t sock) {
      int yes = 1;  // not cpp-httplib's SO_REUSEPORT: no sharing a port with another server
      setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    });
    keep_multipart_bodies_raw(server);
    server.set_error_handler(
        httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
          // A 400 or 414 of cpp-httplib's own (an unknown method, a request
          // line or headers it could not read): it does not know where that
          // request ends and would read its body as the next request,
          // answering every later request one behind. The connection ends
          // with the answer, as a real gateway's does.
          if (res.status == 400 || res.status == 414) res.set_header("Connection", "close");
          return httplib::Server::HandlerResponse::Unhandled;
        }));
    const auto plain = [this](const httplib::Request& req, httplib::Response& res) {
      handle(req, res, req.body);
    };
    const auto with_body = [this](const httplib::Request& req, httplib::Response& res,
                                  const httplib::ContentReader& reader) {
      std::string body;
      if (!reader([&body](const char* data, std::size_t n) {
            body.append(data, n);
            return true;
          })) {
        return own_answer(res, 400, "cannot read the request body");
      }
      handle(req, res, body);
    };
    constexpr const char* kAny = "/.*";
    server.Get(kAny, plain);
    server.Options(kAny, plain);
    server.Post(kAny, with_body);
    server.Put(kAny, with_body);
    server.Patch(kAny, with_body);
    server.Delete(kAny, with_body);
  }

  Gateway& gateway;
  TokenBucket bucket;
  httplib::SSLServer server;
  std::thread thread;
  std::mutex pool_mu;
  std::vector<std::unique_ptr<httplib::ClientImpl>> pool;
};

Gateway::Gateway(GatewayOptions options) : options_(std::move(options)) {
  X509* cert = read_certificate(options_.certificate_pem);
  EVP_PKEY* key = read_private_key(options_.private_key_pem);
  if (cert == nullptr || key == nullptr) {
    error_ = "the gateway's certificate or key does not parse";
  } else {
    impl_ = std::make_unique<Impl>(*this, cert, key);  // the server takes its own references
  }
  X509_free(cert);
  EVP_PKEY_free(key);
  if (impl_ == nullptr) return;
  if (!impl_->server.is_valid()) {
    error_ = "cannot set up TLS with the gateway's certificate";
    return;
  }
  impl_->configure();
  port_ = impl_->server.bind_to_any_port("127.0.0.1");
  if (port_ <= 0) {
    error_ = "cannot bind 127.0.0.1";
    return;
  }
  impl_->thread = std::thread([this] { impl_->server.listen_after_bind(); });
  const auto deadline = Clock::now() + std::chrono::seconds(10);
  while (!impl_->server.is_running() && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  if (!impl_->server.is_running()) error_ = "the gateway did not start listening";
}

Gateway::~Gateway() { stop(); }

std::string Gateway::url() const {
  return "https://127.0.0.1:" + std::to_string(port_) + options_.base_path;
}

void Gateway::stop() {
  if (impl_ == nullptr) return;
  impl_->server.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

}  // namespace errcontract::testing
