// Value rules of the reference server: what a valid bucket, operator or
// domain name, IP address, user agent or number is, and the list splitting
// the anti-hotlinking endpoints share. Pure functions, no state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace errcontract::internal {

// 3-40 bytes of [a-z0-9-], starting and ending with a letter or digit.
bool is_valid_bucket_name(std::string_view name);
// 3-40 bytes of [a-z0-9_-], starting with a letter or digit.
bool is_valid_operator_name(std::string_view name);
// 1-64 bytes of [A-Za-z0-9_-] (a thumbnail version name).
bool is_valid_thumb_name(std::string_view name);
// A host name of at least two labels (1-63 bytes of [a-z0-9-] each, no
// leading or trailing '-', an alphabetic top-level label, 253 bytes at most);
// with `allow_wildcard`, a leading "*." is accepted too. Expects lower case.
bool is_valid_domain(std::string_view domain, bool allow_wildcard);
// Lower-cased, surrounding blanks and one trailing dot removed.
std::string normalize_domain(std::string_view domain);
// "*.example.com" covers "a.example.com" and "a.b.example.com".
bool wildcard_covers(std::string_view wildcard, std::string_view domain);
// An IPv4 dotted quad or an IPv6 address (inet_pton).
bool is_valid_ip(std::string_view text);
// Printable ASCII only (0x20-0x7E).
bool is_valid_user_agent(std::string_view text);
// "true"/"false" (also "1"/"0", "on"/"off"); nullopt otherwise.
std::optional<bool> parse_flag(std::string_view text);
// A decimal count 0..max without sign or blanks; nullopt otherwise.
std::optional<std::int64_t> parse_count(std::string_view text, std::int64_t max);
// Splits on any byte of `separators`, trims blanks and drops empty entries.
std::vector<std::string> split_list(std::string_view text, std::string_view separators);
// PNG, JPEG, GIF or WebP by their leading bytes.
bool looks_like_image(std::string_view data);

}  // namespace errcontract::internal
