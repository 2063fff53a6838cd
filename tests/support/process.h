// Runs a program as a child process with given arguments and standard input,
// and collects its exit code, standard output and standard error. Used by the
// CLI tests, which check the real binary end to end. BackgroundProcess keeps
// a child running while the test talks to it, reads its output as it comes,
// and signals it.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace errcontract::testing {

struct ProcessResult {
  int exit_code = -1;  // -1 when the child did not exit normally
  int signal = 0;      // the signal that ended it, if any
  std::string out;
  std::string err;
};

ProcessResult run_process(const std::string& program, const std::vector<std::string>& args,
                          const std::string& stdin_data = "");

// A child started in the background, standard input from /dev/null, both
// outputs collected by a reader thread. The destructor kills (SIGKILL) and
// reaps a child that is still running, so a failing test leaves none behind.
class BackgroundProcess {
 public:
  BackgroundProcess(const std::string& program, const std::vector<std::string>& args);
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  // "" when the child started; else why not.
  const std::string& error() const { return error_; }
  pid_t pid() const { return pid_; }

  enum class Stream { kOut, kErr };

  // Waits until standard output (or error) holds a complete line containing
  // `text`, and returns that line; "" if the output ended or `timeout`
  // passed first.
  std::string wait_for_line(std::string_view text, std::chrono::milliseconds timeout,
                            Stream stream = Stream::kOut);

  // Sends `signal` to the child; false if it is no longer running.
  bool send_signal(int signal);

  // Waits for the child to exit; after `timeout` kills it with SIGKILL
  // (the result then shows signal 9). Returns the exit and all output.
  ProcessResult wait(std::chrono::milliseconds timeout);

  std::string out();  // standard output so far
  std::string err();  // standard error so far

 private:
  void read_outputs(int out_fd, int err_fd);

  pid_t pid_ = -1;
  std::string error_;
  std::mutex mu_;
  std::condition_variable changed_;
  std::string out_, err_;
  bool outputs_closed_ = false;
  bool reaped_ = false;
  ProcessResult result_;
  std::thread reader_;
};

// The errcontract binary of this build.
std::string errcontract_binary();

}  // namespace errcontract::testing
