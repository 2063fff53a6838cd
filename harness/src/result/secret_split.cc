#include "result/secret_split.h"

#include <algorithm>

#include "exec/request_builder.h"

namespace errcontract::internal {

SecretSplitter::SecretSplitter(const std::vector<const SecretLabels*>& lists) {
  for (const SecretLabels* list : lists) {
    for (const auto& [value, label] : *list) {
      if (value.empty()) continue;
      needles_.emplace_back(value, &label);
      // A query string or form body holds the value percent-encoded.
      std::string encoded = percent_encode(value);
      if (encoded != value) needles_.emplace_back(std::move(encoded), &label);
    }
  }
  std::stable_sort(needles_.begin(), needles_.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
}

std::vector<SecretPiece> SecretSplitter::split(std::string_view text) const {
  std::vector<SecretPiece> out;
  std::string literal;
  for (std::size_t i = 0; i < text.size();) {
    const std::pair<std::string, const std::string*>* hit = nullptr;
    for (const auto& needle : needles_) {
      if (text.compare(i, needle.first.size(), needle.first) == 0) {
        hit = &needle;
        break;
      }
    }
    if (hit == nullptr) {
      literal += text[i++];
      continue;
    }
    if (!literal.empty()) out.push_back({std::move(literal), {}});
    literal.clear();
    out.push_back({{}, *hit->second});
    i += hit->first.size();
  }
  if (!literal.empty() || out.empty()) out.push_back({std::move(literal), {}});
  return out;
}

}  // namespace errcontract::internal
