// body.*: the body must be one strict JSON value (RFC 8259), of a sane size
// and depth. The reading itself is json/json_strict_reader.cc; this check
// adds the size limits and leaves what was read for the envelope check.
#include <fmt/format.h>

#include "checks/check.h"

namespace errcontract::internal {

void run_body_check(const CheckInput& in, CheckState& state, std::vector<Finding>& out) {
  if (!in.body) return;
  const std::string_view body = *in.body;
  if (body.empty()) {
    out.push_back(make_finding(FindingId::kBodyEmpty, "the body is empty; expected a JSON object"));
    return;
  }
  if (body.size() > in.parse.max_bytes) {
    out.push_back(make_finding(
        FindingId::kBodyTooLarge,
        fmt::format("the body is {} bytes, over the limit of {}", body.size(), in.parse.max_bytes),
        in.parse.max_bytes));
    return;
  }
  state.read = read_json_strict(body, in.parse.max_depth, kMemberNames.data(), kMemberCount);
  for (Finding& f : state.read->findings) out.push_back(std::move(f));
  state.read->findings.clear();
}

}  // namespace errcontract::internal
