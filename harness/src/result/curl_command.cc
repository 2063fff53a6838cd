// Why each choice: -g because a query may hold [] or {} that curl would glob;
// --path-as-is because a case may send "/../" on purpose; an empty
// "Content-Type:" when the harness sent none, or curl would add one;
// --data-urlencode for form fields so a secret value is encoded by curl after
// the shell has expanded it; printf octal escapes for bodies with control or
// non-ASCII bytes, which no report line (XML normalises CR) carries intact.
#include "errcontract/curl_command.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "exec/request_builder.h"
#include "result/secret_split.h"

namespace errcontract {

namespace {

using Splitter = internal::SecretSplitter;

// One shell word: literal pieces single-quoted, secrets as "$VARIABLE".
std::string word(std::string_view text, const Splitter& secrets) {
  std::string out;
  for (const internal::SecretPiece& p : secrets.split(text)) {
    out += p.label.empty() ? shell_quote(p.literal) : "\"$" + p.label + "\"";
  }
  return out;
}

bool prints(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u < 0x7f;
  });
}

// A printf format that writes exactly `bytes`. A leading '-' is escaped too,
// or printf would read the format as an option (a multipart body starts "--").
std::string printf_format(std::string_view bytes) {
  std::string out;
  for (char c : bytes) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '-' && out.empty()) {
      out += "\\055";
    } else if (c == '%') {
      out += "%%";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (u < 0x20 || u >= 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03o", static_cast<unsigned>(u));
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

// "printf '...' | " (or a group of printfs around secret references) that
// writes `body` to curl's standard input.
std::string printf_pipe(std::string_view body, const Splitter& secrets) {
  std::vector<std::string> parts;
  for (const internal::SecretPiece& p : secrets.split(body)) {
    parts.push_back(p.label.empty() ? "printf " + shell_quote(printf_format(p.literal))
                                    : "printf '%s' \"$" + p.label + "\"");
  }
  if (parts.size() == 1) return parts[0] + " | ";
  std::string out = "{ ";
  for (const auto& part : parts) out += part + "; ";
  return out + "} | ";
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes %XX; nullopt unless encoding the result gives `text` back
// (then curl's --data-urlencode sends the very same bytes).
std::optional<std::string> exact_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size() || hex_value(text[i + 1]) < 0 || hex_value(text[i + 2]) < 0) {
      return std::nullopt;
    }
    out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
    i += 2;
  }
  if (internal::percent_encode(out) != text || out.find('\0') != std::string::npos) {
    return std::nullopt;
  }
  return out;
}

// --data-urlencode 'name=value' per field, or "" when the body is not exactly
// what encoding its fields gives.
std::string form_options(std::string_view body, const Splitter& secrets) {
  std::string out;
  std::size_t pos = 0;
  while (pos <= body.size()) {
    const std::size_t amp = std::min(body.find('&', pos), body.size());
    const std::string_view pair = body.substr(pos, amp - pos);
    const std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos || !exact_decode(pair.substr(0, eq))) return {};
    auto value = exact_decode(pair.substr(eq + 1));
    if (!value) return {};
    out += " --data-urlencode " + word(std::string(pair.substr(0, eq + 1)) + *value, secrets);
    pos = amp + 1;
  }
  return out;
}

}  // namespace

std::string header_variable(std::string_view name) {
  std::string var = "ERRC_HEADER_";
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    var += std::isalnum(u) != 0 ? static_cast<char>(std::toupper(u)) : '_';
  }
  return var;
}

CurlTarget curl_target(const TargetOptions& options) {
  CurlTarget out;
  out.base_url = options.base_url;
  out.headers = options.headers;
  out.ca_file = options.ca_file;
  out.cert_file = options.cert_file;
  out.key_file = options.key_file;
  out.proxy = options.proxy;
  out.insecure = options.insecure;
  for (const auto& [name, value] : options.headers) {
    if (is_secret_header_name(name)) out.secrets.emplace_back(value, header_variable(name));
  }
  return out;
}

SecretVariables fixture_variables(const Fixtures& fixtures, std::size_t min_length) {
  SecretVariables out;
  for (const auto& [name, value] : fixtures) {
    if (value.size() >= min_length) out.emplace_back(value, fixture_variable(name));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  return out;
}

std::string shell_quote(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string curl_command(const HttpRequest& request, const CurlTarget& target,
                         const SecretVariables& secrets) {
  const Splitter splitter({&secrets, &target.secrets});
  std::string base = target.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();

  std::string body_option;
  std::string pipe;
  if (!request.body.empty()) {
    if (internal::is_form_body(request.headers) && prints(request.body)) {
      body_option = form_options(request.body, splitter);
    }
    if (body_option.empty()) {
      if (prints(request.body)) {
        body_option = " --data-binary " + word(request.body, splitter);
      } else {
        pipe = printf_pipe(request.body, splitter);
        body_option = " --data-binary @-";
      }
    }
  }

  std::string out = pipe + "curl -sS -i -g --path-as-is";
  if (target.insecure) out += " -k";
  if (!target.ca_file.empty()) out += " --cacert " + shell_quote(target.ca_file);
  if (!target.cert_file.empty()) out += " --cert " + shell_quote(target.cert_file);
  if (!target.key_file.empty()) out += " --key " + shell_quote(target.key_file);
  if (!target.proxy.empty()) out += " --proxy " + shell_quote(target.proxy);
  out += " -X " + shell_quote(request.method) + " " + word(base + request.target, splitter);
  auto header = [&](const std::string& name, const std::string& value) {
    // "Name;" is curl's way to send a header with an empty value.
    out += " -H " + (value.empty() ? shell_quote(name + ";") : word(name + ": " + value, splitter));
  };
  for (const auto& [name, value] : request.headers) header(name, value);
  for (const auto& [name, value] : target.headers) header(name, value);
  if (!request.body.empty() && find_header(request.headers, "Content-Type") == nullptr) {
    out += " -H 'Content-Type:'";  // the harness sent none; curl would add its own
  }
  return out + body_option;
}

}  // namespace errcontract
