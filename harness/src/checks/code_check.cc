// code.*: error_code is a string of five digits led by the level (1 or 2),
// is in the catalog, and is the code the case expects.
#include <fmt/format.h>

#include "checks/check.h"
#include "result/finding_text.h"

namespace errcontract::internal {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// What is wrong with an error_code, or "" when it is five digits led by 1 or 2.
std::string_view code_problem(std::string_view code) {
  if (code.size() != 5) return "it must be exactly 5 digits";
  for (const char c : code) {
    if (!is_digit(c)) return "it must be exactly 5 digits";
  }
  if (code[0] != '1' && code[0] != '2') {
    return "its first digit is the level and must be 1 (system) or 2 (module)";
  }
  return {};
}

// code.numeric and code.malformed, on the member as it was read.
void check_form(const RootMember& m, std::string_view text, bool lenient,
                std::vector<Finding>& out) {
  if (m.type == JsonType::kNumber) {
    Finding f = make_finding(
        FindingId::kCodeNumeric,
        fmt::format("\"error_code\" at byte {} is the number {}; the contract requires the string "
                    "\"{}\"{}",
                    m.value_offset, text, text, lenient ? " (a warning under --lenient)" : ""),
        m.value_offset, "/error_code");
    f.severity = severity_of(f.id, lenient);
    out.push_back(std::move(f));
  }
  const std::string_view problem = code_problem(text);
  if (!problem.empty()) {
    out.push_back(make_finding(FindingId::kCodeMalformed,
                               fmt::format("\"error_code\" {} at byte {} is malformed: {}",
                                           quote_snippet(text), m.value_offset, problem),
                               m.value_offset, "/error_code"));
  }
}

}  // namespace

void run_code_check(const CheckInput& in, CheckState& state, std::vector<Finding>& out) {
  if (state.read && state.usable[kCodeMember]) {
    check_form(state.member(kCodeMember), state.text(kCodeMember), in.parse.lenient, out);
  }
  if (state.envelope == nullptr || in.catalog == nullptr) return;
  const std::string& code = state.envelope->error_code;
  if (in.catalog->find(code) == nullptr) {
    out.push_back(
        make_finding(FindingId::kCodeUndocumented,
                     fmt::format("error_code {} is not in the error table", quote_snippet(code)),
                     std::nullopt, "/error_code"));
  }
  const std::optional<std::string>& expected = in.expect.code;
  if (expected && *expected != code) {
    const CodeEntry* wanted = in.catalog->find(*expected);
    out.push_back(
        make_finding(FindingId::kCodeMismatch,
                     fmt::format("expected error_code {}{}, got {}", *expected,
                                 wanted != nullptr && !wanted->message.empty()
                                     ? fmt::format(" ({})", quote_snippet(wanted->message))
                                     : std::string(),
                                 quote_snippet(code)),
                     std::nullopt, "/error_code"));
  }
}

}  // namespace errcontract::internal
