// The checks fail when they should: the case library run against a
// reference server that breaks its contract on purpose (set_fault), once
// per fault mode, in-process and over a real socket. Every affected case
// must fail with exactly the findings docs/fault-modes.md lists for the
// mode, every other case must pass, and the run's exit code must be 1.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <tuple>

#include "e2e_support.h"

namespace errcontract::e2e {
namespace {

// Module 214 (operators) and the token code 11001: both message rules that
// cases reach here (exact, and "any" for 21401), both levels, setups and
// teardowns.
const std::vector<std::string> kSubset = {"14", "11001"};

// How many cases of the library the selectors pick (and, with `code`, how
// many of those are that code's).
int count_cases(const std::vector<std::string>& only, const std::string& code = "") {
  RunOptions options;
  options.only = only;
  int n = 0;
  for (const Case* c : plan_cases(library(), Catalog::builtin(), options)) {
    n += code.empty() || c->code == code ? 1 : 0;
  }
  return n;
}

// Whether `mode` changes the error response for `code` (devserver/src/server/fault.cc).
bool affects(FaultMode mode, const std::string& code) {
  if (mode == FaultMode::kSystemLevelCode) return code[0] == '2';
  if (mode == FaultMode::kAlternativeStatus) {
    const CodeEntry* entry = Catalog::builtin().find(code);
    return entry != nullptr && !entry->status_alternatives.empty();
  }
  if (mode == FaultMode::kOtherMessage) {
    const CodeEntry* entry = Catalog::builtin().find(code);
    return entry != nullptr && entry->message_rule != MessageRule::kAny;
  }
  return true;
}

std::string camel(std::string_view name) {
  std::string out;
  bool upper = true;
  for (char c : name) {
    if (c == '-') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

// Whether a setup step of the case accepts an error status (a 409 "already
// there" on a rerun): the fault breaks that answer too, and the case fails in
// setup (setup.failed, step.status) before its trigger is sent.
bool setup_accepts_error(const std::string& case_id) {
  const Case* c = library().find(case_id);
  if (c == nullptr) return false;
  for (const Step& step : c->setup) {
    for (int status : step.expect.status) {
      if (status >= 400) return true;
    }
  }
  return false;
}

// Each affected case failed with every listed finding and no other error (a
// conforming mode: passed with them as warnings, unless `strict`); each
// unaffected case passed. Returns how many cases were affected.
int expect_mode_findings(const FaultModeInfo& info, const RunResult& run,
                         const std::string& only_code = "", bool strict = false) {
  int failed = 0;
  const std::set<std::string> listed(info.findings.begin(), info.findings.end());
  for (const CaseResult& c : run.cases) {
    SCOPED_TRACE(c.case_id);
    const bool affected = affects(info.mode, c.code) && (only_code.empty() || c.code == only_code);
    if (!affected) {
      EXPECT_EQ(c.verdict, Verdict::kPassed) << describe_cases(run);
      continue;
    }
    ++failed;
    const bool fails = !info.conforming || strict;
    EXPECT_EQ(c.verdict, fails ? Verdict::kFailed : Verdict::kPassed) << describe_cases(run);
    const std::set<std::string> all = finding_ids(c, false);
    if (all.count("setup.failed") == 1 && setup_accepts_error(c.case_id)) {
      for (const std::string& id : finding_ids(c, true)) {
        EXPECT_TRUE(id == "setup.failed" || id == "step.status") << id;
      }
      continue;
    }
    for (const std::string& id : listed) {
      EXPECT_EQ(all.count(id), 1u) << "missing " << id << "\n" << describe_cases(run);
    }
    for (const std::string& id : finding_ids(c, fails)) {
      EXPECT_EQ(listed.count(id), 1u) << "unexpected " << id << "\n" << describe_cases(run);
    }
  }
  return failed;
}

class FaultModeRun : public ::testing::TestWithParam<std::tuple<std::size_t, Wire>> {};

TEST_P(FaultModeRun, AffectedCasesFailWithTheModesFindings) {
  const FaultModeInfo& info = fault_modes().at(std::get<0>(GetParam()));
  const Wire wire = std::get<1>(GetParam());
  ReferenceServer server(Catalog::builtin());
  server.set_fault(info.mode);
  if (wire == Wire::kSocket) {
    ASSERT_TRUE(server.start("127.0.0.1", 0).ok());
  }
  for (bool strict : {false, true}) {
    if (strict && !info.conforming) break;  // --strict-status changes only conforming modes
    SCOPED_TRACE(strict ? "--strict-status" : "default");
    const RunResult run = run_library(server, wire, kSubset, 4, strict);
    ASSERT_EQ(static_cast<int>(run.cases.size()), count_cases(kSubset)) << describe_cases(run);
    const int affected = expect_mode_findings(info, run, "", strict);
    const bool fails = !info.conforming || strict;
    EXPECT_GT(affected, 0);
    EXPECT_EQ(run.totals.failed, fails ? affected : 0);
    EXPECT_EQ(run.totals.errors, 0) << describe_cases(run);
    EXPECT_EQ(run_exit_code(run, false), fails ? 1 : 0);
  }
}

INSTANTIATE_TEST_SUITE_P(EveryMode, FaultModeRun,
                         ::testing::Combine(::testing::Range<std::size_t>(0, fault_modes().size()),
                                            ::testing::Values(Wire::kInProcess, Wire::kSocket)),
                         [](const ::testing::TestParamInfo<FaultModeRun::ParamType>& p) {
                           return camel(fault_modes().at(std::get<0>(p.param)).name) +
                                  (std::get<1>(p.param) == Wire::kSocket ? "OverSocket"
                                                                         : "InProcess");
                         });

TEST(FaultModes, NamesAreUniqueAndFound) {
  std::set<std::string_view> names;
  for (const FaultModeInfo& info : fault_modes()) {
    EXPECT_TRUE(names.insert(info.name).second) << info.name;
    ASSERT_NE(find_fault_mode(info.name), nullptr);
    EXPECT_EQ(find_fault_mode(info.name)->mode, info.mode);
    EXPECT_EQ(to_string(info.mode), info.name);
    EXPECT_FALSE(info.description.empty());
    EXPECT_FALSE(info.findings.empty());
  }
  EXPECT_EQ(fault_modes().size(), 20u);
  EXPECT_EQ(find_fault_mode("bogus"), nullptr);
  EXPECT_EQ(to_string(FaultMode::kNone), "none");
}

TEST(FaultModes, DocsTableListsEveryModeWithItsFindings) {
  std::ifstream in(std::string(ERRC_SOURCE_DIR) + "/docs/fault-modes.md");
  ASSERT_TRUE(in) << "docs/fault-modes.md";
  std::stringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  for (const FaultModeInfo& info : fault_modes()) {
    const std::string row_start = "| `" + std::string(info.name) + "` |";
    const auto at = doc.find(row_start);
    ASSERT_NE(at, std::string::npos) << "no row for " << info.name;
    const std::string row = doc.substr(at, doc.find('\n', at) - at);
    for (std::string_view id : info.findings) {
      EXPECT_NE(row.find("`" + std::string(id) + "`"), std::string::npos)
          << info.name << " row does not name " << id << ": " << row;
    }
  }
}

TEST(FaultModes, WrongStatusFailsEveryCaseOfTheFullLibrary) {
  ReferenceServer server(Catalog::builtin());
  server.set_fault(FaultMode::kWrongStatus);
  const RunResult run = run_library(server, Wire::kInProcess);
  ASSERT_EQ(run.cases.size(), library().cases.size());
  EXPECT_EQ(expect_mode_findings(*find_fault_mode("wrong-status"), run),
            static_cast<int>(run.cases.size()));
  EXPECT_EQ(run_exit_code(run, false), 1);
  for (const CoverageEntry& entry : run.coverage) {
    EXPECT_NE(entry.status, CodeStatus::kVerified) << entry.code;
  }
}

TEST(FaultModes, SettingNoneRestoresTheContract) {
  ReferenceServer server(Catalog::builtin());
  server.set_fault(FaultMode::kEmptyBody);
  server.set_fault(FaultMode::kNone);
  const RunResult run = run_library(server, Wire::kInProcess, kSubset);
  EXPECT_EQ(run.totals.passed, count_cases(kSubset)) << describe_cases(run);
  EXPECT_EQ(run_exit_code(run, false), 0);
}

TEST(FaultCodeFilter, OnlyTheFilteredCodesCasesFail) {
  for (const char* mode : {"other-code", "html-page", "missing-message"}) {
    SCOPED_TRACE(mode);
    ReferenceServer server(Catalog::builtin());
    server.set_fault(find_fault_mode(mode)->mode, "21402");
    const RunResult run = run_library(server, Wire::kInProcess, kSubset);
    const int of_code = count_cases(kSubset, "21402");
    ASSERT_GT(of_code, 0);
    EXPECT_EQ(expect_mode_findings(*find_fault_mode(mode), run, "21402"), of_code);
    EXPECT_EQ(run.totals.passed, count_cases(kSubset) - of_code) << describe_cases(run);
    EXPECT_EQ(run_exit_code(run, false), 1);
  }
}

TEST(FaultCodeFilter, FullLibraryOverSocketFailsOnlyThatCode) {
  ReferenceServer server(Catalog::builtin());
  server.set_fault(FaultMode::kWrongStatus, "21202");
  ASSERT_TRUE(server.start("127.0.0.1", 0).ok());
  const RunResult run = run_library(server, Wire::kSocket);
  const int expected = count_cases({}, "21202");
  ASSERT_GT(expected, 0);
  EXPECT_EQ(expect_mode_findings(*find_fault_mode("wrong-status"), run, "21202"), expected);
  EXPECT_EQ(run.totals.failed, expected);
  EXPECT_EQ(run.totals.passed + run.totals.skipped, run.totals.total() - expected);
  EXPECT_EQ(run_exit_code(run, false), 1);
  for (const CoverageEntry& entry : run.coverage) {
    if (entry.code == "21202") {
      EXPECT_EQ(entry.status, CodeStatus::kFailed);
    }
  }
}

}  // namespace
}  // namespace errcontract::e2e
