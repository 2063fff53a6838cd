#include "module_summary.h"

#include <map>

namespace errcontract::internal {

// A code too short for three digits (a broken case file) keeps its own group
// rather than joining another module.
std::string module_key(std::string_view code) {
  return code.empty() ? std::string(kNoCodeKey) : std::string(code.substr(0, 3));
}

std::string ModuleSummary::label() const { return name.empty() ? key : key + " " + name; }

std::vector<ModuleSummary> summarize_modules(const RunResult& result) {
  std::map<std::string, ModuleSummary> modules;
  for (const CaseResult& c : result.cases) {
    ModuleSummary& m = modules[module_key(c.code)];
    m.key = module_key(c.code);
    if (m.name.empty()) m.name = c.module_name;
    m.cases.push_back(&c);
    m.elapsed_ms += c.elapsed_ms;
    switch (c.verdict) {
      case Verdict::kPassed:
        ++m.passed;
        break;
      case Verdict::kFailed:
        ++m.failed;
        break;
      case Verdict::kError:
        ++m.errors;
        break;
      case Verdict::kSkipped:
        ++m.skipped;
        break;
    }
  }
  for (const CoverageEntry& entry : result.coverage) {
    auto it = modules.find(module_key(entry.code));
    if (it == modules.end()) continue;
    ++it->second.codes_total;
    if (entry.status == CodeStatus::kVerified) ++it->second.codes_verified;
    if (it->second.name.empty()) it->second.name = entry.module_name;
  }
  std::vector<ModuleSummary> out;
  out.reserve(modules.size());
  for (auto& [key, summary] : modules) out.push_back(std::move(summary));
  return out;
}

DocumentedCoverage count_documented_coverage(const RunResult& result) {
  DocumentedCoverage counts;
  for (const CoverageEntry& entry : result.coverage) {
    if (entry.extension) continue;
    ++counts.documented;
    switch (entry.status) {
      case CodeStatus::kVerified:
        ++counts.verified;
        break;
      case CodeStatus::kFailed:
        ++counts.failed;
        break;
      case CodeStatus::kSkipped:
        ++counts.skipped;
        break;
      case CodeStatus::kNoCase:
        ++counts.no_case;
        break;
    }
    for (const EndpointCoverage& endpoint : entry.endpoints) {
      ++counts.pairs;
      if (endpoint.status == CodeStatus::kVerified) ++counts.pairs_verified;
    }
  }
  return counts;
}

}  // namespace errcontract::internal
