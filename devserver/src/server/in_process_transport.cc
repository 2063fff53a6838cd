// A Transport that hands requests straight to ReferenceServer::handle: the
// runner's tests and `errcontract run` without a socket, byte for byte what
// the listener would answer (apart from transport-level headers).
#include "errcontract/reference_server.h"

namespace errcontract {
namespace {

class InProcessTransport final : public Transport {
 public:
  explicit InProcessTransport(ReferenceServer& server) : server_(server) {}
  Result<HttpResponse> send(const HttpRequest& request) override { return server_.handle(request); }

 private:
  ReferenceServer& server_;
};

}  // namespace

std::unique_ptr<Transport> make_in_process_transport(ReferenceServer& server) {
  return std::make_unique<InProcessTransport>(server);
}

}  // namespace errcontract
