// The reference server without a socket: routing, Bearer authentication,
// parameter parsing and the handlers over one guarded ServerState. Every
// error body comes from the envelope builder. ReferenceServer wraps one of
// these; tests construct it directly with a ManualClock.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "errcontract/catalog.h"
#include "errcontract/http.h"
#include "errcontract/template.h"
#include "model/clock.h"
#include "model/state.h"

namespace errcontract::internal {

// A server-side extension code for an HTTP-level failure the API table has
// no code for: "10" followed by the status ("10404" Route not found., "10405",
// "10413", ...). Not in the catalog; documented in docs/reference-server.md.
struct ServerError {
  std::string code;
  std::string message;
};
ServerError server_error_for_status(int status);

// A complete JSON error response for an HTTP-level failure (see above).
HttpResponse server_error_response(int status, std::string_view method, std::string_view path);

class ApiService {
 public:
  ApiService(Catalog catalog, std::shared_ptr<const Clock> clock);

  // Thread-safe: one request at a time holds the state.
  HttpResponse handle(const HttpRequest& request);
  const Fixtures& fixtures() const { return fixtures_; }
  // Restores the state as seeded at construction (same fixtures, same random
  // sequence): what a fuzzer needs between inputs, at the cost of a copy
  // instead of a new seeding, made only when the state differs from the
  // seeded one (checked only when a handler has run since: a request refused
  // by the routing, token or parameter checks reads the state and changes
  // nothing).
  void reset();
  // What clients created since seeding and did not delete (state_leftovers.h).
  std::vector<std::string> leftovers();
  const Catalog& catalog() const { return catalog_; }

  // For tests: runs `f` on the state under its lock.
  template <typename F>
  auto with_state(F&& f) {
    std::lock_guard<std::mutex> lock(state_.mutex);
    changed_since_seeding_ = true;
    return f(state_);
  }

 private:
  HttpResponse error_response(std::string_view code, std::string_view detail,
                              std::string_view method, std::string_view path) const;

  Catalog catalog_;
  std::shared_ptr<const Clock> clock_;
  ServerState state_;
  ServerState seeded_;                  // state_ as it was after seeding
  bool changed_since_seeding_ = false;  // a handler ran (under state_.mutex)
  Fixtures fixtures_;
};

}  // namespace errcontract::internal
