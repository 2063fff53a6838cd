// What the in-process fuzz-api tests share: the project's case library and
// API surface (loaded once), a fuzz run against a reference server in the
// same process, and small seeded options.
#pragma once

#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>

#include "errcontract/api_fuzzer.h"
#include "errcontract/reference_server.h"

namespace errcontract::testing {

struct FuzzInputs {
  CaseLibrary cases;
  ApiSurface surface;
};

inline const FuzzInputs& fuzz_inputs() {
  static const FuzzInputs loaded = [] {
    const std::string dir = std::string(ERRC_SOURCE_DIR) + "/cases";
    auto cases = CaseLibrary::load_dir(dir, Catalog::builtin());
    auto surface = ApiSurface::load_file(dir + "/api.json", Catalog::builtin());
    if (!cases.ok() || !surface.ok()) std::abort();
    return FuzzInputs{std::move(*cases), std::move(*surface)};
  }();
  return loaded;
}

inline FuzzResult fuzz_in_process(ReferenceServer& server, const FuzzOptions& options,
                                  const RequestObserver& observe = {}) {
  return fuzz_api(
      Catalog::builtin(), fuzz_inputs().cases, fuzz_inputs().surface, server.fixtures(),
      [&server] { return make_in_process_transport(server); }, options, nullptr, observe);
}

// A case library from a test's own text; a text that does not load stops
// the test binary at once (it is the test that is wrong).
inline CaseLibrary parsed_library(std::string_view json, std::string_view name) {
  auto parsed = CaseLibrary::parse(json, name, Catalog::builtin());
  if (!parsed.ok()) std::abort();
  return std::move(*parsed);
}

// Seed 7, destructive cases included (the server is the test's own).
inline FuzzOptions seeded_options(std::size_t max_requests) {
  FuzzOptions o;
  o.seed = 7;
  o.max_requests = max_requests;
  o.allow_destructive = true;
  return o;
}

}  // namespace errcontract::testing
