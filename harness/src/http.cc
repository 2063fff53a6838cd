// Helpers on the plain HTTP values of http.h.
#include "errcontract/http.h"

#include "ascii.h"

namespace errcontract {

const std::string* find_header(const Headers& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (internal::equals_ignore_case(key, name)) return &value;
  }
  return nullptr;
}

}  // namespace errcontract
