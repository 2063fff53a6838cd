// apply_fault on one conforming 21402 response: the exact bytes each mode
// sends, the responses it leaves alone, and the code filter; the fault table
// against docs/fault-modes.md. The runs of the
// case library against a faulty server are tests/e2e/fault_modes_test.cc.
#include "server/fault.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string_view>
#include <vector>

#include "errcontract/envelope.h"

namespace errcontract::internal {
namespace {

const Catalog& catalog() { return Catalog::builtin(); }

HttpResponse conforming(const std::string& code, const std::string& method,
                        const std::string& path) {
  HttpResponse r;
  r.status = catalog().find(code)->status;
  r.headers.emplace_back("Content-Type", "application/json");
  r.body = build_envelope(catalog(), code, method, path);
  return r;
}

HttpResponse duplicate_operator() { return conforming("21402", "PUT", "/operators/"); }

// A response every mode changes: 21402 has no alternative status, 21401
// (400, alternative 401) has one.
HttpResponse changed_by_every_mode(FaultMode mode) {
  return mode == FaultMode::kAlternativeStatus ? conforming("21401", "PUT", "/operators/")
                                               : duplicate_operator();
}

HttpResponse faulted(FaultMode mode, HttpResponse response = duplicate_operator(),
                     std::string only_code = "") {
  return apply_fault(std::move(response), FaultSetting{mode, std::move(only_code)}, catalog());
}

std::string content_type(const HttpResponse& r) {
  const std::string* value = find_header(r.headers, "Content-Type");
  return value == nullptr ? "" : *value;
}

struct Expected {
  FaultMode mode;
  int status;
  std::string body;
};

TEST(ApplyFault, SendsTheExpectedBytesForEachMode) {
  const std::string original =
      R"({"error_code":"21402","request":"PUT /operators/","message":"Operator already exists."})";
  const std::vector<Expected> table = {
      {FaultMode::kWrongStatus, 400, original},
      {FaultMode::kStatus200, 200, original},
      {FaultMode::kOtherCode, 409,
       R"({"error_code":"21403","request":"PUT /operators/","message":"Operator not found."})"},
      {FaultMode::kNumericCode, 409,
       R"({"error_code":21402,"request":"PUT /operators/","message":"Operator already exists."})"},
      {FaultMode::kUndocumentedCode, 409,
       R"({"error_code":"21499","request":"PUT /operators/","message":"Operator already exists."})"},
      {FaultMode::kSystemLevelCode, 409,
       R"({"error_code":"11402","request":"PUT /operators/","message":"Operator already exists."})"},
      {FaultMode::kMissingErrorCode, 409,
       R"({"request":"PUT /operators/","message":"Operator already exists."})"},
      {FaultMode::kMissingRequest, 409,
       R"({"error_code":"21402","message":"Operator already exists."})"},
      {FaultMode::kMissingMessage, 409, R"({"error_code":"21402","request":"PUT /operators/"})"},
      {FaultMode::kWrongRequest, 409,
       R"({"error_code":"21402","request":"PUT /operators","message":"Operator already exists."})"},
      {FaultMode::kTextContentType, 409, original},
      {FaultMode::kTruncatedBody, 409, original.substr(0, original.size() / 2)},
      {FaultMode::kWrappedEnvelope, 409, "{\"error\":" + original + "}"},
      {FaultMode::kEmptyBody, 409, ""},
      {FaultMode::kOtherMessage, 409,
       R"({"error_code":"21402","request":"PUT /operators/","message":"Operator not found."})"},
      {FaultMode::kDuplicateKey, 409,
       R"({"error_code":"21402","error_code":"21402","request":"PUT /operators/","message":"Operator already exists."})"},
      {FaultMode::kInvalidUtf8, 409,
       "{\"error_code\":\"21402\",\"request\":\"PUT /operators/\",\"message\":\"Operator already "
       "exists.\xFF\"}"},
  };
  for (const Expected& e : table) {
    SCOPED_TRACE(std::string(to_string(e.mode)));
    const HttpResponse r = faulted(e.mode);
    EXPECT_EQ(r.status, e.status);
    EXPECT_EQ(r.body, e.body);
    EXPECT_EQ(content_type(r), e.mode == FaultMode::kTextContentType ? "text/plain; charset=utf-8"
                                                                     : "application/json");
  }
}

TEST(ApplyFault, AlternativeStatusSendsTheFirstAlternativeAndLeavesOtherCodesAlone) {
  const HttpResponse parameter =
      faulted(FaultMode::kAlternativeStatus, conforming("21401", "PUT", "/operators/"));
  EXPECT_EQ(parameter.status, 401);
  EXPECT_EQ(parameter.body, conforming("21401", "PUT", "/operators/").body);
  const HttpResponse limit =
      faulted(FaultMode::kAlternativeStatus, conforming("21606", "POST", "/purge/"));
  EXPECT_EQ(limit.status, 403);  // 400, alternatives 403 and 429: the first
  const HttpResponse none = faulted(FaultMode::kAlternativeStatus);
  EXPECT_EQ(none.status, 409);
  EXPECT_EQ(find_header(none.headers, kFaultHeader), nullptr);
}

TEST(ApplyFault, SingleQuotedRequestIsTheTablesOwnExample) {
  std::ifstream in(std::string(ERRC_SOURCE_DIR) + "/tests/data/table-example.json",
                   std::ios::binary);
  std::stringstream example;
  example << in.rdbuf();
  ASSERT_FALSE(example.str().empty());
  EXPECT_EQ(faulted(FaultMode::kSingleQuotedRequest).body, example.str());
}

TEST(ApplyFault, HtmlPageReplacesBodyAndContentType) {
  HttpResponse r = faulted(FaultMode::kHtmlPage);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(content_type(r), "text/html; charset=utf-8");
  EXPECT_EQ(r.body.rfind("<!DOCTYPE html>", 0), 0u) << r.body;
  EXPECT_NE(r.body.find("<h1>Error 409</h1><p>Operator already exists.</p>"), std::string::npos);
  HttpResponse marked = conforming("21221", "POST", "/buckets/antileech/");
  marked.body = build_envelope_raw("21221", "POST /x/", "invalid ip:<1&2>");
  EXPECT_NE(faulted(FaultMode::kHtmlPage, marked).body.find("invalid ip:&lt;1&amp;2&gt;"),
            std::string::npos);
}

TEST(ApplyFault, WrongStatusOnA400Is409) {
  EXPECT_EQ(faulted(FaultMode::kWrongStatus, conforming("21401", "PUT", "/operators/")).status,
            409);
}

TEST(ApplyFault, WrongStatusNeverSendsADocumentedAlternative) {
  // 21116 is 400 with 409 as its alternative: 409 would conform.
  EXPECT_EQ(faulted(FaultMode::kWrongStatus, conforming("21116", "POST", "/accounts/mobile/code/"))
                .status,
            422);
  for (const CodeEntry& entry : catalog().entries()) {
    const HttpResponse r = faulted(FaultMode::kWrongStatus, conforming(entry.code, "GET", "/x/"));
    EXPECT_NE(r.status, entry.status) << entry.code;
    EXPECT_EQ(
        std::count(entry.status_alternatives.begin(), entry.status_alternatives.end(), r.status), 0)
        << entry.code;
  }
}

TEST(ApplyFault, WrongRequestAddsASlashWhereThereWasNone) {
  const HttpResponse r =
      faulted(FaultMode::kWrongRequest, conforming("21402", "PUT", "/operators"));
  EXPECT_EQ(parse_envelope(r.body).envelope->request, "PUT /operators/");
  const HttpResponse root = faulted(FaultMode::kWrongRequest, conforming("11001", "GET", "/"));
  EXPECT_EQ(parse_envelope(root.body).envelope->request, "GET /x");
}

TEST(ApplyFault, MarksEveryChangedResponse) {
  for (const FaultModeInfo& info : fault_modes()) {
    const HttpResponse r = faulted(info.mode, changed_by_every_mode(info.mode));
    const std::string* header = find_header(r.headers, kFaultHeader);
    ASSERT_NE(header, nullptr) << info.name;
    EXPECT_EQ(*header, info.name);
  }
}

TEST(ApplyFault, LeavesSuccessNonEnvelopesAndNoneAlone) {
  HttpResponse ok;
  ok.status = 201;
  ok.body = R"({"result":true})";
  HttpResponse head = duplicate_operator();
  head.body.clear();  // a HEAD answer: nothing to rewrite
  for (const FaultModeInfo& info : fault_modes()) {
    SCOPED_TRACE(std::string(info.name));
    const HttpResponse a = faulted(info.mode, ok);
    EXPECT_EQ(a.status, 201);
    EXPECT_EQ(a.body, ok.body);
    EXPECT_TRUE(a.headers.empty());
    const HttpResponse b = faulted(info.mode, head);
    EXPECT_EQ(b.status, 409);
    EXPECT_EQ(find_header(b.headers, kFaultHeader), nullptr);
  }
  const HttpResponse none = faulted(FaultMode::kNone);
  EXPECT_EQ(none.body, duplicate_operator().body);
  EXPECT_EQ(none.headers.size(), 1u);
}

TEST(ApplyFault, SystemLevelLeavesSystemCodesAlone) {
  const HttpResponse token = conforming("11001", "GET", "/accounts/profile/");
  const HttpResponse r = faulted(FaultMode::kSystemLevelCode, token);
  EXPECT_EQ(r.body, token.body);
  EXPECT_EQ(find_header(r.headers, kFaultHeader), nullptr);
}

TEST(ApplyFault, OtherMessageLeavesAnyTextCodesAlone) {
  // 21401 has no English message in the table: every message is right.
  const HttpResponse param = conforming("21401", "PUT", "/operators/");
  EXPECT_EQ(faulted(FaultMode::kOtherMessage, param).body, param.body);
  // 21221's rule is a prefix ("invalid ip:"); the next code's message breaks it.
  HttpResponse ip = conforming("21221", "POST", "/buckets/antileech/");
  ip.body = build_envelope_raw("21221", "POST /buckets/antileech/", "invalid ip:999.1.1.1");
  const auto parsed = parse_envelope(faulted(FaultMode::kOtherMessage, ip).body);
  ASSERT_TRUE(parsed.envelope);
  EXPECT_EQ(parsed.envelope->error_code, "21221");
  EXPECT_EQ(parsed.envelope->message.rfind("invalid ip:", 0), std::string::npos);
  EXPECT_FALSE(parsed.envelope->message.empty());
}

TEST(ApplyFault, CodeFilterBreaksOnlyThatCode) {
  const HttpResponse other = conforming("21403", "DELETE", "/operators/");
  EXPECT_EQ(faulted(FaultMode::kEmptyBody, other, "21402").body, other.body);
  EXPECT_EQ(faulted(FaultMode::kEmptyBody, duplicate_operator(), "21402").body, "");
}

TEST(ApplyFault, UndocumentedCodeSkipsCataloguedCodes) {
  // 21299 is free; every code the table holds is skipped.
  const HttpResponse r =
      faulted(FaultMode::kUndocumentedCode, conforming("21201", "PUT", "/buckets/"));
  const auto parsed = parse_envelope(r.body);
  ASSERT_TRUE(parsed.envelope);
  EXPECT_EQ(catalog().find(parsed.envelope->error_code), nullptr) << parsed.envelope->error_code;
  EXPECT_EQ(parsed.envelope->error_code.substr(0, 3), "212");
}

// The "Modes and findings" table of a fault-modes page: mode -> the finding
// ids its row names (backquoted words with a dot; `--lenient` and
// `/error_code` are notes, not ids).
std::map<std::string, std::set<std::string>> documented_modes(std::string_view markdown) {
  std::map<std::string, std::set<std::string>> modes;
  const std::size_t start = markdown.find("## Modes and findings");
  if (start == std::string_view::npos) return modes;
  std::string_view section = markdown.substr(start);
  section = section.substr(0, section.find("\n## ", 1));
  std::istringstream lines{std::string(section)};
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with("| `")) continue;
    const std::size_t name_end = line.find('`', 3);
    std::set<std::string>& ids = modes[line.substr(3, name_end - 3)];
    const std::string findings = line.substr(line.rfind(" | ") + 3);
    for (std::size_t at = findings.find('`'); at != std::string::npos;) {
      const std::size_t end = findings.find('`', at + 1);
      const std::string word = findings.substr(at + 1, end - at - 1);
      if (word.find('.') != std::string::npos && !word.starts_with("-") && !word.starts_with("/")) {
        ids.insert(word);
      }
      at = findings.find('`', end + 1);
    }
  }
  return modes;
}

// What the page says that the table does not, and the reverse.
std::vector<std::string> differences(const std::map<std::string, std::set<std::string>>& doc) {
  std::vector<std::string> out;
  std::set<std::string> names;
  for (const FaultModeInfo& info : fault_modes()) {
    const std::string name(info.name);
    names.insert(name);
    const auto row = doc.find(name);
    if (row == doc.end()) {
      out.push_back(name + ": not documented");
      continue;
    }
    const std::set<std::string> ids(info.findings.begin(), info.findings.end());
    if (row->second != ids) out.push_back(name + ": other findings");
  }
  for (const auto& [name, ids] : doc) {
    if (names.count(name) == 0) out.push_back(name + ": not a mode");
  }
  return out;
}

TEST(FaultTable, DocsComparisonReportsMissingExtraAndWrongRows) {
  const std::string page =
      "## Modes and findings\n\n| mode | what | findings |\n|---|---|---|\n"
      "| `status-200` | status 200 | `status.mismatch` |\n"
      "| `numeric-code` | a number | `code.numeric` (a warning with `--lenient`) |\n"
      "| `missing-request` | no request | `envelope.missing_field` (pointer `/request`) |\n"
      "| `wrong-status` | 400 | `code.mismatch` |\n"
      "| `bogus` | nothing | `status.mismatch` |\n\n## Outcomes seen\n\n"
      "| `empty-body` | 9 | `body.empty` |\n";
  const auto doc = documented_modes(page);
  EXPECT_EQ(doc.at("numeric-code"), std::set<std::string>{"code.numeric"});
  EXPECT_EQ(doc.at("missing-request"), std::set<std::string>{"envelope.missing_field"});
  const std::vector<std::string> found = differences(doc);
  EXPECT_NE(std::find(found.begin(), found.end(), "wrong-status: other findings"), found.end());
  EXPECT_NE(std::find(found.begin(), found.end(), "bogus: not a mode"), found.end());
  EXPECT_NE(std::find(found.begin(), found.end(), "empty-body: not documented"), found.end());
  EXPECT_EQ(std::find(found.begin(), found.end(), "status-200: other findings"), found.end());
}

TEST(FaultTable, DocsListExactlyTheTablesModesAndFindings) {
  std::ifstream in(std::string(ERRC_SOURCE_DIR) + "/docs/fault-modes.md");
  ASSERT_TRUE(in) << "docs/fault-modes.md";
  std::stringstream text;
  text << in.rdbuf();
  const auto doc = documented_modes(text.str());
  EXPECT_EQ(doc.size(), fault_modes().size());
  EXPECT_EQ(differences(doc), std::vector<std::string>{});
}

TEST(FaultTable, NamesParseBackToTheirModes) {
  for (const FaultModeInfo& info : fault_modes()) {
    ASSERT_NE(find_fault_mode(info.name), nullptr) << info.name;
    EXPECT_EQ(find_fault_mode(info.name)->mode, info.mode);
    EXPECT_EQ(to_string(info.mode), info.name);
    EXPECT_FALSE(info.description.empty()) << info.name;
  }
  EXPECT_EQ(find_fault_mode("none"), nullptr);
  EXPECT_EQ(to_string(FaultMode::kNone), "none");
}

}  // namespace
}  // namespace errcontract::internal
