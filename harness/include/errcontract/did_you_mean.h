// Near-miss suggestions for names a user typed: a case member, a fixture, a
// finding id, an option in a config file.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace errcontract {

// " (did you mean \"request\"?)" when `name` is at most two edits from one
// of `allowed`, else "".
std::string did_you_mean(std::string_view name, std::span<const std::string_view> allowed);

}  // namespace errcontract
