// The plain transport's response reader on bytes alone: framing (length,
// chunked, until the close), keep-alive, each cap at its exact boundary, and
// every malformed response ending in an error that says what was wrong.
#include "transport/response_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace errcontract::internal {
namespace {

using K = TransportErrorKind;

ResponseLimits limits(std::size_t header_cap = 64u << 10, std::size_t body_cap = 16u << 20) {
  ResponseLimits l;
  l.max_header_bytes = header_cap;
  l.max_body_bytes = body_cap;
  return l;
}

// Feeds `bytes` in pieces of `step` bytes (0: all at once) and returns how
// many the reader took.
std::size_t feed(ResponseReader& reader, std::string_view bytes, std::size_t step = 0) {
  if (step == 0) return reader.feed(bytes);
  std::size_t used = 0;
  for (std::size_t at = 0; at < bytes.size() && !reader.done() && !reader.failed(); at += step) {
    used += reader.feed(bytes.substr(at, step));
  }
  return used;
}

void expect_error(const ResponseReader& reader, K kind, const std::string& message) {
  ASSERT_TRUE(reader.failed());
  EXPECT_EQ(transport_error_kind(reader.error()), kind);
  EXPECT_EQ(reader.error().message(), message);
}

class FedInPieces : public ::testing::TestWithParam<std::size_t> {};
INSTANTIATE_TEST_SUITE_P(Steps, FedInPieces, ::testing::Values(0, 1, 2, 3, 7, 64));

TEST_P(FedInPieces, ALengthDelimitedResponseIsTheSameHoweverItArrives) {
  const std::string wire =
      "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nX-Two:  spaced \t\r\n"
      "Content-Length: 22\r\n\r\n{\"error_code\":\"21203\"}";
  ResponseReader reader(limits());
  EXPECT_EQ(feed(reader, wire, GetParam()), wire.size());
  ASSERT_TRUE(reader.done());
  EXPECT_TRUE(reader.keep_alive());
  const HttpResponse r = reader.take();
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, R"({"error_code":"21203"})");
  // In the order sent, names as sent, values without surrounding whitespace.
  ASSERT_EQ(r.headers.size(), 3u);
  EXPECT_EQ(r.headers[0],
            (std::pair<std::string, std::string>("Content-Type", "application/json")));
  EXPECT_EQ(r.headers[1], (std::pair<std::string, std::string>("X-Two", "spaced")));
}

TEST_P(FedInPieces, AChunkedBodyWithExtensionsAndTrailersIsDecoded) {
  const std::string wire =
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5;name=value\r\nhello\r\nA \r\n, chunked!\r\n0\r\nX-Trailer: t\r\n\r\n";
  ResponseReader reader(limits());
  EXPECT_EQ(feed(reader, wire, GetParam()), wire.size());
  ASSERT_TRUE(reader.done());
  EXPECT_TRUE(reader.keep_alive());
  EXPECT_EQ(reader.take().body, "hello, chunked!");
}

TEST(ResponseReader, BytesAfterACompleteResponseAreLeftUnread) {
  const std::string first = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
  const std::string wire = first + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
  ResponseReader reader(limits());
  EXPECT_EQ(reader.feed(wire), first.size());
  EXPECT_TRUE(reader.done());
}

TEST(ResponseReader, LineFeedAloneEndsLinesToo) {
  ResponseReader reader(limits());
  reader.feed("HTTP/1.1 201 Created\nContent-Length: 1\n\nx");
  ASSERT_TRUE(reader.done());
  EXPECT_EQ(reader.take().status, 201);
}

TEST(ResponseReader, AStatusLineWithoutAReasonIsValid) {
  ResponseReader reader(limits());
  reader.feed("HTTP/1.0 204\r\n\r\n");
  ASSERT_TRUE(reader.done());
  EXPECT_EQ(reader.take().status, 204);
}

TEST(ResponseReader, StatusLinesThatAreNotHttp1AreProtocolErrors) {
  for (const std::string line : {"HTTP/2 200 OK", "HTTP/1.1 20 OK", "HTTP/1.1 200OK",
                                 "http/1.1 200 OK", "HTTP/1.x 200 OK", "<html>"}) {
    ResponseReader reader(limits());
    reader.feed(line + "\r\n\r\n");
    expect_error(reader, K::kProtocol,
                 "the response is not HTTP/1.x: its status line is \"" + line + "\"");
  }
}

TEST(ResponseReader, UnprintableBytesAreShownEscapedAndLongLinesCut) {
  ResponseReader reader(limits());
  reader.feed("\x01\"\xff" + std::string(100, 'a') + "\r\n\r\n");
  expect_error(reader, K::kProtocol,
               "the response is not HTTP/1.x: its status line is \"\\x01\\x22\\xff" +
                   std::string(77, 'a') + "...\"");
}

TEST(ResponseReader, MalformedHeaderLinesNameTheirLine) {
  ResponseReader no_colon(limits());
  no_colon.feed("HTTP/1.1 200 OK\r\nA: 1\r\nno colon here\r\n\r\n");
  expect_error(no_colon, K::kProtocol, "malformed response header line 3: \"no colon here\"");

  ResponseReader bad_name(limits());
  bad_name.feed("HTTP/1.1 200 OK\r\nBad Name: 1\r\n\r\n");
  expect_error(bad_name, K::kProtocol, "malformed response header line 2: \"Bad Name: 1\"");

  ResponseReader empty_name(limits());
  empty_name.feed("HTTP/1.1 200 OK\r\n: 1\r\n\r\n");
  expect_error(empty_name, K::kProtocol, "malformed response header line 2: \": 1\"");

  ResponseReader folded(limits());
  folded.feed("HTTP/1.1 200 OK\r\nA: 1\r\n  more\r\n\r\n");
  expect_error(folded, K::kProtocol,
               "malformed response header line 3: a folded continuation line (\"  more\")");
}

// The header block is the status line, the headers and the empty line.
TEST(ResponseReader, AHeaderBlockOfExactlyTheCapIsReadAndOneByteMoreIsNot) {
  const std::string block = "HTTP/1.1 204 No Content\r\nX-Pad: aaaa\r\n\r\n";
  ResponseReader at_cap(limits(block.size()));
  EXPECT_EQ(at_cap.feed(block), block.size());
  EXPECT_TRUE(at_cap.done());

  ResponseReader over(limits(block.size() - 1));
  over.feed(block);
  expect_error(over, K::kTooLarge,
               "response header block over " + std::to_string(block.size() - 1) + " bytes (cap)");
}

TEST(ResponseReader, AHeaderBlockThatNeverEndsStopsAtTheCap) {
  ResponseReader reader(limits(100));
  std::size_t used = reader.feed("HTTP/1.1 200 OK\r\n");
  while (!reader.failed() && used < 1000) used += reader.feed("X: y\r\n");
  expect_error(reader, K::kTooLarge, "response header block over 100 bytes (cap)");
  EXPECT_LE(used, 101u);
}

TEST(ResponseReader, ABodyOfExactlyTheCapIsReadAndOneByteMoreIsNot) {
  ResponseReader declared(limits(1000, 4));
  declared.feed("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nabcd");
  EXPECT_TRUE(declared.done());
  ResponseReader declared_over(limits(1000, 4));
  // Refused from the declaration, before any body byte.
  declared_over.feed("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n");
  expect_error(declared_over, K::kTooLarge, "response body over 4 bytes (cap)");

  ResponseReader chunked(limits(1000, 4));
  chunked.feed(
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n2\r\ncd\r\n0\r\n\r\n");
  EXPECT_TRUE(chunked.done());
  ResponseReader chunked_over(limits(1000, 4));
  chunked_over.feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n3\r\n");
  expect_error(chunked_over, K::kTooLarge, "response body over 4 bytes (cap)");

  ResponseReader until_close(limits(1000, 4));
  until_close.feed("HTTP/1.1 200 OK\r\n\r\nabcd");
  until_close.end_of_stream(false);
  EXPECT_TRUE(until_close.done());
  ResponseReader until_close_over(limits(1000, 4));
  until_close_over.feed("HTTP/1.1 200 OK\r\n\r\nabc");
  until_close_over.feed("de");
  expect_error(until_close_over, K::kTooLarge, "response body over 4 bytes (cap)");
}

TEST(ResponseReader, ABodyWithoutLengthEndsAtAnOrderlyCloseNotAtAReset) {
  ResponseReader closed(limits());
  closed.feed("HTTP/1.1 200 OK\r\n\r\nall of it");
  EXPECT_FALSE(closed.done());
  closed.end_of_stream(/*reset=*/false);
  ASSERT_TRUE(closed.done());
  EXPECT_FALSE(closed.keep_alive());
  EXPECT_EQ(closed.take().body, "all of it");

  ResponseReader reset(limits());
  reset.feed("HTTP/1.1 200 OK\r\n\r\npart");
  reset.end_of_stream(/*reset=*/true);
  expect_error(reset, K::kClosed, "read failed: the connection was reset after 4 body bytes");
}

TEST(ResponseReader, AShortBodySaysHowMuchOfTheDeclaredLengthCame) {
  ResponseReader reader(limits());
  reader.feed("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
  reader.end_of_stream(false);
  expect_error(reader, K::kClosed,
               "read failed: the body ended after 3 of 10 bytes (Content-Length); the connection "
               "was closed or reset");
}

TEST(ResponseReader, AConnectionClosedBeforeTheHeadEndsIsClosedEarly) {
  ResponseReader reader(limits());
  reader.feed("HTTP/1.1 200 OK\r\nContent-");
  reader.end_of_stream(false);
  expect_error(reader, K::kClosed,
               "read failed: the server closed the connection before a complete response");
}

TEST(ResponseReader, MalformedChunkedBodiesSayHowFarTheyGot) {
  const std::string head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
  const auto expect_malformed = [&head](const std::string& body, std::size_t got, bool end) {
    ResponseReader reader(limits());
    reader.feed(head + body);
    if (end) reader.end_of_stream(false);
    expect_error(reader, K::kProtocol,
                 "read failed: the chunked body is malformed or was cut off after " +
                     std::to_string(got) + " bytes");
  };
  expect_malformed("zz\r\n", 0, false);                          // not hex
  expect_malformed("\r\n", 0, false);                            // no size at all
  expect_malformed("3\r\nabcX\r\n", 3, false);                   // data not followed by CRLF
  expect_malformed("1234567890abcdef\r\n", 0, false);            // 16 hex digits: too long
  expect_malformed(std::string(4095, '0') + "1\r\n", 0, false);  // a size line past 4 KiB
  expect_malformed("3\r\nab", 2, true);                          // cut off in a chunk
  expect_malformed("3\r\nabc\r\n0\r\n", 3, true);                // cut off in the trailer
}

// 4 KiB before the line feed (the carriage return included) is the longest.
TEST(ResponseReader, AChunkSizeLineOf4KiBIsRead) {
  ResponseReader reader(limits());
  reader.feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + std::string(4094, '0') +
              "1\r\nx\r\n0\r\n\r\n");
  ASSERT_TRUE(reader.done()) << reader.error().message();
  EXPECT_EQ(reader.take().body, "x");
}

TEST(ResponseReader, FifteenHexDigitsAreASizeOverTheCapNotAMalformedLine) {
  ResponseReader reader(limits());
  reader.feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffff\r\n");
  expect_error(reader, K::kTooLarge, "response body over 16777216 bytes (cap)");
}

TEST(ResponseReader, TransferEncodingOverridesContentLength) {
  ResponseReader chunked(limits());
  chunked.feed(
      "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
      "2\r\nok\r\n0\r\n\r\n");
  ASSERT_TRUE(chunked.done());
  EXPECT_EQ(chunked.take().body, "ok");

  // A last coding other than chunked: only the close ends the body.
  ResponseReader gzip(limits());
  gzip.feed("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: gzip\r\n\r\nokmore");
  EXPECT_FALSE(gzip.done());
  gzip.end_of_stream(false);
  ASSERT_TRUE(gzip.done());
  EXPECT_EQ(gzip.take().body, "okmore");
}

TEST(ResponseReader, ContentLengthMustBeOneNumber) {
  for (const std::string value : {"abc", "-1", "1 0", "10, 11", "", "12345678901234567890"}) {
    ResponseReader reader(limits());
    reader.feed("HTTP/1.1 200 OK\r\nContent-Length: " + value + "\r\n\r\n");
    expect_error(reader, K::kProtocol, "invalid Content-Length \"" + value + "\"");
  }
  ResponseReader repeated(limits());
  repeated.feed("HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\nContent-Length: 2\r\n\r\nok");
  ASSERT_TRUE(repeated.done());
  ResponseReader differing(limits());
  differing.feed("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n");
  expect_error(differing, K::kProtocol, "invalid Content-Length \"3\"");
}

TEST(ResponseReader, ResponsesWithoutABodyEndAtTheirHead) {
  for (const char* wire : {"HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n",
                           "HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n"}) {
    ResponseReader reader(limits());
    const std::string_view bytes(wire);
    EXPECT_EQ(reader.feed(bytes), bytes.size());
    EXPECT_TRUE(reader.done());
    EXPECT_TRUE(reader.keep_alive());
  }
  ResponseLimits head = limits();
  head.head_request = true;
  ResponseReader to_head(head);
  to_head.feed("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n");
  ASSERT_TRUE(to_head.done());
  EXPECT_TRUE(to_head.keep_alive());
  EXPECT_EQ(to_head.take().body, "");
}

TEST(ResponseReader, InterimResponsesAreSkipped) {
  ResponseReader reader(limits());
  const std::string wire =
      "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
      "HTTP/1.1 409 Conflict\r\nContent-Length: 1\r\n\r\nx";
  EXPECT_EQ(reader.feed(wire), wire.size());
  ASSERT_TRUE(reader.done());
  const HttpResponse r = reader.take();
  EXPECT_EQ(r.status, 409);
  ASSERT_EQ(r.headers.size(), 1u);  // not the interim ones' Link
  EXPECT_EQ(r.body, "x");
}

TEST(ResponseReader, KeepAliveFollowsTheVersionAndConnectionHeader) {
  const auto keep_alive = [](const std::string& wire) {
    ResponseReader reader(limits());
    reader.feed(wire);
    EXPECT_TRUE(reader.done()) << wire;
    return reader.keep_alive();
  };
  EXPECT_TRUE(keep_alive("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
  EXPECT_FALSE(keep_alive("HTTP/1.1 200 OK\r\nConnection: Close\r\nContent-Length: 0\r\n\r\n"));
  EXPECT_FALSE(
      keep_alive("HTTP/1.1 200 OK\r\nConnection: upgrade, close\r\nContent-Length: 0\r\n\r\n"));
  EXPECT_FALSE(keep_alive("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n"));
  EXPECT_TRUE(keep_alive("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n"));
  EXPECT_FALSE(keep_alive("HTTP/1.1 101 Switching Protocols\r\n\r\n"));
}

}  // namespace
}  // namespace errcontract::internal
