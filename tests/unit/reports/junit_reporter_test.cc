#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "errcontract/reports.h"
#include "report_test_support.h"

namespace errcontract {
namespace {

// Just enough of an XML 1.0 reader to prove the report well-formed: every
// character allowed, every tag closed in order, every '&' a known entity or a
// character reference, attributes quoted. Returns "" or what is wrong.
struct XmlElement {
  std::string name;
  std::map<std::string, std::string> attributes;
};

bool allowed_xml_byte(unsigned char c) { return c >= 0x20 || c == '\t' || c == '\n' || c == '\r'; }

std::string check_well_formed(const std::string& xml, std::vector<XmlElement>* elements) {
  std::vector<std::string> open;
  std::size_t pos = xml.find("?>");
  if (xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0) != 0) return "no XML declaration";
  pos += 2;
  bool seen_root = false;
  while (pos < xml.size()) {
    const auto c = static_cast<unsigned char>(xml[pos]);
    if (!allowed_xml_byte(c)) return "forbidden byte at " + std::to_string(pos);
    if (c == '&') {
      const std::size_t semi = xml.find(';', pos);
      if (semi == std::string::npos) return "unterminated reference";
      const std::string ref = xml.substr(pos + 1, semi - pos - 1);
      if (ref != "amp" && ref != "lt" && ref != "gt" && ref != "quot" && ref != "apos" &&
          !(ref.size() > 1 && ref[0] == '#')) {
        return "unknown entity &" + ref + ";";
      }
      pos = semi + 1;
      continue;
    }
    if (c == '>') return "raw '>' in text at " + std::to_string(pos);
    if (c != '<') {
      if (open.empty() && c != '\n') return "text outside the root element";
      ++pos;
      continue;
    }
    const std::size_t end = xml.find('>', pos);
    if (end == std::string::npos) return "unterminated tag";
    std::string tag = xml.substr(pos + 1, end - pos - 1);
    pos = end + 1;
    if (tag.find('<') != std::string::npos) return "'<' inside a tag: " + tag;
    if (tag[0] == '/') {
      if (open.empty() || open.back() != tag.substr(1))
        return "mismatched </" + tag.substr(1) + ">";
      open.pop_back();
      continue;
    }
    const bool self_closing = tag.back() == '/';
    if (self_closing) tag.pop_back();
    XmlElement element;
    std::size_t i = tag.find(' ');
    element.name = tag.substr(0, i);
    while (i != std::string::npos && i < tag.size()) {
      while (i < tag.size() && tag[i] == ' ') ++i;
      if (i >= tag.size()) break;
      const std::size_t eq = tag.find("=\"", i);
      if (eq == std::string::npos) return "unquoted attribute in <" + element.name + ">";
      const std::size_t close = tag.find('"', eq + 2);
      if (close == std::string::npos) return "unterminated attribute in <" + element.name + ">";
      const std::string name = tag.substr(i, eq - i);
      if (element.attributes.count(name)) return "duplicate attribute " + name;
      element.attributes[name] = tag.substr(eq + 2, close - eq - 2);
      i = close + 1;
    }
    if (open.empty()) {
      if (seen_root) return "second root element";
      seen_root = true;
    }
    elements->push_back(element);
    if (!self_closing) open.push_back(element.name);
  }
  if (!open.empty()) return "unclosed <" + open.back() + ">";
  return seen_root ? "" : "no root element";
}

std::vector<XmlElement> parse_or_fail(const std::string& xml) {
  std::vector<XmlElement> elements;
  const std::string problem = check_well_formed(xml, &elements);
  EXPECT_EQ(problem, "") << xml;
  return elements;
}

int count(const std::vector<XmlElement>& elements, const std::string& name) {
  int n = 0;
  for (const auto& e : elements) n += e.name == name ? 1 : 0;
  return n;
}

TEST(JunitReporter, MatchesGolden) {
  testing::expect_golden(render_junit(testing::sample_run_result()), "junit_reporter.xml");
}

TEST(JunitReporter, IsWellFormedAndCountsMatchTheCases) {
  const auto elements = parse_or_fail(render_junit(testing::sample_run_result()));
  ASSERT_FALSE(elements.empty());
  const XmlElement& root = elements[0];
  EXPECT_EQ(root.name, "testsuites");
  EXPECT_EQ(root.attributes.at("tests"), "4");
  EXPECT_EQ(root.attributes.at("failures"), "1");
  EXPECT_EQ(root.attributes.at("errors"), "1");
  EXPECT_EQ(root.attributes.at("time"), "1.234");
  EXPECT_EQ(root.attributes.count("skipped"), 0u) << "not in the JUnit schema for <testsuites>";
  EXPECT_EQ(count(elements, "testsuite"), 3);
  EXPECT_EQ(count(elements, "testcase"), 4);
  EXPECT_EQ(count(elements, "failure"), 1);
  EXPECT_EQ(count(elements, "error"), 1);
  EXPECT_EQ(count(elements, "skipped"), 1);
  int suite_tests = 0;
  for (const auto& e : elements) {
    if (e.name == "testsuite") suite_tests += std::stoi(e.attributes.at("tests"));
  }
  EXPECT_EQ(suite_tests, 4);
}

TEST(JunitReporter, NamesSuitesByModuleAndCasesByCode) {
  const auto elements = parse_or_fail(render_junit(testing::sample_run_result()));
  std::vector<std::string> suites, cases, classes;
  for (const auto& e : elements) {
    if (e.name == "testsuite") suites.push_back(e.attributes.at("name"));
    if (e.name == "testcase") {
      cases.push_back(e.attributes.at("name"));
      classes.push_back(e.attributes.at("classname"));
    }
  }
  EXPECT_EQ(suites, (std::vector<std::string>{"110 system", "212 bucket", "214 operator"}));
  EXPECT_EQ(cases, (std::vector<std::string>{"11001 token-missing", "21201 bucket-create-exists",
                                             "21205 bucket-cdn-required",
                                             "21402 operator-create-duplicate"}));
  EXPECT_EQ(classes[3], "errcontract.operator");
}

// fuzz-api's cases for unknown paths name no code: a suite and class of their own.
TEST(JunitReporter, CasesWithNoCodeAreASuiteOfTheirOwn) {
  RunResult run = testing::sample_run_result();
  run.cases[0].code.clear();
  run.cases[0].module.clear();
  run.cases[0].module_name.clear();
  std::map<std::string, std::string> class_of;
  std::vector<std::string> suites;
  for (const auto& e : parse_or_fail(render_junit(run))) {
    if (e.name == "testsuite") suites.push_back(e.attributes.at("name"));
    if (e.name == "testcase") class_of[e.attributes.at("name")] = e.attributes.at("classname");
  }
  EXPECT_EQ(suites.back(), "no code");
  EXPECT_EQ(class_of.at("token-missing"), "errcontract.no code");
}

TEST(JunitReporter, FailureErrorAndSkippedCarryTypeAndMessage) {
  const auto elements = parse_or_fail(render_junit(testing::sample_run_result()));
  for (const auto& e : elements) {
    if (e.name == "failure") {
      EXPECT_EQ(e.attributes.at("type"), "status.mismatch");
      EXPECT_EQ(e.attributes.at("message"), "status.mismatch expected 409, got 200 (and 2 more)");
    }
    if (e.name == "error") {
      EXPECT_EQ(e.attributes.at("type"), "transport");
      EXPECT_EQ(e.attributes.at("message"), "connection refused");
    }
    if (e.name == "skipped") {
      EXPECT_EQ(e.attributes.at("message"), "fixture cdn_bucket is not provided");
    }
  }
}

TEST(JunitReporter, DisabledChecksAreAPropertyOfEverySuite) {
  RunResult run = testing::sample_run_result();
  EXPECT_EQ(render_junit(run).find("disabled_checks"), std::string::npos);
  run.disabled_checks = {FindingId::kCodeNumeric, FindingId::kStepStatus};
  std::size_t suites = 0, properties = 0;
  for (const XmlElement& e : parse_or_fail(render_junit(run))) {
    suites += e.name == "testsuite" ? 1 : 0;
    if (e.name == "property" && e.attributes.at("name") == "disabled_checks") {
      EXPECT_EQ(e.attributes.at("value"), "code.numeric,step.status");
      ++properties;
    }
  }
  EXPECT_GT(suites, 0u);
  EXPECT_EQ(properties, suites);
}

TEST(JunitReporter, PropertiesNameTargetAndInterrupted) {
  RunResult run = testing::sample_run_result();
  run.interrupted = true;
  const std::string xml = render_junit(run);
  EXPECT_NE(xml.find("<property name=\"target\" value=\"http://127.0.0.1:8080\"/>"),
            std::string::npos);
  EXPECT_NE(xml.find("<property name=\"interrupted\" value=\"true\"/>"), std::string::npos);
}

TEST(JunitReporter, RunIdStopAndFixtureNotesAreProperties) {
  RunResult run = testing::sample_run_result();
  std::string xml = render_junit(run);
  EXPECT_NE(xml.find("<property name=\"run_id\" value=\"r1test\"/>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<property name=\"fixture_note\" value=\"fixture token was rejected by the "
                     "target (401, 11001): expired or revoked?\"/>"),
            std::string::npos)
      << xml;
  EXPECT_EQ(xml.find("stopped_after_failures"), std::string::npos);
  run.stopped_after_failures = 5;
  xml = render_junit(run);
  EXPECT_NE(xml.find("<property name=\"stopped_after_failures\" value=\"5\"/>"), std::string::npos);
}

TEST(JunitReporter, EscapesMarkupAndReplacesForbiddenCharacters) {
  const std::string xml = render_junit(testing::sample_run_result());
  EXPECT_NE(xml.find("&lt;b&gt;\\\"Tom &amp; Jerry\\\"&lt;/b&gt;\\x01\\x1B[31m\"}&#13;"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("caf\xc3\xa9 \\xFF \\xC3( \\xED\\xA0\\x80 \\xEF\\xBF\\xBF end\\x00!"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("charset=\"utf-8\""), std::string::npos) << "quotes in text stay";
}

TEST(JunitReporter, AttributesKeepLineBreaksAsReferences) {
  RunResult run = testing::sample_run_result();
  run.cases[3].reason = "line one\nline \"two\"\ttab & <more>";
  const std::string xml = render_junit(run);
  EXPECT_NE(xml.find("<skipped message=\"line one\\x0Aline &quot;two&quot;\\x09tab &amp; "
                     "&lt;more&gt;\"/>"),
            std::string::npos)
      << xml;
  parse_or_fail(xml);
}

TEST(JunitReporter, CutsLongBodiesInSystemOut) {
  RunResult run = testing::sample_run_result();
  run.cases[0].exchanges[0].response->body = std::string(5000, 'x');
  const std::string xml = render_junit(run);
  EXPECT_NE(xml.find("&lt; " + std::string(4096, 'x') + "\n&lt; [... 4096 of 5000 bytes shown]\n"),
            std::string::npos);
  EXPECT_EQ(xml.find(std::string(4097, 'x')), std::string::npos);
}

TEST(JunitReporter, SaysWhenTheRunnerCutTheBody) {
  const std::string xml = render_junit(testing::sample_run_result());
  EXPECT_NE(xml.find("&lt; [the response body hit the size cap and was cut]"), std::string::npos);
}

TEST(JunitReporter, FailedCaseWithoutFindingsStillHasAFailure) {
  RunResult run = testing::sample_run_result();
  run.cases[1].findings.clear();
  run.cases[1].reason = "setup[0] expected 2xx, got 500";
  const std::string xml = render_junit(run);
  EXPECT_NE(xml.find("<failure message=\"setup[0] expected 2xx, got 500\" type=\"contract\">"),
            std::string::npos)
      << xml;
}

TEST(JunitReporter, ReporterWritesTheFile) {
  testing::ScratchDir dir;
  const auto path = dir.path() / "junit.xml";
  std::ostringstream diagnostics;
  auto reporter = testing::report_for("junit", path.string(), &diagnostics);
  reporter->on_run_end(testing::sample_run_result());
  EXPECT_TRUE(reporter->status().ok()) << reporter->status().message();
  EXPECT_EQ(diagnostics.str(), "");
  EXPECT_EQ(testing::read_file(path), render_junit(testing::sample_run_result()));
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"junit.xml"}) << "no temporary file left";
}

TEST(JunitReporter, UnwritablePathIsReportedNotFatal) {
  testing::ScratchDir dir;
  const std::string path = (dir.path() / "missing-dir" / "junit.xml").string();
  std::ostringstream diagnostics;
  auto reporter = testing::report_for("junit", path, &diagnostics);
  reporter->on_run_end(testing::sample_run_result());
  EXPECT_EQ(reporter->status().code(), StatusCode::kIoError);
  EXPECT_NE(diagnostics.str().find("errcontract: the junit report was not written: " + path),
            std::string::npos)
      << diagnostics.str();
  EXPECT_NE(diagnostics.str().find("No such file or directory"), std::string::npos);
}

}  // namespace
}  // namespace errcontract
