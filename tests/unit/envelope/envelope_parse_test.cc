#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>

#include "errcontract/envelope.h"

namespace errcontract {
namespace {

constexpr std::string_view kGood =
    R"({"error_code":"21402","request":"PUT /operators/","message":"Operator already exists."})";

// The table's own example, byte for byte as docs/error-codes.txt shows it.
constexpr std::string_view kTableExample =
    "{\n    \"error_code\": \"21402\",\n    \"request\": 'PUT /operators/',\n"
    "\t\"message\" : \"Operator already exists.\"\n}";

int count(const EnvelopeParse& parse, std::string_view id) {
  int n = 0;
  for (const Finding& f : parse.findings) n += f.id == id ? 1 : 0;
  return n;
}

const Finding* first(const EnvelopeParse& parse, std::string_view id) {
  for (const Finding& f : parse.findings) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

std::string all_ids(const EnvelopeParse& parse) {
  std::string ids;
  for (const Finding& f : parse.findings) ids += describe(f) + "\n";
  return ids;
}

std::string envelope_with(std::string_view code_json, std::string_view request_json,
                          std::string_view message_json) {
  return std::string("{\"error_code\":") + std::string(code_json) +
         ",\"request\":" + std::string(request_json) + ",\"message\":" + std::string(message_json) +
         "}";
}

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

TEST(EnvelopeParse, AcceptsConformingEnvelope) {
  const EnvelopeParse parse = parse_envelope(kGood);
  ASSERT_TRUE(parse.ok()) << all_ids(parse);
  EXPECT_TRUE(parse.findings.empty()) << all_ids(parse);
  EXPECT_EQ(parse.envelope->error_code, "21402");
  EXPECT_EQ(parse.envelope->request, "PUT /operators/");
  EXPECT_EQ(parse.envelope->message, "Operator already exists.");
  EXPECT_FALSE(parse.envelope->code_was_number);
  EXPECT_TRUE(parse.envelope->extra_members.empty());
}

TEST(EnvelopeParse, RejectsTableExampleWithSingleQuotesPointingAtTheQuote) {
  const EnvelopeParse parse = parse_envelope(kTableExample);
  ASSERT_EQ(parse.findings.size(), 1u) << all_ids(parse);
  const Finding& f = parse.findings[0];
  EXPECT_EQ(f.id, "body.not_json");
  const std::size_t quote = kTableExample.find('\'');
  ASSERT_TRUE(f.offset.has_value());
  EXPECT_EQ(*f.offset, quote);
  EXPECT_EQ(f.message, "not JSON at byte " + std::to_string(quote) +
                           " (line 3, column 16): found ''', JSON strings need double quotes "
                           "(RapidJSON: Invalid value.)");
  EXPECT_FALSE(parse.envelope.has_value());
}

TEST(EnvelopeParse, AcceptsTableExampleWithDoubleQuotes) {
  std::string body(kTableExample);
  for (char& c : body) c = c == '\'' ? '"' : c;
  const EnvelopeParse parse = parse_envelope(body);
  ASSERT_TRUE(parse.ok()) << all_ids(parse);
  EXPECT_TRUE(parse.findings.empty());
  EXPECT_EQ(parse.envelope->request, "PUT /operators/");
}

TEST(EnvelopeParse, RejectsEmptyBody) {
  const EnvelopeParse parse = parse_envelope("");
  ASSERT_EQ(parse.findings.size(), 1u);
  EXPECT_EQ(parse.findings[0].id, "body.empty");
  EXPECT_EQ(count(parse_envelope(kGood), "body.empty"), 0);
}

TEST(EnvelopeParse, RejectsWhitespaceOnlyBodyAsEmpty) {
  const EnvelopeParse parse = parse_envelope(" \r\n\t");
  ASSERT_EQ(parse.findings.size(), 1u) << all_ids(parse);
  EXPECT_EQ(parse.findings[0].id, "body.empty");
  EXPECT_EQ(parse.findings[0].message, "the body holds only whitespace");
}

TEST(EnvelopeParse, RejectsOversizedBodyWithoutParsing) {
  ParseOptions options;
  options.max_bytes = 64;
  const std::string body(65, '\'');  // not JSON either: only the size is reported
  const EnvelopeParse parse = parse_envelope(body, options);
  ASSERT_EQ(parse.findings.size(), 1u) << all_ids(parse);
  EXPECT_EQ(parse.findings[0].id, "body.too_large");
  EXPECT_EQ(parse.findings[0].message, "the body is 65 bytes, over the limit of 64");

  options.max_bytes = kGood.size();
  EXPECT_TRUE(parse_envelope(kGood, options).ok());
}

TEST(EnvelopeParse, RejectsMillionDeepNestingWithoutCrashing) {
  const std::string body(1000000, '[');
  const EnvelopeParse parse = parse_envelope(body);
  ASSERT_EQ(parse.findings.size(), 1u) << all_ids(parse);
  const Finding& f = parse.findings[0];
  EXPECT_EQ(f.id, "body.too_deep");
  EXPECT_EQ(f.offset, 32u);  // the 33rd bracket, with the default cap of 32
  EXPECT_EQ(f.message, "nesting deeper than 32 levels at byte 32 (found '[')");
}

TEST(EnvelopeParse, RejectsMillionDeepObjectsWithoutCrashing) {
  std::string body;
  for (int i = 0; i < 1000000; ++i) body += "{\"a\":";
  ParseOptions options;
  options.max_bytes = body.size();
  const EnvelopeParse parse = parse_envelope(body, options);
  ASSERT_EQ(parse.findings.size(), 1u) << all_ids(parse);
  EXPECT_EQ(parse.findings[0].id, "body.too_deep");
  std::string pointer;
  for (int i = 0; i < 32; ++i) pointer += "/a";
  EXPECT_EQ(parse.findings[0].pointer, pointer);
}

TEST(EnvelopeParse, AcceptsNestingAtTheDepthCap) {
  ParseOptions options;
  options.max_depth = 3;
  const std::string ok_body =
      envelope_with(R"("21402")", R"("PUT /x")", R"("m")").insert(1, R"("detail":[{"k":1}],)");
  const EnvelopeParse ok = parse_envelope(ok_body, options);
  EXPECT_EQ(count(ok, "body.too_deep"), 0) << all_ids(ok);
  EXPECT_TRUE(ok.ok()) << all_ids(ok);

  const std::string deep_body =
      envelope_with(R"("21402")", R"("PUT /x")", R"("m")").insert(1, R"("detail":[{"k":[]}],)");
  const EnvelopeParse deep = parse_envelope(deep_body, options);
  ASSERT_EQ(count(deep, "body.too_deep"), 1) << all_ids(deep);
  EXPECT_EQ(first(deep, "body.too_deep")->pointer, "/detail/0/k");
}

TEST(EnvelopeParse, RejectsDuplicateKeyAtRootKeepingTheFirstValue) {
  const std::string body =
      R"({"error_code":"21402","request":"PUT /x","message":"first","message":"second"})";
  const EnvelopeParse parse = parse_envelope(body);
  ASSERT_EQ(count(parse, "body.duplicate_key"), 1) << all_ids(parse);
  const Finding* f = first(parse, "body.duplicate_key");
  EXPECT_EQ(f->offset, body.rfind("\"message\""));
  EXPECT_EQ(f->pointer, "/message");
  EXPECT_EQ(f->message,
            "duplicate member name \"message\" at byte 59 in the root object (first "
            "at byte 41)");
  ASSERT_TRUE(parse.envelope.has_value());  // later checks still run
  EXPECT_EQ(parse.envelope->message, "first");
  EXPECT_FALSE(parse.ok());
}

TEST(EnvelopeParse, RejectsDuplicateKeyNested) {
  const std::string body = envelope_with(R"("21402")", R"("PUT /x")", R"("m")")
                               .insert(1, R"("detail":[1,{"b":[{"c":0,"c":1}]}],)");
  const EnvelopeParse parse = parse_envelope(body);
  ASSERT_EQ(count(parse, "body.duplicate_key"), 1) << all_ids(parse);
  const Finding* f = first(parse, "body.duplicate_key");
  EXPECT_EQ(f->pointer, "/detail/1/b/0/c");
  EXPECT_EQ(f->offset, body.find("\"c\":1"));
  EXPECT_TRUE(contains(f->message, "in the object at /detail/1/b/0")) << f->message;
}

TEST(EnvelopeParse, AcceptsSameKeyInSiblingObjects) {
  const std::string body = envelope_with(R"("21402")", R"("PUT /x")", R"("m")")
                               .insert(1, R"("detail":[{"c":0},{"c":1}],"more":{"c":{"c":2}},)");
  EXPECT_EQ(count(parse_envelope(body), "body.duplicate_key"), 0);
}

// Names are compared byte for byte, the first byte included: "Message" is
// neither "message" nor a duplicate of it.
TEST(EnvelopeParse, NamesDifferingOnlyInTheFirstByteAreDifferent) {
  const std::string body =
      envelope_with(R"("21402")", R"("PUT /x")", R"("m")").insert(1, R"("Message":"x",)");
  const EnvelopeParse parse = parse_envelope(body);
  ASSERT_EQ(parse.findings.size(), 1u) << all_ids(parse);
  EXPECT_EQ(parse.findings[0].id, "envelope.extra_member");
  ASSERT_TRUE(parse.envelope.has_value());
  EXPECT_EQ(parse.envelope->message, "m");
}

TEST(EnvelopeParse, ADuplicateEmptyNameIsFoundAtItsQuote) {
  const std::string body =
      envelope_with(R"("21402")", R"("PUT /x")", R"("m")").insert(1, R"("":0,"":1,)");
  const EnvelopeParse parse = parse_envelope(body);
  const Finding* f = first(parse, "body.duplicate_key");
  ASSERT_NE(f, nullptr) << all_ids(parse);
  EXPECT_EQ(f->offset, 6u);
  EXPECT_TRUE(contains(f->message, "at byte 6 in the root object (first at byte 1)")) << f->message;
}

TEST(EnvelopeParse, RejectsDuplicateKeyInLargeObject) {
  std::string members;
  for (int i = 0; i < 40; ++i)
    members += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  members += "\"k7\":0,";
  const std::string body = envelope_with(R"("21402")", R"("PUT /x")", R"("m")")
                               .insert(1, "\"detail\":{" + members + "\"end\":0},");
  const EnvelopeParse parse = parse_envelope(body);
  ASSERT_EQ(count(parse, "body.duplicate_key"), 1) << all_ids(parse);
  EXPECT_EQ(first(parse, "body.duplicate_key")->pointer, "/detail/k7");
}

// Past 16 names the reader looks names up in an index: every earlier name is
// in it, the first, the 17th (the one that switched it on), the 18th (the
// first added one by one) and the last included.
TEST(EnvelopeParse, FindsADuplicateOfAnyEarlierNameOnceIndexed) {
  const std::pair<int, int> names_and_duplicate[] = {{17, 0},  {17, 15}, {17, 16}, {40, 0},
                                                     {40, 16}, {40, 17}, {40, 39}};
  for (const auto& [names, dup] : names_and_duplicate) {
    std::string members;
    for (int i = 0; i < names; ++i) members += "\"k" + std::to_string(i) + "\":0,";
    members += "\"k" + std::to_string(dup) + "\":1,";
    const std::string body = envelope_with(R"("21402")", R"("PUT /x")", R"("m")")
                                 .insert(1, "\"detail\":{" + members + "\"end\":0},");
    const EnvelopeParse parse = parse_envelope(body);
    ASSERT_EQ(count(parse, "body.duplicate_key"), 1) << names << " " << dup << all_ids(parse);
    const Finding* f = first(parse, "body.duplicate_key");
    EXPECT_EQ(f->pointer, "/detail/k" + std::to_string(dup));
    const std::size_t first_at = body.find("\"k" + std::to_string(dup) + "\":");
    EXPECT_TRUE(contains(f->message, "(first at byte " + std::to_string(first_at) + ")"))
        << f->message;
  }
}

TEST(EnvelopeParse, CallsDoNotShareState) {
  // The reader keeps scratch memory per thread: a call must not see the names
  // of an earlier body, whether that body was small, large or aborted.
  std::string many;
  for (int i = 0; i < 40; ++i) many += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  const std::string base = envelope_with(R"("21402")", R"("PUT /x")", R"("m")");
  const std::string big = std::string(base).insert(1, "\"d\":{" + many + "\"z\":0},");
  const std::string huge =
      std::string(base).insert(1, "\"p\":\"" + std::string(100000, 'x') + "\",");
  for (const std::string& first_body : {big, huge, std::string(100, '['), base}) {
    EXPECT_EQ(count(parse_envelope(first_body), "body.duplicate_key"), 0);
    const EnvelopeParse again = parse_envelope(std::string(base).insert(1, R"("d":{"k3":0},)"));
    EXPECT_EQ(count(again, "body.duplicate_key"), 0) << all_ids(again);
    EXPECT_TRUE(again.ok()) << all_ids(again);
  }
}

TEST(EnvelopeParse, CapsRepeatedFindingsWithACount) {
  std::string members;
  for (int i = 0; i < 30; ++i) members += "\"d\":" + std::to_string(i) + ",";
  const std::string body = envelope_with(R"("21402")", R"("PUT /x")", R"("m")")
                               .insert(1, "\"x\":{\"d\":0," + members + "\"e\":0},");
  const EnvelopeParse parse = parse_envelope(body);
  EXPECT_EQ(count(parse, "body.duplicate_key"), 21) << all_ids(parse);
  EXPECT_EQ(parse.findings.back().id, "envelope.extra_member");
  bool summary = false;
  for (const Finding& f : parse.findings) {
    summary |= f.message == "10 more duplicate member names not listed";
  }
  EXPECT_TRUE(summary) << all_ids(parse);
}

// Exactly 20 (kMaxFindingsPerId) are all listed, with no count after them;
// the 21st is counted. Duplicate names and lone surrogates alike.
TEST(EnvelopeParse, CapsAtTwentyFindingsBeforeCounting) {
  for (const int n : {20, 21}) {
    std::string members;
    for (int i = 0; i <= n; ++i) members += "\"d\":" + std::to_string(i) + ",";
    const EnvelopeParse duplicates =
        parse_envelope(envelope_with(R"("21402")", R"("PUT /x")", R"("m")")
                           .insert(1, "\"x\":{" + members + "\"e\":0},"));
    EXPECT_EQ(count(duplicates, "body.duplicate_key"), n == 20 ? 20 : 21) << all_ids(duplicates);

    std::string escapes;
    for (int i = 0; i < n; ++i) escapes += "\\uDC00";
    const EnvelopeParse lone =
        parse_envelope(envelope_with(R"("21402")", R"("PUT /x")", "\"" + escapes + "\""));
    ASSERT_EQ(count(lone, "body.lone_surrogate"), n == 20 ? 20 : 21) << all_ids(lone);
    if (n == 21) {
      EXPECT_EQ(lone.findings.back().message, "1 more lone surrogate escapes not listed");
    }
  }
}

TEST(EnvelopeParse, RejectsLoneLowSurrogate) {
  const std::string body = envelope_with(R"("21402")", R"("PUT /x")", R"("a\uDDDDb")");
  const EnvelopeParse parse = parse_envelope(body);
  ASSERT_EQ(parse.findings.size(), 1u) << all_ids(parse);
  const Finding& f = parse.findings[0];
  EXPECT_EQ(f.id, "body.lone_surrogate");
  EXPECT_EQ(f.offset, body.find("\\uDDDD"));
  EXPECT_EQ(f.pointer, "/message");
  // The message quotes the whole escape, six characters, and its byte.
  EXPECT_EQ(f.message, "lone UTF-16 surrogate escape \\uDDDD at byte " +
                           std::to_string(body.find("\\uDDDD")) +
                           ": a low surrogate with no high surrogate before it is not a character");
  // The envelope is kept, with the bad escape replaced so it is valid UTF-8.
  ASSERT_TRUE(parse.envelope.has_value());
  EXPECT_EQ(parse.envelope->message,
            "a\xEF\xBF\xBD"
            "b");
}

// Each escape of a string holding a lone low surrogate is decoded: hex digits
// 0-9, a-f and A-F at their edges, the low range DC00..DFFF at both ends, and
// pairs at both ends of the high range (D800..DBFF) and spelled with a 9 or an
// a, whose low halves are not lone; D7FF and E000 are no surrogates.
TEST(EnvelopeParse, FindsEveryLoneLowSurrogateByItsHexValue) {
  for (const std::string lone :
       {"\\uDC00", "\\uDFFF", "\\udfff", "\\uDC09", "\\uDc0a", "\\uDC0F", "\\uDc0f", "\\uDCA0"}) {
    const std::string before = R"("\uD800\uDC00\uDBFF\uDFFF\uD900\uDC00\uDa00\uDC00\uD7FF\uE000)";
    const std::string body =
        envelope_with(R"("21402")", R"("PUT /x")", before + lone + R"(\uD800\uDFFF")");
    const EnvelopeParse parse = parse_envelope(body);
    ASSERT_EQ(count(parse, "body.lone_surrogate"), 1) << lone << ": " << all_ids(parse);
    EXPECT_EQ(first(parse, "body.lone_surrogate")->offset, body.find(before) + before.size())
        << lone;
  }
}

TEST(EnvelopeParse, FindsALoneLowSurrogateAtTheStartOfAString) {
  const std::string body = envelope_with(R"("21402")", R"("PUT /x")", R"("\uDC00")");
  const EnvelopeParse parse = parse_envelope(body);
  ASSERT_EQ(count(parse, "body.lone_surrogate"), 1) << all_ids(parse);
  ASSERT_TRUE(parse.envelope.has_value());
  EXPECT_EQ(parse.envelope->message, "\xEF\xBF\xBD");
}

// Only encoded surrogates are replaced: a character that also starts with ED
// (U+D55C, U+D7FF) is kept, and two lone ones in a row are both replaced.
TEST(EnvelopeParse, ReplacesOnlyTheEncodedSurrogates) {
  const std::string body =
      envelope_with(R"("21402")", R"("PUT /x")", R"("\uD55C\uDC00\uDFFF\uD7FF")");
  const EnvelopeParse parse = parse_envelope(body);
  ASSERT_EQ(count(parse, "body.lone_surrogate"), 2) << all_ids(parse);
  ASSERT_TRUE(parse.envelope.has_value());
  EXPECT_EQ(parse.envelope->message, "\xED\x95\x9C\xEF\xBF\xBD\xEF\xBF\xBD\xED\x9F\xBF");
}

// Other escapes are stepped over by their own length: a lone surrogate right
// after "\n" or after "\uD7FF" (no high surrogate) is still found.
TEST(EnvelopeParse, FindsALoneLowSurrogateRightAfterAnotherEscape) {
  const std::string body = envelope_with(R"("21402")", R"("PUT /x")", R"("\n\uDC00\uD7FF\uDC01")");
  const EnvelopeParse parse = parse_envelope(body);
  EXPECT_EQ(count(parse, "body.lone_surrogate"), 2) << all_ids(parse);
}

TEST(EnvelopeParse, RejectsLoneLowSurrogateInNonAsciiBody) {
  // Bodies with non-ASCII bytes take RapidJSON's validating path.
  const std::string body = envelope_with(R"("21402")", R"("PUT /x")", "\"\xC3\xA9\\uDC01\"");
  const EnvelopeParse parse = parse_envelope(body);
  ASSERT_EQ(parse.findings.size(), 1u) << all_ids(parse);
  EXPECT_EQ(parse.findings[0].id, "body.lone_surrogate");
  EXPECT_EQ(parse.findings[0].offset, body.find("\\uDC01"));
  EXPECT_EQ(parse.envelope->message, "\xC3\xA9\xEF\xBF\xBD");
}

TEST(EnvelopeParse, RejectsLoneLowSurrogateInMemberName) {
  const std::string body =
      envelope_with(R"("21402")", R"("PUT /x")", R"("m")").insert(1, R"("x\udc00y":1,)");
  const EnvelopeParse parse = parse_envelope(body);
  ASSERT_EQ(count(parse, "body.lone_surrogate"), 1) << all_ids(parse);
  EXPECT_EQ(first(parse, "body.lone_surrogate")->offset, 3u);
  ASSERT_TRUE(parse.envelope.has_value());
  ASSERT_EQ(parse.envelope->extra_members.size(), 1u);
  EXPECT_EQ(parse.envelope->extra_members[0], "x\xEF\xBF\xBDy");
  // Found up to the name's closing quote, the escape ending the name too.
  const EnvelopeParse at_end = parse_envelope(
      envelope_with(R"("21402")", R"("PUT /x")", R"("m")").insert(1, R"("x\udc00":1,)"));
  EXPECT_EQ(count(at_end, "body.lone_surrogate"), 1) << all_ids(at_end);
}

TEST(EnvelopeParse, RejectsLoneHighSurrogate) {
  const std::string body = envelope_with(R"("21402")", R"("PUT /x")", R"("a\uD800b")");
  const EnvelopeParse parse = parse_envelope(body);
  ASSERT_EQ(parse.findings.size(), 1u) << all_ids(parse);
  EXPECT_EQ(parse.findings[0].id, "body.lone_surrogate");
  EXPECT_EQ(parse.findings[0].offset, body.find("\\uD800"));
  EXPECT_EQ(parse.findings[0].message,
            "lone UTF-16 surrogate escape \\uD800 at byte " + std::to_string(body.find("\\uD800")) +
                ": a high surrogate must be followed by a low surrogate escape (\\uDC00-\\uDFFF)");
  EXPECT_FALSE(parse.envelope.has_value());
}

TEST(EnvelopeParse, AcceptsSurrogatePair) {
  const EnvelopeParse parse =
      parse_envelope(envelope_with(R"("21402")", R"("PUT /x")", R"("a\uD800\uDC00b\ud83d\ude00")"));
  ASSERT_TRUE(parse.ok()) << all_ids(parse);
  EXPECT_EQ(count(parse, "body.lone_surrogate"), 0);
  EXPECT_EQ(parse.envelope->message,
            "a\xF0\x90\x80\x80"
            "b\xF0\x9F\x98\x80");
}

TEST(EnvelopeParse, EscapedBackslashBeforeUIsNotAnEscape) {
  const EnvelopeParse parse =
      parse_envelope(envelope_with(R"("21402")", R"("PUT /x")", R"("a\\uDDDD")"));
  ASSERT_TRUE(parse.ok()) << all_ids(parse);
  EXPECT_EQ(parse.envelope->message, "a\\uDDDD");
  // Also where a real lone surrogate after it makes the escapes be read one
  // by one: the text "\\uDC00" is stepped over, only the escape after it found.
  const std::string body = envelope_with(R"("21402")", R"("PUT /x")", R"("\\uDC00\uDC01")");
  const EnvelopeParse lone = parse_envelope(body);
  ASSERT_EQ(count(lone, "body.lone_surrogate"), 1) << all_ids(lone);
  EXPECT_EQ(first(lone, "body.lone_surrogate")->offset, body.find("\\uDC01"));
}

TEST(EnvelopeParse, RejectsInvalidUtf8InString) {
  const std::string body = envelope_with(R"("21402")", R"("PUT /x")", "\"a\xC3\x28\"");
  const EnvelopeParse parse = parse_envelope(body);
  ASSERT_EQ(parse.findings.size(), 1u) << all_ids(parse);
  EXPECT_EQ(parse.findings[0].id, "body.invalid_utf8");
  EXPECT_EQ(parse.findings[0].offset, body.find('\xC3'));
  EXPECT_TRUE(contains(parse.findings[0].message, "ill-formed sequence 0xC3 0x28"))
      << parse.findings[0].message;
  EXPECT_EQ(count(parse_envelope(envelope_with(R"("21402")", R"("PUT /x")", "\"a\xC3\xA9\"")),
                  "body.invalid_utf8"),
            0);
}

// The message shows the ill-formed part and the byte that cut it short, no
// more, and nothing past the end of the body.
TEST(EnvelopeParse, InvalidUtf8ShowsOnlyTheIllFormedBytes) {
  const std::string body = envelope_with(R"("21402")", R"("PUT /x")",
                                         "\"a\xC3\x28"
                                         "bc\"");
  const EnvelopeParse parse = parse_envelope(body);
  const Finding* f = first(parse, "body.invalid_utf8");
  ASSERT_NE(f, nullptr) << all_ids(parse);
  EXPECT_EQ(f->message, "invalid UTF-8 at byte " + std::to_string(body.find('\xC3')) +
                            ": ill-formed sequence 0xC3 0x28");

  const std::string cut = "{\"error_code\":\"\xC3";
  const EnvelopeParse cut_parse = parse_envelope(cut);
  const Finding* at_end = first(cut_parse, "body.invalid_utf8");
  ASSERT_NE(at_end, nullptr) << all_ids(cut_parse);
  EXPECT_EQ(at_end->message, "invalid UTF-8 at byte 15: ill-formed sequence 0xC3");
}

TEST(EnvelopeParse, RejectsEncodedSurrogatesOverlongsAndOutOfRangeBytes) {
  for (const std::string_view bad :
       {"\xED\xA0\x80", "\xC0\xAF", "\xF4\x90\x80\x80", "\xFF", "\x80"}) {
    const std::string body =
        envelope_with(R"("21402")", R"("PUT /x")", "\"a" + std::string(bad) + "\"");
    const EnvelopeParse parse = parse_envelope(body);
    ASSERT_EQ(parse.findings.size(), 1u) << all_ids(parse);
    EXPECT_EQ(parse.findings[0].id, "body.invalid_utf8");
    EXPECT_EQ(parse.findings[0].offset, body.size() - 2 - bad.size());
  }
}

TEST(EnvelopeParse, RejectsInvalidUtf8OutsideStrings) {
  // 0x80 is the lowest byte that is no ASCII; 0x7F (DEL) is ASCII, so not JSON.
  for (const char* bad : {"\xFF", "\x80"}) {
    const EnvelopeParse parse = parse_envelope("{\"error_code\":" + std::string(bad) + "}");
    ASSERT_EQ(parse.findings.size(), 1u) << all_ids(parse);
    EXPECT_EQ(parse.findings[0].id, "body.invalid_utf8");
    EXPECT_EQ(parse.findings[0].offset, 14u);
  }
  EXPECT_EQ(parse_envelope("{\"error_code\":\x7F}").findings.at(0).id, "body.not_json");
}

// The ill-formed part is shown with the byte that cut it short only when its
// first byte can begin a sequence (0xC2 to 0xF4); a byte that never begins one
// (a continuation byte, 0xC0, 0xC1, 0xF5 and up) is shown alone.
TEST(EnvelopeParse, InvalidUtf8ShowsTheCuttingByteOnlyAfterALeadByte) {
  const struct {
    std::string bytes;
    std::string shown;
  } examples[] = {
      {"\xC2\x28", "0xC2 0x28"}, {"\xC1\x81", "0xC1"}, {"\xF4\x28", "0xF4 0x28"},
      {"\xF5\x80", "0xF5"},      {"\x80\x28", "0x80"}, {"\xE2\x82\x28", "0xE2 0x82 0x28"},
  };
  for (const auto& example : examples) {
    const std::string body =
        envelope_with(R"("21402")", R"("PUT /x")", "\"a" + example.bytes + "b\"");
    const EnvelopeParse parse = parse_envelope(body);
    const Finding* f = first(parse, "body.invalid_utf8");
    ASSERT_NE(f, nullptr) << example.shown << ": " << all_ids(parse);
    EXPECT_EQ(f->message, "invalid UTF-8 at byte " + std::to_string(body.find(example.bytes)) +
                              ": ill-formed sequence " + example.shown);
  }
}

// The body is the view it is given: a syntax error at its very end is not
// judged by the byte that happens to lie after the view in memory.
TEST(EnvelopeParse, ReadsNothingPastTheEndOfTheView) {
  const std::string buffer = "{\"error_code\":\xFF";
  const EnvelopeParse parse = parse_envelope(std::string_view(buffer).substr(0, buffer.size() - 1));
  ASSERT_EQ(parse.findings.size(), 1u) << all_ids(parse);
  EXPECT_EQ(parse.findings[0].id, "body.not_json");
  EXPECT_EQ(parse.findings[0].offset, 14u);
}

// The ASCII fast path reads eight bytes at a time, then the rest one by one:
// a single ill-formed byte is found at every offset, in the words and in the
// tail, the body's first byte included.
TEST(EnvelopeParse, FindsAnIllFormedByteAtEveryOffset) {
  for (std::size_t pad = 0; pad < 17; ++pad) {
    const std::string body =
        envelope_with(R"("21402")", R"("PUT /x")", "\"" + std::string(pad, 'a') + "\xFF\"");
    const EnvelopeParse parse = parse_envelope(body);
    ASSERT_EQ(count(parse, "body.invalid_utf8"), 1) << pad << ": " << all_ids(parse);
    EXPECT_EQ(first(parse, "body.invalid_utf8")->offset, body.find('\xFF')) << pad;
  }
  const EnvelopeParse lead = parse_envelope("\xFF" + std::string(kGood));
  EXPECT_EQ(count(lead, "body.invalid_utf8"), 1) << all_ids(lead);
}

TEST(EnvelopeParse, RejectsTrailingGarbage) {
  const std::string body = std::string(kGood) + " x";
  const EnvelopeParse parse = parse_envelope(body);
  ASSERT_EQ(parse.findings.size(), 1u) << all_ids(parse);
  EXPECT_EQ(parse.findings[0].id, "body.trailing_bytes");
  EXPECT_EQ(parse.findings[0].offset, kGood.size() + 1);
  EXPECT_EQ(parse.findings[0].message, "1 byte after the JSON value, from byte " +
                                           std::to_string(kGood.size() + 1) + " (found 'x')");
  EXPECT_FALSE(parse.envelope.has_value());
  EXPECT_EQ(count(parse_envelope(std::string(kGood) + " \r\n"), "body.trailing_bytes"), 0);
}

TEST(EnvelopeParse, RejectsSecondValue) {
  const EnvelopeParse parse = parse_envelope(std::string(kGood) + std::string(kGood));
  ASSERT_EQ(parse.findings.size(), 1u) << all_ids(parse);
  EXPECT_EQ(parse.findings[0].id, "body.trailing_bytes");
  EXPECT_TRUE(contains(parse.findings[0].message,
                       std::to_string(kGood.size()) + " bytes after the JSON value"))
      << parse.findings[0].message;
}

TEST(EnvelopeParse, RejectsBytesAfterNul) {
  std::string body(kGood);
  body += std::string_view("\0junk", 5);
  const EnvelopeParse parse = parse_envelope(body);
  ASSERT_EQ(parse.findings.size(), 1u) << all_ids(parse);
  EXPECT_EQ(parse.findings[0].id, "body.trailing_bytes");
  EXPECT_EQ(parse.findings[0].offset, kGood.size());
  EXPECT_TRUE(contains(parse.findings[0].message, "NUL")) << parse.findings[0].message;
}

TEST(EnvelopeParse, NotJsonNamesTheUsualMistakes) {
  struct Example {
    std::string_view body;
    std::size_t offset;
    std::string_view hint;
  };
  const Example examples[] = {
      {R"({"message":"x",})", 15, "trailing commas are not allowed"},
      {"\xEF\xBB\xBF{}", 0, "byte order mark"},
      {R"({"a":NaN})", 5, "the only bare words in JSON are true, false and null"},
      {"{\"a\":\"\x01\"}", 6, "control characters must be escaped"},
      {R"({"a":1 // note
})",
       7, "comments are not allowed"},
      {R"({"a":)", 5, "the body ends before the JSON value does"},
      {std::string_view("{\"a\":\"x\0\"}", 10), 7, "a NUL byte"},
  };
  for (const Example& e : examples) {
    const EnvelopeParse parse = parse_envelope(e.body);
    ASSERT_EQ(parse.findings.size(), 1u) << e.body << "\n" << all_ids(parse);
    EXPECT_EQ(parse.findings[0].id, "body.not_json") << e.body;
    EXPECT_EQ(parse.findings[0].offset, e.offset) << e.body;
    EXPECT_TRUE(contains(parse.findings[0].message, e.hint)) << parse.findings[0].message;
    EXPECT_TRUE(contains(parse.findings[0].message, "(RapidJSON: ")) << parse.findings[0].message;
  }
}

TEST(EnvelopeParse, RejectsNonObjectRoot) {
  for (const std::string_view body : {"[1,2]", "\"21402\"", "21402", "null"}) {
    const EnvelopeParse parse = parse_envelope(body);
    ASSERT_EQ(parse.findings.size(), 1u) << all_ids(parse);
    EXPECT_EQ(parse.findings[0].id, "envelope.not_object") << body;
    EXPECT_FALSE(parse.envelope.has_value());
  }
  EXPECT_EQ(count(parse_envelope(kGood), "envelope.not_object"), 0);
}

TEST(EnvelopeParse, RejectsMissingFieldsOneFindingEach) {
  const EnvelopeParse parse = parse_envelope(R"({"message":"m"})");
  ASSERT_EQ(parse.findings.size(), 2u) << all_ids(parse);
  EXPECT_EQ(parse.findings[0].id, "envelope.missing_field");
  EXPECT_EQ(parse.findings[0].message, "the envelope has no \"error_code\" member");
  EXPECT_EQ(parse.findings[0].pointer, "/error_code");
  EXPECT_EQ(parse.findings[1].id, "envelope.missing_field");
  EXPECT_EQ(parse.findings[1].pointer, "/request");
  EXPECT_FALSE(parse.envelope.has_value());

  EXPECT_EQ(count(parse_envelope("{}"), "envelope.missing_field"), 3);
  EXPECT_EQ(count(parse_envelope(kGood), "envelope.missing_field"), 0);
}

TEST(EnvelopeParse, RejectsWrongTypes) {
  const std::string body = envelope_with("null", "[]", "{}");
  const EnvelopeParse parse = parse_envelope(body);
  ASSERT_EQ(parse.findings.size(), 3u) << all_ids(parse);
  for (const Finding& f : parse.findings) EXPECT_EQ(f.id, "envelope.wrong_type");
  EXPECT_EQ(parse.findings[0].message, "\"error_code\" at byte 14 is null; it must be a string");
  EXPECT_EQ(parse.findings[0].offset, 14u);
  EXPECT_EQ(parse.findings[1].pointer, "/request");
  EXPECT_EQ(parse.findings[2].message, "\"message\" at byte 42 is an object; it must be a string");
  EXPECT_FALSE(parse.envelope.has_value());

  // A number is a code.numeric, not a wrong type, only for error_code.
  const EnvelopeParse numbers = parse_envelope(envelope_with(R"("21402")", "1", "true"));
  EXPECT_EQ(count(numbers, "envelope.wrong_type"), 2) << all_ids(numbers);
  EXPECT_EQ(count(parse_envelope(kGood), "envelope.wrong_type"), 0);
}

// A member's value starts past the ':' and any JSON whitespace around it:
// space, tab, line feed and carriage return alike.
TEST(EnvelopeParse, ValueOffsetsSkipEveryKindOfWhitespace) {
  for (const std::string ws : {" ", "\t", "\n", "\r"}) {
    const std::string body =
        "{\"error_code\"" + ws + ":" + ws + "null,\"request\":\"PUT /x\",\"message\":\"m\"}";
    const EnvelopeParse parse = parse_envelope(body);
    const Finding* f = first(parse, "envelope.wrong_type");
    ASSERT_NE(f, nullptr) << body;
    EXPECT_EQ(f->offset, 16u) << body;
  }
}

TEST(EnvelopeParse, WarnsAboutExtraMembers) {
  const std::string body =
      envelope_with(R"("21402")", R"("PUT /x")", R"("m")").insert(1, R"("type":"E","x/~y":[1],)");
  const EnvelopeParse parse = parse_envelope(body);
  ASSERT_EQ(parse.findings.size(), 2u) << all_ids(parse);
  EXPECT_EQ(parse.findings[0].id, "envelope.extra_member");
  EXPECT_EQ(parse.findings[0].severity, Severity::kWarning);
  EXPECT_EQ(parse.findings[0].pointer, "/type");
  EXPECT_EQ(parse.findings[0].offset, 1u);
  EXPECT_EQ(parse.findings[1].pointer, "/x~1~0y");
  EXPECT_TRUE(parse.ok());  // warnings only
  ASSERT_TRUE(parse.envelope.has_value());
  EXPECT_EQ(parse.envelope->extra_members, (std::vector<std::string>{"type", "x/~y"}));
  EXPECT_EQ(count(parse_envelope(kGood), "envelope.extra_member"), 0);
}

// A member's offset is its opening quote, found back from the closing one:
// a quote after an odd run of backslashes (one, or three: an escaped
// backslash, then an escaped quote) is inside the name; an empty name too.
TEST(EnvelopeParse, MemberOffsetsSkipEscapedQuotesInTheName) {
  const std::string empty = R"("":0,)";
  const std::string one = R"("a\"b":1,)";
  const std::string three = R"("c\\\"d":2,)";
  const std::string body =
      envelope_with(R"("21402")", R"("PUT /x")", R"("m")").insert(1, empty + one + three);
  const EnvelopeParse parse = parse_envelope(body);
  ASSERT_EQ(parse.findings.size(), 3u) << all_ids(parse);
  EXPECT_EQ(parse.findings[0].offset, 1u);
  EXPECT_EQ(parse.findings[1].offset, 1u + empty.size());
  EXPECT_EQ(parse.findings[2].offset, 1u + empty.size() + one.size());
  ASSERT_TRUE(parse.envelope.has_value());
  EXPECT_EQ(parse.envelope->extra_members, (std::vector<std::string>{"", "a\"b", "c\\\"d"}));
}

// Up to 20 (kMaxFindingsPerId) extra members are listed one by one, then one
// finding counts the rest; every name is kept in the envelope.
TEST(EnvelopeParse, CapsExtraMemberFindingsWithACount) {
  auto with_extras = [](int n) {
    std::string members;
    for (int i = 0; i < n; ++i) members += "\"x" + std::to_string(i) + "\":0,";
    return parse_envelope(envelope_with(R"("21402")", R"("PUT /x")", R"("m")").insert(1, members));
  };
  const EnvelopeParse twenty = with_extras(20);
  ASSERT_EQ(count(twenty, "envelope.extra_member"), 20) << all_ids(twenty);
  EXPECT_EQ(twenty.findings.back().pointer, "/x19");
  const EnvelopeParse twenty_two = with_extras(22);
  ASSERT_EQ(count(twenty_two, "envelope.extra_member"), 21) << all_ids(twenty_two);
  EXPECT_EQ(twenty_two.findings[19].pointer, "/x19");
  EXPECT_EQ(twenty_two.findings[20].message, "2 more extra members not listed");
  ASSERT_TRUE(twenty_two.envelope.has_value());
  EXPECT_EQ(twenty_two.envelope->extra_members.size(), 22u);
}

TEST(EnvelopeParse, RejectsMalformedCode) {
  for (const std::string_view code : {R"("2140")", R"("214021")", R"("31402")", R"("01402")",
                                      R"("2140a")", R"(" 21402")", R"("")"}) {
    const EnvelopeParse parse = parse_envelope(envelope_with(code, R"("PUT /x")", R"("m")"));
    ASSERT_EQ(parse.findings.size(), 1u) << code << "\n" << all_ids(parse);
    EXPECT_EQ(parse.findings[0].id, "code.malformed") << code;
    EXPECT_EQ(parse.findings[0].pointer, "/error_code");
    EXPECT_EQ(parse.findings[0].offset, 14u);
    ASSERT_TRUE(parse.envelope.has_value());  // later checks still run
  }
  for (const std::string_view code : {R"("11001")", R"("21402")", R"("29999")"}) {
    EXPECT_EQ(count(parse_envelope(envelope_with(code, R"("PUT /x")", R"("m")")), "code.malformed"),
              0);
  }
}

TEST(EnvelopeParse, NumericCodeIsAnErrorByDefault) {
  const EnvelopeParse parse = parse_envelope(envelope_with("21402", R"("PUT /x")", R"("m")"));
  ASSERT_EQ(parse.findings.size(), 1u) << all_ids(parse);
  EXPECT_EQ(parse.findings[0].id, "code.numeric");
  EXPECT_EQ(parse.findings[0].severity, Severity::kError);
  EXPECT_EQ(parse.findings[0].offset, 14u);
  ASSERT_TRUE(parse.envelope.has_value());
  EXPECT_EQ(parse.envelope->error_code, "21402");
  EXPECT_TRUE(parse.envelope->code_was_number);
  EXPECT_FALSE(parse.ok());
  EXPECT_EQ(count(parse_envelope(kGood), "code.numeric"), 0);
}

TEST(EnvelopeParse, NumericCodeIsAWarningWhenLenient) {
  ParseOptions options;
  options.lenient = true;
  const EnvelopeParse parse =
      parse_envelope(envelope_with("21402", R"("PUT /x")", R"("m")"), options);
  ASSERT_EQ(parse.findings.size(), 1u) << all_ids(parse);
  EXPECT_EQ(parse.findings[0].id, "code.numeric");
  EXPECT_EQ(parse.findings[0].severity, Severity::kWarning);
  EXPECT_TRUE(parse.ok());
  EXPECT_EQ(parse.envelope->error_code, "21402");
}

TEST(EnvelopeParse, NumericCodeKeepsItsDigitsAsSent) {
  ParseOptions options;
  options.lenient = true;
  const EnvelopeParse parse =
      parse_envelope(envelope_with("2.1402e4", R"("PUT /x")", R"("m")"), options);
  EXPECT_EQ(count(parse, "code.numeric"), 1);
  EXPECT_EQ(count(parse, "code.malformed"), 1) << all_ids(parse);
  EXPECT_EQ(parse.envelope->error_code, "2.1402e4");
}

TEST(EnvelopeParse, RejectsMalformedRequest) {
  for (const std::string_view request :
       {R"("put /x")", R"("PUT")", R"("PUT x")", R"("PUT /a b")", R"("/x")", R"("PUT  /x")",
        R"(" /x")", R"("PUT /x\t")", R"("")"}) {
    const EnvelopeParse parse = parse_envelope(envelope_with(R"("21402")", request, R"("m")"));
    ASSERT_EQ(parse.findings.size(), 1u) << request << "\n" << all_ids(parse);
    EXPECT_EQ(parse.findings[0].id, "request.malformed") << request;
    EXPECT_EQ(parse.findings[0].pointer, "/request");
  }
  for (const std::string_view request : {R"("GET /")", R"("DELETE /buckets/?x=1")"}) {
    EXPECT_EQ(
        count(parse_envelope(envelope_with(R"("21402")", request, R"("m")")), "request.malformed"),
        0)
        << request;
  }
}

// The edges of each rule: methods are 'A' to 'Z', paths hold no byte up to
// 0x20 (space) and no DEL (0x7F); '!', '~' and non-ASCII are fine.
TEST(EnvelopeParse, RequestRulesStopAtTheirEdges) {
  for (const std::string_view request :
       {R"("@ /x")", R"("[ /x")", R"("PUT /x\u007f")", R"("PUT /x\u001f")"}) {
    EXPECT_EQ(
        count(parse_envelope(envelope_with(R"("21402")", request, R"("m")")), "request.malformed"),
        1)
        << request;
  }
  for (const std::string_view request :
       {R"("PATCH /x")", R"("AZ /x")", R"("GET /!~")", R"("GET /x\u0080\u00e9")"}) {
    EXPECT_EQ(
        count(parse_envelope(envelope_with(R"("21402")", request, R"("m")")), "request.malformed"),
        0)
        << request;
  }
}

TEST(EnvelopeParse, RejectsEmptyMessage) {
  const EnvelopeParse parse = parse_envelope(envelope_with(R"("21402")", R"("PUT /x")", R"("")"));
  ASSERT_EQ(parse.findings.size(), 1u) << all_ids(parse);
  EXPECT_EQ(parse.findings[0].id, "message.empty");
  EXPECT_EQ(parse.findings[0].pointer, "/message");
  EXPECT_TRUE(parse.envelope.has_value());
  EXPECT_EQ(count(parse_envelope(kGood), "message.empty"), 0);
}

TEST(EnvelopeParse, KeepsEscapedControlCharactersAndNul) {
  const EnvelopeParse parse =
      parse_envelope(envelope_with(R"("21402")", R"("PUT /x")", R"("a\u0000b\n\"\\\/")"));
  ASSERT_TRUE(parse.ok()) << all_ids(parse);
  EXPECT_EQ(parse.envelope->message, std::string("a\0b\n\"\\/", 7));
}

}  // namespace
}  // namespace errcontract
