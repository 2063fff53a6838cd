// The JSON reports' writer (the run report and the fuzz report): RapidJSON's
// Writer in validating mode, every call's result kept, strings that are not
// well-formed UTF-8 written with U+FFFD; then indented.
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include "errcontract/result.h"
#include "errcontract/utf8.h"

namespace errcontract::internal {

// RapidJSON 1.1's PrettyWriter drops its writeFlags argument (its base class
// is always a Writer with default flags), so the report is written compact by
// a validating Writer, then parsed back strictly and indented by a
// PrettyWriter. The re-parse doubles as proof that the file is valid JSON.
using Writer = rapidjson::Writer<rapidjson::StringBuffer, rapidjson::UTF8<>, rapidjson::UTF8<>,
                                 rapidjson::CrtAllocator, rapidjson::kWriteValidateEncodingFlag>;

// Wraps the Writer so that every call's result is kept: one false return
// means the buffer is not valid JSON and must not be written out.
class Json {
 public:
  explicit Json(rapidjson::StringBuffer& buffer) : writer_(buffer) {}

  bool ok() const { return ok_; }
  bool complete() const { return writer_.IsComplete(); }

  void begin_object() { ok_ = writer_.StartObject() && ok_; }
  void end_object() { ok_ = writer_.EndObject() && ok_; }
  void begin_array() { ok_ = writer_.StartArray() && ok_; }
  void end_array() { ok_ = writer_.EndArray() && ok_; }
  void key(std::string_view k) { string(k); }
  void null() { ok_ = writer_.Null() && ok_; }
  void boolean(bool b) { ok_ = writer_.Bool(b) && ok_; }
  void integer(std::int64_t n) { ok_ = writer_.Int64(n) && ok_; }
  void unsigned_integer(std::uint64_t n) { ok_ = writer_.Uint64(n) && ok_; }

  // Milliseconds, rounded to the microsecond; never NaN or infinite.
  void millis(double ms) {
    if (!std::isfinite(ms) || ms < 0) ms = 0;
    ok_ = writer_.Double(std::round(ms * 1000.0) / 1000.0) && ok_;
  }

  // Returns false when `s` was not well-formed UTF-8 and was written lossily.
  bool string(std::string_view s) {
    if (find_invalid_utf8(s) == std::string_view::npos) {
      ok_ = writer_.String(s.data(), static_cast<rapidjson::SizeType>(s.size())) && ok_;
      return true;
    }
    std::string lossy;
    append_utf8_replacing_invalid(lossy, s);
    ok_ = writer_.String(lossy.data(), static_cast<rapidjson::SizeType>(lossy.size())) && ok_;
    return false;
  }

  void member(std::string_view k, std::string_view v) {
    key(k);
    string(v);
  }

 private:
  Writer writer_;
  bool ok_ = true;
};

// `compact` JSON parsed back strictly and indented by two spaces, with a
// final line feed; kInternal when it does not parse.
Result<std::string> indent_json(std::string_view compact);

}  // namespace errcontract::internal
