// Thumbnail, watermark and anti-hotlinking rules of the reference server
// (21207, 21209, 21215-21225, 21229, 21236-21239).
#include <gtest/gtest.h>

#include "devserver_support.h"

namespace errcontract::testing {
namespace {

std::string joined(const std::string& item, int count, const std::string& separator = ",") {
  std::string out;
  for (int i = 0; i < count; ++i) out += (i ? separator : "") + item;
  return out;
}

TEST(DevServerThumbnails, ThirtyFirstVersionIs21217) {
  DevApi api;
  api.make_bucket("thumbs", "image");
  for (int i = 0; i < 30; ++i) {
    EXPECT_EQ(
        outcome(api.send("PUT", "/buckets/thumbnails/",
                         {{"bucket_name", "thumbs"}, {"thumb_name", "v" + std::to_string(i)}})),
        "ok 201");
  }
  EXPECT_EQ(outcome(api.send("PUT", "/buckets/thumbnails/",
                             {{"bucket_name", "thumbs"}, {"thumb_name", "v30"}})),
            "21217 403");
}

TEST(DevServerThumbnails, DuplicateAndUnknownVersions) {
  DevApi api;
  api.make_bucket("versions", "file");
  const Form small = {{"bucket_name", "versions"}, {"thumb_name", "small"}, {"width", "120"}};
  EXPECT_EQ(outcome(api.send("PUT", "/buckets/thumbnails/", small)), "ok 201");
  EXPECT_EQ(outcome(api.send("PUT", "/buckets/thumbnails/", small)), "21218 409");
  EXPECT_EQ(outcome(api.send("POST", "/buckets/thumbnails/",
                             {{"bucket_name", "versions"}, {"thumb_name", "large"}})),
            "21219 404");
  EXPECT_EQ(outcome(api.send("DELETE", "/buckets/thumbnails/",
                             {{"bucket_name", "versions"}, {"thumb_name", "large"}})),
            "21219 404");
  EXPECT_EQ(outcome(api.send("PUT", "/buckets/thumbnails/",
                             {{"bucket_name", "versions"}, {"thumb_name", "q"}, {"quality", "0"}})),
            "21201 400");
}

TEST(DevServerThumbnails, CdnBucketsHaveNone21209) {
  DevApi api;
  api.make_bucket("edge-thumbs", "cdn");
  EXPECT_EQ(outcome(api.send("PUT", "/buckets/thumbnails/",
                             {{"bucket_name", "edge-thumbs"}, {"thumb_name", "small"}})),
            "21209 403");
}

constexpr const char* kBoundary = "XyZ";

std::string file_part(const std::string& name, const std::string& content_type,
                      const std::string& data) {
  return std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"file\"; " +
         "filename=\"" + name + "\"\r\nContent-Type: " + content_type + "\r\n\r\n" + data + "\r\n";
}

std::string field_part(const std::string& name, const std::string& value) {
  return std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + name +
         "\"\r\n\r\n" + value + "\r\n";
}

HttpResponse upload(DevApi& api, const std::string& parts) {
  return api.send_body("POST", "/buckets/watermark/",
                       std::string("multipart/form-data; boundary=") + kBoundary,
                       parts + "--" + kBoundary + "--\r\n");
}

const std::string kGif = "GIF89a" + std::string(32, '\x01');

TEST(DevServerWatermark, OneFileOnly21215) {
  DevApi api;
  api.make_bucket("marks", "image");
  EXPECT_EQ(outcome(upload(api, field_part("bucket_name", "marks") +
                                    file_part("a.gif", "image/gif", kGif) +
                                    file_part("b.gif", "image/gif", kGif))),
            "21215 400");
}

TEST(DevServerWatermark, SixtyKilobytesAtMost21216) {
  DevApi api;
  api.make_bucket("marks", "image");
  const std::string fits = "GIF89a" + std::string(60 * 1024 - 6, 'a');
  EXPECT_EQ(outcome(upload(
                api, field_part("bucket_name", "marks") + file_part("a.gif", "image/gif", fits))),
            "ok 200");
  EXPECT_EQ(outcome(upload(api, field_part("bucket_name", "marks") +
                                    file_part("a.gif", "image/gif", fits + "a"))),
            "21216 400");
}

TEST(DevServerWatermark, ImagesOnly21234) {
  DevApi api;
  api.make_bucket("marks", "image");
  EXPECT_EQ(outcome(upload(api, field_part("bucket_name", "marks") +
                                    file_part("a.gif", "image/gif", "plain text, not a picture"))),
            "21234 400");
}

TEST(DevServerWatermark, EnablingNeedsAFile21224) {
  DevApi api;
  api.make_bucket("marks", "image");
  EXPECT_EQ(outcome(api.send("POST", "/buckets/watermark/",
                             {{"bucket_name", "marks"}, {"watermark_enable", "true"}})),
            "21224 400");
  EXPECT_EQ(outcome(upload(api, field_part("bucket_name", "marks") +
                                    field_part("watermark_enable", "true") +
                                    file_part("a.gif", "image/gif", kGif))),
            "ok 200");
  // The stored file now satisfies a later switch without an upload.
  EXPECT_EQ(outcome(api.send("POST", "/buckets/watermark/",
                             {{"bucket_name", "marks"}, {"watermark_enable", "true"}})),
            "ok 200");
}

TEST(DevServerWatermark, MalformedMultipartIs21201) {
  DevApi api;
  api.make_bucket("marks", "image");
  EXPECT_EQ(outcome(api.send_body("POST", "/buckets/watermark/", "multipart/form-data",
                                  field_part("bucket_name", "marks"))),
            "21201 400");
  EXPECT_EQ(
      outcome(api.send_body("POST", "/buckets/watermark/", "multipart/form-data; boundary=XyZ",
                            field_part("bucket_name", "marks"))),
      "21201 400");
}

Form list(const std::string& bucket, const std::string& name, const std::string& value) {
  return {{"bucket_name", bucket}, {name, value}};
}

TEST(DevServerAntiLeech, FileBucketsGet21207AndUcdnBuckets21609) {
  DevApi api;
  api.make_bucket("leech-file", "file");
  api.make_bucket("leech-dyn", "ucdn");
  api.make_bucket("leech-pic", "image");
  EXPECT_EQ(outcome(api.send("POST", "/buckets/antileech/ip/", list("leech-file", "ips", ""))),
            "21207 403");
  EXPECT_EQ(outcome(api.send("POST", "/buckets/antileech/ip/", list("leech-dyn", "ips", ""))),
            "21609 403");
  EXPECT_EQ(outcome(api.send("POST", "/buckets/antileech/ip/", list("leech-pic", "ips", ""))),
            "ok 200");
}

TEST(DevServerAntiLeech, IpListRules) {
  DevApi api;
  api.make_bucket("leech", "cdn");
  auto ips = [&](const std::string& value) {
    return api.send("POST", "/buckets/antileech/ip/", list("leech", "ips", value));
  };
  EXPECT_EQ(outcome(ips(joined("10.0.0.1", 50))), "ok 200");
  EXPECT_EQ(outcome(ips(joined("10.0.0.1", 51))), "21220 400");
  const std::string long_v6 = "2001:0db8:0000:0000:0000:ff00:0042:8329";  // 39 characters
  EXPECT_EQ(outcome(ips(joined(long_v6, 26, "\n"))), "21238 400");        // 26*39+25 = 1039
  EXPECT_EQ(outcome(ips(joined(long_v6, 25, "\n"))), "ok 200");           // 1024
  EXPECT_EQ(outcome(ips(long_v6 + "0")), "21237 400");
  HttpResponse bad = ips("1.2.3.4, 999.1.1.1");
  EXPECT_EQ(outcome(bad), "21221 400");
  EXPECT_EQ(envelope_of(bad).message, "invalid ip:999.1.1.1");
}

TEST(DevServerAntiLeech, UserAgentRules) {
  DevApi api;
  api.make_bucket("leech", "image");
  auto agents = [&](const std::string& value) {
    return api.send("POST", "/buckets/antileech/useragent/", list("leech", "user_agents", value));
  };
  EXPECT_EQ(outcome(agents(joined("Bot/1.0", 51, "\n"))), "21222 400");
  EXPECT_EQ(outcome(agents(joined(std::string(100, 'A'), 11, "\n"))), "21239 400");
  HttpResponse bad = agents(
      "Good/1.0\nBad\x01"
      "Agent");
  EXPECT_EQ(outcome(bad), "21223 400");
  EXPECT_EQ(envelope_of(bad).message,
            "invalid userAgent:Bad\x01"
            "Agent");
  EXPECT_EQ(outcome(agents("Mozilla/5.0 (X11; Linux x86_64)\nBot/1.0")), "ok 200");
}

TEST(DevServerAntiLeech, DomainListRules) {
  DevApi api;
  api.make_bucket("leech", "image");
  auto domains = [&](const std::string& value) {
    return api.send("POST", "/buckets/antileech/domain/", list("leech", "domains", value));
  };
  EXPECT_EQ(outcome(domains(joined("ok.example.com", 51))), "21229 400");
  EXPECT_EQ(outcome(domains(std::string(47, 'a') + ".com")), "21236 400");  // 51 characters
  HttpResponse bad = domains("ok.example.com,bad_domain!");
  EXPECT_EQ(outcome(bad), "21225 400");
  EXPECT_EQ(envelope_of(bad).message, "invalid domain:bad_domain!");
  EXPECT_EQ(outcome(domains("*.example.com,example.org")), "ok 200");
  HttpResponse got = api.send("GET", "/buckets/antileech/", {{"bucket_name", "leech"}});
  EXPECT_NE(got.body.find(R"("domains":["*.example.com","example.org"])"), std::string::npos)
      << got.body;
}

TEST(DevServerAntiLeech, ModeIsValidated) {
  DevApi api;
  api.make_bucket("leech", "image");
  EXPECT_EQ(outcome(api.send("POST", "/buckets/antileech/ip/",
                             {{"bucket_name", "leech"}, {"ips", "1.1.1.1"}, {"mode", "greylist"}})),
            "21201 400");
}

}  // namespace
}  // namespace errcontract::testing
