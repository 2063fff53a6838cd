// The two HTTP transports behind make_http_transport(), for the code that
// chooses between them and for tests that hold both to the same behaviour.
#pragma once

#include <memory>

#include "errcontract/http.h"

namespace errcontract::internal {

// cpp-httplib's client: any target, HTTPS and proxies included.
std::unique_ptr<Transport> make_httplib_transport(const TargetOptions& options);

// HTTP/1.1 over a blocking socket of our own: two syscalls per exchange on a
// kept-alive connection. Only for http:// targets reached directly (no
// proxy); anything else is a setup error returned by send().
std::unique_ptr<Transport> make_plain_http_transport(const TargetOptions& options);

// Whether the plain transport can reach `options`' target.
bool plain_transport_fits(const TargetOptions& options);

}  // namespace errcontract::internal
