// The fuzzer's per-endpoint figures (FuzzResult::endpoints) as the loop
// counts them: every request, new response class, documented code and
// violation goes to the row of its endpoint, or to the one kUnknownEndpoint
// row for a path the API surface does not have.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "errcontract/api_fuzzer.h"
#include "errcontract/api_surface.h"
#include "errcontract/catalog.h"

namespace errcontract::internal {

class EndpointTally {
 public:
  // A row for every endpoint of `surface`, with the documented codes the
  // catalog lists for it.
  EndpointTally(const ApiSurface& surface, const Catalog& catalog);

  // `endpoint` is the surface's endpoint (surface.find), nullptr for none.
  void request(const ApiEndpoint* endpoint);
  void new_class(const ApiEndpoint* endpoint);
  void code(const ApiEndpoint* endpoint, const std::string& documented_code);
  void violation(const ApiEndpoint* endpoint, std::size_t index);

  // The rows, sorted, the unknown one last (only when a request went there).
  std::vector<FuzzEndpoint> rows() const;

 private:
  struct Row {
    FuzzEndpoint figures;
    std::vector<std::string> reached;  // unsorted, may repeat until rows()
  };
  Row& row(const ApiEndpoint* endpoint);

  std::map<std::string, Row> known_;
  Row unknown_;
};

}  // namespace errcontract::internal
