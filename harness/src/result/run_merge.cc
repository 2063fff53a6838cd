// merge_runs: the shards of one run (or several runs of one case library)
// joined back into the result a single run would have given. Coverage is
// judged again by judge_coverage, the same code that judges a run.
#include "errcontract/run_merge.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "result/coverage.h"

namespace errcontract {
namespace {

Status refused(std::string message) {
  return Status(StatusCode::kInvalidInput, std::move(message));
}

// Both digests present and equal in every input; the first that differs is
// named with the first input's.
Status check_digests(const std::vector<MergeInput>& inputs) {
  struct Digest {
    const char* member;
    const char* what;
    std::string RunResult::*field;
  };
  const Digest digests[] = {{"catalog_digest", "catalog", &RunResult::catalog_digest},
                            {"cases_digest", "case library", &RunResult::cases_digest}};
  const MergeInput& first = inputs.front();
  for (const Digest& d : digests) {
    for (const MergeInput& in : inputs) {
      if ((in.result.*d.field).empty()) {
        return refused(fmt::format(
            "{}: no {} (written before reports recorded it): cannot tell that it ran the same {} "
            "as the other reports",
            in.file, d.member, d.what));
      }
      if (in.result.*d.field != first.result.*d.field) {
        return refused(fmt::format(
            "{} and {} were run with a different {} ({} {} vs {}): not merged", first.file, in.file,
            d.what, d.member, first.result.*d.field, in.result.*d.field));
      }
    }
  }
  return Status();
}

Status check_duplicates(const std::vector<MergeInput>& inputs) {
  std::map<std::string, const std::string*, std::less<>> seen;  // case id -> file
  for (const MergeInput& in : inputs) {
    for (const CaseResult& c : in.result.cases) {
      auto [it, fresh] = seen.emplace(c.case_id, &in.file);
      if (!fresh) {
        return refused(fmt::format(
            "case \"{}\" is in both {} and {} (the same shard twice? --allow-duplicates keeps "
            "both)",
            c.case_id, *it->second, in.file));
      }
    }
  }
  return Status();
}

// Distinct shards K/N of one N: the j-th case of shard K was at plan position
// j*N + K-1, so sorting by that position gives the plan order back.
bool are_shards_of_one_run(const std::vector<MergeInput>& inputs) {
  const int n = inputs.front().result.shard_count;
  if (n < 2) return false;
  std::set<int> indexes;
  for (const MergeInput& in : inputs) {
    if (in.result.shard_count != n || !indexes.insert(in.result.shard_index).second) return false;
  }
  return true;
}

std::vector<CaseResult> merged_cases(const std::vector<MergeInput>& inputs) {
  std::vector<std::pair<std::size_t, const CaseResult*>> positioned;
  const bool shards = are_shards_of_one_run(inputs);
  std::size_t next = 0;
  for (const MergeInput& in : inputs) {
    const auto n = static_cast<std::size_t>(in.result.shard_count);
    for (std::size_t j = 0; j < in.result.cases.size(); ++j) {
      const std::size_t position =
          shards ? j * n + static_cast<std::size_t>(in.result.shard_index) : next++;
      positioned.emplace_back(position, &in.result.cases[j]);
    }
  }
  std::stable_sort(positioned.begin(), positioned.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<CaseResult> out;
  out.reserve(positioned.size());
  for (const auto& [position, c] : positioned) out.push_back(*c);
  return out;
}

// Every code of the inputs' coverage lists, the first input's row for each,
// in code order; statuses and case lists are judged again afterwards.
std::vector<CoverageEntry> coverage_rows(const std::vector<MergeInput>& inputs) {
  std::map<std::string, CoverageEntry, std::less<>> rows;
  for (const MergeInput& in : inputs) {
    for (const CoverageEntry& entry : in.result.coverage) rows.emplace(entry.code, entry);
  }
  std::vector<CoverageEntry> out;
  out.reserve(rows.size());
  for (auto& [code, entry] : rows) out.push_back(std::move(entry));
  return out;
}

// The distinct non-empty values, in input order, joined by `separator`.
std::string joined(const std::vector<MergeInput>& inputs, std::string RunResult::*field,
                   std::string_view separator) {
  std::vector<std::string> distinct;
  for (const MergeInput& in : inputs) {
    const std::string& value = in.result.*field;
    if (!value.empty() && std::find(distinct.begin(), distinct.end(), value) == distinct.end()) {
      distinct.push_back(value);
    }
  }
  return fmt::format("{}", fmt::join(distinct, separator));
}

}  // namespace

Result<RunResult> merge_runs(const std::vector<MergeInput>& inputs, const MergeOptions& options) {
  if (inputs.empty()) return Status(StatusCode::kInvalidArgument, "no report to merge");
  if (Status digests = check_digests(inputs); !digests.ok()) return digests;
  if (!options.allow_duplicates) {
    if (Status duplicates = check_duplicates(inputs); !duplicates.ok()) return duplicates;
  }

  RunResult merged;
  merged.target = joined(inputs, &RunResult::target, "; ");
  merged.run_id = joined(inputs, &RunResult::run_id, "+");
  merged.catalog_digest = inputs.front().result.catalog_digest;
  merged.cases_digest = inputs.front().result.cases_digest;
  std::set<FindingId> disabled;
  for (const MergeInput& in : inputs) {
    const RunResult& r = in.result;
    if (merged.started_at.empty() || (!r.started_at.empty() && r.started_at < merged.started_at)) {
      merged.started_at = r.started_at;
    }
    merged.elapsed_ms += r.elapsed_ms;
    merged.interrupted = merged.interrupted || r.interrupted;
    if (merged.stopped_after_failures == 0)
      merged.stopped_after_failures = r.stopped_after_failures;
    if (merged.unreachable.empty()) merged.unreachable = r.unreachable;
    disabled.insert(r.disabled_checks.begin(), r.disabled_checks.end());
    for (const std::string& note : r.fixture_notes) {
      if (std::find(merged.fixture_notes.begin(), merged.fixture_notes.end(), note) ==
          merged.fixture_notes.end()) {
        merged.fixture_notes.push_back(note);
      }
    }
    merged.totals.throttled += r.totals.throttled;
  }
  merged.disabled_checks.assign(disabled.begin(), disabled.end());
  merged.cases = merged_cases(inputs);
  merged.coverage = coverage_rows(inputs);
  internal::judge_coverage(merged.coverage, merged.cases);
  const int throttled = merged.totals.throttled;
  merged.totals = internal::compute_totals(merged.cases);
  merged.totals.throttled = throttled;
  return merged;
}

}  // namespace errcontract
