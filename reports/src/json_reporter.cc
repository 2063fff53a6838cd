// The JSON report: everything the run saw, for tools and for the record.
// Written with RapidJSON's Writer in validating mode; strings that are not
// well-formed UTF-8 (bodies from a broken target) are written with U+FFFD in
// place of the bad bytes, and bodies also keep their exact bytes in
// "body_base64", so the file is always valid JSON and nothing is lost.
#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "base64.h"
#include "errcontract/exit_codes.h"
#include "errcontract/reports.h"
#include "errcontract/utf8.h"
#include "json_writer.h"
#include "module_summary.h"

#ifndef ERRC_VERSION
#define ERRC_VERSION "unknown"
#endif

namespace errcontract {
namespace {

constexpr int kReportFormat = 1;

using internal::Json;

void write_headers(Json& json, const Headers& headers) {
  json.key("headers");
  json.begin_array();
  for (const auto& [name, value] : headers) {
    json.begin_object();
    json.member("name", name);
    json.member("value", value);
    json.end_object();
  }
  json.end_array();
}

void write_body(Json& json, std::string_view body) {
  json.key("body");
  if (!json.string(body)) json.member("body_base64", internal::base64_encode(body));
}

void write_exchange(Json& json, const Exchange& e) {
  json.begin_object();
  json.member("phase", e.phase);
  json.key("request");
  json.begin_object();
  json.member("method", e.request.method);
  json.member("target", e.request.target);
  write_headers(json, e.request.headers);
  write_body(json, e.request.body);
  json.end_object();
  json.key("response");
  if (e.response) {
    json.begin_object();
    json.key("status");
    json.integer(e.response->status);
    write_headers(json, e.response->headers);
    write_body(json, e.response->body);
    json.key("body_truncated");
    json.boolean(e.response->body_truncated);
    json.end_object();
  } else {
    json.null();
  }
  json.member("transport_error", e.transport_error);
  if (e.error_kind != TransportErrorKind::kNone) json.member("error_kind", to_string(e.error_kind));
  json.key("elapsed_ms");
  json.millis(e.elapsed_ms);
  json.key("attempts");
  json.integer(e.attempts);
  json.end_object();
}

void write_finding(Json& json, const Finding& f) {
  json.begin_object();
  json.member("id", to_string(f.id));
  json.member("severity", to_string(f.severity));
  json.member("message", f.message);
  if (f.offset) {
    json.key("offset");
    json.integer(static_cast<std::int64_t>(*f.offset));
  }
  if (!f.pointer.empty()) json.member("pointer", f.pointer);
  json.end_object();
}

void write_case(Json& json, const CaseResult& c) {
  json.begin_object();
  json.member("id", c.case_id);
  json.member("code", c.code);
  json.member("module", c.module);
  json.member("module_name", c.module_name);
  json.member("summary", c.summary);
  json.member("endpoint", c.endpoint);
  if (c.contract) {  // absent unless set
    json.key("contract");
    json.boolean(true);
  }
  json.member("file", c.file);
  json.key("line");
  json.integer(static_cast<std::int64_t>(c.line));
  json.member("verdict", to_string(c.verdict));
  json.member("reason", c.reason);
  // What the exit code is chosen from (an unreachable target exits 3).
  if (c.error_kind != TransportErrorKind::kNone) json.member("error_kind", to_string(c.error_kind));
  if (!c.rejected_fixture.empty()) json.member("rejected_fixture", c.rejected_fixture);
  json.key("elapsed_ms");
  json.millis(c.elapsed_ms);
  json.key("findings");
  json.begin_array();
  for (const Finding& f : c.findings) write_finding(json, f);
  json.end_array();
  json.key("exchanges");
  json.begin_array();
  for (const Exchange& e : c.exchanges) write_exchange(json, e);
  json.end_array();
  json.key("leaks");
  json.begin_array();
  for (const std::string& leak : c.leaks) json.string(leak);
  json.end_array();
  if (!c.leaked_teardowns.empty()) {  // what `errcontract teardown --from` sends again
    json.key("leaked_teardowns");
    json.begin_array();
    for (const LeakedTeardown& t : c.leaked_teardowns) {
      json.begin_object();
      json.member("phase", t.phase);
      json.member("leak", t.leak);
      json.member("method", t.request.method);
      json.member("target", t.request.target);
      write_headers(json, t.request.headers);
      write_body(json, t.request.body);
      json.key("expect_status");
      json.begin_array();
      for (const int status : t.expect_status) json.integer(status);
      json.end_array();
      json.end_object();
    }
    json.end_array();
  }
  if (!c.curl.empty()) {  // failed cases only: one command per setup step and the trigger
    json.key("curl");
    json.begin_array();
    for (const std::string& command : c.curl) json.string(command);
    json.end_array();
  }
  json.end_object();
}

void write_coverage(Json& json, const RunResult& result) {
  const internal::DocumentedCoverage counts = internal::count_documented_coverage(result);
  json.key("coverage");
  json.begin_object();
  json.key("summary");
  json.begin_object();
  const std::pair<const char*, int> summary[] = {{"documented", counts.documented},
                                                 {"verified", counts.verified},
                                                 {"failed", counts.failed},
                                                 {"skipped", counts.skipped},
                                                 {"no_case", counts.no_case},
                                                 {"pairs", counts.pairs},
                                                 {"pairs_verified", counts.pairs_verified}};
  for (const auto& [name, value] : summary) {
    json.key(name);
    json.integer(value);
  }
  json.end_object();
  json.key("codes");
  json.begin_array();
  for (const CoverageEntry& entry : result.coverage) {
    json.begin_object();
    json.member("code", entry.code);
    json.member("module_name", entry.module_name);
    json.key("extension");
    json.boolean(entry.extension);
    json.member("message", entry.message);
    json.key("http_status");
    json.integer(entry.http_status);
    json.key("status_alternatives");
    json.begin_array();
    for (int alternative : entry.status_alternatives) json.integer(alternative);
    json.end_array();
    json.member("status", to_string(entry.status));
    json.key("cases");
    json.begin_array();
    for (const std::string& id : entry.case_ids) json.string(id);
    json.end_array();
    json.key("endpoints");
    json.begin_array();
    for (const EndpointCoverage& endpoint : entry.endpoints) {
      json.begin_object();
      json.member("endpoint", endpoint.endpoint);
      json.member("status", to_string(endpoint.status));
      json.key("cases");
      json.begin_array();
      for (const std::string& id : endpoint.case_ids) json.string(id);
      json.end_array();
      json.end_object();
    }
    json.end_array();
    json.end_object();
  }
  json.end_array();
  json.end_object();
}

}  // namespace

Result<std::string> render_json(const RunResult& result) {
  rapidjson::StringBuffer buffer;
  Json json(buffer);
  json.begin_object();
  json.member("tool", "errcontract");
  json.member("version", ERRC_VERSION);
  json.key("report_format");
  json.integer(kReportFormat);
  json.member("target", result.target);
  json.member("started_at", result.started_at);
  json.member("run_id", result.run_id);
  json.member("catalog_digest", result.catalog_digest);
  json.member("cases_digest", result.cases_digest);
  json.key("shard");
  if (result.shard_count > 1) {
    json.string(fmt::format("{}/{}", result.shard_index + 1, result.shard_count));
  } else {
    json.null();
  }
  json.key("elapsed_ms");
  json.millis(result.elapsed_ms);
  json.key("interrupted");
  json.boolean(result.interrupted);
  json.member("unreachable", result.unreachable);
  json.key("stopped_after_failures");
  if (result.stopped_after_failures > 0) {
    json.integer(result.stopped_after_failures);
  } else {
    json.null();
  }
  json.key("disabled_checks");
  json.begin_array();
  for (const FindingId id : result.disabled_checks) json.string(to_string(id));
  json.end_array();
  json.key("fixture_notes");
  json.begin_array();
  for (const std::string& note : result.fixture_notes) json.string(note);
  json.end_array();
  json.key("exit_code");
  json.integer(run_exit_code(result, /*short_of_coverage=*/false));
  json.key("totals");
  json.begin_object();
  const RunTotals& t = result.totals;
  const std::pair<const char*, int> totals[] = {{"cases", t.total()},      {"passed", t.passed},
                                                {"failed", t.failed},      {"errors", t.errors},
                                                {"skipped", t.skipped},    {"requests", t.requests},
                                                {"throttled", t.throttled}};
  for (const auto& [name, value] : totals) {
    json.key(name);
    json.integer(value);
  }
  json.end_object();
  json.key("cases");
  json.begin_array();
  for (const CaseResult& c : result.cases) write_case(json, c);
  json.end_array();
  write_coverage(json, result);
  json.end_object();
  if (!json.ok() || !json.complete()) {
    return Status(StatusCode::kInternal, "the JSON writer rejected a value; no report written");
  }
  return internal::indent_json(std::string_view(buffer.GetString(), buffer.GetSize()));
}

}  // namespace errcontract
