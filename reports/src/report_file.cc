// FileReporter and the atomic file write every file report goes through: a
// CI job that reads the report while the run ends, or a run killed mid-write,
// must find the previous report or the new one, never half a file.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <iostream>
#include <utility>
#include <vector>

#include "errcontract/reports.h"

namespace errcontract {
namespace {

Status io_error(const std::string& path, std::string_view what, int error_number) {
  return Status(StatusCode::kIoError,
                fmt::format("{}: {}: {}", path, what, std::strerror(error_number)));
}

Status write_all(int fd, std::string_view content, const std::string& temp_path) {
  while (!content.empty()) {
    const ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return io_error(temp_path, "write failed", errno);
    }
    content.remove_prefix(static_cast<std::size_t>(n));
  }
  return Status::ok_status();
}

// Creates the temporary file ".<name>.tmp-XXXXXX" beside `path` through
// which it is written; sets `fd` and `temp_path`.
Status open_temporary_beside(const std::string& path, int& fd, std::string& temp_path) {
  if (path.empty()) return Status(StatusCode::kIoError, "report path is empty");
  const std::size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : path.substr(0, slash + 1);
  const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  if (base.empty() || base == "." || base == "..") {
    return Status(StatusCode::kIoError, fmt::format("{}: not a file name", path));
  }
  temp_path = (slash == std::string::npos ? std::string() : dir) + "." + base + ".tmp-XXXXXX";
  std::vector<char> temp_buffer(temp_path.begin(), temp_path.end());
  temp_buffer.push_back('\0');
  fd = ::mkstemp(temp_buffer.data());
  if (fd < 0) {
    return io_error(path, fmt::format("cannot create a temporary file in {}", dir), errno);
  }
  temp_path.assign(temp_buffer.data());
  return Status::ok_status();
}

// Where a report named `path` goes. Only a regular file (or a new one) is
// replaced by write-then-rename; "-" is standard output; a FIFO, a device or
// a symlink into /proc or /dev (/dev/stdout) is opened and written through;
// a symlink to a regular file keeps being a link, its target replaced.
struct Destination {
  enum Kind { kStdout, kWriteThrough, kReplace } kind = kReplace;
  std::string path;
};

Destination resolve_destination(const std::string& path) {
  if (path == "-") return {Destination::kStdout, path};
  std::string resolved = path;
  struct stat link {};
  if (::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
    char* real = ::realpath(path.c_str(), nullptr);
    // A dangling link, or one to a /proc "pipe:[N]": opening creates or reaches it.
    if (real == nullptr) return {Destination::kWriteThrough, path};
    resolved = real;
    std::free(real);
    if (resolved.rfind("/proc/", 0) == 0 || resolved.rfind("/dev/", 0) == 0) {
      return {Destination::kWriteThrough, path};
    }
  }
  struct stat info {};
  if (::stat(resolved.c_str(), &info) == 0 && !S_ISREG(info.st_mode) && !S_ISDIR(info.st_mode)) {
    return {Destination::kWriteThrough, resolved};
  }
  return {Destination::kReplace, resolved};
}

Status write_through(const std::string& path, std::string_view content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOCTTY, 0644);
  if (fd < 0) return io_error(path, "cannot open", errno);
  Status status = write_all(fd, content, path);
  if (::close(fd) != 0 && status.ok()) status = io_error(path, "close failed", errno);
  return status;
}

Status check_replaceable(const std::string& path);

}  // namespace

Status check_report_path(const std::string& path) {
  const Destination to = resolve_destination(path);
  switch (to.kind) {
    case Destination::kStdout:
      return Status::ok_status();
    case Destination::kWriteThrough:
      // Never opened here: opening a FIFO blocks until a reader comes.
      if (::access(to.path.c_str(), W_OK) != 0 && errno != ENOENT) {
        return io_error(path, "cannot be written", errno);
      }
      return Status::ok_status();
    case Destination::kReplace:
      break;
  }
  return check_replaceable(to.path);
}

Status write_report_file(const std::string& path, std::string_view content) {
  const Destination to = resolve_destination(path);
  switch (to.kind) {
    case Destination::kStdout:
      std::cout.flush();
      return write_all(STDOUT_FILENO, content, "standard output");
    case Destination::kWriteThrough:
      return write_through(to.path, content);
    case Destination::kReplace:
      break;
  }
  return write_file_atomically(to.path, content);
}

namespace {
Status check_replaceable(const std::string& path) {
  int fd = -1;
  std::string temp_path;
  if (Status status = open_temporary_beside(path, fd, temp_path); !status.ok()) return status;
  ::close(fd);
  ::unlink(temp_path.c_str());
  struct stat info {};
  if (::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) {
    return io_error(path, "cannot be replaced by a file", EISDIR);
  }
  return Status::ok_status();
}
}  // namespace

Status write_file_atomically(const std::string& path, std::string_view content) {
  int fd = -1;
  std::string temp_path;
  if (Status opened = open_temporary_beside(path, fd, temp_path); !opened.ok()) return opened;

  Status status = write_all(fd, content, temp_path);
  // mkstemp creates the file 0600; a report is meant to be read by others.
  if (status.ok() && ::fchmod(fd, 0644) != 0) status = io_error(temp_path, "chmod failed", errno);
  if (status.ok() && ::fsync(fd) != 0) status = io_error(temp_path, "fsync failed", errno);
  if (::close(fd) != 0 && status.ok()) status = io_error(temp_path, "close failed", errno);
  if (status.ok() && ::rename(temp_path.c_str(), path.c_str()) != 0) {
    status = io_error(path, fmt::format("cannot rename {} to it", temp_path), errno);
  }
  if (!status.ok()) ::unlink(temp_path.c_str());
  return status;
}

FileReporter::FileReporter(std::string format, std::string path, Render render,
                           std::ostream* diagnostics, FuzzRender render_fuzz)
    : format_(std::move(format)),
      path_(std::move(path)),
      render_(std::move(render)),
      render_fuzz_(std::move(render_fuzz)),
      diagnostics_(diagnostics != nullptr ? *diagnostics : std::cerr) {}

Status FileReporter::preflight() const { return check_report_path(path_); }

void FileReporter::on_run_end(const RunResult& result) {
  write([this, &result] { return render_(result); });
}

void FileReporter::on_fuzz_end(const FuzzReport& report) {
  write([this, &report]() -> Result<std::string> {
    if (!render_fuzz_) {
      return Status(StatusCode::kInvalidArgument,
                    "the " + format_ + " format has no fuzz-api report");
    }
    return render_fuzz_(report);
  });
}

void FileReporter::write(const std::function<Result<std::string>()>& render) {
  // A reporter runs at the end of a run whose results matter more than any
  // one report: nothing it does may take the process down.
  try {
    Result<std::string> content = render();
    if (content.ok()) {
      status_ = write_report_file(path_, *content);
    } else {
      status_ =
          Status(content.status().code(), fmt::format("{}: {}", path_, content.status().message()));
    }
  } catch (const std::exception& e) {
    status_ = Status(StatusCode::kInternal, fmt::format("{}: {}", path_, e.what()));
  }
  if (!status_.ok()) {
    diagnostics_ << fmt::format("errcontract: the {} report was not written: {}\n", format_,
                                status_.message());
    diagnostics_.flush();
  }
}

}  // namespace errcontract
