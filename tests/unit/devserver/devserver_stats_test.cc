// Bucket statistics (GET /stats/: 21901-21906) of the reference server: the
// longest range of each unit shown accepted and one second longer refused,
// the calendar months of the day unit, and the broken-backend fixture.
#include <gtest/gtest.h>

#include "devserver_support.h"

namespace errcontract::testing {
namespace {

HttpResponse stats(DevApi& api, const std::string& bucket, const std::string& unit,
                   const std::string& start, const std::string& end,
                   const std::string& token = "token") {
  return api.send(
      "GET", "/stats/",
      {{"bucket_name", bucket}, {"unit", unit}, {"start_time", start}, {"end_time", end}}, token);
}

TEST(DevServerStats, MissingBucketNameIs21906AndUnknownBucket21905) {
  DevApi api;
  api.make_bucket("counted");
  api.make_bucket("theirs-counted", "file", "other_token");
  EXPECT_EQ(outcome(api.send("GET", "/stats/", {})), "21906 400");
  EXPECT_EQ(outcome(api.send("GET", "/stats/", {{"bucket_name", ""}, {"unit", "day"}})),
            "21906 400");
  EXPECT_EQ(outcome(stats(api, "never-made", "day", "2015-09-01", "2015-09-02")), "21905 404");
  EXPECT_EQ(outcome(stats(api, "theirs-counted", "day", "2015-09-01", "2015-09-02")), "21905 404");
  EXPECT_EQ(outcome(stats(api, "counted", "day", "2015-09-01", "2015-09-02")), "ok 200");
}

TEST(DevServerStats, MinutesCoverAtMost24Hours21902) {
  DevApi api;
  api.make_bucket("counted");
  EXPECT_EQ(outcome(stats(api, "counted", "minute", "2015-09-01 00:00:00", "2015-09-02 00:00:00")),
            "ok 200");
  EXPECT_EQ(outcome(stats(api, "counted", "minute", "2015-09-01 00:00:00", "2015-09-02 00:00:01")),
            "21902 400");
  EXPECT_EQ(outcome(stats(api, "counted", "minute", "1441065600", "1441152001")), "21902 400");
  EXPECT_EQ(outcome(stats(api, "counted", "hour", "2015-09-01 00:00:00", "2015-09-02 00:00:01")),
            "ok 200");
}

TEST(DevServerStats, HoursCoverAtMost30Days21903) {
  DevApi api;
  api.make_bucket("counted");
  EXPECT_EQ(outcome(stats(api, "counted", "hour", "2015-09-01", "2015-10-01")), "ok 200");
  EXPECT_EQ(outcome(stats(api, "counted", "hour", "2015-09-01", "2015-10-01 00:00:01")),
            "21903 400");
  // By the day, the same range is allowed: 21904 is about 3 months, not 30 days.
  EXPECT_EQ(outcome(stats(api, "counted", "day", "2015-09-01", "2015-11-15")), "ok 200");
}

TEST(DevServerStats, DaysCoverAtMostThreeCalendarMonths21904) {
  DevApi api;
  api.make_bucket("counted");
  EXPECT_EQ(outcome(stats(api, "counted", "day", "2015-09-01", "2015-12-01")), "ok 200");
  EXPECT_EQ(outcome(stats(api, "counted", "day", "2015-09-01", "2015-12-01T00:00:01")),
            "21904 400");
  // 30 November + 3 months = the last day of February (28 days in 2015, 29 in 2016).
  EXPECT_EQ(outcome(stats(api, "counted", "day", "2014-11-30", "2015-02-28")), "ok 200");
  EXPECT_EQ(outcome(stats(api, "counted", "day", "2014-11-30", "2015-03-01")), "21904 400");
  EXPECT_EQ(outcome(stats(api, "counted", "day", "2015-11-30", "2016-02-29")), "ok 200");
  // The unit defaults to day.
  EXPECT_EQ(
      outcome(api.send(
          "GET", "/stats/",
          {{"bucket_name", "counted"}, {"start_time", "2015-09-01"}, {"end_time", "2015-12-02"}})),
      "21904 400");
}

TEST(DevServerStats, MalformedQueriesAre21201) {
  DevApi api;
  api.make_bucket("counted");
  EXPECT_EQ(outcome(stats(api, "counted", "week", "2015-09-01", "2015-09-02")), "21201 400");
  EXPECT_EQ(outcome(stats(api, "counted", "day", "2015-09-02", "2015-09-01")), "21201 400");
  EXPECT_EQ(outcome(stats(api, "counted", "day", "2015-02-29", "2015-03-01")), "21201 400");
  EXPECT_EQ(outcome(stats(api, "counted", "day", "2015-9-1", "2015-09-02")), "21201 400");
  EXPECT_EQ(outcome(stats(api, "counted", "hour", "2015-09-01 24:00:00", "2015-09-02")),
            "21201 400");
  EXPECT_EQ(outcome(stats(api, "counted", "day", "yesterday", "2015-09-02")), "21201 400");
  EXPECT_EQ(outcome(api.send("GET", "/stats/", {{"bucket_name", "counted"}})), "21201 400");
}

TEST(DevServerStats, ReportsOnePointPerUnit) {
  DevApi api;
  api.make_bucket("counted");
  const HttpResponse r =
      stats(api, "counted", "hour", "2015-09-01 00:30:00", "2015-09-01 02:00:00");
  EXPECT_EQ(r.body,
            R"({"bucket_name":"counted","unit":"hour","start_time":1441067400,)"
            R"("end_time":1441072800,"data":[{"time":1441065600,"bandwidth":0,"reqs":0,"bytes":0},)"
            R"({"time":1441069200,"bandwidth":0,"reqs":0,"bytes":0},)"
            R"({"time":1441072800,"bandwidth":0,"reqs":0,"bytes":0}]})");
}

TEST(DevServerStats, BrokenBackendIs21901AfterTheQueryIsChecked) {
  DevApi api;
  const std::string broken = api.fixture("stats_broken_bucket");
  EXPECT_EQ(outcome(stats(api, broken, "day", "2015-09-01", "2015-09-02")), "21901 500");
  EXPECT_EQ(outcome(stats(api, broken, "minute", "2015-09-01", "2015-09-03")), "21902 400");
  EXPECT_EQ(outcome(stats(api, broken, "day", "2015-09-01", "2015-09-02", "other_token")),
            "21905 404");
}

}  // namespace
}  // namespace errcontract::testing
