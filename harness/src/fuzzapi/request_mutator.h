// The fuzzer's mutations of one concrete request (a RequestSpec whose
// variables are expanded, each '$' written "$$" so build_request sends it as
// is): drop, duplicate, retype or move a parameter, boundary numbers, empty,
// long, non-ASCII and invalid UTF-8 strings, malformed and deeply nested
// JSON, wrong content types, missing or wrong auth, unknown methods and paths.
#pragma once

#include <cstdint>
#include <random>
#include <string>

#include "errcontract/api_surface.h"
#include "errcontract/case.h"

namespace errcontract::internal {

// The fuzzer's only source of randomness. The modulo of the engine's output,
// not a std distribution, so a seed gives the same choices with every
// standard library.
class FuzzRng {
 public:
  explicit FuzzRng(std::uint64_t seed) : engine_(seed) {}
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(engine_() % n); }

 private:
  std::mt19937_64 engine_;
};

// Applies one mutation chosen by `rng` and says what it did ("drop
// bucket_name", "quota=2^63"). `endpoint` (may be null) offers the
// parameters the API surface declares for the request's endpoint.
std::string mutate_request(RequestSpec& request, FuzzRng& rng, const ApiEndpoint* endpoint);

// A JSON object body as (name, raw JSON value) pairs, in order, repeated
// names kept; false when the text is not a JSON object.
bool json_members(const std::string& json, KeyValues& out);
// The pairs back as an object's text (no white space).
std::string json_object(const KeyValues& members);

// "$" -> "$$": a literal value in a RequestSpec.
std::string escape_dollars(std::string_view text);

}  // namespace errcontract::internal
