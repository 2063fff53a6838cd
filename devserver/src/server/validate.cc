// Deliberately strict and simple: the reference server must give the same
// answer for the same input every time, and the cases rely on these rules.
#include "server/validate.h"

#include <arpa/inet.h>

#include <cctype>

namespace errcontract::internal {
namespace {

bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

bool all_of(std::string_view text, bool (*allowed)(char)) {
  for (char c : text) {
    if (!allowed(c)) return false;
  }
  return true;
}

bool is_label(std::string_view label) {
  if (label.empty() || label.size() > 63) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  return all_of(label, [](char c) { return is_lower_alnum(c) || c == '-'; });
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

bool is_valid_bucket_name(std::string_view name) {
  if (name.size() < 3 || name.size() > 40) return false;
  if (!is_lower_alnum(name.front()) || !is_lower_alnum(name.back())) return false;
  return all_of(name, [](char c) { return is_lower_alnum(c) || c == '-'; });
}

bool is_valid_operator_name(std::string_view name) {
  if (name.size() < 3 || name.size() > 40 || !is_lower_alnum(name.front())) return false;
  return all_of(name, [](char c) { return is_lower_alnum(c) || c == '-' || c == '_'; });
}

bool is_valid_thumb_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  return all_of(name, [](char c) {
    return is_lower_alnum(c) || (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
  });
}

bool is_valid_domain(std::string_view domain, bool allow_wildcard) {
  if (allow_wildcard && domain.substr(0, 2) == "*.") domain.remove_prefix(2);
  if (domain.empty() || domain.size() > 253) return false;
  std::size_t labels = 0;
  std::string_view last;
  std::size_t pos = 0;
  while (pos <= domain.size()) {
    std::size_t dot = domain.find('.', pos);
    if (dot == std::string_view::npos) dot = domain.size();
    last = domain.substr(pos, dot - pos);
    if (!is_label(last)) return false;
    ++labels;
    pos = dot + 1;
  }
  if (labels < 2) return false;
  return all_of(last, [](char c) { return c >= 'a' && c <= 'z'; });
}

std::string normalize_domain(std::string_view domain) {
  while (!domain.empty() && is_blank(domain.front())) domain.remove_prefix(1);
  while (!domain.empty() && is_blank(domain.back())) domain.remove_suffix(1);
  if (!domain.empty() && domain.back() == '.') domain.remove_suffix(1);
  std::string out(domain);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool wildcard_covers(std::string_view wildcard, std::string_view domain) {
  if (wildcard.substr(0, 2) != "*.") return false;
  std::string_view suffix = wildcard.substr(1);  // ".example.com"
  return domain.size() > suffix.size() && domain.substr(domain.size() - suffix.size()) == suffix;
}

bool is_valid_ip(std::string_view text) {
  if (text.empty() || text.size() > 45) return false;
  const std::string copy(text);
  unsigned char buffer[16];
  return inet_pton(AF_INET, copy.c_str(), buffer) == 1 ||
         inet_pton(AF_INET6, copy.c_str(), buffer) == 1;
}

bool is_valid_user_agent(std::string_view text) {
  return all_of(text, [](char c) { return c >= 0x20 && c <= 0x7E; });
}

std::optional<bool> parse_flag(std::string_view text) {
  if (text == "true" || text == "1" || text == "on") return true;
  if (text == "false" || text == "0" || text == "off") return false;
  return std::nullopt;
}

std::optional<std::int64_t> parse_count(std::string_view text, std::int64_t max) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value > max) return std::nullopt;
  return value;
}

std::vector<std::string> split_list(std::string_view text, std::string_view separators) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find_first_of(separators, pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view item = text.substr(pos, end - pos);
    while (!item.empty() && is_blank(item.front())) item.remove_prefix(1);
    while (!item.empty() && is_blank(item.back())) item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
    pos = end + 1;
  }
  return out;
}

bool looks_like_image(std::string_view data) {
  constexpr std::string_view kPng("\x89PNG\r\n\x1a\n", 8);
  constexpr std::string_view kJpeg("\xFF\xD8\xFF", 3);
  if (data.substr(0, kPng.size()) == kPng || data.substr(0, kJpeg.size()) == kJpeg) return true;
  if (data.substr(0, 6) == "GIF87a" || data.substr(0, 6) == "GIF89a") return true;
  return data.size() >= 12 && data.substr(0, 4) == "RIFF" && data.substr(8, 4) == "WEBP";
}

}  // namespace errcontract::internal
