// Helpers shared by the fuzz targets: the oracle-failure exit (print what was
// violated, then abort() so libFuzzer and the replay driver both stop on it),
// and an independent UTF-8 checker and repairer that the round-trip oracles
// compare the library's output with. Nothing here calls the library under test.
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <vector>

#include "errcontract/finding.h"

namespace errcontract::fuzz {

// Prints "<target>: oracle violated: <what>" to stderr and aborts.
[[noreturn]] void oracle_failed(std::string_view target, std::string_view what);

// Aborts with the formatted message unless `condition` holds.
template <typename... Args>
void require(bool condition, std::string_view target, fmt::format_string<Args...> format,
             Args&&... args) {
  if (!condition) oracle_failed(target, fmt::format(format, std::forward<Args>(args)...));
}

// True when `text` is well-formed UTF-8 (RFC 3629: no overlongs, no
// surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text);

// `text` with each maximal ill-formed subpart (Unicode 15, section 3.9,
// "U+FFFD Substitution of Maximal Subparts") replaced by U+FFFD.
std::string repair_utf8(std::string_view text);

// True for one or more of 'A'-'Z' (what the strict parser accepts as a method).
bool is_upper_word(std::string_view s);

// "body.not_json, envelope.missing_field(w)" for messages.
std::string finding_ids(const std::vector<Finding>& findings);

// Whether any finding has this id (any severity).
bool has_finding(const std::vector<Finding>& findings, std::string_view id);

// Whether any finding's id starts with "body." (the JSON layer rejected the bytes).
bool has_body_finding(const std::vector<Finding>& findings);

// Bytes shown in an oracle message: C-style escapes, cut after `max_bytes`
// bytes. Rendered only when a message is formatted, so the arguments of a
// require() that holds cost nothing (eager rendering took 14% of
// fuzz_envelope_roundtrip's time). It refers to the bytes: use it within the
// expression that formats it.
struct Printable {
  std::string_view bytes;
  std::size_t max_bytes;
};
inline Printable printable(std::string_view bytes, std::size_t max_bytes = 200) {
  return Printable{bytes, max_bytes};
}
std::string render(const Printable& p);

}  // namespace errcontract::fuzz

template <>
struct fmt::formatter<errcontract::fuzz::Printable> : fmt::formatter<std::string_view> {
  template <typename FormatContext>
  auto format(const errcontract::fuzz::Printable& p, FormatContext& ctx) const {
    return fmt::formatter<std::string_view>::format(errcontract::fuzz::render(p), ctx);
  }
};
