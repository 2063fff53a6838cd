// Groups the console's FAIL and ERROR lines by what went wrong, so that a
// target failing the same way everywhere (an expired token, a wrong status
// throughout) prints a few examples and one count instead of a line per case.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "errcontract/run_result.h"

namespace errcontract::internal {

class FailureGroups {
 public:
  explicit FailureGroups(std::size_t shown_per_group) : shown_per_group_(shown_per_group) {}

  // Counts a failed or errored case in its group; true while the group has
  // shown fewer than `shown_per_group` lines (the case's line is printed).
  bool admit(const CaseResult& result);

  // For each group with cases whose line was not printed, in the order the
  // groups first appeared: "status.mismatch: 172 failed cases (169 not
  // listed), e.g. 21402 a, 21403 b, 21404 c; -v lists all" ("errored cases"
  // for errors). Unlike a case line it does not start with FAIL or ERROR.
  std::vector<std::string> summary_lines() const;

  // What a case is grouped by, within its verdict: "status.mismatch" (its
  // first error finding), "refused" (the transport error kind of an error),
  // or the reason when there is neither.
  static std::string key(const CaseResult& result);

 private:
  struct Group {
    Verdict verdict;
    std::string key;
    std::size_t count = 0;
    std::vector<std::string> examples;  // case labels, the first few
  };
  std::size_t shown_per_group_;
  std::vector<Group> groups_;
};

}  // namespace errcontract::internal
