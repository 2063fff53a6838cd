#include "target_options.h"

#include <algorithm>

#include "range_check.h"

namespace errcontract::cli {

namespace {

std::string trim(std::string text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

bool is_token_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

}  // namespace

void add_target_options(CLI::App* cmd, TargetCli& out) {
  cmd->add_option("--target", out.target,
                  "base URL, e.g. https://staging.example.com or https://host:8443/api/v1 (every "
                  "request goes under its path)");
  cmd->add_option("--timeout", out.timeout_ms, "per-request deadline in milliseconds")
      ->capture_default_str()
      ->check(in_range(1, 600000));
  cmd->add_flag("--insecure", out.insecure, "do not verify the target's TLS certificate");
  cmd->add_option("--ca-file", out.ca_file, "CA bundle for an HTTPS target")
      ->check(CLI::ExistingFile);
  cmd->add_option("--cert", out.cert_file, "client certificate (PEM) for mutual TLS; with --key")
      ->check(CLI::ExistingFile);
  cmd->add_option("--key", out.key_file, "private key (PEM) of --cert")->check(CLI::ExistingFile);
  cmd->add_option("--header", out.headers,
                  "\"Name: value\" sent on every request (repeatable); values of secret-looking "
                  "names (authorization, cookie, *key*, *token*, *secret*) are never shown");
  cmd->add_option("--proxy", out.proxy,
                  "HTTP proxy, http://host:port (CONNECT for https targets); default: "
                  "HTTPS_PROXY / HTTP_PROXY unless NO_PROXY matches");
  cmd->add_option("--rate", out.rate, "at most N requests per second over all workers")
      ->check(CLI::PositiveNumber);
}

Result<TargetOptions> make_target_options(const TargetCli& cli, const std::string& base_url,
                                          bool environment_proxy) {
  TargetOptions out;
  out.base_url = base_url;
  out.timeout_ms = cli.timeout_ms;
  out.connect_timeout_ms = std::min(cli.timeout_ms, 5000);
  out.insecure = cli.insecure;
  out.ca_file = cli.ca_file;
  out.cert_file = cli.cert_file;
  out.key_file = cli.key_file;
  for (const auto& header : cli.headers) {
    const auto colon = header.find(':');
    const std::string name = header.substr(0, colon);
    if (colon == std::string::npos || name.empty() ||
        !std::all_of(name.begin(), name.end(), is_token_char)) {
      return Status(StatusCode::kInvalidArgument,
                    "--header needs \"Name: value\" with a valid header name, got \"" +
                        (colon == std::string::npos ? header : name + ": ...") + "\"");
    }
    const std::string value = trim(header.substr(colon + 1));
    if (value.find_first_of("\r\n") != std::string::npos) {
      return Status(StatusCode::kInvalidArgument,
                    "--header " + name + ": the value holds a line break");
    }
    out.headers.emplace_back(name, value);
  }
  out.proxy = cli.proxy;
  if (Status ok = check_target_options(out); !ok.ok()) return ok;
  if (environment_proxy) proxy_from_environment(out);
  if (Status ok = check_target_options(out); !ok.ok()) return ok;
  return out;
}

std::string base_path_of(const std::string& base_url) {
  const auto scheme = base_url.find("://");
  if (scheme == std::string::npos) return {};
  const auto slash = base_url.find('/', scheme + 3);
  if (slash == std::string::npos) return {};
  std::string path = base_url.substr(slash);
  while (!path.empty() && path.back() == '/') path.pop_back();
  return path;
}

std::vector<std::string> secret_header_values(const TargetOptions& options) {
  std::vector<std::string> out;
  for (const auto& [name, value] : options.headers) {
    if (is_secret_header_name(name)) out.push_back(value);
  }
  return out;
}

}  // namespace errcontract::cli
