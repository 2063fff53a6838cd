// Errors as values at the library's boundaries: a Status (code + message that
// says what went wrong and where) and Result<T>, which holds a T or a Status.
// Exceptions are used only at the CLI edge.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace errcontract {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // bad command line or option value
  kInvalidInput,     // a malformed input file (catalog, case file, fixtures)
  kNotFound,         // a named thing (file, code, case) does not exist
  kIoError,          // reading or writing a file failed
  kUnavailable,      // the target could not be reached
  kInternal,
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
  // `detail` refines the code for callers that decide by it (the kind of a
  // transport error, see errcontract/http.h); never parsed from the message.
  Status(StatusCode code, std::string message, int detail)
      : code_(code), message_(std::move(message)), detail_(detail) {}

  static Status ok_status() { return Status(); }
  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  int detail() const { return detail_; }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  int detail_ = 0;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(data_).ok() && "a Result needs a value or an error");
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  explicit operator bool() const { return ok(); }

  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(data_);
  }
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace errcontract
