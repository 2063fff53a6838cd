// message.*: message is not empty, and follows the code's message rule in the
// catalog, or equals the case's expect.message exactly when it gives one.
// The rule is that of the code that was sent: a wrong code is already a
// finding, and its message should at least match that code.
#include <fmt/format.h>

#include "checks/check.h"
#include "result/finding_text.h"

namespace errcontract::internal {
namespace {

constexpr std::string_view kPlaceholder = "...";

// The message rule's verdict: "" when `seen` follows it, else the finding's message.
std::string rule_problem(const CodeEntry& entry, std::string_view seen) {
  switch (entry.message_rule) {
    case MessageRule::kExact:
      if (seen == entry.message) return {};
      return fmt::format("code {} expects the message {}, got {}", entry.code,
                         quote_snippet(entry.message), quote_snippet(seen));
    case MessageRule::kPrefix: {
      // The part of a "..." message that a response must start with.
      const std::string_view message = entry.message;
      const std::string_view prefix = message.substr(0, message.find(kPlaceholder));
      if (seen.substr(0, prefix.size()) == prefix) return {};
      return fmt::format("code {} expects a message starting with {}, got {}", entry.code,
                         quote_snippet(prefix), quote_snippet(seen));
    }
    case MessageRule::kAny:
      if (!seen.empty()) return {};
      return fmt::format("code {} expects a non-empty message, got an empty one", entry.code);
  }
  return {};
}

}  // namespace

void run_message_check(const CheckInput& in, CheckState& state, std::vector<Finding>& out) {
  if (state.read && state.usable[kMessageMember] && state.text(kMessageMember).empty()) {
    const std::size_t at = state.member(kMessageMember).value_offset;
    out.push_back(make_finding(FindingId::kMessageEmpty,
                               fmt::format("\"message\" at byte {} is empty", at), at, "/message"));
  }
  if (state.envelope == nullptr) return;
  const std::string& seen = state.envelope->message;
  std::string problem;
  if (in.expect.message) {
    if (seen != *in.expect.message) {
      problem = fmt::format("expected message \"{}\" (the case's expect.message), got \"{}\"",
                            *in.expect.message, seen);
    }
  } else if (in.catalog != nullptr) {
    if (const CodeEntry* entry = in.catalog->find(state.envelope->error_code)) {
      problem = rule_problem(*entry, seen);
    }
  }
  if (!problem.empty()) {
    out.push_back(
        make_finding(FindingId::kMessageMismatch, std::move(problem), std::nullopt, "/message"));
  }
}

}  // namespace errcontract::internal
