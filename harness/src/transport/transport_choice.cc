// Which transport carries a target's requests: the plain one where it can
// (http:// without a proxy: the common local and CI case, and the fastest),
// cpp-httplib for HTTPS and proxies.
#include "errcontract/http.h"
#include "transport/transports.h"

namespace errcontract {

std::unique_ptr<Transport> make_http_transport(const TargetOptions& options) {
  if (internal::plain_transport_fits(options)) return internal::make_plain_http_transport(options);
  return internal::make_httplib_transport(options);
}

}  // namespace errcontract
