// An HTTP/1.1 response read from a byte stream as it arrives: the status
// line, the header block and the body (Content-Length, chunked, or up to the
// close), each bounded. It owns no socket, so the transport that feeds it can
// be a blocking socket, a test's string or a fuzzer's input, and every
// malformed or oversized response ends in a transport error that says what was
// wrong and how far the response got.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "errcontract/http.h"

namespace errcontract::internal {

struct ResponseLimits {
  std::size_t max_header_bytes = 64u << 10;  // status line + headers + the empty line
  std::size_t max_body_bytes = 16u << 20;
  bool head_request = false;  // a response to HEAD has no body whatever it declares
};

class ResponseReader {
 public:
  explicit ResponseReader(ResponseLimits limits) : limits_(limits) {}

  // Takes bytes as they arrive and returns how many belong to this response:
  // once it is complete (done()) or broken (failed()), the rest is not read.
  std::size_t feed(std::string_view bytes);

  // The stream ended: an orderly close when `reset` is false, a reset
  // (ECONNRESET) when true. Completes a body delimited by the close; anything
  // else still missing is an error.
  void end_of_stream(bool reset);

  bool done() const { return state_ == State::kDone; }
  bool failed() const { return state_ == State::kFailed; }
  const Status& error() const { return error_; }
  bool head_complete() const { return state_ > State::kHead; }

  // Whether the connection may carry the next request once the response is
  // done: HTTP/1.1 without "Connection: close", or HTTP/1.0 with keep-alive,
  // and a body that did not end with the connection.
  bool keep_alive() const { return keep_alive_; }

  // The response, once done(); moves it out.
  HttpResponse take() { return std::move(response_); }

 private:
  enum class State {
    kHead,
    kBody,
    kChunkSize,
    kChunkData,
    kChunkDataEnd,
    kTrailer,
    kDone,
    kFailed
  };
  enum class BodyKind { kNone, kLength, kChunked, kUntilClose };

  std::size_t feed_head(std::string_view bytes);
  bool parse_head();     // head_ holds the whole block; sets up the body
  bool parse_framing();  // Content-Length, Transfer-Encoding, Connection
  std::size_t feed_body(std::string_view bytes);
  std::size_t feed_chunked(std::string_view bytes);
  bool whole_line(std::string_view bytes, std::size_t& used);
  bool append_body(std::string_view bytes);
  void fail(TransportErrorKind kind, std::string message);
  void fail_chunked();
  void finish() { state_ = State::kDone; }

  ResponseLimits limits_;
  State state_ = State::kHead;
  Status error_;
  HttpResponse response_;
  std::string head_;           // the header block as it came in, until it is parsed
  std::size_t head_scan_ = 0;  // head_ before this has no blank line
  BodyKind body_kind_ = BodyKind::kNone;
  std::optional<std::size_t> declared_length_;
  std::size_t chunk_left_ = 0;
  std::string line_;  // a chunk-size or trailer line being read
  bool keep_alive_ = false;
  bool http10_ = false;
};

}  // namespace errcontract::internal
