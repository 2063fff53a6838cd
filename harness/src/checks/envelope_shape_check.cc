// envelope.*: the body is an object holding error_code, request and message
// with usable types; other members are warnings. Builds the Envelope the
// member checks after it compare, even when other findings were raised.
#include <fmt/format.h>

#include "checks/check.h"
#include "result/finding_text.h"

namespace errcontract::internal {
namespace {

std::string member_pointer(EnvelopeMember m) { return fmt::format("/{}", kMemberNames[m]); }

// Adds envelope.missing_field or envelope.wrong_type when `m` is absent or not
// of a usable type; returns whether it is usable.
bool check_presence(const RootMember& member, EnvelopeMember m, std::vector<Finding>& out) {
  const std::string_view name = kMemberNames[m];
  if (!member.present) {
    out.push_back(make_finding(FindingId::kEnvelopeMissingField,
                               fmt::format("the envelope has no \"{}\" member", name), std::nullopt,
                               member_pointer(m)));
    return false;
  }
  const bool number_ok = m == kCodeMember;
  if (member.type == JsonType::kString || (number_ok && member.type == JsonType::kNumber)) {
    return true;
  }
  out.push_back(make_finding(FindingId::kEnvelopeWrongType,
                             fmt::format("\"{}\" at byte {} is {}; it must be a string", name,
                                         member.value_offset, describe_json_type(member.type)),
                             member.value_offset, member_pointer(m)));
  return false;
}

// envelope.extra_member, up to kMaxFindingsPerId and one that counts the
// rest; returns the names.
std::vector<std::string> extra_members(std::vector<OtherMember>& others,
                                       std::vector<Finding>& out) {
  std::vector<std::string> names;
  names.reserve(others.size());
  for (std::size_t i = 0; i < others.size(); ++i) {
    OtherMember& other = others[i];
    if (i < kMaxFindingsPerId) {
      std::string pointer;
      append_pointer_token(pointer, other.name);
      out.push_back(make_finding(FindingId::kEnvelopeExtraMember,
                                 fmt::format("member {} at byte {} is not part of the envelope",
                                             quote_snippet(other.name), other.key_offset),
                                 other.key_offset, std::move(pointer)));
    } else if (i == kMaxFindingsPerId) {
      out.push_back(
          make_finding(FindingId::kEnvelopeExtraMember,
                       fmt::format("{} more extra members not listed", others.size() - i)));
    }
    names.push_back(std::move(other.name));
  }
  return names;
}

}  // namespace

std::string_view CheckState::text(EnvelopeMember m) const {
  if (built) {
    switch (m) {
      case kCodeMember:
        return built->error_code;
      case kRequestMember:
        return built->request;
      default:
        return built->message;
    }
  }
  return read->wanted[m].text;
}

void run_envelope_check(const CheckInput&, CheckState& state, std::vector<Finding>& out) {
  if (!state.read || !state.read->complete) return;
  StrictRead& read = *state.read;
  if (read.root_type != JsonType::kObject) {
    out.push_back(make_finding(FindingId::kEnvelopeNotObject,
                               fmt::format("the body is {}; an error envelope is a JSON object",
                                           describe_json_type(read.root_type))));
    return;
  }
  bool all_usable = true;
  for (std::size_t m = 0; m < kMemberCount; ++m) {
    const auto member = static_cast<EnvelopeMember>(m);
    state.usable[m] = check_presence(read.wanted[m], member, out);
    all_usable = all_usable && state.usable[m];
  }
  std::vector<std::string> extras = extra_members(read.others, out);
  if (!all_usable) return;
  Envelope& envelope = state.built.emplace();
  envelope.error_code = std::move(read.wanted[kCodeMember].text);
  envelope.request = std::move(read.wanted[kRequestMember].text);
  envelope.message = std::move(read.wanted[kMessageMember].text);
  envelope.code_was_number = read.wanted[kCodeMember].type == JsonType::kNumber;
  envelope.extra_members = std::move(extras);
  state.envelope = &envelope;
}

}  // namespace errcontract::internal
