// ReferenceServer: the ApiService behind a cpp-httplib listener. The
// listener only converts requests and responses; every answer, cpp-httplib's
// own errors (413, 400, ...) included, carries a JSON envelope.
#include "errcontract/reference_server.h"

#include <fmt/format.h>
#include <httplib.h>
#include <sys/socket.h>

#include <cctype>
#include <chrono>
#include <mutex>
#include <thread>

#include "server/api_service.h"
#include "server/fault.h"

namespace errcontract {
namespace {

constexpr std::size_t kMaxBodyBytes = 8u << 20;
constexpr std::size_t kKeepAliveMax = 1000;
// cpp-httplib gives each keep-alive connection a worker until it closes, so
// the pool must exceed the clients' connections (errcontract run --jobs <= 64)
// or the surplus waits out the 5 s keep-alive timeout of the others.
constexpr std::size_t kWorkerThreads = 72;
constexpr int kListenBacklog = 1024;
constexpr auto kStartTimeout = std::chrono::seconds(10);
// cpp-httplib would parse multipart bodies itself (and refuse malformed ones
// before any handler runs). The pre-routing hook moves the real Content-Type
// here so the raw bytes reach our own parser.
constexpr const char* kOriginalContentType = "X-Errcontract-Original-Content-Type";

// `prefix` is lower case.
bool starts_with_ignore_case(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
}

bool is_content_type(std::string_view name) {
  return name.size() == 12 && starts_with_ignore_case(name, "content-type");
}

// The request target as sent, made fit for the "METHOD /path" echo:
// cpp-httplib accepts raw control bytes and targets such as "*" or "x",
// which an echo may not hold. Those bytes become %XX and a leading "/" is
// added (not to an absolute URL: request_echo keeps only its path); every
// other byte (UTF-8 included) is kept.
std::string echo_target(std::string_view target) {
  const bool absolute =
      starts_with_ignore_case(target, "http://") || starts_with_ignore_case(target, "https://");
  std::string out = absolute || (!target.empty() && target.front() == '/') ? "" : "/";
  for (char c : target) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7F) {
      out += fmt::format("%{:02X}", byte);
    } else {
      out += c;
    }
  }
  return out;
}

// A method cpp-httplib could not read, or one that is not upper-case letters
// ("get", "G\x01T"), is echoed as UNKNOWN.
std::string echo_method(std::string_view method) {
  bool letters = !method.empty();
  for (char c : method) letters = letters && c >= 'A' && c <= 'Z';
  return letters ? std::string(method) : "UNKNOWN";
}

// cpp-httplib 0.11 reads a request body only for POST, PUT, PATCH and DELETE.
// The body of any other request stays on the connection, and the server would
// read it as the start of the next request (seen: a GET with a 10 KB body,
// then a 414 for the next request). Such a request is answered, and the
// connection ends with it.
bool leaves_body_unread(const httplib::Request& req) {
  for (const char* reads : {"POST", "PUT", "PATCH", "DELETE"}) {
    if (req.method == reads) return false;
  }
  const std::string length = req.get_header_value("Content-Length");
  return (!length.empty() && length != "0") || req.has_header("Transfer-Encoding");
}

// The path of the request as sent (without the query string), for the echo.
std::string sent_path(const httplib::Request& req) {
  const std::string target = echo_target(req.target.empty() ? req.path : req.target);
  return target.substr(0, target.find('?'));
}

HttpRequest to_http_request(const httplib::Request& req, std::string body) {
  HttpRequest out;
  out.method = req.method;
  out.target = echo_target(req.target.empty() ? req.path : req.target);
  const bool moved = req.has_header(kOriginalContentType);
  for (const auto& [name, value] : req.headers) {
    if (moved && is_content_type(name)) continue;
    if (name == kOriginalContentType) {
      out.headers.emplace_back("Content-Type", value);
    } else {
      out.headers.emplace_back(name, value);
    }
  }
  out.body = std::move(body);
  return out;
}

void write_response(const HttpResponse& response, httplib::Response& res) {
  res.status = response.status;
  std::string content_type = "application/json";
  for (const auto& [name, value] : response.headers) {
    if (is_content_type(name)) {
      content_type = value;
    } else {
      res.set_header(name, value);
    }
  }
  res.set_content(response.body, content_type);
}

}  // namespace

struct ReferenceServer::Impl {
  explicit Impl(const Catalog& catalog)
      : service(catalog, std::make_shared<internal::SystemClock>()) {}

  void serve_body(const httplib::Request& req, httplib::Response& res,
                  const httplib::ContentReader& reader) {
    std::string body;
    bool too_large = false;
    const bool read = reader([&](const char* data, std::size_t length) {
      if (body.size() + length > kMaxBodyBytes) {
        too_large = true;
        return false;
      }
      body.append(data, length);
      return true;
    });
    if (!read) {
      const int status = too_large ? 413 : (res.status >= 400 ? res.status : 400);
      write_response(
          faulty(internal::server_error_response(status, echo_method(req.method), sent_path(req))),
          res);
      return;
    }
    write_response(faulty(service.handle(to_http_request(req, std::move(body)))), res);
  }

  void serve(const httplib::Request& req, httplib::Response& res) {
    write_response(faulty(service.handle(to_http_request(req, req.body))), res);
  }

  // The response as sent: with a fault set (set_fault), a broken one.
  // With --code-type number, error responses carry error_code as a number.
  HttpResponse faulty(HttpResponse response) {
    internal::FaultSetting setting;
    CodeType type = CodeType::kString;
    {
      std::lock_guard<std::mutex> lock(fault_mutex);
      setting = fault;
      type = code_type;
    }
    if (setting.mode != FaultMode::kNone) {
      response = internal::apply_fault(std::move(response), setting, service.catalog());
    }
    if (type == CodeType::kNumber && response.status >= 400) {
      response.body = internal::with_numeric_code(std::move(response.body));
    }
    return response;
  }

  void configure(httplib::Server& s) {
    s.new_task_queue = [] { return new httplib::ThreadPool(kWorkerThreads); };
    s.set_tcp_nodelay(true);
    s.set_keep_alive_max_count(kKeepAliveMax);
    s.set_payload_max_length(kMaxBodyBytes);
    // cpp-httplib's default sets SO_REUSEPORT, which lets a second server bind
    // a port that is in use and share its connections. Address reuse only.
    s.set_socket_options([this](socket_t sock) {
      int yes = 1;
      setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
      listen_socket = sock;
    });
    s.set_pre_routing_handler(httplib::Server::HandlerWithResponse(
        [](const httplib::Request& req, httplib::Response& res) {
          // The request object is cpp-httplib's own non-const local; the hook
          // only receives it as const.
          if (leaves_body_unread(req)) res.set_header("Connection", "close");
          auto& headers = const_cast<httplib::Request&>(req).headers;
          headers.erase(kOriginalContentType);
          auto it = headers.find("Content-Type");
          if (it != headers.end() && starts_with_ignore_case(it->second, "multipart/")) {
            std::string original = it->second;
            headers.erase(it);
            headers.emplace("Content-Type", "application/octet-stream");
            headers.emplace(kOriginalContentType, std::move(original));
          }
          return httplib::Server::HandlerResponse::Unhandled;
        }));
    s.set_error_handler(httplib::Server::HandlerWithResponse(
        [this](const httplib::Request& req, httplib::Response& res) {
          // A body, or a fault that emptied it on purpose: already answered.
          if (!res.body.empty() || res.has_header(internal::kFaultHeader)) {
            return httplib::Server::HandlerResponse::Unhandled;
          }
          const std::string method = echo_method(req.method);
          // 400 and 414 here are cpp-httplib's own: it could not read the
          // request line or headers, so it cannot know where the request ends
          // and may answer its leftover bytes as a second request (seen with
          // 0.11 for a request line near its 8 KB limit). The connection ends
          // with this answer, so a client never reads that second one as the
          // answer to its next request.
          if (res.status == 400 || res.status == 414) res.set_header("Connection", "close");
          write_response(
              faulty(internal::server_error_response(res.status, method, sent_path(req))), res);
          return httplib::Server::HandlerResponse::Handled;
        }));
    const auto plain = [this](const httplib::Request& req, httplib::Response& res) {
      serve(req, res);
    };
    const auto with_body = [this](const httplib::Request& req, httplib::Response& res,
                                  const httplib::ContentReader& reader) {
      serve_body(req, res, reader);
    };
    constexpr const char* kAny = "/.*";
    s.Get(kAny, plain);
    s.Options(kAny, plain);
    s.Post(kAny, with_body);
    s.Put(kAny, with_body);
    s.Patch(kAny, with_body);
    s.Delete(kAny, with_body);
  }

  internal::ApiService service;
  socket_t listen_socket = -1;  // set while binding, under `lifecycle`
  std::mutex lifecycle;         // start/stop
  std::unique_ptr<httplib::Server> server;
  std::thread thread;
  int port = 0;
  std::mutex fault_mutex;
  internal::FaultSetting fault;            // under fault_mutex
  CodeType code_type = CodeType::kString;  // under fault_mutex
};

ReferenceServer::ReferenceServer(const Catalog& catalog) : impl_(std::make_unique<Impl>(catalog)) {}

ReferenceServer::~ReferenceServer() { stop(); }

HttpResponse ReferenceServer::handle(const HttpRequest& request) {
  return impl_->faulty(impl_->service.handle(request));
}

void ReferenceServer::set_fault(FaultMode mode, std::string only_code) {
  std::lock_guard<std::mutex> lock(impl_->fault_mutex);
  impl_->fault = internal::FaultSetting{mode, std::move(only_code)};
}

void ReferenceServer::set_code_type(CodeType type) {
  std::lock_guard<std::mutex> lock(impl_->fault_mutex);
  impl_->code_type = type;
}

const Fixtures& ReferenceServer::fixtures() const { return impl_->service.fixtures(); }

void ReferenceServer::reset() { impl_->service.reset(); }

std::vector<std::string> ReferenceServer::created_since_seed() {
  return impl_->service.leftovers();
}

int ReferenceServer::port() const {
  std::lock_guard<std::mutex> lock(impl_->lifecycle);
  return impl_->port;
}

Result<int> ReferenceServer::start(const std::string& host, int port) {
  std::lock_guard<std::mutex> lock(impl_->lifecycle);
  if (impl_->server) {
    return Status(StatusCode::kInvalidArgument,
                  "reference server: already listening on port " + std::to_string(impl_->port));
  }
  auto server = std::make_unique<httplib::Server>();
  impl_->configure(*server);
  int bound = port;
  if (port == 0) {
    bound = server->bind_to_any_port(host);
  } else if (!server->bind_to_port(host, port)) {
    bound = -1;
  }
  if (bound <= 0) {
    return Status(StatusCode::kUnavailable,
                  "reference server: cannot bind " + host + ":" + std::to_string(port));
  }
  // cpp-httplib 0.11 listens with a backlog of 5: a sixth simultaneous connect
  // is dropped and retried by the client a second later. Linux lets listen()
  // on a listening socket raise the backlog.
  if (impl_->listen_socket >= 0) ::listen(impl_->listen_socket, kListenBacklog);
  httplib::Server* raw = server.get();
  impl_->thread = std::thread([raw] { raw->listen_after_bind(); });
  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  while (!raw->is_running() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  impl_->server = std::move(server);
  impl_->port = bound;
  if (!raw->is_running()) {
    raw->stop();
    impl_->thread.join();
    impl_->server.reset();
    impl_->port = 0;
    return Status(StatusCode::kUnavailable, "reference server: listener did not start");
  }
  return bound;
}

void ReferenceServer::stop() {
  std::lock_guard<std::mutex> lock(impl_->lifecycle);
  if (!impl_->server) return;
  impl_->server->stop();
  if (impl_->thread.joinable()) impl_->thread.join();
  impl_->server.reset();
  impl_->port = 0;
}

}  // namespace errcontract
