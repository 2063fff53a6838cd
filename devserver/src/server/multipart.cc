// multipart/form-data as RFC 7578 and RFC 2046 describe it, restricted to
// what form uploads use: a Content-Disposition "form-data" header with a name
// (and, for files, a filename) and an optional Content-Type per part.
#include "server/multipart.h"

#include <fmt/format.h>

#include <cctype>

namespace errcontract::internal {
namespace {

constexpr std::size_t kMaxBoundary = 70;
constexpr std::string_view kCrlf = "\r\n";

Status malformed(std::string message) {
  return Status(StatusCode::kInvalidInput, "multipart body: " + std::move(message));
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// A header parameter value: a quoted-string (backslash escapes one byte) or
// a token. `ok` is false for an unterminated quote.
std::string unquote(std::string_view value, bool& ok) {
  ok = true;
  if (value.empty() || value.front() != '"') return std::string(value);
  std::string out;
  for (std::size_t i = 1; i < value.size(); ++i) {
    if (value[i] == '\\' && i + 1 < value.size()) {
      out.push_back(value[++i]);
    } else if (value[i] == '"') {
      ok = trim(value.substr(i + 1)).empty();
      return out;
    } else {
      out.push_back(value[i]);
    }
  }
  ok = false;
  return out;
}

// Splits a header value at each ';' outside a quoted string:
// "form-data; name=\"a;b\"" -> {"form-data", " name=\"a;b\""}.
std::vector<std::string_view> split_header_params(std::string_view value) {
  std::vector<std::string_view> pieces;
  bool quoted = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\\' && quoted) {
      ++i;
    } else if (value[i] == '"') {
      quoted = !quoted;
    } else if (value[i] == ';' && !quoted) {
      pieces.push_back(value.substr(start, i - start));
      start = i + 1;
    }
  }
  pieces.push_back(value.substr(start));
  return pieces;
}

Status read_disposition(std::string_view value, MultipartPart& part) {
  const std::vector<std::string_view> pieces = split_header_params(value);
  if (!iequals(trim(pieces.front()), "form-data")) {
    return malformed("Content-Disposition is not form-data");
  }
  bool has_name = false;
  for (std::size_t i = 1; i < pieces.size(); ++i) {
    std::string_view piece = trim(pieces[i]);
    const std::size_t eq = piece.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view key = trim(piece.substr(0, eq));
    bool ok = true;
    std::string text = unquote(trim(piece.substr(eq + 1)), ok);
    if (!ok) return malformed("unterminated quoted parameter in Content-Disposition");
    if (iequals(key, "name")) {
      part.name = std::move(text);
      has_name = true;
    } else if (iequals(key, "filename")) {
      part.filename = std::move(text);
      part.has_filename = true;
    }
  }
  if (!has_name) return malformed("a part has no name in its Content-Disposition");
  return Status::ok_status();
}

Status read_headers(std::string_view block, MultipartPart& part) {
  bool has_disposition = false;
  std::size_t pos = 0;
  while (pos < block.size()) {
    std::size_t end = block.find(kCrlf, pos);
    if (end == std::string_view::npos) end = block.size();
    std::string_view line = block.substr(pos, end - pos);
    pos = end + kCrlf.size();
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return malformed("a part header has no ':'");
    std::string_view name = trim(line.substr(0, colon));
    std::string_view value = trim(line.substr(colon + 1));
    if (iequals(name, "Content-Disposition")) {
      Status status = read_disposition(value, part);
      if (!status.ok()) return status;
      has_disposition = true;
    } else if (iequals(name, "Content-Type")) {
      part.content_type = std::string(value);
    }
  }
  if (!has_disposition) return malformed("a part has no Content-Disposition header");
  return Status::ok_status();
}

}  // namespace

Result<std::string> multipart_boundary(std::string_view content_type) {
  const std::vector<std::string_view> pieces = split_header_params(content_type);
  for (std::size_t i = 1; i < pieces.size(); ++i) {
    std::string_view piece = trim(pieces[i]);
    const std::size_t eq = piece.find('=');
    if (eq == std::string_view::npos || !iequals(trim(piece.substr(0, eq)), "boundary")) continue;
    bool ok = true;
    std::string boundary = unquote(trim(piece.substr(eq + 1)), ok);
    if (!ok || boundary.empty() || boundary.size() > kMaxBoundary) {
      return malformed("the boundary parameter is empty, unterminated or over 70 bytes");
    }
    return boundary;
  }
  return malformed("Content-Type has no boundary parameter");
}

Result<std::vector<MultipartPart>> parse_multipart(std::string_view body, std::string_view boundary,
                                                   const MultipartLimits& limits) {
  const std::string delimiter = "--" + std::string(boundary);
  const std::string inner = "\r\n" + delimiter;
  // The first delimiter opens the body or follows a preamble line.
  std::size_t pos = 0;
  if (body.substr(0, delimiter.size()) != delimiter) {
    pos = body.find(inner);
    if (pos == std::string_view::npos) return malformed("no opening boundary");
    pos += kCrlf.size();
  }
  std::vector<MultipartPart> parts;
  while (true) {
    pos += delimiter.size();
    if (body.substr(pos, 2) == "--") return parts;  // close delimiter; the epilogue is ignored
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
    if (body.substr(pos, 2) != kCrlf) return malformed("a boundary line does not end in CRLF");
    pos += 2;
    if (parts.size() == limits.max_parts) {
      return malformed(fmt::format("more than {} parts", limits.max_parts));
    }
    MultipartPart part;
    if (body.substr(pos, 2) == kCrlf) return malformed("a part has no Content-Disposition header");
    const std::size_t headers_end = body.find("\r\n\r\n", pos);
    if (headers_end == std::string_view::npos || headers_end - pos > limits.max_header_bytes) {
      return malformed("a part's headers are unterminated or too long");
    }
    Status status = read_headers(body.substr(pos, headers_end - pos), part);
    if (!status.ok()) return status;
    const std::size_t data_start = headers_end + 4;
    const std::size_t data_end = body.find(inner, data_start);
    if (data_end == std::string_view::npos) return malformed("a part is not closed by a boundary");
    part.data = std::string(body.substr(data_start, data_end - data_start));
    parts.push_back(std::move(part));
    pos = data_end + kCrlf.size();
  }
}

}  // namespace errcontract::internal
