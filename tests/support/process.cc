#include "process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <initializer_list>

extern char** environ;

namespace errcontract::testing {

namespace {

// Starts `program` with `in`, `out` and `err` as its standard streams and
// the descriptors in `close_in_child` closed. Returns the pid, or -1 with
// `error` set.
pid_t spawn(const std::string& program, const std::vector<std::string>& args, int in, int out,
            int err, std::initializer_list<int> close_in_child, std::string& error) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in, 0);
  posix_spawn_file_actions_adddup2(&actions, out, 1);
  posix_spawn_file_actions_adddup2(&actions, err, 2);
  for (int fd : close_in_child) posix_spawn_file_actions_addclose(&actions, fd);
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(program.c_str()));
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);

  pid_t pid = -1;
  const int rc = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    error = std::string("spawn failed: ") + std::strerror(rc);
    return -1;
  }
  return pid;
}

void record_exit(int status, ProcessResult& result) {
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
}

}  // namespace

std::string errcontract_binary() { return ERRC_BINARY_DIR "/errcontract"; }

ProcessResult run_process(const std::string& program, const std::vector<std::string>& args,
                          const std::string& stdin_data) {
  ProcessResult result;
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe(in_pipe) != 0 || pipe(out_pipe) != 0 || pipe(err_pipe) != 0) return result;

  const pid_t pid = spawn(
      program, args, in_pipe[0], out_pipe[1], err_pipe[1],
      {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}, result.err);
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (pid < 0) {
    close(in_pipe[1]);
    close(out_pipe[0]);
    close(err_pipe[0]);
    return result;
  }

  // Feed stdin and drain both outputs together so no pipe fills up and blocks.
  signal(SIGPIPE, SIG_IGN);
  fcntl(in_pipe[1], F_SETFL, O_NONBLOCK);
  std::size_t written = 0;
  int in_fd = in_pipe[1];
  if (stdin_data.empty()) {
    close(in_fd);
    in_fd = -1;
  }
  bool out_open = true, err_open = true;
  char buffer[65536];
  while (out_open || err_open || in_fd >= 0) {
    pollfd fds[3] = {{out_open ? out_pipe[0] : -1, POLLIN, 0},
                     {err_open ? err_pipe[0] : -1, POLLIN, 0},
                     {in_fd, POLLOUT, 0}};
    if (poll(fds, 3, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].revents == 0) continue;
      ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
      if (n <= 0) {
        (i == 0 ? out_open : err_open) = false;
        continue;
      }
      (i == 0 ? result.out : result.err).append(buffer, static_cast<std::size_t>(n));
    }
    if (in_fd >= 0 && fds[2].revents != 0) {
      ssize_t n = write(in_fd, stdin_data.data() + written, stdin_data.size() - written);
      if (n > 0) written += static_cast<std::size_t>(n);
      if (n < 0 && errno != EAGAIN) written = stdin_data.size();
      if (written >= stdin_data.size()) {
        close(in_fd);
        in_fd = -1;
      }
    }
  }
  if (in_fd >= 0) close(in_fd);
  close(out_pipe[0]);
  close(err_pipe[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  record_exit(status, result);
  return result;
}

BackgroundProcess::BackgroundProcess(const std::string& program,
                                     const std::vector<std::string>& args) {
  int out_pipe[2], err_pipe[2];
  const int null_in = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (null_in < 0 || pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0) {
    error_ = std::string("cannot make pipes: ") + std::strerror(errno);
    if (null_in >= 0) close(null_in);
    return;
  }
  pid_ = spawn(program, args, null_in, out_pipe[1], err_pipe[1], {}, error_);
  close(null_in);
  close(out_pipe[1]);
  close(err_pipe[1]);
  if (pid_ < 0) {
    close(out_pipe[0]);
    close(err_pipe[0]);
    reaped_ = true;
    return;
  }
  reader_ = std::thread([this, out = out_pipe[0], err = err_pipe[0]] { read_outputs(out, err); });
}

BackgroundProcess::~BackgroundProcess() {
  if (!reaped_) wait(std::chrono::milliseconds(0));
}

void BackgroundProcess::read_outputs(int out_fd, int err_fd) {
  bool out_open = true, err_open = true;
  char buffer[65536];
  while (out_open || err_open) {
    pollfd fds[2] = {{out_open ? out_fd : -1, POLLIN, 0}, {err_open ? err_fd : -1, POLLIN, 0}};
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].revents == 0) continue;
      const ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
      std::lock_guard<std::mutex> lock(mu_);
      if (n <= 0) {
        (i == 0 ? out_open : err_open) = false;
      } else {
        (i == 0 ? out_ : err_).append(buffer, static_cast<std::size_t>(n));
      }
    }
    changed_.notify_all();
  }
  close(out_fd);
  close(err_fd);
  std::lock_guard<std::mutex> lock(mu_);
  outputs_closed_ = true;
  changed_.notify_all();
}

std::string BackgroundProcess::wait_for_line(std::string_view text,
                                             std::chrono::milliseconds timeout, Stream stream) {
  std::string line;
  const std::string& output = stream == Stream::kOut ? out_ : err_;
  auto found = [&] {
    for (std::size_t start = 0, end; (end = output.find('\n', start)) != std::string::npos;
         start = end + 1) {
      if (output.substr(start, end - start).find(text) != std::string::npos) {
        line = output.substr(start, end - start);
        return true;
      }
    }
    return outputs_closed_;
  };
  std::unique_lock<std::mutex> lock(mu_);
  changed_.wait_for(lock, timeout, found);
  return line;
}

bool BackgroundProcess::send_signal(int signal) {
  std::lock_guard<std::mutex> lock(mu_);
  return !reaped_ && kill(pid_, signal) == 0;
}

ProcessResult BackgroundProcess::wait(std::chrono::milliseconds timeout) {
  if (reaped_) return result_;
  {
    std::unique_lock<std::mutex> lock(mu_);
    if (!changed_.wait_for(lock, timeout, [this] { return outputs_closed_; })) {
      kill(pid_, SIGKILL);
    }
  }
  if (reader_.joinable()) reader_.join();
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  std::lock_guard<std::mutex> lock(mu_);
  reaped_ = true;
  record_exit(status, result_);
  result_.out = out_;
  result_.err = err_;
  return result_;
}

std::string BackgroundProcess::out() {
  std::lock_guard<std::mutex> lock(mu_);
  return out_;
}

std::string BackgroundProcess::err() {
  std::lock_guard<std::mutex> lock(mu_);
  return err_;
}

}  // namespace errcontract::testing
