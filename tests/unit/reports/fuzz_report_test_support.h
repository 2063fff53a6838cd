// A hand-built fuzz-api result for the fuzz report writers' tests: three
// endpoints (one with two violations, one clean, one never reached), the
// unknown-endpoint row with a violation, a leak, and awkward bytes in the
// details (markup, quotes, '|', CR LF, an ANSI escape, ill-formed UTF-8).
// Fixed times, so only the tool version needs normalising.
#pragma once

#include <string>

#include "errcontract/fuzz_report.h"

namespace errcontract::testing {

inline constexpr char kHostileDetail[] =
    "expected 404, got 409 <script>alert(1)</script> & \"q\" 'a' | pipe \r\n\x1b[31mred\xff";

inline FuzzReport sample_fuzz_report() {
  FuzzReport report;
  report.target = "embedded reference server (http://127.0.0.1:4242, other-code 21203)";
  report.started_at = "2026-01-02T03:04:05Z";
  report.seed = 7;
  report.max_requests = 300;
  report.jobs = 1;
  report.codes_documented = 144;
  FuzzResult& r = report.result;
  r.requests = 312;
  r.classes = 41;
  r.corpus = 60;
  r.baselines = 40;
  r.warnings = 3;
  r.seconds = 1.3;
  r.codes_reached = {"21203", "21204", "21402"};
  r.leaks = {"bucket-info-unknown: DELETE /buckets/?bucket_name=*** (HTTP 400, error_code 21201)"};
  r.created = 5;
  r.undone = 4;
  r.acted_on = 2;
  r.sequence_requests = 31;

  FuzzViolation a;
  a.endpoint = "GET /buckets/";
  a.finding = "status.mismatch";
  a.code = "21204";
  a.status = 409;
  a.detail = kHostileDetail;
  a.mutation = "drop query bucket_name; auth: none";
  a.case_id = "bucket-info-unknown";
  a.param_error = "21201";
  a.request.method = "GET";
  a.request.path = "/buckets/";
  FuzzViolation b = a;
  b.finding = "message.mismatch";
  b.detail = "expected \"Bucket not found\"";
  b.mutation = "";
  FuzzViolation c;
  c.endpoint = "FOO /no/such/path";
  c.finding = "transport.closed";
  c.detail = "the connection was closed";
  c.mutation = "route: unknown method FOO";
  c.case_id = "operator-create-duplicate";
  c.acts_on = "PUT /operators/";
  c.request.method = "FOO";
  c.request.path = "/no/such/path";
  r.violations = {a, b, c};

  FuzzEndpoint get_buckets;
  get_buckets.endpoint = "GET /buckets/";
  get_buckets.requests = 120;
  get_buckets.classes = 20;
  get_buckets.codes_reached = {"21203", "21204"};
  get_buckets.codes_documented = {"21201", "21203", "21205"};
  get_buckets.violations = {0, 1};
  FuzzEndpoint put_operators;
  put_operators.endpoint = "PUT /operators/";
  put_operators.requests = 150;
  put_operators.classes = 15;
  put_operators.codes_reached = {"21402"};
  put_operators.codes_documented = {"21401", "21402"};
  FuzzEndpoint untouched;
  untouched.endpoint = "POST /tickets/";
  untouched.codes_documented = {"21901"};
  FuzzEndpoint unknown;
  unknown.endpoint = std::string(kUnknownEndpoint);
  unknown.requests = 42;
  unknown.classes = 6;
  unknown.violations = {2};
  r.endpoints = {get_buckets, untouched, put_operators,
                 unknown};  // sorted, as the fuzzer gives them
  return report;
}

}  // namespace errcontract::testing
