// A forward proxy for tests that speaks only CONNECT, the way an HTTPS
// client goes through a corporate proxy: `CONNECT 127.0.0.1:PORT` opens a
// TCP tunnel to that port on 127.0.0.1 and copies bytes both ways until
// either side closes. Anything else is refused without connecting anywhere:
// another method (405), another host, localhost included (403), a malformed
// request (400). Listens on 127.0.0.1 port 0; counts tunnels and refusals so
// a test can tell the proxy was really used. One thread per connection.
#pragma once

#include <atomic>
#include <string>

#include "loopback_listener.h"

namespace errcontract::testing {

class ConnectProxy {
 public:
  ConnectProxy();
  ~ConnectProxy();
  ConnectProxy(const ConnectProxy&) = delete;
  ConnectProxy& operator=(const ConnectProxy&) = delete;

  // "" when listening; else why not.
  const std::string& error() const { return error_; }
  int port() const { return listener_.port(); }
  std::string url() const;  // http://127.0.0.1:PORT

  int tunnels() const { return tunnels_.load(); }  // CONNECTs that reached their port
  int refused() const { return refused_.load(); }  // requests answered with an error

  // Wakes every connection, closes the sockets and joins the threads.
  void stop();

 private:
  void serve(int client);
  void pump(int client, int upstream);

  std::string error_;
  std::atomic<int> tunnels_{0}, refused_{0};
  LoopbackListener
      listener_;  // every poll also watches its wake_fd(); declared last: stopped first
};

}  // namespace errcontract::testing
