// An error code the reference server answers with: five digits, level 1 or 2
// (docs/error-codes.txt). Built from a string literal at compile time, so a
// malformed code does not compile; that every code is in cases/catalog.json
// is held by tests/unit/devserver/server_codes_test.cc, which scans these
// sources for every code literal and the route table for every parameter error.
#pragma once

#include <string>
#include <string_view>

namespace errcontract::internal {

class ErrorCode {
 public:
  // Implicit on purpose: Reply::error("21402") reads best.
  consteval ErrorCode(const char (&code)[6]) : code_(code) {
    if (code[0] != '1' && code[0] != '2') throw "an error code starts with its level, 1 or 2";
    for (int i = 1; i < 5; ++i) {
      if (code[i] < '0' || code[i] > '9') throw "an error code is five digits";
    }
  }

  std::string_view view() const { return std::string_view(code_, 5); }
  std::string str() const { return std::string(view()); }
  friend bool operator==(ErrorCode a, ErrorCode b) { return a.view() == b.view(); }

 private:
  const char* code_;  // a string literal: static storage
};

}  // namespace errcontract::internal
