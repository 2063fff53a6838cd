// fuzz-api's JSON report: the summary, the per-endpoint table and every
// violation, for tools. Its structure is documented in docs/reports.md ("The
// fuzz report (JSON)") and held there by fuzz_json_report_test. Written by the
// run report's validating writer (json_writer.h), so it is always valid JSON.
#include <rapidjson/stringbuffer.h>

#include <map>
#include <string>

#include "errcontract/fuzz_report.h"
#include "json_writer.h"

#ifndef ERRC_VERSION
#define ERRC_VERSION "unknown"
#endif

namespace errcontract {
namespace {

using internal::Json;

// Its "report" member tells it from a run's report (which has none).
constexpr int kFuzzReportFormat = 1;

void count(Json& json, std::string_view name, std::size_t n) {
  json.key(name);
  json.unsigned_integer(n);
}

void strings(Json& json, std::string_view name, const std::vector<std::string>& values) {
  json.key(name);
  json.begin_array();
  for (const std::string& v : values) json.string(v);
  json.end_array();
}

void write_endpoint(Json& json, const FuzzEndpoint& e) {
  json.begin_object();
  json.member("endpoint", e.endpoint);
  count(json, "requests", e.requests);
  count(json, "response_classes", e.classes);
  strings(json, "codes_reached", e.codes_reached);
  strings(json, "codes_documented", e.codes_documented);
  count(json, "documented_reached", e.documented_reached());
  count(json, "violations", e.violations.size());
  json.end_object();
}

void write_violation(Json& json, const FuzzViolation& v, const std::string& row) {
  json.begin_object();
  json.member("endpoint", v.endpoint);
  json.member("row", row);
  json.member("finding", v.finding);
  json.member("code", v.code);
  json.key("status");
  if (v.status != 0) {
    json.integer(v.status);
  } else {
    json.null();
  }
  json.member("detail", v.detail);
  json.member("mutation", v.mutation);
  json.member("case_id", v.case_id);
  json.member("acts_on", v.acts_on);
  json.key("request");
  json.begin_object();
  json.member("method", v.request.method);
  json.member("path", v.request.path);
  json.end_object();
  json.end_object();
}

}  // namespace

Result<std::string> render_fuzz_json(const FuzzReport& report) {
  const FuzzResult& r = report.result;
  rapidjson::StringBuffer buffer;
  Json json(buffer);
  json.begin_object();
  json.member("tool", "errcontract");
  json.member("version", ERRC_VERSION);
  json.member("report", "fuzz-api");
  json.key("report_format");
  json.integer(kFuzzReportFormat);
  json.member("target", report.target);
  json.member("started_at", report.started_at);
  json.key("seed");
  json.unsigned_integer(report.seed);
  count(json, "max_requests", report.max_requests);
  json.key("jobs");
  json.integer(report.jobs);
  json.key("exit_code");
  json.integer(fuzz_exit_code(r));
  json.member("unreachable", r.unreachable ? r.unreachable_error : "");
  json.member("summary_line", fuzz_summary_line(report));
  json.key("totals");
  json.begin_object();
  count(json, "requests", r.requests);
  count(json, "response_classes", r.classes);
  count(json, "codes_reached", r.codes_reached.size());
  count(json, "codes_documented", report.codes_documented);
  count(json, "violations", r.violations.size());
  count(json, "warnings", r.warnings);
  count(json, "throttled", r.throttled);
  count(json, "baselines", r.baselines);
  count(json, "corpus", r.corpus);
  count(json, "created", r.created);
  count(json, "undone", r.undone);
  count(json, "acted_on", r.acted_on);
  count(json, "sequence_requests", r.sequence_requests);
  json.key("elapsed_ms");
  json.millis(r.seconds * 1000.0);
  json.end_object();
  strings(json, "codes_reached", {r.codes_reached.begin(), r.codes_reached.end()});
  json.key("endpoints");
  json.begin_array();
  std::map<std::size_t, std::string> row_of;
  for (const FuzzEndpoint& e : r.endpoints) {
    write_endpoint(json, e);
    for (const std::size_t index : e.violations) row_of[index] = e.endpoint;
  }
  json.end_array();
  json.key("violations");
  json.begin_array();
  for (std::size_t i = 0; i < r.violations.size(); ++i) {
    write_violation(json, r.violations[i], row_of.count(i) ? row_of[i] : r.violations[i].endpoint);
  }
  json.end_array();
  strings(json, "leaks", r.leaks);
  strings(json, "foreign_codes", {r.foreign_codes.begin(), r.foreign_codes.end()});
  json.end_object();
  if (!json.ok() || !json.complete()) {
    return Status(StatusCode::kInternal, "the JSON writer rejected a value; no report written");
  }
  return internal::indent_json(std::string_view(buffer.GetString(), buffer.GetSize()));
}

}  // namespace errcontract
