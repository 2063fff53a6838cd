#include "result/redact.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "exec/request_builder.h"
#include "text/ascii.h"

namespace errcontract::internal {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string form_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
               hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string json_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      std::array<char, 8> buf{};
      std::snprintf(buf.data(), buf.size(), "\\u%04x", static_cast<unsigned>(c));
      out += buf.data();
    } else {
      out += c;
    }
  }
  return out;
}

// Index just past the closing quote of the string starting at `open`, or npos.
std::size_t string_end(std::string_view s, std::size_t open) {
  for (std::size_t i = open + 1; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '"') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

std::size_t skip_space(std::string_view s, std::size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  return i;
}

bool looks_like_json(std::string_view body, const Headers& headers) {
  const std::string* type = find_header(headers, "Content-Type");
  if (type != nullptr && type->find("json") != std::string::npos) return true;
  const std::size_t first = skip_space(body, 0);
  return first < body.size() && (body[first] == '{' || body[first] == '[');
}

}  // namespace

bool is_secret_field(std::string_view name) {
  static constexpr std::array<std::string_view, 6> kNames = {
      "password", "secret", "token", "client_secret", "access_token", "refresh_token"};
  for (auto n : kNames) {
    if (equals_ignore_case(n, name)) return true;
  }
  return false;
}

std::string redact_form_fields(std::string_view encoded) {
  std::string out;
  std::size_t pos = 0;
  while (pos <= encoded.size()) {
    const std::size_t amp = std::min(encoded.find('&', pos), encoded.size());
    const std::string_view pair = encoded.substr(pos, amp - pos);
    const std::size_t eq = pair.find('=');
    if (eq != std::string_view::npos && is_secret_field(form_decode(pair.substr(0, eq)))) {
      out.append(pair.substr(0, eq + 1));
      out.append(kRedacted);
    } else {
      out.append(pair);
    }
    if (amp < encoded.size()) out += '&';
    pos = amp + 1;
  }
  return out;
}

std::string redact_json_members(std::string_view json) {
  std::string out;
  std::size_t copied = 0;
  std::size_t i = 0;
  while (i < json.size()) {
    if (json[i] != '"') {
      ++i;
      continue;
    }
    const std::size_t key_end = string_end(json, i);
    if (key_end == std::string_view::npos) break;
    const std::size_t colon = skip_space(json, key_end);
    if (colon < json.size() && json[colon] == ':' &&
        is_secret_field(json.substr(i + 1, key_end - i - 2))) {
      const std::size_t value = skip_space(json, colon + 1);
      if (value < json.size() && json[value] == '"') {
        const std::size_t value_end = string_end(json, value);
        if (value_end == std::string_view::npos) break;
        out.append(json.substr(copied, value + 1 - copied));
        out.append(kRedacted);
        out += '"';
        copied = value_end;
        i = value_end;
        continue;
      }
    }
    i = key_end;
  }
  out.append(json.substr(copied));
  return out;
}

Redactor::Redactor(const Fixtures& fixtures, const std::vector<std::string>& secrets) {
  auto add = [this](const std::string& value) {
    if (value.size() < kMinSecretLength) return;
    needles_.push_back(value);
    needles_.push_back(percent_encode(value));
    needles_.push_back(json_escape(value));
  };
  for (const auto& [name, value] : fixtures) add(value);
  for (const auto& value : secrets) add(value);
  std::sort(needles_.begin(), needles_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  needles_.erase(std::unique(needles_.begin(), needles_.end()), needles_.end());
}

std::string Redactor::text(std::string_view input) const {
  std::string out(input);
  for (const auto& needle : needles_) {
    std::size_t pos = 0;
    while ((pos = out.find(needle, pos)) != std::string::npos) {
      out.replace(pos, needle.size(), kRedacted);
      pos += kRedacted.size();
    }
  }
  return out;
}

void Redactor::headers(Headers& headers) const {
  for (auto& [name, value] : headers) {
    value = is_secret_header_name(name) ? std::string(kRedacted) : text(value);
  }
}

std::string Redactor::target(std::string_view target) const {
  const std::size_t q = target.find('?');
  if (q == std::string_view::npos) return text(target);
  std::string out(target.substr(0, q + 1));
  out += redact_form_fields(target.substr(q + 1));
  return text(out);
}

std::string Redactor::body(std::string_view body, const Headers& headers) const {
  if (is_form_body(headers)) return text(redact_form_fields(body));
  if (looks_like_json(body, headers)) return text(redact_json_members(body));
  return text(body);
}

void Redactor::exchange(Exchange& exchange) const {
  // Bodies first: their kind is read from the headers before those are redacted.
  exchange.request.body = body(exchange.request.body, exchange.request.headers);
  exchange.request.target = target(exchange.request.target);
  headers(exchange.request.headers);
  if (exchange.response) {
    exchange.response->body = body(exchange.response->body, exchange.response->headers);
    headers(exchange.response->headers);
  }
  exchange.transport_error = text(exchange.transport_error);
}

void Redactor::finding(Finding& finding) const { finding.message = text(finding.message); }

}  // namespace errcontract::internal
