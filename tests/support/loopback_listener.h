// The socket plumbing of the test servers written on raw sockets
// (hostile_server.h, connect_proxy.h): a listening socket on 127.0.0.1 port
// 0, one thread per accepted connection, and a wake pipe that stop() writes
// once, so every connection loop that also polls wake_fd() returns.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace errcontract::testing {

class LoopbackListener {
 public:
  LoopbackListener() = default;
  ~LoopbackListener();
  LoopbackListener(const LoopbackListener&) = delete;
  LoopbackListener& operator=(const LoopbackListener&) = delete;

  // Listens and hands each accepted socket to `serve` on a thread of its
  // own (the handler closes it). "" on success; else why not.
  std::string start(int backlog, std::function<void(int fd)> serve);

  int port() const { return port_; }
  int wake_fd() const { return wake_[0]; }  // readable once stop() has been called

  // Wakes every connection, joins the threads, closes the listening socket.
  void stop();

 private:
  void accept_loop();

  std::function<void(int)> serve_;
  int listen_fd_ = -1;
  int port_ = 0;
  int wake_[2] = {-1, -1};
  std::atomic<bool> stopping_{false};
  std::mutex mu_;
  std::vector<std::thread> connections_;
  std::thread acceptor_;
};

}  // namespace errcontract::testing
