// The reference server: the API surface behind every documented code, with
// in-memory state and every fixture seeded. The routing and handlers work on
// plain HttpRequest/HttpResponse values (handle()), so tests and fuzzers can
// drive it without a socket; start() puts a cpp-httplib listener in front.
#pragma once

#include <memory>
#include <string>

#include "errcontract/catalog.h"
#include "errcontract/http.h"
#include "errcontract/result.h"
#include "errcontract/template.h"

namespace errcontract {

class ReferenceServer {
 public:
  explicit ReferenceServer(const Catalog& catalog);
  ~ReferenceServer();
  ReferenceServer(const ReferenceServer&) = delete;
  ReferenceServer& operator=(const ReferenceServer&) = delete;

  // Handles one request in-process; thread-safe.
  HttpResponse handle(const HttpRequest& request);

  // Binds host:port (port 0 = any free port), serves on a background thread,
  // and returns once it accepts connections. Returns the bound port.
  Result<int> start(const std::string& host = "127.0.0.1", int port = 0);
  void stop();  // idempotent; also called by the destructor
  int port() const;

  // The seeded fixtures: name -> value (tokens of accounts in given states,
  // names of existing resources). What `serve --fixtures-out` writes.
  const Fixtures& fixtures() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A Transport that calls ReferenceServer::handle directly (no socket).
std::unique_ptr<Transport> make_in_process_transport(ReferenceServer& server);

}  // namespace errcontract
