// The per-endpoint figures (endpoint_tally.h). The codes a row reached are a
// short vector (an endpoint answers with few codes), sorted when rows() is
// asked for.
#include "fuzzapi/endpoint_tally.h"

#include <algorithm>

namespace errcontract {

std::size_t FuzzEndpoint::documented_reached() const {
  return static_cast<std::size_t>(
      std::count_if(codes_documented.begin(), codes_documented.end(), [this](const auto& code) {
        return std::binary_search(codes_reached.begin(), codes_reached.end(), code);
      }));
}

namespace internal {

EndpointTally::EndpointTally(const ApiSurface& surface, const Catalog& catalog) {
  for (const ApiEndpoint& endpoint : surface.endpoints) {
    Row& r = known_[endpoint.text()];
    r.figures.endpoint = endpoint.text();
    for (const CodeEntry& entry : catalog.entries()) {
      if (!entry.is_extension() && entry.find_endpoint(endpoint.method, endpoint.path) != nullptr) {
        r.figures.codes_documented.push_back(entry.code);
      }
    }
    std::sort(r.figures.codes_documented.begin(), r.figures.codes_documented.end());
  }
  unknown_.figures.endpoint = std::string(kUnknownEndpoint);
}

EndpointTally::Row& EndpointTally::row(const ApiEndpoint* endpoint) {
  return endpoint != nullptr ? known_[endpoint->text()] : unknown_;
}

void EndpointTally::request(const ApiEndpoint* endpoint) { ++row(endpoint).figures.requests; }

void EndpointTally::new_class(const ApiEndpoint* endpoint) { ++row(endpoint).figures.classes; }

void EndpointTally::code(const ApiEndpoint* endpoint, const std::string& documented_code) {
  std::vector<std::string>& reached = row(endpoint).reached;
  if (std::find(reached.begin(), reached.end(), documented_code) == reached.end()) {
    reached.push_back(documented_code);
  }
}

void EndpointTally::violation(const ApiEndpoint* endpoint, std::size_t index) {
  row(endpoint).figures.violations.push_back(index);
}

std::vector<FuzzEndpoint> EndpointTally::rows() const {
  std::vector<FuzzEndpoint> out;
  auto add = [&out](const Row& r) {
    out.push_back(r.figures);
    out.back().codes_reached = r.reached;
    std::sort(out.back().codes_reached.begin(), out.back().codes_reached.end());
  };
  for (const auto& [name, r] : known_) add(r);
  if (unknown_.figures.requests > 0 || !unknown_.figures.violations.empty()) add(unknown_);
  return out;
}

}  // namespace internal
}  // namespace errcontract
