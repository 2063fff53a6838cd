// The fuzz reports of a real fuzzing run (the reference server in process,
// broken on purpose): the fault's violation in every format, and no fixture
// value (the server's random tokens and names) in any of them.
#include <gtest/gtest.h>

#include <string>

#include "errcontract/fuzz_report.h"
#include "errcontract/reference_server.h"
#include "errcontract/report_formats.h"

namespace errcontract {
namespace {

const std::string kCases = std::string(ERRC_SOURCE_DIR) + "/cases";

TEST(FuzzReportOfARealRun, TheViolationIsInEveryFormatAndNoFixtureValueIsAnywhere) {
  auto cases = CaseLibrary::load_dir(kCases, Catalog::builtin());
  auto surface = ApiSurface::load_file(kCases + "/api.json", Catalog::builtin());
  ASSERT_TRUE(cases.ok() && surface.ok());
  ReferenceServer server(Catalog::builtin());
  server.set_fault(FaultMode::kOtherCode, "21203");
  FuzzOptions options;
  options.seed = 7;
  options.max_requests = 600;
  options.allow_destructive = true;
  FuzzReport report;
  report.target = "in process";
  report.codes_documented = Catalog::builtin().documented_count();
  report.result = fuzz_api(
      Catalog::builtin(), *cases, *surface, server.fixtures(),
      [&server] { return make_in_process_transport(server); }, options);
  ASSERT_FALSE(report.result.violations.empty());
  const FuzzViolation& v = report.result.violations.front();
  for (const ReportFormat& format : report_formats()) {
    auto text = format.render_fuzz(report);
    ASSERT_TRUE(text.ok()) << format.name << ": " << text.status().message();
    EXPECT_NE(text->find(v.finding), std::string::npos) << format.name;
    EXPECT_NE(text->find(v.code), std::string::npos) << format.name;
    EXPECT_NE(text->find(std::to_string(v.status)), std::string::npos) << format.name;
    for (const auto& [name, value] : server.fixtures()) {
      if (value.size() < 4) continue;
      EXPECT_EQ(text->find(value), std::string::npos) << format.name << " holds fixture " << name;
    }
  }
}

}  // namespace
}  // namespace errcontract
