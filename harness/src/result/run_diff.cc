// diff_runs: each case and code of the new run against the old one, filed
// under its new state when that state is new.
#include "errcontract/run_diff.h"

#include <map>

namespace errcontract {
namespace {

constexpr const char* kAbsent = "absent";

// The list a case or code goes to, by its new state.
std::vector<RunDiff::CaseChange>& cases_now(RunDiff& diff, Verdict verdict) {
  switch (verdict) {
    case Verdict::kFailed:
      return diff.cases_failing;
    case Verdict::kError:
      return diff.cases_error;
    case Verdict::kPassed:
      return diff.cases_passing;
    case Verdict::kSkipped:
      break;
  }
  return diff.cases_skipped;
}

std::vector<RunDiff::CodeChange>& codes_now(RunDiff& diff, CodeStatus status) {
  switch (status) {
    case CodeStatus::kFailed:
      return diff.codes_failing;
    case CodeStatus::kVerified:
      return diff.codes_verified;
    case CodeStatus::kSkipped:
      return diff.codes_skipped;
    case CodeStatus::kNoCase:
      break;
  }
  return diff.codes_no_case;
}

}  // namespace

RunDiff diff_runs(const RunResult& before, const RunResult& after) {
  RunDiff diff;
  std::map<std::string, const CaseResult*, std::less<>> old_cases;
  for (const CaseResult& c : before.cases) old_cases.emplace(c.case_id, &c);
  std::map<std::string, const CaseResult*, std::less<>> new_cases;
  for (const CaseResult& c : after.cases) {
    new_cases.emplace(c.case_id, &c);
    auto old = old_cases.find(c.case_id);
    if (old != old_cases.end() && old->second->verdict == c.verdict) continue;
    cases_now(diff, c.verdict)
        .push_back({c.case_id, c.code,
                    old == old_cases.end() ? kAbsent : to_string(old->second->verdict),
                    to_string(c.verdict)});
  }
  for (const CaseResult& c : before.cases) {
    if (new_cases.count(c.case_id) == 0) {
      diff.cases_removed.push_back({c.case_id, c.code, to_string(c.verdict), kAbsent});
    }
  }

  std::map<std::string, CodeStatus, std::less<>> old_codes;
  for (const CoverageEntry& e : before.coverage) old_codes.emplace(e.code, e.status);
  for (const CoverageEntry& e : after.coverage) {
    auto old = old_codes.find(e.code);
    if (old != old_codes.end() && old->second == e.status) continue;
    codes_now(diff, e.status)
        .push_back({e.code, old == old_codes.end() ? kAbsent : to_string(old->second),
                    to_string(e.status)});
  }
  return diff;
}

}  // namespace errcontract
