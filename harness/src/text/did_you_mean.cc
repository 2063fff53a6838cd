#include "text/did_you_mean.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <vector>

namespace errcontract::internal {
namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace
}  // namespace errcontract::internal

namespace errcontract {

std::string did_you_mean(std::string_view name, std::span<const std::string_view> allowed) {
  std::string_view best;
  std::size_t best_distance = 3;  // at most two edits away
  for (std::string_view candidate : allowed) {
    std::size_t distance = internal::edit_distance(name, candidate);
    if (distance < best_distance && distance < candidate.size()) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best.empty() ? std::string() : fmt::format(" (did you mean \"{}\"?)", best);
}

}  // namespace errcontract
