#include "errcontract/report_formats.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "report_test_support.h"

namespace errcontract {
namespace {

TEST(ReportFormats, EveryNameAndAliasFindsItsOwnRowAndNoTwoRowsShareOne) {
  std::set<std::string_view> seen;
  for (const ReportFormat& f : report_formats()) {
    EXPECT_EQ(find_report_format(f.name), &f);
    EXPECT_TRUE(seen.insert(f.name).second) << f.name;
    if (!f.alias.empty()) {
      EXPECT_EQ(find_report_format(f.alias), &f);
      EXPECT_TRUE(seen.insert(f.alias).second) << f.alias;
    }
    EXPECT_FALSE(f.description.empty()) << f.name;
  }
  EXPECT_EQ(find_report_format("xml"), nullptr);
  EXPECT_EQ(find_report_format(""), nullptr);
}

TEST(ReportFormats, EveryFormatRendersTheSampleRun) {
  for (const ReportFormat& f : report_formats()) {
    auto text = f.render(testing::sample_run_result());
    ASSERT_TRUE(text.ok()) << f.name << ": " << text.status().message();
    EXPECT_FALSE(text->empty()) << f.name;
  }
}

TEST(ReportFormats, ASpecMakesAReporterNamedAfterTheRowEvenThroughAnAlias) {
  auto made = make_file_reporter("markdown=out.md");
  ASSERT_TRUE(made.ok()) << made.status().message();
  EXPECT_EQ((*made)->format(), "md");
  EXPECT_EQ((*made)->path(), "out.md");
  auto to_stdout = make_file_reporter("json=-");
  ASSERT_TRUE(to_stdout.ok());
  EXPECT_EQ((*to_stdout)->path(), "-");
}

TEST(ReportFormats, AnUnknownFormatOrAMissingPathIsRefusedNamingTheFormats) {
  for (const char* spec : {"xml=a.xml", "junit", "junit=", "=a.json", ""}) {
    auto made = make_file_reporter(spec);
    ASSERT_FALSE(made.ok()) << spec;
    EXPECT_EQ(made.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(made.status().message().find(report_format_names()), std::string::npos)
        << made.status().message();
  }
  EXPECT_NE(make_file_reporter("xml=a.xml").status().message().find("\"xml\""), std::string::npos);
}

}  // namespace
}  // namespace errcontract
