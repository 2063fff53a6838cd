// A numeric range check for options whose error message is the same with every
// CLI11 the project builds with. CLI::Range words it "Value 0 not in range 1 to
// 64" in CLI11 2.1 to 2.3 (Debian 12 has 2.1.2) and "Value 0 not in range [1 -
// 64]" from 2.4 (Debian 13, Ubuntu 24.04); scripts and tests read this message,
// so errcontract words it itself.
#pragma once

#include <string>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

namespace errcontract::cli {

template <class T>
CLI::Validator in_range(T min, T max) {
  return CLI::Validator(
      [min, max](std::string& input) -> std::string {
        T value{};
        if (!CLI::detail::lexical_cast(input, value)) {
          return fmt::format("Value {} could not be converted", input);
        }
        if (value < min || value > max) {
          return fmt::format("Value {} not in range {} to {}", input, min, max);
        }
        return {};
      },
      fmt::format("{} in [{} - {}]", CLI::detail::type_name<T>(), min, max));
}

}  // namespace errcontract::cli
