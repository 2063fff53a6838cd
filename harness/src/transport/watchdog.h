// A deadline for one request at a time, kept by a thread of its own: the
// transports arm it before a request and disarm it after, and when a deadline
// passes it calls on_expire (which aborts the request: Client::stop() for
// cpp-httplib, shutdown() of the socket for the plain transport). That bounds
// the whole exchange, where socket timeouts restart with every byte.
#pragma once

#include <pthread.h>
#include <signal.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

namespace errcontract::internal {

// Calls `on_expire` once when an armed deadline passes. disarm() returns only
// after a running `on_expire` has finished, so an expiry can never reach into
// the next request.
class Watchdog {
 public:
  using Clock = std::chrono::steady_clock;

  explicit Watchdog(std::function<void()> on_expire) : on_expire_(std::move(on_expire)) {}
  ~Watchdog() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      quit_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  // Wakes the thread only when it would otherwise sleep past the new
  // deadline: with one timeout for every request, deadlines only move later,
  // so a busy transport arms without a futex call or a context switch (the
  // thread wakes at the old deadline, sees a later one and sleeps again).
  void arm(Clock::time_point deadline) {
    bool wake = false;
    {
      std::lock_guard<std::mutex> lock(mu_);
      deadline_ = deadline;
      fired_ = false;
      if (!thread_.joinable()) thread_ = std::thread([this] { loop(); });
      wake = !sleeping_until_ || *sleeping_until_ > deadline;
    }
    if (wake) cv_.notify_all();
  }

  // Returns whether the deadline fired while armed.
  bool disarm() {
    std::unique_lock<std::mutex> lock(mu_);
    deadline_.reset();
    cv_.wait(lock, [this] { return !expiring_; });
    return std::exchange(fired_, false);
  }

 private:
  void loop() {
    // on_expire may write (Client::stop() shuts a TLS session down): never
    // let that raise SIGPIPE in this thread.
    sigset_t pipe;
    sigemptyset(&pipe);
    sigaddset(&pipe, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe, nullptr);
    std::unique_lock<std::mutex> lock(mu_);
    while (!quit_) {
      if (!deadline_) {
        // Disarmed: sleep until the last deadline anyway (not forever), so the
        // next arm with a later deadline need not wake this thread.
        if (!sleeping_until_ || Clock::now() >= *sleeping_until_) {
          sleeping_until_.reset();
          cv_.wait(lock);
        } else {
          cv_.wait_until(lock, *sleeping_until_);
        }
        continue;
      }
      const auto deadline = *deadline_;
      sleeping_until_ = deadline;
      cv_.wait_until(lock, deadline);
      if (quit_ || !deadline_ || *deadline_ != deadline || Clock::now() < deadline) continue;
      deadline_.reset();
      fired_ = true;
      expiring_ = true;
      lock.unlock();
      on_expire_();
      lock.lock();
      expiring_ = false;
      cv_.notify_all();
    }
  }

  std::function<void()> on_expire_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::optional<Clock::time_point> deadline_;
  std::optional<Clock::time_point> sleeping_until_;  // when the thread wakes by itself
  bool fired_ = false;
  bool expiring_ = false;
  bool quit_ = false;
  std::thread thread_;  // started on first use: idle transports cost no thread
};

}  // namespace errcontract::internal
