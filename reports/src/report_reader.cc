// The JSON report read with RapidJSON's DOM into a RunResult. Members added
// after report_format 1 (digests, shard, endpoint, error kinds, throttled,
// unreachable) are optional, so earlier reports still render; what is
// computed from the rest (exit_code, coverage.summary, totals.cases) is not
// read.
#include "errcontract/report_reader.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <optional>

#include "report_json_read.h"

namespace errcontract {
namespace {

constexpr std::int64_t kReportFormat = 1;

using internal::ReportFields;
using Value = rapidjson::Value;

// The enumerator whose to_string is `name`, from `all`.
template <typename Enum, std::size_t N>
std::optional<Enum> named(const std::array<Enum, N>& all, std::string_view name) {
  for (Enum e : all) {
    if (name == to_string(e)) return e;
  }
  return std::nullopt;
}

constexpr std::array kVerdicts = {Verdict::kPassed, Verdict::kFailed, Verdict::kError,
                                  Verdict::kSkipped};
constexpr std::array kCodeStatuses = {CodeStatus::kVerified, CodeStatus::kFailed,
                                      CodeStatus::kSkipped, CodeStatus::kNoCase};
constexpr std::array kSeverities = {Severity::kError, Severity::kWarning};

std::optional<TransportErrorKind> error_kind_named(std::string_view name) {
  for (int k = 0; k <= static_cast<int>(TransportErrorKind::kOther); ++k) {
    const auto kind = static_cast<TransportErrorKind>(k);
    if (name == to_string(kind)) return kind;
  }
  return std::nullopt;
}

// An enumerator named by a string member; a name that is none is a problem.
template <typename Enum, typename Lookup>
Enum enum_member(ReportFields& fields, const Value& object, const std::string& where,
                 const char* name, std::string_view what, Lookup lookup, Enum fallback) {
  if (!fields.has(object, name)) {
    if (fields.ok()) fields.string(object, where, name);  // names it missing
    return fallback;
  }
  const std::string text = fields.string(object, where, name);
  if (!fields.ok()) return fallback;
  std::optional<Enum> e = lookup(text);
  if (!e) fields.fail(ReportFields::path(where, name), fmt::format("\"{}\" is not {}", text, what));
  return e.value_or(fallback);
}

TransportErrorKind error_kind(ReportFields& fields, const Value& object, const std::string& where) {
  if (!fields.has(object, "error_kind")) return TransportErrorKind::kNone;
  return enum_member(fields, object, where, "error_kind", "a transport error kind",
                     error_kind_named, TransportErrorKind::kNone);
}

Finding read_finding(ReportFields& fields, const Value& v, const std::string& where) {
  Finding f;
  f.id = enum_member(fields, v, where, "id", "a finding id (errcontract checks)", find_finding_id,
                     FindingId{});
  f.severity = enum_member(
      fields, v, where, "severity", "a severity",
      [](std::string_view n) { return named(kSeverities, n); }, Severity::kError);
  f.message = fields.string(v, where, "message");
  if (fields.has(v, "offset")) {
    const std::int64_t offset = fields.integer(v, where, "offset");
    if (offset < 0) fields.fail(ReportFields::path(where, "offset"), "negative");
    f.offset = static_cast<std::size_t>(offset);
  }
  f.pointer = fields.optional_string(v, where, "pointer");
  return f;
}

Exchange read_exchange(ReportFields& fields, const Value& v, const std::string& where) {
  Exchange e;
  if (!fields.object(v, where)) return e;
  e.phase = fields.string(v, where, "phase");
  const std::string at = ReportFields::path(where, "request");
  if (fields.has(v, "request") && fields.object(v["request"], at)) {
    const Value& r = v["request"];
    e.request.method = fields.string(r, at, "method");
    e.request.target = fields.string(r, at, "target");
    e.request.headers = fields.headers(r, at);
    e.request.body = fields.body(r, at);
  } else {
    fields.string(v, where, "request");  // names it missing
  }
  if (fields.has(v, "response")) {
    const std::string response_at = ReportFields::path(where, "response");
    const Value& r = v["response"];
    if (fields.object(r, response_at)) {
      HttpResponse response;
      response.status = static_cast<int>(fields.integer(r, response_at, "status"));
      response.headers = fields.headers(r, response_at);
      response.body = fields.body(r, response_at);
      response.body_truncated = fields.boolean(r, response_at, "body_truncated");
      e.response = std::move(response);
    }
  }
  e.transport_error = fields.string(v, where, "transport_error");
  e.error_kind = error_kind(fields, v, where);
  e.elapsed_ms = fields.number(v, where, "elapsed_ms");
  e.attempts = static_cast<int>(fields.integer(v, where, "attempts"));
  return e;
}

CaseResult read_case(ReportFields& fields, const Value& v, const std::string& where) {
  CaseResult c;
  if (!fields.object(v, where)) return c;
  c.case_id = fields.string(v, where, "id");
  c.code = fields.string(v, where, "code");
  c.module = fields.string(v, where, "module");
  c.module_name = fields.string(v, where, "module_name");
  c.summary = fields.string(v, where, "summary");
  c.endpoint = fields.optional_string(v, where, "endpoint");
  c.contract = fields.has(v, "contract") && fields.boolean(v, where, "contract");
  c.file = fields.string(v, where, "file");
  c.line = static_cast<std::size_t>(fields.optional_integer(v, where, "line", 0));
  c.verdict = enum_member(
      fields, v, where, "verdict", "a verdict",
      [](std::string_view n) { return named(kVerdicts, n); }, Verdict::kError);
  c.reason = fields.string(v, where, "reason");
  c.error_kind = error_kind(fields, v, where);
  c.rejected_fixture = fields.optional_string(v, where, "rejected_fixture");
  c.elapsed_ms = fields.number(v, where, "elapsed_ms");
  if (const Value* list = fields.array(v, where, "findings")) {
    for (rapidjson::SizeType i = 0; i < list->Size() && fields.ok(); ++i) {
      c.findings.push_back(
          read_finding(fields, (*list)[i], fmt::format("{}.findings[{}]", where, i)));
    }
  }
  if (const Value* list = fields.array(v, where, "exchanges")) {
    for (rapidjson::SizeType i = 0; i < list->Size() && fields.ok(); ++i) {
      c.exchanges.push_back(
          read_exchange(fields, (*list)[i], fmt::format("{}.exchanges[{}]", where, i)));
    }
  }
  c.leaks = fields.strings(v, where, "leaks");
  if (const Value* list = fields.array(v, where, "leaked_teardowns", false)) {
    for (rapidjson::SizeType i = 0; i < list->Size() && fields.ok(); ++i) {
      c.leaked_teardowns.push_back(
          fields.teardown((*list)[i], fmt::format("{}.leaked_teardowns[{}]", where, i)));
    }
  }
  if (fields.has(v, "curl")) c.curl = fields.strings(v, where, "curl");
  return c;
}

CodeStatus code_status(ReportFields& fields, const Value& v, const std::string& where) {
  return enum_member(
      fields, v, where, "status", "a coverage status",
      [](std::string_view n) { return named(kCodeStatuses, n); }, CodeStatus::kNoCase);
}

CoverageEntry read_coverage_entry(ReportFields& fields, const Value& v, const std::string& where) {
  CoverageEntry entry;
  if (!fields.object(v, where)) return entry;
  entry.code = fields.string(v, where, "code");
  entry.module_name = fields.string(v, where, "module_name");
  entry.extension = fields.boolean(v, where, "extension");
  entry.message = fields.string(v, where, "message");
  entry.http_status = static_cast<int>(fields.integer(v, where, "http_status"));
  entry.status_alternatives = fields.integers(v, where, "status_alternatives");
  entry.status = code_status(fields, v, where);
  entry.case_ids = fields.strings(v, where, "cases");
  if (const Value* list = fields.array(v, where, "endpoints")) {
    for (rapidjson::SizeType i = 0; i < list->Size() && fields.ok(); ++i) {
      const std::string at = fmt::format("{}.endpoints[{}]", where, i);
      const Value& e = (*list)[i];
      if (!fields.object(e, at)) break;
      EndpointCoverage endpoint;
      endpoint.endpoint = fields.string(e, at, "endpoint");
      endpoint.status = code_status(fields, e, at);
      endpoint.case_ids = fields.strings(e, at, "cases");
      entry.endpoints.push_back(std::move(endpoint));
    }
  }
  return entry;
}

// "K/N" with 1 <= K <= N.
void read_shard(ReportFields& fields, const Value& doc, RunResult& run) {
  if (!fields.has(doc, "shard")) return;
  const std::string text = fields.string(doc, "", "shard");
  const std::size_t slash = text.find('/');
  int k = 0, n = 0;
  auto number = [&text](std::size_t from, std::size_t to, int& out) {
    const char* end = text.data() + to;
    auto [at, error] = std::from_chars(text.data() + from, end, out);
    return error == std::errc() && at == end && from < to;
  };
  if (fields.ok() && (slash == std::string::npos || !number(0, slash, k) ||
                      !number(slash + 1, text.size(), n) || k < 1 || n < k)) {
    fields.fail("shard", fmt::format("\"{}\" is not K/N", text));
    return;
  }
  run.shard_index = k - 1;
  run.shard_count = n;
}

}  // namespace

Result<RunResult> parse_json_report(std::string_view json, std::string_view file) {
  rapidjson::Document doc;
  if (Status parsed = internal::parse_report_document(json, file, doc); !parsed.ok()) {
    return parsed;
  }
  ReportFields fields(file);
  const std::int64_t format = fields.integer(doc, "", "report_format");
  if (fields.ok() && format != kReportFormat) {
    fields.fail("report_format", fmt::format("{} is not the format this errcontract reads ({})",
                                             format, kReportFormat));
  }
  RunResult run;
  run.target = fields.string(doc, "", "target");
  run.started_at = fields.string(doc, "", "started_at");
  run.run_id = fields.string(doc, "", "run_id");
  run.catalog_digest = fields.optional_string(doc, "", "catalog_digest");
  run.cases_digest = fields.optional_string(doc, "", "cases_digest");
  read_shard(fields, doc, run);
  run.elapsed_ms = fields.number(doc, "", "elapsed_ms");
  run.interrupted = fields.boolean(doc, "", "interrupted");
  run.unreachable = fields.optional_string(doc, "", "unreachable");
  run.stopped_after_failures =
      static_cast<int>(fields.optional_integer(doc, "", "stopped_after_failures", 0));
  const std::vector<std::string> disabled = fields.strings(doc, "", "disabled_checks");
  for (std::size_t i = 0; i < disabled.size() && fields.ok(); ++i) {
    if (std::optional<FindingId> id = find_finding_id(disabled[i])) {
      run.disabled_checks.push_back(*id);
    } else {
      fields.fail(fmt::format("disabled_checks[{}]", i),
                  fmt::format("\"{}\" is not a finding id", disabled[i]));
    }
  }
  run.fixture_notes = fields.strings(doc, "", "fixture_notes");

  const std::string totals_at = "totals";
  if (fields.has(doc, "totals") && fields.object(doc["totals"], totals_at)) {
    const Value& t = doc["totals"];
    run.totals.passed = static_cast<int>(fields.integer(t, totals_at, "passed"));
    run.totals.failed = static_cast<int>(fields.integer(t, totals_at, "failed"));
    run.totals.errors = static_cast<int>(fields.integer(t, totals_at, "errors"));
    run.totals.skipped = static_cast<int>(fields.integer(t, totals_at, "skipped"));
    run.totals.requests = static_cast<int>(fields.integer(t, totals_at, "requests"));
    run.totals.throttled = static_cast<int>(fields.optional_integer(t, totals_at, "throttled", 0));
  } else {
    fields.integer(doc, "", "totals");  // names it missing
  }

  if (const Value* cases = fields.array(doc, "", "cases")) {
    run.cases.reserve(cases->Size());
    for (rapidjson::SizeType i = 0; i < cases->Size() && fields.ok(); ++i) {
      run.cases.push_back(read_case(fields, (*cases)[i], fmt::format("cases[{}]", i)));
    }
  }
  if (fields.has(doc, "coverage") && fields.object(doc["coverage"], "coverage")) {
    if (const Value* codes = fields.array(doc["coverage"], "coverage", "codes")) {
      for (rapidjson::SizeType i = 0; i < codes->Size() && fields.ok(); ++i) {
        run.coverage.push_back(
            read_coverage_entry(fields, (*codes)[i], fmt::format("coverage.codes[{}]", i)));
      }
    }
  } else {
    fields.array(doc, "", "coverage");  // names it missing
  }
  if (!fields.ok()) return fields.status();
  return run;
}

Result<RunResult> load_json_report(const std::string& path) {
  Result<std::string> text = internal::read_report_text(path);
  if (!text.ok()) return text.status();
  return parse_json_report(*text, path);
}

}  // namespace errcontract
