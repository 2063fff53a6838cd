#include "transport/response_reader.h"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "text/ascii.h"

namespace errcontract::internal {

namespace {

constexpr std::size_t kMaxChunkLine = 4096;  // a chunk-size or trailer line, before its LF
constexpr std::size_t kShownBytes = 80;      // of a malformed line, in a message

bool is_ows(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_ows(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ows(s.back())) s.remove_suffix(1);
  return s;
}

// RFC 9110 token characters: what a header name may be made of.
bool is_token_char(unsigned char c) {
  if (c >= '0' && c <= '9') return true;
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

// A line of the response as a person can read it in a message: printable
// ASCII as is, the rest as \xNN, cut at kShownBytes.
std::string shown(std::string_view line) {
  std::string out;
  for (std::size_t i = 0; i < line.size() && i < kShownBytes; ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("\\x{:02x}", c);
    }
  }
  if (line.size() > kShownBytes) out += "...";
  return out;
}

// Whether the comma-separated list `value` holds `token` (case-insensitive).
bool list_has(std::string_view value, std::string_view token) {
  while (!value.empty()) {
    const std::size_t comma = value.find(',');
    if (equals_ignore_case(trim(value.substr(0, comma)), token)) return true;
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
  return false;
}

// The last coding of a Transfer-Encoding list.
std::string_view last_coding(std::string_view value) {
  const std::size_t comma = value.rfind(',');
  return trim(comma == std::string_view::npos ? value : value.substr(comma + 1));
}

}  // namespace

void ResponseReader::fail(TransportErrorKind kind, std::string message) {
  state_ = State::kFailed;
  error_ = transport_error(kind, std::move(message));
}

void ResponseReader::fail_chunked() {
  fail(TransportErrorKind::kProtocol,
       fmt::format("read failed: the chunked body is malformed or was cut off after {} bytes",
                   response_.body.size()));
}

std::size_t ResponseReader::feed(std::string_view bytes) {
  std::size_t used = 0;
  while (used < bytes.size() && state_ != State::kDone && state_ != State::kFailed) {
    const std::string_view rest = bytes.substr(used);
    switch (state_) {
      case State::kHead:
        used += feed_head(rest);
        break;
      case State::kBody:
        used += feed_body(rest);
        break;
      default:
        used += feed_chunked(rest);
        break;
    }
  }
  return used;
}

std::size_t ResponseReader::feed_head(std::string_view bytes) {
  // Never hold more than the cap (plus the byte that shows it is over).
  const std::size_t room = limits_.max_header_bytes + 1 - head_.size();
  const std::size_t taken = std::min(bytes.size(), room);
  const std::size_t before = head_.size();
  head_.append(bytes.data(), taken);
  // The block ends at an empty line: "\n\n" or "\n\r\n".
  std::size_t end = std::string::npos;
  for (std::size_t i = head_scan_; i < head_.size(); ++i) {
    if (head_[i] != '\n') continue;
    if (i + 1 < head_.size() && head_[i + 1] == '\n') {
      end = i + 2;
      break;
    }
    if (i + 2 < head_.size() && head_[i + 1] == '\r' && head_[i + 2] == '\n') {
      end = i + 3;
      break;
    }
  }
  if (end == std::string::npos || end > limits_.max_header_bytes) {
    if (head_.size() > limits_.max_header_bytes) {
      fail(TransportErrorKind::kTooLarge,
           fmt::format("response header block over {} bytes (cap)", limits_.max_header_bytes));
      return taken;
    }
    // Rescan the last two bytes next time: an empty line may straddle feeds.
    head_scan_ = head_.size() < 2 ? 0 : head_.size() - 2;
    return taken;
  }
  const std::size_t used = end - before;
  head_.resize(end);
  if (!parse_head()) return used;
  head_.clear();
  head_scan_ = 0;
  return used;
}

bool ResponseReader::parse_head() {
  std::string_view block(head_);
  std::size_t line_no = 0;
  while (!block.empty()) {
    const std::size_t nl = block.find('\n');
    std::string_view line = block.substr(0, nl);
    block.remove_prefix(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++line_no;
    if (line_no == 1) {
      // HTTP/1.x SP 3DIGIT [SP reason]
      const bool ok = line.size() >= 12 && line.substr(0, 7) == "HTTP/1." && line[7] >= '0' &&
                      line[7] <= '9' && line[8] == ' ' &&
                      std::all_of(line.begin() + 9, line.begin() + 12,
                                  [](char c) { return c >= '0' && c <= '9'; }) &&
                      (line.size() == 12 || line[12] == ' ');
      if (!ok) {
        fail(TransportErrorKind::kProtocol,
             fmt::format("the response is not HTTP/1.x: its status line is \"{}\"", shown(line)));
        return false;
      }
      http10_ = line[7] == '0';
      response_.status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
      continue;
    }
    if (line.empty()) break;  // the end of the block
    if (is_ows(line.front())) {
      fail(TransportErrorKind::kProtocol,
           fmt::format("malformed response header line {}: a folded continuation line (\"{}\")",
                       line_no, shown(line)));
      return false;
    }
    const std::size_t colon = line.find(':');
    const std::string_view name = line.substr(0, colon);
    if (colon == std::string_view::npos || name.empty() ||
        !std::all_of(name.begin(), name.end(),
                     [](char c) { return is_token_char(static_cast<unsigned char>(c)); })) {
      fail(TransportErrorKind::kProtocol,
           fmt::format("malformed response header line {}: \"{}\"", line_no, shown(line)));
      return false;
    }
    response_.headers.emplace_back(std::string(name), std::string(trim(line.substr(colon + 1))));
  }
  // An interim response (100 Continue, 103 Early Hints) precedes the real one.
  if (response_.status >= 100 && response_.status < 200 && response_.status != 101) {
    response_ = HttpResponse();
    return true;
  }
  return parse_framing();
}

bool ResponseReader::parse_framing() {
  std::optional<std::string_view> transfer_encoding;
  std::optional<std::size_t> length;
  bool close = false, keep_alive_asked = false;
  for (const auto& [name, value] : response_.headers) {
    if (equals_ignore_case(name, "Transfer-Encoding")) {
      transfer_encoding = value;
    } else if (equals_ignore_case(name, "Content-Length")) {
      // One value, or the same value repeated: anything else cannot frame a body.
      std::string_view rest = value;
      while (true) {
        const std::size_t comma = rest.find(',');
        const std::string_view text = trim(rest.substr(0, comma));
        std::size_t n = 0;
        const bool digits = !text.empty() && text.size() <= 19 &&
                            std::all_of(text.begin(), text.end(), [&n](char c) {
                              n = n * 10 + static_cast<std::size_t>(c - '0');
                              return c >= '0' && c <= '9';
                            });
        if (!digits || (length && *length != n)) {
          fail(TransportErrorKind::kProtocol,
               fmt::format("invalid Content-Length \"{}\"", shown(value)));
          return false;
        }
        length = n;
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
      }
    } else if (equals_ignore_case(name, "Connection")) {
      close = close || list_has(value, "close");
      keep_alive_asked = keep_alive_asked || list_has(value, "keep-alive");
    }
  }
  keep_alive_ = http10_ ? keep_alive_asked && !close : !close;

  const int status = response_.status;
  if (limits_.head_request || status == 204 || status == 304 || status == 101) {
    body_kind_ = BodyKind::kNone;
  } else if (transfer_encoding) {
    // Transfer-Encoding overrides Content-Length; a last coding other than
    // chunked leaves the close as the only end of the body.
    body_kind_ = equals_ignore_case(last_coding(*transfer_encoding), "chunked")
                     ? BodyKind::kChunked
                     : BodyKind::kUntilClose;
  } else if (length) {
    declared_length_ = length;
    body_kind_ = BodyKind::kLength;
  } else {
    body_kind_ = BodyKind::kUntilClose;
  }
  if (body_kind_ == BodyKind::kUntilClose || status == 101) keep_alive_ = false;

  switch (body_kind_) {
    case BodyKind::kNone:
      finish();
      break;
    case BodyKind::kLength:
      if (*declared_length_ > limits_.max_body_bytes) {
        fail(TransportErrorKind::kTooLarge,
             fmt::format("response body over {} bytes (cap)", limits_.max_body_bytes));
        return false;
      }
      response_.body.reserve(*declared_length_);
      if (*declared_length_ == 0) {
        finish();
      } else {
        state_ = State::kBody;
      }
      break;
    case BodyKind::kChunked:
      state_ = State::kChunkSize;
      break;
    case BodyKind::kUntilClose:
      state_ = State::kBody;
      break;
  }
  return true;
}

bool ResponseReader::append_body(std::string_view bytes) {
  if (bytes.size() > limits_.max_body_bytes - response_.body.size()) {
    fail(TransportErrorKind::kTooLarge,
         fmt::format("response body over {} bytes (cap)", limits_.max_body_bytes));
    return false;
  }
  response_.body.append(bytes.data(), bytes.size());
  return true;
}

std::size_t ResponseReader::feed_body(std::string_view bytes) {
  if (body_kind_ == BodyKind::kLength) {
    const std::size_t want = std::min(bytes.size(), *declared_length_ - response_.body.size());
    response_.body.append(bytes.data(), want);
    if (response_.body.size() == *declared_length_) finish();
    return want;
  }
  // Until the close: everything is body.
  append_body(bytes);
  return bytes.size();
}

// Reads one line (up to '\n') of a chunked body into line_. True when the
// line is whole; false while it is incomplete or when it grew past
// kMaxChunkLine, in which case the reader has failed.
bool ResponseReader::whole_line(std::string_view bytes, std::size_t& used) {
  const std::size_t nl = bytes.find('\n');
  const std::size_t part = nl == std::string_view::npos ? bytes.size() : nl;
  if (line_.size() + part > kMaxChunkLine) {
    fail_chunked();
    return false;
  }
  line_.append(bytes.data(), part);
  used = nl == std::string_view::npos ? bytes.size() : nl + 1;
  if (nl == std::string_view::npos) return false;
  if (!line_.empty() && line_.back() == '\r') line_.pop_back();
  return true;
}

std::size_t ResponseReader::feed_chunked(std::string_view bytes) {
  std::size_t used = 0;
  switch (state_) {
    case State::kChunkSize: {
      if (!whole_line(bytes, used)) return used;
      // HEXDIG+ [OWS] [; extensions]
      std::string_view text = line_;
      text = trim(text.substr(0, text.find(';')));
      // Leading zeros are allowed and say nothing of the size.
      while (text.size() > 1 && text.front() == '0') text.remove_prefix(1);
      std::size_t size = 0;
      const bool ok = !text.empty() && text.size() <= 15 &&
                      std::all_of(text.begin(), text.end(), [&size](char c) {
                        int digit = -1;
                        if (c >= '0' && c <= '9') digit = c - '0';
                        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') digit = (c | 0x20) - 'a' + 10;
                        size = size * 16 + static_cast<std::size_t>(digit < 0 ? 0 : digit);
                        return digit >= 0;
                      });
      line_.clear();
      if (!ok) {
        fail_chunked();
        return used;
      }
      if (size > limits_.max_body_bytes - response_.body.size()) {
        fail(TransportErrorKind::kTooLarge,
             fmt::format("response body over {} bytes (cap)", limits_.max_body_bytes));
        return used;
      }
      chunk_left_ = size;
      state_ = size == 0 ? State::kTrailer : State::kChunkData;
      return used;
    }
    case State::kChunkData: {
      const std::size_t want = std::min(bytes.size(), chunk_left_);
      response_.body.append(bytes.data(), want);
      chunk_left_ -= want;
      if (chunk_left_ == 0) state_ = State::kChunkDataEnd;
      return want;
    }
    case State::kChunkDataEnd:
      if (!whole_line(bytes, used)) return used;
      if (!line_.empty()) {
        fail_chunked();
        return used;
      }
      state_ = State::kChunkSize;
      return used;
    case State::kTrailer:
      // Trailer fields are read and dropped; an empty line ends the body.
      if (!whole_line(bytes, used)) return used;
      if (line_.empty()) {
        finish();
      } else {
        line_.clear();
      }
      return used;
    default:
      return bytes.size();
  }
}

void ResponseReader::end_of_stream(bool reset) {
  using K = TransportErrorKind;
  switch (state_) {
    case State::kDone:
    case State::kFailed:
      return;
    case State::kHead:
      fail(K::kClosed, "read failed: the server closed the connection before a complete response");
      return;
    case State::kBody:
      if (body_kind_ == BodyKind::kUntilClose) {
        if (!reset) {
          keep_alive_ = false;
          finish();
          return;
        }
        fail(K::kClosed, fmt::format("read failed: the connection was reset after {} body bytes",
                                     response_.body.size()));
        return;
      }
      fail(K::kClosed, fmt::format("read failed: the body ended after {} of {} bytes "
                                   "(Content-Length); the connection was closed or reset",
                                   response_.body.size(), *declared_length_));
      return;
    default:
      fail_chunked();
      return;
  }
}

}  // namespace errcontract::internal
