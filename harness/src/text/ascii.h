// ASCII-only case folding for protocol tokens (header names, media types,
// form field names): locale-independent, unlike <cctype>.
#pragma once

#include <cstddef>
#include <string_view>

namespace errcontract::internal {

constexpr char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

constexpr bool equals_ignore_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

}  // namespace errcontract::internal
