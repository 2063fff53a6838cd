#include "report_text.h"

#include <fmt/format.h>

#include <cmath>

#include "errcontract/utf8.h"

namespace errcontract::internal {
namespace {

void append_hex_bytes(std::string& out, std::string_view bytes) {
  for (const char c : bytes)
    fmt::format_to(std::back_inserter(out), "\\x{:02X}", static_cast<unsigned char>(c));
}

// C1 controls (U+0080..U+009F) can act as terminal escapes; U+FFFE and
// U+FFFF are not XML characters.
bool is_hidden_character(std::string_view utf8) {
  const auto b0 = static_cast<unsigned char>(utf8[0]);
  const auto b1 = static_cast<unsigned char>(utf8[1]);
  if (utf8.size() == 2) return b0 == 0xC2 && b1 <= 0x9F;
  if (utf8.size() == 3) {
    const auto b2 = static_cast<unsigned char>(utf8[2]);
    return b0 == 0xEF && b1 == 0xBF && (b2 == 0xBE || b2 == 0xBF);
  }
  return false;
}

}  // namespace

std::string visible_text(std::string_view text, bool keep_line_breaks) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto c = static_cast<unsigned char>(text[pos]);
    if (c < 0x80) {
      const bool line_break = c == '\t' || c == '\n' || c == '\r';
      if ((c < 0x20 && !(keep_line_breaks && line_break)) || c == 0x7F) {
        append_hex_bytes(out, text.substr(pos, 1));
      } else {
        out.push_back(static_cast<char>(c));
      }
      ++pos;
      continue;
    }
    const Utf8Step step = utf8_step(text, pos);
    const std::string_view bytes = text.substr(pos, step.length);
    if (step.valid && !is_hidden_character(bytes)) {
      out.append(bytes);
    } else {
      append_hex_bytes(out, bytes);
    }
    pos += step.length;
  }
  return out;
}

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t pos = 0;
  while (pos < max_bytes) {
    const std::size_t length =
        static_cast<unsigned char>(text[pos]) < 0x80 ? 1 : utf8_step(text, pos).length;
    if (pos + length > max_bytes) break;
    pos += length;
  }
  return text.substr(0, pos);
}

std::string format_seconds(double ms) {
  if (!std::isfinite(ms) || ms < 0) ms = 0;
  return fmt::format("{:.3f}", ms / 1000.0);
}

std::string finding_line(const Finding& finding) {
  std::string out;
  if (finding.severity == Severity::kWarning) out = "warning ";
  out += to_string(finding.id);
  if (!finding.message.empty()) fmt::format_to(std::back_inserter(out), " {}", finding.message);
  std::string where;
  if (finding.offset) where = fmt::format("at byte {}", *finding.offset);
  if (!finding.pointer.empty()) where += (where.empty() ? "at " : ", ") + finding.pointer;
  if (!where.empty()) fmt::format_to(std::back_inserter(out), " ({})", where);
  return out;
}

std::string id_list(const std::vector<FindingId>& ids, std::string_view separator) {
  std::string out;
  for (const FindingId id : ids) {
    if (!out.empty()) out += separator;
    out += to_string(id);
  }
  return out;
}

std::string stopped_note(int failures, std::string_view option) {
  return fmt::format(
      "The run stopped after {} failed cases ({}): the cases not started were skipped.", failures,
      option);
}

const char* markup_entity(char c) {
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    default:
      return nullptr;
  }
}

std::string case_label(const CaseResult& result) {
  if (result.code.empty()) return result.case_id;
  return fmt::format("{} {}", result.code, result.case_id);
}

}  // namespace errcontract::internal
