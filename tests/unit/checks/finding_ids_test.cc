// The finding table (finding_ids.h): docs/findings.md lists the same ids with
// the same severities, every id names a check of the check table (or the step
// check or the runner), and --disable-check's names are checked against it.
#include "errcontract/finding_ids.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "checks/check_table.h"
#include "errcontract/finding.h"

namespace errcontract {
namespace {

struct DocRow {
  std::string severity;  // the severity cell as written
  int rows = 0;
};

// The rows of docs/findings.md's tables whose first cell is a finding id.
std::map<std::string, DocRow> documented_ids() {
  std::ifstream in(ERRC_SOURCE_DIR "/docs/findings.md");
  EXPECT_TRUE(in.good()) << "cannot read docs/findings.md";
  const std::regex row(R"(^\| `([a-z_]+\.[a-z_0-9]+)` \| ([^|]+) \|)");
  std::map<std::string, DocRow> out;
  std::string line;
  while (std::getline(in, line)) {
    std::smatch m;
    if (!std::regex_search(line, m, row)) continue;
    DocRow& doc = out[m[1]];
    doc.severity = m[2];
    doc.severity.erase(doc.severity.find_last_not_of(' ') + 1);
    ++doc.rows;
  }
  return out;
}

TEST(FindingIds, DocsListTheSameIdsOnceEach) {
  const std::map<std::string, DocRow> docs = documented_ids();
  std::set<std::string> in_docs, in_table;
  for (const auto& [id, doc] : docs) {
    in_docs.insert(id);
    EXPECT_EQ(doc.rows, 1) << id << " has " << doc.rows << " rows in docs/findings.md";
  }
  for (const FindingInfo& row : finding_table()) in_table.emplace(row.name);
  EXPECT_EQ(in_docs, in_table);
}

TEST(FindingIds, DocsGiveTheTablesSeverity) {
  const std::map<std::string, DocRow> docs = documented_ids();
  for (const FindingInfo& row : finding_table()) {
    auto it = docs.find(std::string(row.name));
    if (it == docs.end()) continue;  // DocsListTheSameIdsOnceEach says so
    const std::string& cell = it->second.severity;
    EXPECT_EQ(cell.substr(0, cell.find(' ')), to_string(row.severity)) << row.name << ": " << cell;
    const bool says_lenient = cell.find("warning with `--lenient`") != std::string::npos;
    EXPECT_EQ(says_lenient, row.lenient == LenientRule::kLenientWarning)
        << row.name << ": " << cell;
  }
}

TEST(FindingIds, EveryIdNamesAKnownCheck) {
  std::set<std::string_view> checks = {"step", "runner"};
  for (const internal::Check& check : internal::response_checks()) checks.insert(check.name);
  std::set<std::string_view> used;
  for (const FindingInfo& row : finding_table()) {
    EXPECT_EQ(checks.count(row.check), 1u) << row.name << " names check " << row.check;
    EXPECT_TRUE(row.name.starts_with(row.check == "runner" ? "" : row.check)) << row.name;
    EXPECT_FALSE(row.meaning.empty()) << row.name;
    used.insert(row.check);
  }
  EXPECT_EQ(used, checks) << "a check of the table raises no finding id";
}

TEST(FindingIds, NamesRoundTripAndUnknownNamesAreNotIds) {
  for (const FindingInfo& row : finding_table()) {
    EXPECT_EQ(find_finding_id(row.name), row.id);
    EXPECT_EQ(to_string(row.id), row.name);
    EXPECT_EQ(info(row.id).name, row.name);
  }
  EXPECT_FALSE(find_finding_id("code.numberic"));
  EXPECT_FALSE(find_finding_id("envelope.extra_field"));
  EXPECT_FALSE(find_finding_id(""));
}

TEST(FindingIds, MakeFindingTakesTheTablesSeverity) {
  EXPECT_EQ(make_finding(FindingId::kCodeNumeric, "m").severity, Severity::kError);
  EXPECT_EQ(make_finding(FindingId::kEnvelopeExtraMember, "m").severity, Severity::kWarning);
  EXPECT_EQ(make_finding(FindingId::kTeardownFailed, "m").severity, Severity::kWarning);
  EXPECT_EQ(severity_of(FindingId::kCodeNumeric, true), Severity::kWarning);
  EXPECT_EQ(severity_of(FindingId::kContentTypeNotJson, true), Severity::kWarning);
  EXPECT_EQ(severity_of(FindingId::kCodeMismatch, true), Severity::kError);
}

TEST(FindingIds, DisableCheckAcceptsKnownIds) {
  EXPECT_EQ(disable_check_problem("code.numeric"), "");
  EXPECT_EQ(disable_check_problem("teardown.failed"), "");
}

TEST(FindingIds, DisableCheckSuggestsTheNearestId) {
  EXPECT_EQ(disable_check_problem("code.numberic"),
            "unknown finding id \"code.numberic\" (did you mean \"code.numeric\"?); "
            "`errcontract checks` lists them");
  EXPECT_EQ(disable_check_problem("nothing.like.it"),
            "unknown finding id \"nothing.like.it\"; `errcontract checks` lists them");
}

// Every row's name is a candidate for the hint, the table's first and last too.
TEST(FindingIds, DisableCheckSuggestsEveryIdForANearMiss) {
  for (const FindingInfo& row : finding_table()) {
    const std::string near_miss = std::string(row.name) + "x";
    EXPECT_NE(
        disable_check_problem(near_miss).find("(did you mean \"" + std::string(row.name) + "\"?)"),
        std::string::npos)
        << near_miss << ": " << disable_check_problem(near_miss);
  }
}

TEST(FindingIds, SetupFailedCannotBeDisabled) {
  EXPECT_EQ(disable_check_problem("setup.failed"),
            "setup.failed cannot be disabled: without it a case that never sent its request "
            "would pass");
}

}  // namespace
}  // namespace errcontract
