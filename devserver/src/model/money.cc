// Parsing by hand rather than strtod: "1e3", "0x10", " 5" and "5." are all
// malformed prices (21308), and a double could not hold cents exactly.
#include "model/money.h"

#include <fmt/format.h>

namespace errcontract::internal {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::optional<std::int64_t> parse_money(std::string_view text) {
  const std::size_t point = text.find('.');
  const std::string_view whole = text.substr(0, point);
  const std::string_view fraction =
      point == std::string_view::npos ? std::string_view() : text.substr(point + 1);
  if (whole.empty() || whole.size() > 12) return std::nullopt;
  if (point != std::string_view::npos && (fraction.empty() || fraction.size() > 2)) {
    return std::nullopt;
  }
  std::int64_t cents = 0;
  for (char c : whole) {
    if (!is_digit(c)) return std::nullopt;
    cents = cents * 10 + (c - '0');
  }
  cents *= 100;
  std::int64_t scale = 10;
  for (char c : fraction) {
    if (!is_digit(c)) return std::nullopt;
    cents += (c - '0') * scale;
    scale /= 10;
  }
  if (cents > kMaxMoneyCents) return std::nullopt;
  return cents;
}

std::string format_money(std::int64_t cents) {
  const char* sign = cents < 0 ? "-" : "";
  const std::int64_t magnitude = cents < 0 ? -cents : cents;
  return fmt::format("{}{}.{:02}", sign, magnitude / 100, magnitude % 100);
}

}  // namespace errcontract::internal
