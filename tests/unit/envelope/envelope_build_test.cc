#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "errcontract/envelope.h"

namespace errcontract {
namespace {

std::string ids(const EnvelopeParse& parse) {
  std::string out;
  for (const Finding& f : parse.findings) out += describe(f) + "\n";
  return out;
}

TEST(EnvelopeBuild, WritesTheCompactEnvelope) {
  EXPECT_EQ(
      build_envelope_raw("21402", "PUT /operators/", "Operator already exists."),
      R"({"error_code":"21402","request":"PUT /operators/","message":"Operator already exists."})");
}

TEST(EnvelopeBuild, BuildsFromTheCatalogWithTheRequestEcho) {
  const Catalog& catalog = Catalog::builtin();
  const CodeEntry* entry = catalog.find("21402");
  ASSERT_NE(entry, nullptr);
  const std::string body = build_envelope(catalog, "21402", "PUT", "/operators/?x=1");
  EXPECT_EQ(body, "{\"error_code\":\"21402\",\"request\":\"PUT /operators/\",\"message\":\"" +
                      entry->canonical_message() + "\"}");
}

TEST(EnvelopeBuild, UsesAFixedMessageForACodeNotInTheCatalog) {
  EXPECT_EQ(build_envelope(Catalog::builtin(), "29999", "GET", "/x"),
            R"({"error_code":"29999","request":"GET /x","message":"Undocumented error."})");
}

TEST(EnvelopeBuild, EscapesQuotesBackslashesAndControlCharacters) {
  const std::string message("q\"b\\n\n\t\x01\x1F\x7F/\0end", 15);
  const std::string body = build_envelope_raw("21402", "PUT /x", message);
  EXPECT_EQ(body,
            "{\"error_code\":\"21402\",\"request\":\"PUT /x\",\"message\":"
            "\"q\\\"b\\\\n\\u000A\\u0009\\u0001\\u001F\x7F/\\u0000end\"}");
  const EnvelopeParse parse = parse_envelope(body);
  ASSERT_TRUE(parse.ok()) << ids(parse);
  EXPECT_EQ(parse.envelope->message, message);
}

TEST(EnvelopeBuild, ReplacesInvalidUtf8WithReplacementCharacter) {
  // C3 28: a lead byte cut short; ED A0 80: an encoded surrogate; FF: never valid;
  // F0 9F 98: a truncated 4-byte sequence (one U+FFFD for the whole subpart).
  const std::string message =
      "a\xC3(b\xED\xA0\x80"
      "c\xFF"
      "d\xF0\x9F\x98";
  const std::string body = build_envelope_raw("21402", "PUT /x", message);
  const EnvelopeParse parse = parse_envelope(body);
  ASSERT_TRUE(parse.ok()) << ids(parse) << body;
  EXPECT_EQ(parse.envelope->message,
            "a\xEF\xBF\xBD(b\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
            "c\xEF\xBF\xBD"
            "d\xEF\xBF\xBD");
}

TEST(EnvelopeBuild, KeepsValidUtf8AsIs) {
  const std::string message = "\xE7\xA9\xBA\xE9\x97\xB4 \xF0\x9F\x98\x80 \xC3\xA9";
  const std::string body = build_envelope_raw("21402", "PUT /x", message);
  EXPECT_NE(body.find(message), std::string::npos);
  const EnvelopeParse parse = parse_envelope(body);
  ASSERT_TRUE(parse.ok()) << ids(parse);
  EXPECT_EQ(parse.envelope->message, message);
}

TEST(EnvelopeBuild, AnyInputBytesGiveAnEnvelopeThatParses) {
  // Every single byte, and every pair of bytes around the tricky lead bytes,
  // in all three fields.
  for (int b = 0; b < 256; ++b) {
    const std::string one(1, static_cast<char>(b));
    for (int c : {0x00, 0x22, 0x5C, 0x80, 0xA0, 0xBF, 0xC0, 0xE0, 0xED, 0xF4, 0xFF}) {
      const std::string two = one + static_cast<char>(c);
      const std::string body = build_envelope_raw(two, two, two);
      const EnvelopeParse parse = parse_envelope(body);
      ASSERT_TRUE(parse.envelope.has_value()) << b << " " << c << ": " << ids(parse);
      for (const Finding& f : parse.findings) {
        const std::string_view id = to_string(f.id);
        EXPECT_EQ(id.starts_with("body.") || id.starts_with("envelope."), false)
            << b << " " << c << ": " << describe(f);
      }
    }
  }
}

TEST(EnvelopeBuild, RoundTripsEveryCatalogCode) {
  const Catalog& catalog = Catalog::builtin();
  ASSERT_GE(catalog.entries().size(), 144u);
  for (const CodeEntry& entry : catalog.entries()) {
    const std::string body = build_envelope(catalog, entry.code, "PUT", "/operators/?x=1");
    const EnvelopeParse parse = parse_envelope(body);
    ASSERT_TRUE(parse.ok()) << entry.code << ": " << ids(parse);
    EXPECT_TRUE(parse.findings.empty()) << entry.code << ": " << ids(parse);
    EXPECT_EQ(parse.envelope->error_code, entry.code);
    EXPECT_EQ(parse.envelope->request, "PUT /operators/");
    EXPECT_EQ(parse.envelope->message, entry.canonical_message());

    Expectation expect;
    expect.code = entry.code;
    expect.method = "PUT";
    expect.path = "/operators/";
    const auto findings = check_envelope(*parse.envelope, catalog, expect);
    EXPECT_TRUE(findings.empty()) << entry.code << ": "
                                  << (findings.empty() ? "" : describe(findings[0]));
  }
}

// A lone continuation byte 0x80 right after ASCII is ill-formed UTF-8, not
// U+0080: it becomes U+FFFD like any other ill-formed byte.
TEST(EnvelopeBuild, ALone0x80IsReplacedNotEscaped) {
  const std::string body = build_envelope_raw("21402", "PUT /x", "a\x80z");
  EXPECT_EQ(body.find("\\u0080"), std::string::npos) << body;
  const EnvelopeParse parse = parse_envelope(body);
  ASSERT_TRUE(parse.ok()) << ids(parse) << body;
  EXPECT_EQ(parse.envelope->message, "a\xEF\xBF\xBDz");
}

// Only the bytes of the view are read: a non-ASCII run at its end stops there
// even when the byte after it, outside the view, continues the sequence.
TEST(EnvelopeBuild, ReadsOnlyTheBytesOfItsViews) {
  const std::string buffer = "a\xC3\xA9";
  const std::string body =
      build_envelope_raw("21402", "PUT /x", std::string_view(buffer).substr(0, 2));
  const EnvelopeParse parse = parse_envelope(body);
  ASSERT_TRUE(parse.ok()) << ids(parse) << body;
  EXPECT_EQ(parse.envelope->message, "a\xEF\xBF\xBD");
}

}  // namespace
}  // namespace errcontract
