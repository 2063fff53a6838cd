#include "signals.h"

#include <signal.h>
#include <unistd.h>

namespace errcontract::cli {
namespace {

std::atomic<bool> g_stop{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the handler must be signal-safe");

constexpr char kStopping[] =
    "errcontract: stopping: no new cases; the cases in progress finish and tear down, then the "
    "reports are written (interrupt again to quit at once)\n";

// Only async-signal-safe calls here: an atomic store, write(2), signal(2)
// and raise(3).
void on_signal(int signal_number) {
  if (g_stop.exchange(true)) {
    // A second signal: the user will not wait for teardowns and reports.
    ::signal(signal_number, SIG_DFL);
    ::raise(signal_number);
    return;
  }
  (void)!::write(STDERR_FILENO, kStopping, sizeof kStopping - 1);
}

}  // namespace

const std::atomic<bool>& install_stop_signals() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  action.sa_flags = SA_RESTART;  // a worker's blocking call resumes; the flag is polled
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
  return g_stop;
}

}  // namespace errcontract::cli
