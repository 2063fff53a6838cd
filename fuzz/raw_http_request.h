// A small HTTP/1.1 request reader for fuzz_devserver_request: turns fuzzer
// bytes into the HttpRequest values an HTTP server layer such as cpp-httplib
// would hand to the reference server, so the fuzzer drives the routing and
// handlers in-process, without a socket. It accepts only what such a layer
// would deliver (RFC 9112 request line and header grammar); everything else
// ends the input, as a real server would close the connection.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "errcontract/http.h"

namespace errcontract::fuzz {

// Reads up to `max_requests` requests, one after the other (pipelined):
//   METHOD SP TARGET SP HTTP/1.x CRLF   (LF alone also ends a line)
//   (NAME ":" OWS VALUE OWS CRLF)*
//   CRLF
//   BODY   (exactly Content-Length bytes; none without Content-Length)
// METHOD and NAME are RFC 9110 tokens; TARGET is visible ASCII or bytes
// >= 0x80 (cpp-httplib passes those on); VALUE holds no CR, LF or NUL.
// Stops at the first malformed request: a bad line, folded header lines,
// Transfer-Encoding, a repeated or non-numeric Content-Length, or a body
// shorter than its Content-Length.
std::vector<HttpRequest> read_raw_requests(std::string_view bytes, std::size_t max_requests);

}  // namespace errcontract::fuzz
