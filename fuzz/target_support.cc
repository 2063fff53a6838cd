#include "target_support.h"

#include <cstdio>
#include <cstdlib>

namespace errcontract::fuzz {
namespace {

// Table 3-7 of the Unicode standard, written out per lead byte: how many
// bytes the character has and the range its second byte must fall in (the
// third and fourth are always 80..BF).
struct LeadRule {
  int length = 0;  // 0: this byte cannot start a character
  unsigned char second_low = 0x80;
  unsigned char second_high = 0xBF;
};

LeadRule lead_rule(unsigned char b) {
  if (b <= 0x7F) return {1};
  if (b >= 0xC2 && b <= 0xDF) return {2};
  if (b == 0xE0) return {3, 0xA0, 0xBF};
  if ((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) return {3};
  if (b == 0xED) return {3, 0x80, 0x9F};
  if (b == 0xF0) return {4, 0x90, 0xBF};
  if (b >= 0xF1 && b <= 0xF3) return {4};
  if (b == 0xF4) return {4, 0x80, 0x8F};
  return {};
}

// Bytes starting at `pos` that form one character (valid) or one maximal
// ill-formed subpart (invalid).
struct Unit {
  std::size_t length;
  bool valid;
};

Unit next_unit(std::string_view text, std::size_t pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  const LeadRule rule = lead_rule(lead);
  if (rule.length == 0) return {1, false};
  std::size_t n = 1;
  while (n < static_cast<std::size_t>(rule.length)) {
    if (pos + n >= text.size()) return {n, false};
    const auto b = static_cast<unsigned char>(text[pos + n]);
    const unsigned char low = n == 1 ? rule.second_low : 0x80;
    const unsigned char high = n == 1 ? rule.second_high : 0xBF;
    if (b < low || b > high) return {n, false};
    ++n;
  }
  return {n, true};
}

}  // namespace

void oracle_failed(std::string_view target, std::string_view what) {
  std::fprintf(stderr, "%.*s: oracle violated: %.*s\n", static_cast<int>(target.size()),
               target.data(), static_cast<int>(what.size()), what.data());
  std::fflush(stderr);
  std::abort();
}

bool is_valid_utf8(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    const Unit unit = next_unit(text, pos);
    if (!unit.valid) return false;
    pos += unit.length;
  }
  return true;
}

std::string repair_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const Unit unit = next_unit(text, pos);
    if (unit.valid) {
      out.append(text.substr(pos, unit.length));
    } else {
      out.append("\xEF\xBF\xBD");
    }
    pos += unit.length;
  }
  return out;
}

bool is_upper_word(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

std::string finding_ids(const std::vector<Finding>& findings) {
  std::string out;
  for (const Finding& f : findings) {
    if (!out.empty()) out += ", ";
    out += to_string(f.id);
    if (f.severity == Severity::kWarning) out += "(w)";
  }
  return out.empty() ? std::string("none") : out;
}

bool has_finding(const std::vector<Finding>& findings, std::string_view id) {
  for (const Finding& f : findings) {
    if (f.id == id) return true;
  }
  return false;
}

bool has_body_finding(const std::vector<Finding>& findings) {
  for (const Finding& f : findings) {
    if (to_string(f.id).starts_with("body.")) return true;
  }
  return false;
}

std::string render(const Printable& p) {
  const std::string_view bytes = p.bytes;
  const std::size_t max_bytes = p.max_bytes;
  std::string out = "\"";
  for (std::size_t i = 0; i < bytes.size() && i < max_bytes; ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c >= 0x20 && c < 0x7F) {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("\\x{:02X}", c);
    }
  }
  out += '"';
  if (bytes.size() > max_bytes) out += fmt::format("... ({} bytes)", bytes.size());
  return out;
}

}  // namespace errcontract::fuzz
