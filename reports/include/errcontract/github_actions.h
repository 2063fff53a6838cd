// What a run gives GitHub Actions when it runs there (GITHUB_ACTIONS=true):
// a workflow-command annotation per failed case, pointing at the case in its
// file, so the failure shows on the pull request's diff and the run's page;
// and the Markdown report appended to the job's step summary. The CLI adds
// this reporter when it sees the variable; docs/ci.md describes it.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include "errcontract/reporter.h"
#include "errcontract/run_result.h"

namespace errcontract {

struct GithubActionsOptions {
  // Case files are named relative to this folder ($GITHUB_WORKSPACE, else
  // the working directory), symlinks resolved; a file outside it is named
  // cases/<file name>.
  std::string workspace;
  // $GITHUB_STEP_SUMMARY: the Markdown report is appended to it at the end
  // of the run ("" for none). A failure to write it is printed to
  // `diagnostics`, never fatal.
  std::string step_summary;
};

// "::error file=cases/bucket.cases.json,line=12,title=21203 bucket-x::<why>"
// for a failed case (the first error finding, and how many more), a
// "::warning" for a case that could not be judged (error verdict); "" for
// passed and skipped cases. Property and message text are escaped as the
// workflow-command syntax requires (%, CR, LF; and ':' ',' in properties).
std::string github_annotation(const CaseResult& result, const std::string& workspace);

std::unique_ptr<Reporter> make_github_actions_reporter(std::ostream& out,
                                                       GithubActionsOptions options,
                                                       std::ostream* diagnostics = nullptr);

}  // namespace errcontract
