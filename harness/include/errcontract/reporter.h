// Reporters are listeners over the result model (like GoogleTest's
// TestEventListener): they never talk HTTP and never decide verdicts.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "errcontract/run_result.h"

namespace errcontract {

struct RunInfo {
  std::string target;
  std::size_t planned_cases = 0;
  int jobs = 1;
  std::vector<FindingId> disabled_checks;  // --disable-check, in table order
  std::string run_id;                      // RunResult::run_id
};

class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual void on_run_start(const RunInfo&) {}
  virtual void on_case_end(const CaseResult&) {}  // called from one thread at a time
  virtual void on_run_end(const RunResult&) {}
};

// Fans events out to several reporters.
class ReporterList : public Reporter {
 public:
  void add(std::unique_ptr<Reporter> reporter) { reporters_.push_back(std::move(reporter)); }
  void on_run_start(const RunInfo& info) override {
    for (auto& r : reporters_) r->on_run_start(info);
  }
  void on_case_end(const CaseResult& result) override {
    for (auto& r : reporters_) r->on_case_end(result);
  }
  void on_run_end(const RunResult& result) override {
    for (auto& r : reporters_) r->on_run_end(result);
  }

 private:
  std::vector<std::unique_ptr<Reporter>> reporters_;
};

}  // namespace errcontract
