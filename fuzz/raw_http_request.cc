#include "raw_http_request.h"

#include <optional>
#include <string>

namespace errcontract::fuzz {
namespace {

// RFC 9110 tchar.
bool is_token_char(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool is_token(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s) {
    if (!is_token_char(c)) return false;
  }
  return true;
}

bool is_target(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F) return false;
  }
  return true;
}

bool is_field_value(std::string_view s) {
  for (const char c : s) {
    if (c == '\r' || c == '\n' || c == '\0') return false;
  }
  return true;
}

std::string_view trim_ows(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

class Reader {
 public:
  explicit Reader(std::string_view bytes) : rest_(bytes) {}

  bool at_end() const { return rest_.empty(); }

  // The next line without its CRLF or LF; nullopt when no line end is left.
  std::optional<std::string_view> line() {
    const std::size_t lf = rest_.find('\n');
    if (lf == std::string_view::npos) return std::nullopt;
    std::string_view out = rest_.substr(0, lf);
    rest_.remove_prefix(lf + 1);
    if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
    return out;
  }

  std::optional<std::string_view> take(std::size_t n) {
    if (n > rest_.size()) return std::nullopt;
    std::string_view out = rest_.substr(0, n);
    rest_.remove_prefix(n);
    return out;
  }

 private:
  std::string_view rest_;
};

bool read_request_line(std::string_view line, HttpRequest& out) {
  const std::size_t first = line.find(' ');
  if (first == std::string_view::npos) return false;
  const std::size_t second = line.find(' ', first + 1);
  if (second == std::string_view::npos) return false;
  const std::string_view method = line.substr(0, first);
  const std::string_view target = line.substr(first + 1, second - first - 1);
  const std::string_view version = line.substr(second + 1);
  const bool version_ok = version.size() == 8 && version.substr(0, 7) == "HTTP/1." &&
                          version[7] >= '0' && version[7] <= '9';
  if (!is_token(method) || !is_target(target) || !version_ok) return false;
  out.method = std::string(method);
  out.target = std::string(target);
  return true;
}

std::optional<std::size_t> parse_length(std::string_view digits) {
  if (digits.empty() || digits.size() > 9) return std::nullopt;
  std::size_t n = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<std::size_t>(c - '0');
  }
  return n;
}

// One request, or nullopt when the bytes are not a well-formed request.
std::optional<HttpRequest> read_one(Reader& in) {
  HttpRequest request;
  const auto request_line = in.line();
  if (!request_line || !read_request_line(*request_line, request)) return std::nullopt;
  std::optional<std::size_t> content_length;
  for (;;) {
    const auto line = in.line();
    if (!line) return std::nullopt;
    if (line->empty()) break;
    const std::size_t colon = line->find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    const std::string_view name = line->substr(0, colon);
    const std::string_view value = trim_ows(line->substr(colon + 1));
    if (!is_token(name) || !is_field_value(value)) return std::nullopt;
    if (equals_ignoring_case(name, "Transfer-Encoding")) return std::nullopt;
    if (equals_ignoring_case(name, "Content-Length")) {
      if (content_length) return std::nullopt;
      content_length = parse_length(value);
      if (!content_length) return std::nullopt;
    }
    request.headers.emplace_back(std::string(name), std::string(value));
  }
  if (content_length) {
    const auto body = in.take(*content_length);
    if (!body) return std::nullopt;
    request.body = std::string(*body);
  }
  return request;
}

}  // namespace

std::vector<HttpRequest> read_raw_requests(std::string_view bytes, std::size_t max_requests) {
  std::vector<HttpRequest> requests;
  Reader in(bytes);
  while (!in.at_end() && requests.size() < max_requests) {
    std::optional<HttpRequest> request = read_one(in);
    if (!request) break;
    requests.push_back(std::move(*request));
  }
  return requests;
}

}  // namespace errcontract::fuzz
