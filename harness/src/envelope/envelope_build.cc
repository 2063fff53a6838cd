// build_envelope / build_envelope_raw: the bytes a conforming server sends.
// No DOM and no writer object: one std::string reserved once and appended to,
// since the reference server and the fuzzers call this for every response.
#include "errcontract/envelope.h"
#include "errcontract/utf8.h"

namespace errcontract {
namespace {

constexpr char kHexDigits[] = "0123456789ABCDEF";
// Used only when build_envelope is asked for a code the catalog lacks.
constexpr std::string_view kUnknownCodeMessage = "Undocumented error.";

bool is_plain(unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

// Appends `text` as a JSON string: quotes and backslashes escaped, control
// characters as \u00XX, well-formed UTF-8 copied as is, ill-formed subparts
// replaced by U+FFFD.
void append_json_string(std::string& out, std::string_view text) {
  out.push_back('"');
  std::size_t run_start = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto c = static_cast<unsigned char>(text[pos]);
    if (is_plain(c)) {
      ++pos;
      continue;
    }
    out.append(text.substr(run_start, pos - run_start));
    if (c >= 0x80) {
      // A run of non-ASCII bytes: whole characters and ill-formed parts only,
      // since an ASCII byte always ends a sequence.
      std::size_t end = pos;
      while (end < text.size() && static_cast<unsigned char>(text[end]) >= 0x80) ++end;
      append_utf8_replacing_invalid(out, text.substr(pos, end - pos));
      pos = end;
      run_start = pos;
      continue;
    }
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else {
      const char escape[] = {'\\', 'u', '0', '0', kHexDigits[c >> 4], kHexDigits[c & 0xF]};
      out.append(escape, sizeof escape);
    }
    ++pos;
    run_start = pos;
  }
  out.append(text.substr(run_start));
  out.push_back('"');
}

}  // namespace

std::string build_envelope_raw(std::string_view code, std::string_view request,
                               std::string_view message) {
  constexpr std::string_view kCodeKey = "{\"error_code\":";
  constexpr std::string_view kRequestKey = ",\"request\":";
  constexpr std::string_view kMessageKey = ",\"message\":";
  std::string out;
  // The frame, six quotes, and a little room for escapes.
  out.reserve(kCodeKey.size() + kRequestKey.size() + kMessageKey.size() + 1 + 6 + code.size() +
              request.size() + message.size() + 16);
  out.append(kCodeKey);
  append_json_string(out, code);
  out.append(kRequestKey);
  append_json_string(out, request);
  out.append(kMessageKey);
  append_json_string(out, message);
  out.push_back('}');
  return out;
}

std::string build_envelope(const Catalog& catalog, std::string_view code, std::string_view method,
                           std::string_view path) {
  const std::string echo = request_echo(method, path);
  const CodeEntry* entry = catalog.find(code);
  if (entry == nullptr) return build_envelope_raw(code, echo, kUnknownCodeMessage);
  return build_envelope_raw(code, echo, entry->canonical_message());
}

}  // namespace errcontract
