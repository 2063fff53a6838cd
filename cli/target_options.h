// The options that say how to reach a target, defined once for every command
// that sends requests (`run`, and later `fuzz-api`): --target, --timeout,
// --insecure, --ca-file, --cert/--key, --header, --proxy (and the
// HTTPS_PROXY / HTTP_PROXY / NO_PROXY environment), --rate.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "errcontract/http.h"
#include "errcontract/result.h"

namespace errcontract::cli {

struct TargetCli {
  std::string target;  // "" = the embedded reference server, where a command has one
  int timeout_ms = 10000;
  bool insecure = false;
  std::string ca_file, cert_file, key_file, proxy;
  std::vector<std::string> headers;  // "Name: value"
  double rate = 0;                   // requests per second over all workers, 0 = no limit
};

// Adds the options to `cmd`, filling `out` when it is parsed.
void add_target_options(CLI::App* cmd, TargetCli& out);

// The transport options for `base_url` (the target, or the embedded server's
// URL): headers parsed, the proxy chosen (--proxy, else the environment),
// every check that needs no network done. An error is a usage error (exit 2).
// `environment_proxy`: false for the embedded server, which is never proxied.
Result<TargetOptions> make_target_options(const TargetCli& cli, const std::string& base_url,
                                          bool environment_proxy = true);

// The base path of a checked target URL: "https://h:1/uapi/" -> "/uapi".
std::string base_path_of(const std::string& base_url);

// The values of secret-named --header options (is_secret_header_name), to be
// redacted everywhere.
std::vector<std::string> secret_header_values(const TargetOptions& options);

}  // namespace errcontract::cli
