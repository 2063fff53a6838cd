#include "connect_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>

namespace errcontract::testing {

namespace {

constexpr std::size_t kMaxHeadBytes = 8192;

void send_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n <= 0) return;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
}

void refuse(int fd, std::string_view status) {
  send_all(
      fd, "HTTP/1.1 " + std::string(status) + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
}

// A TCP connection to 127.0.0.1:port (the only address this proxy reaches).
int connect_loopback(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  int yes = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
  return fd;
}

// "127.0.0.1:PORT" -> PORT; 0 for any other authority.
int loopback_port(std::string_view authority) {
  constexpr std::string_view kHost = "127.0.0.1:";
  if (authority.substr(0, kHost.size()) != kHost) return 0;
  std::string_view digits = authority.substr(kHost.size());
  if (digits.empty() || digits.size() > 5) return 0;
  int port = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return 0;
    port = port * 10 + (c - '0');
  }
  return port <= 65535 ? port : 0;
}

}  // namespace

ConnectProxy::ConnectProxy() {
  error_ = listener_.start(64, [this](int fd) {
    serve(fd);
    ::close(fd);
  });
}

ConnectProxy::~ConnectProxy() { stop(); }

std::string ConnectProxy::url() const { return "http://127.0.0.1:" + std::to_string(port()); }

void ConnectProxy::stop() { listener_.stop(); }

void ConnectProxy::serve(int client) {
  // The request head; a client may not send anything past it before the
  // 200, but what it does send is kept for the tunnel.
  std::string head;
  std::size_t end = std::string::npos;
  while (end == std::string::npos) {
    pollfd fds[2] = {{client, POLLIN, 0}, {listener_.wake_fd(), POLLIN, 0}};
    if (::poll(fds, 2, 10000) <= 0 || fds[1].revents != 0) return;
    char buf[1024];
    const ssize_t n = ::recv(client, buf, sizeof buf, 0);
    if (n <= 0) return;
    head.append(buf, static_cast<std::size_t>(n));
    end = head.find("\r\n\r\n");
    if (end == std::string::npos && head.size() > kMaxHeadBytes) {
      ++refused_;
      return refuse(client, "431 Request Header Fields Too Large");
    }
  }
  const std::string_view line = std::string_view(head).substr(0, head.find("\r\n"));
  const std::size_t space = line.find(' ');
  const std::size_t space2 = line.find(' ', space + 1);
  if (space == std::string_view::npos || space2 == std::string_view::npos) {
    ++refused_;
    return refuse(client, "400 Bad Request");
  }
  if (line.substr(0, space) != "CONNECT") {
    ++refused_;
    return refuse(client, "405 Method Not Allowed");
  }
  const int port = loopback_port(line.substr(space + 1, space2 - space - 1));
  if (port == 0) {
    ++refused_;
    return refuse(client, "403 Forbidden");
  }
  const int upstream = connect_loopback(port);
  if (upstream < 0) {
    ++refused_;
    return refuse(client, "502 Bad Gateway");
  }
  ++tunnels_;
  send_all(client, "HTTP/1.1 200 Connection established\r\n\r\n");
  send_all(upstream, std::string_view(head).substr(end + 4));
  pump(client, upstream);
  ::close(upstream);
}

// Copies bytes both ways until one side closes or the proxy stops; then
// half-closes the other side so it sees the end too.
void ConnectProxy::pump(int client, int upstream) {
  char buf[16384];
  for (;;) {
    pollfd fds[3] = {{client, POLLIN, 0}, {upstream, POLLIN, 0}, {listener_.wake_fd(), POLLIN, 0}};
    if (::poll(fds, 3, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[2].revents != 0) return;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].revents == 0) continue;
      const int from = fds[i].fd;
      const int to = i == 0 ? upstream : client;
      const ssize_t n = ::recv(from, buf, sizeof buf, 0);
      if (n <= 0) {
        ::shutdown(to, SHUT_WR);
        return;
      }
      send_all(to, std::string_view(buf, static_cast<std::size_t>(n)));
    }
  }
}

}  // namespace errcontract::testing
