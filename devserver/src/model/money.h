// Amounts of money as the agent endpoints read and write them: decimal yuan
// with at most two places ("12", "12.5", "12.50"), kept as integer cents so
// no rounding ever creeps into a balance.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace errcontract::internal {

inline constexpr std::int64_t kMaxMoneyCents = 100'000'000'000'000;  // a trillion yuan

// Cents for "123", "123.4" or "123.45"; nullopt for anything else (a sign,
// blanks, an exponent, a third decimal, no digit before the point, too much).
std::optional<std::int64_t> parse_money(std::string_view text);
// "123.45" for 12345.
std::string format_money(std::int64_t cents);

}  // namespace errcontract::internal
