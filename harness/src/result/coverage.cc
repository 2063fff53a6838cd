#include "result/coverage.h"

#include <algorithm>
#include <map>
#include <string>

namespace errcontract::internal {
namespace {

// The status of a code, or of one of its endpoints, from the cases on it.
CodeStatus judge(const std::vector<const CaseResult*>& results) {
  if (results.empty()) return CodeStatus::kNoCase;
  bool any_passed = false, any_failed = false;
  for (const CaseResult* r : results) {
    any_passed |= r->verdict == Verdict::kPassed;
    any_failed |= r->verdict == Verdict::kFailed || r->verdict == Verdict::kError;
  }
  return any_failed   ? CodeStatus::kFailed
         : any_passed ? CodeStatus::kVerified
                      : CodeStatus::kSkipped;
}

std::vector<std::string> ids_of(const std::vector<const CaseResult*>& results) {
  std::vector<std::string> ids;
  for (const CaseResult* r : results) ids.push_back(r->case_id);
  return ids;
}

}  // namespace

std::vector<CoverageEntry> compute_coverage(const Catalog& catalog,
                                            const std::vector<CaseResult>& cases) {
  std::vector<CoverageEntry> out;
  out.reserve(catalog.entries().size());
  for (const auto& entry : catalog.entries()) {
    CoverageEntry cov;
    cov.code = entry.code;
    cov.module_name = entry.module_name;
    cov.extension = entry.is_extension();
    cov.message = entry.message;
    cov.http_status = entry.status;
    cov.status_alternatives = entry.status_alternatives;
    for (const auto& endpoint : entry.endpoints)
      cov.endpoints.push_back({endpoint.text(), CodeStatus::kNoCase, {}});
    out.push_back(std::move(cov));
  }
  judge_coverage(out, cases);
  std::stable_sort(out.begin(), out.end(),
                   [](const CoverageEntry& a, const CoverageEntry& b) { return a.code < b.code; });
  return out;
}

void judge_coverage(std::vector<CoverageEntry>& rows, const std::vector<CaseResult>& cases) {
  std::map<std::string, std::vector<const CaseResult*>, std::less<>> by_code;
  for (const auto& c : cases) {
    if (!c.contract) by_code[c.code].push_back(&c);
  }
  for (CoverageEntry& cov : rows) {
    const auto& results = by_code[cov.code];
    cov.status = judge(results);
    cov.case_ids = ids_of(results);
    for (EndpointCoverage& endpoint : cov.endpoints) {
      std::vector<const CaseResult*> on_endpoint;
      for (const CaseResult* r : results) {
        if (r->endpoint == endpoint.endpoint) on_endpoint.push_back(r);
      }
      endpoint.status = judge(on_endpoint);
      endpoint.case_ids = ids_of(on_endpoint);
    }
  }
}

RunTotals compute_totals(const std::vector<CaseResult>& cases) {
  RunTotals t;
  for (const auto& c : cases) {
    switch (c.verdict) {
      case Verdict::kPassed:
        ++t.passed;
        break;
      case Verdict::kFailed:
        ++t.failed;
        break;
      case Verdict::kError:
        ++t.errors;
        break;
      case Verdict::kSkipped:
        ++t.skipped;
        break;
    }
    t.requests += c.requests();
  }
  return t;
}

}  // namespace errcontract::internal

namespace errcontract {

SelectedCoverage selected_coverage(const RunResult& result) {
  std::map<std::string, const CaseResult*, std::less<>> by_id;
  for (const auto& c : result.cases) by_id.emplace(c.case_id, &c);
  SelectedCoverage out;
  for (const CoverageEntry& entry : result.coverage) {
    if (entry.extension || entry.status == CodeStatus::kNoCase) continue;
    ++out.documented;
    if (entry.status == CodeStatus::kVerified) {
      ++out.verified;
      continue;
    }
    // The first case that explains it: a failure or error first, else a skip.
    std::string why;
    for (const std::string& id : entry.case_ids) {
      auto it = by_id.find(id);
      if (it == by_id.end()) continue;
      const CaseResult& c = *it->second;
      if (c.verdict == Verdict::kFailed) {
        why = "failed";
        break;
      }
      if (c.verdict == Verdict::kError) {
        why = "error: " + c.reason;
        break;
      }
      if (why.empty() && c.verdict == Verdict::kSkipped) why = "skipped: " + c.reason;
    }
    out.unverified.push_back({entry.code, why});
  }
  return out;
}

}  // namespace errcontract
