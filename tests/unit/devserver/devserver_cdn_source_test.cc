// Multi-origin configuration (POST /v2/buckets/cdn/source/: 21612-21619) of
// the reference server: each field of a server shown failing just past its
// bound and passing at it, the route groups, and the body's shape.
#include <gtest/gtest.h>

#include "devserver_support.h"

namespace errcontract::testing {
namespace {

class SourceApi : public DevApi {
 public:
  SourceApi() { make_bucket("origin", "ucdn"); }

  // The body with `cdn` as its "cdn" member.
  HttpResponse set(const std::string& cdn, const std::string& bucket = "origin") {
    return send_body("POST", "/v2/buckets/cdn/source/", "application/json",
                     R"({"bucket_name":")" + bucket + R"(","cdn":)" + cdn + "}");
  }
  // One server in cdn.servers with `fields` after its host.
  HttpResponse server(const std::string& fields, const std::string& host = "1.1.1.1") {
    return set(R"({"servers":[{"host":")" + host + "\"" + fields + "}]}");
  }
};

TEST(DevServerCdnSource, StoresTheConfigurationAndCountsAsOriginSet) {
  SourceApi api;
  ASSERT_EQ(outcome(api.send("PUT", "/buckets/domains/",
                             {{"bucket_name", "origin"}, {"domain", "dyn.example.com"}})),
            "21240 403");
  EXPECT_EQ(outcome(api.send_body(
                "POST", "/v2/buckets/cdn/source/", "application/json",
                R"({"bucket_name":"origin","domain":"www.example.com","source_type":"https",)"
                R"("cdn":{"servers":[{"host":"1.1.1.1","port":443,"weight":2,"max_fails":3,)"
                R"("fail_timeout":30},{"host":"https://o.example.com","backup":true}],)"
                R"("ctn":{"servers":[{"host":"2.2.2.2"}]},"accept_ranges":true}})")),
            "ok 200");
  const HttpResponse got = api.send("GET", "/v2/buckets/cdn/source/", {{"bucket_name", "origin"}});
  EXPECT_EQ(got.body,
            R"({"configured":true,"domain":"www.example.com","source_type":"https","cdn":{)"
            R"("ctn":{"servers":[{"host":"2.2.2.2","port":80,"weight":1,"max_fails":3,)"
            R"("fail_timeout":30,"backup":false}]},"servers":[{"host":"1.1.1.1","port":443,)"
            R"("weight":2,"max_fails":3,"fail_timeout":30,"backup":false},{"host":)"
            R"("https://o.example.com","port":80,"weight":1,"max_fails":3,"fail_timeout":30,)"
            R"("backup":true}]}})");
  EXPECT_EQ(outcome(api.send("PUT", "/buckets/domains/",
                             {{"bucket_name", "origin"}, {"domain", "dyn.example.com"}})),
            "ok 200");
}

TEST(DevServerCdnSource, UnknownRouteGroupIs21612) {
  SourceApi api;
  for (const char* group : {"ctn", "cun", "cmn", "bgp", "other", "abroad"}) {
    EXPECT_EQ(
        outcome(api.set(std::string("{\"") + group + R"(":{"servers":[{"host":"1.1.1.1"}]}})")),
        "ok 200")
        << group;
  }
  EXPECT_EQ(outcome(api.set(R"({"telecom":{"servers":[{"host":"1.1.1.1"}]}})")), "21612 400");
  EXPECT_EQ(outcome(api.server(R"(,"force_isp":"cun")")), "ok 200");
  EXPECT_EQ(outcome(api.server(R"(,"force_isp":"cnc")")), "21612 400");
}

TEST(DevServerCdnSource, HostMustBeIpv4OrHttpUrl21613) {
  SourceApi api;
  for (const char* good :
       {"1.1.1.1", "http://o.example.com", "https://1.2.3.4", "HTTP://O.example.com/"}) {
    EXPECT_EQ(outcome(api.server("", good)), "ok 200") << good;
  }
  for (const char* bad : {"o.example.com", "999.1.1.1", "::1", "ftp://o.example.com",
                          "http://o.example.com/path", "http://", ""}) {
    EXPECT_EQ(outcome(api.server("", bad)), "21613 400") << bad;
  }
  EXPECT_EQ(outcome(api.set(R"({"servers":[{"port":80}]})")), "21613 400");
  EXPECT_EQ(outcome(api.set(R"({"servers":[{"host":1}]})")), "21613 400");
}

// port 21614 (1-65535), weight 21615 (1-100), max_fails 21616 (0-10),
// fail_timeout 21617 (1-300 s): each accepted at its bounds, refused one past.
TEST(DevServerCdnSource, NumericFieldsFailJustPastTheirBounds) {
  struct Bound {
    const char* field;
    int min;
    int max;
    const char* code;
  };
  SourceApi api;
  for (const Bound& b :
       {Bound{"port", 1, 65535, "21614 400"}, Bound{"weight", 1, 100, "21615 400"},
        Bound{"max_fails", 0, 10, "21616 400"}, Bound{"fail_timeout", 1, 300, "21617 400"}}) {
    auto with = [&](const std::string& value) {
      return outcome(api.server(",\"" + std::string(b.field) + "\":" + value));
    };
    EXPECT_EQ(with(std::to_string(b.min)), "ok 200") << b.field;
    EXPECT_EQ(with(std::to_string(b.max)), "ok 200") << b.field;
    EXPECT_EQ(with(std::to_string(b.min - 1)), b.code) << b.field;
    EXPECT_EQ(with(std::to_string(b.max + 1)), b.code) << b.field;
    EXPECT_EQ(with("\"" + std::to_string(b.min) + "\""), b.code) << b.field;  // a string
    EXPECT_EQ(with(std::to_string(b.min) + ".5"), b.code) << b.field;
  }
}

TEST(DevServerCdnSource, BackupIsABooleanAndAGroupNeedsAPrimary21618) {
  SourceApi api;
  EXPECT_EQ(outcome(api.server(R"(,"backup":false)")), "ok 200");
  EXPECT_EQ(outcome(api.server(R"(,"backup":"yes")")), "21618 400");
  EXPECT_EQ(outcome(api.server(R"(,"backup":1)")), "21618 400");
  EXPECT_EQ(outcome(api.server(R"(,"backup":true)")), "21618 400");
  EXPECT_EQ(
      outcome(api.set(R"({"servers":[{"host":"1.1.1.1","backup":true},{"host":"2.2.2.2"}]})")),
      "ok 200");
}

TEST(DevServerCdnSource, FieldsAreCheckedInTableOrder) {
  SourceApi api;
  EXPECT_EQ(outcome(api.server(R"(,"port":0,"weight":0,"max_fails":99,"backup":2)", "bad host")),
            "21613 400");
  EXPECT_EQ(outcome(api.server(R"(,"port":0,"weight":0,"max_fails":99,"backup":2)")), "21614 400");
  EXPECT_EQ(outcome(api.server(R"(,"weight":0,"max_fails":99,"backup":2)")), "21615 400");
  EXPECT_EQ(outcome(api.server(R"(,"max_fails":99,"fail_timeout":0,"backup":2)")), "21616 400");
  EXPECT_EQ(outcome(api.server(R"(,"fail_timeout":0,"backup":2)")), "21617 400");
}

TEST(DevServerCdnSource, MalformedBodyIs21619) {
  SourceApi api;
  EXPECT_EQ(outcome(api.send("POST", "/v2/buckets/cdn/source/", {{"bucket_name", "origin"}})),
            "21619 400");  // a form body carries no servers
  EXPECT_EQ(outcome(api.send_body("POST", "/v2/buckets/cdn/source/", "application/json",
                                  R"({"bucket_name":"origin"})")),
            "21619 400");
  EXPECT_EQ(outcome(api.send_body("POST", "/v2/buckets/cdn/source/", "application/json",
                                  R"({"bucket_name":"origin","cdn":{"servers":[{"host":)")),
            "21619 400");
  EXPECT_EQ(outcome(api.set("[]")), "21619 400");
  EXPECT_EQ(outcome(api.set("{}")), "21619 400");
  EXPECT_EQ(outcome(api.set(R"({"servers":[]})")), "21619 400");
  EXPECT_EQ(outcome(api.set(R"({"servers":{"host":"1.1.1.1"}})")), "21619 400");
  EXPECT_EQ(outcome(api.set(R"({"servers":["1.1.1.1"]})")), "21619 400");
  EXPECT_EQ(outcome(api.set(R"({"ctn":[{"host":"1.1.1.1"}]})")), "21619 400");
  EXPECT_EQ(outcome(api.set(R"({"ctn":{}})")), "21619 400");
  EXPECT_EQ(outcome(api.set(R"({"servers":[{"host":"1.1.1.1"}],"accept_ranges":"on"})")),
            "21619 400");
  std::string servers;
  for (int i = 0; i < 33; ++i) servers += std::string(i ? "," : "") + R"({"host":"1.1.1.1"})";
  EXPECT_EQ(outcome(api.set(R"({"servers":[)" + servers + "]}")), "21619 400");
  servers.resize(servers.rfind(','));
  EXPECT_EQ(outcome(api.set(R"({"servers":[)" + servers + "]}")), "ok 200");
  EXPECT_EQ(outcome(api.send_body("POST", "/v2/buckets/cdn/source/", "application/json",
                                  R"({"bucket_name":"origin","source_type":"ftp",)"
                                  R"("cdn":{"servers":[{"host":"1.1.1.1"}]}})")),
            "21619 400");
  EXPECT_EQ(outcome(api.send_body("POST", "/v2/buckets/cdn/source/", "application/json",
                                  R"({"bucket_name":"origin","domain":"not a domain",)"
                                  R"("cdn":{"servers":[{"host":"1.1.1.1"}]}})")),
            "21619 400");
  EXPECT_EQ(outcome(api.send_body("POST", "/v2/buckets/cdn/source/", "application/json",
                                  R"({"cdn":{"servers":[{"host":"1.1.1.1"}]}})")),
            "21619 400");
}

TEST(DevServerCdnSource, BucketsAreTheCallersCdnBuckets) {
  SourceApi api;
  api.make_bucket("origin-file", "file");
  api.make_bucket("origin-static", "cdn");
  EXPECT_EQ(outcome(api.server("")), "ok 200");
  EXPECT_EQ(outcome(api.set(R"({"servers":[{"host":"1.1.1.1"}]})", "origin-static")), "ok 200");
  EXPECT_EQ(outcome(api.set(R"({"servers":[{"host":"1.1.1.1"}]})", "origin-file")), "21207 403");
  EXPECT_EQ(outcome(api.set(R"({"servers":[{"host":"1.1.1.1"}]})", "origin-none")), "21203 404");
  EXPECT_EQ(outcome(api.send("GET", "/v2/buckets/cdn/source/", {{"bucket_name", "origin-file"}})),
            "21207 403");
}

}  // namespace
}  // namespace errcontract::testing
