// A failed case's requests as shell commands a person can paste: one `curl`
// per setup step and the trigger, each word single-quoted so any byte but NUL
// survives, bodies that hold control or non-ASCII bytes fed through printf
// octal escapes. Secrets never appear: every fixture value is written as its
// environment variable ("$ERRC_FIXTURE_TOKEN", the variable `run` reads), a
// secret --header value as "$ERRC_HEADER_X_API_KEY" (docs/reports.md).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "errcontract/http.h"
#include "errcontract/template.h"

namespace errcontract {

// Value -> the environment variable written in its place ("ERRC_FIXTURE_TOKEN").
using SecretVariables = std::vector<std::pair<std::string, std::string>>;

// Where the commands send, and how: the target's URL, its --header values,
// TLS and proxy options. An empty base_url means no commands are made.
struct CurlTarget {
  std::string base_url;  // scheme://host:port[/base/path]
  Headers headers;       // sent on every request (--header), after the request's own
  std::string ca_file, cert_file, key_file, proxy;
  bool insecure = false;
  SecretVariables secrets;  // secret --header values
};

// The variable a curl command uses for a secret --header: ERRC_HEADER_ and the
// name upper-cased, every byte that is not a letter or digit as '_'.
std::string header_variable(std::string_view name);

// The target options as curl sees them; secret-named headers
// (is_secret_header_name) get their header_variable().
CurlTarget curl_target(const TargetOptions& options);

// Fixture values of at least `min_length` bytes (shorter ones would replace
// every "1" of a command) with their fixture_variable(), longest first.
SecretVariables fixture_variables(const Fixtures& fixtures, std::size_t min_length = 4);

// `text` as one single-quoted shell word: ' becomes '\''. Every byte but NUL
// comes back unchanged from `sh -c`.
std::string shell_quote(std::string_view text);

// One command that sends `request` as the harness did: method, full URL
// (base_url + the request target), every header (the target's --header ones
// too), the body (form fields with --data-urlencode, other text with
// --data-binary, bytes that do not print through `printf '\ooo' |`). Each
// occurrence of a value of `secrets` or of target.secrets (as is or
// percent-encoded) is written as "$VARIABLE".
std::string curl_command(const HttpRequest& request, const CurlTarget& target,
                         const SecretVariables& secrets);

}  // namespace errcontract
