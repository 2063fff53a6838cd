#include "exec/case_executor.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <set>
#include <thread>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/pointer.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "checks/check_table.h"
#include "errcontract/teardown_replay.h"
#include "exec/request_builder.h"

namespace errcontract::internal {

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// The body's error_code (a string or a number), or "".
std::string error_code_of(const HttpResponse& response) {
  return capture_value(response.body, "/error_code").value_or("");
}

// "PUT /operators/" from a spec whose variables could not be expanded.
std::string spec_line(const RequestSpec& spec) { return spec.method + " " + spec.path; }

// One case in flight: its scope, its transport, and the result being built.
class CaseExecution {
 public:
  CaseExecution(const Case& c, std::size_t index, Transport& transport,
                const ExecutionContext& context)
      : case_(c), transport_(transport), context_(context) {
    result_ = blank_result(c, *context.catalog, Verdict::kPassed, "");
    scope_.run = context.run_id;
    scope_.uniq = unique_name(context.run_id, index);
    use_snapshot(context.fixtures->current());
  }

  CaseResult run() {
    const auto start = Clock::now();
    for (int attempt = 0;; ++attempt) {
      attempt_begin_ = result_.exchanges.size();
      sent_.clear();  // a command reproduces the attempt that counted
      rejected_.reset();
      if (run_setup() && !interrupted()) run_trigger();
      if (!rejected_) break;
      const FixtureStore::Answer answer =
          context_.fixtures->rejected(*rejected_, snapshot_.generation, raw_send());
      if (answer != FixtureStore::Answer::kRetry || attempt > 0) {
        rejected_fixture_ = rejected_->fixture;
        break;
      }
      // The value was obtained again: remove what the rejected attempt made,
      // with the new value, and run the case from the start.
      use_snapshot(context_.fixtures->current());
      if (may_have_created()) run_teardown();
      scope_.captures.clear();
    }
    // Nothing received means nothing to clean up (a request that never
    // reached the target, or whose credential it rejected, created nothing:
    // no false leaks); otherwise teardown always runs, after a failure or an
    // interrupt too.
    if (may_have_created()) run_teardown();
    finish();
    result_.elapsed_ms = ms_since(start);
    return std::move(result_);
  }

 private:
  void use_snapshot(FixtureSnapshot snapshot) {
    snapshot_ = std::move(snapshot);
    scope_.fixtures = snapshot_.values.get();
  }

  // Sends as the store's obtain request needs: paced, no retries, not recorded.
  SendFunction raw_send() {
    return [this](const HttpRequest& request) {
      NetworkState* network = context_.network;
      if (network != nullptr && network->limiter != nullptr) network->limiter->acquire();
      return transport_.send(request);
    };
  }

  // Of this attempt's exchanges; the last one, when its credential was
  // rejected, made nothing.
  bool may_have_created() const {
    std::size_t end = result_.exchanges.size();
    if (rejected_ && end > attempt_begin_) --end;
    for (std::size_t i = attempt_begin_; i < end; ++i) {
      const Exchange& e = result_.exchanges[i];
      if (e.response || !is_unreachable(e.error_kind)) return true;
    }
    return false;
  }

  // Was the response a rejection of the request's auth fixture? Then the
  // attempt stops here (rejected_ set) instead of reporting findings.
  bool credential_rejected(const Step& step, const HttpResponse& response,
                           const std::string& code) {
    if (step.request.auth.empty() || !is_credential_rejection(response.status, code)) {
      return false;
    }
    rejected_ = Rejection{step.request.auth, response.status, code};
    return true;
  }

  bool stop_requested() const {
    return (context_.stop != nullptr && context_.stop->load()) ||
           (context_.network != nullptr && context_.network->unreachable.load());
  }

  // Checked before each step that leads up to the trigger; once set, the case
  // sends nothing more but its teardown.
  bool interrupted() {
    if (!stop_requested()) return false;
    interrupted_ = true;
    return true;
  }

  // Sends with up to `retries` extra attempts on transport errors, and
  // records the exchange (redacted). Returns the response, or nullopt with
  // `error` set.
  std::optional<HttpResponse> send(const HttpRequest& request, const std::string& phase,
                                   std::string& error) {
    Exchange exchange;
    exchange.phase = phase;
    exchange.request = request;
    // Kept only when failed cases get curl commands (RunOptions::curl).
    if (!context_.options->curl.base_url.empty() && phase.rfind("teardown", 0) != 0) {
      sent_.push_back({request, snapshot_.values});
    }
    const auto start = Clock::now();
    const int max_attempts = 1 + std::max(0, context_.options->retries);
    NetworkState* network = context_.network;
    std::optional<HttpResponse> response;
    TransportErrorKind kind = TransportErrorKind::kNone;
    int throttled = 0;
    for (int attempt = 1; attempt <= max_attempts; ++attempt) {
      exchange.attempts = attempt + throttled;
      if (network != nullptr && network->limiter != nullptr) network->limiter->acquire();
      Result<HttpResponse> sent = transport_.send(request);
      if (sent.ok()) {
        if (network != nullptr) network->answered = true;
        std::chrono::milliseconds delay{0};
        if (is_throttled(request, *sent, static_cast<long long>(std::time(nullptr)), delay)) {
          // Throttling is the network's business, not the contract's: wait
          // as asked and send again, within the caps; never a failure.
          const RunOptions& o = *context_.options;
          if (throttled >= o.throttle_retries || delay.count() > o.max_retry_after_ms ||
              stop_requested()) {
            kind = TransportErrorKind::kThrottled;
            error = fmt::format("still throttled: status {} after {} retries{}", sent->status,
                                throttled,
                                delay.count() > o.max_retry_after_ms
                                    ? fmt::format(" (Retry-After {} ms is over the {} ms timeout)",
                                                  delay.count(), o.max_retry_after_ms)
                                    : "");
            break;
          }
          ++throttled;
          if (network != nullptr) ++network->throttled;
          std::this_thread::sleep_for(delay);
          --attempt;  // a throttled answer does not use up a transport retry
          continue;
        }
        response = std::move(sent).value();
        break;
      }
      error = sent.status().message();
      kind = transport_error_kind(sent.status());
      if (network != nullptr && is_unreachable(kind) && !network->answered.load()) {
        network->note_unreachable(error);
        break;  // retrying cannot help: the target cannot be reached at all
      }
    }
    exchange.elapsed_ms = ms_since(start);
    if (response) {
      exchange.response = *response;
    } else {
      exchange.transport_error = error;
      exchange.error_kind = kind;
      last_error_kind_ = kind;
    }
    snapshot_.redactor->exchange(exchange);
    result_.exchanges.push_back(std::move(exchange));
    return response;
  }

  void transport_failure(const std::string& phase, const HttpRequest& request,
                         const std::string& error) {
    transport_error_ = true;
    result_.error_kind = last_error_kind_;
    result_.reason = fmt::format("{} (in {}: {} {})", error, phase, request.method, request.target);
  }

  void setup_failed(const std::string& why) {
    result_.findings.push_back(
        make_finding(FindingId::kSetupFailed, fmt::format("{}; the request was not sent", why)));
  }

  // Binds the step's captures; returns the first problem, or "".
  std::string capture(const Step& step, const HttpResponse& response, const std::string& phase) {
    for (const auto& [name, pointer] : step.capture) {
      auto value = capture_value(response.body, pointer);
      if (!value) {
        return fmt::format("{}: capture \"{}\": nothing at {} in the response body", phase, name,
                           pointer);
      }
      scope_.captures[name] = std::move(*value);
    }
    return {};
  }

  // Best effort: binds the captures that the response holds, ignores the rest.
  void capture_available(const Step& step, const HttpResponse& response) {
    for (const auto& [name, pointer] : step.capture) {
      if (auto value = capture_value(response.body, pointer)) scope_.captures[name] = *value;
    }
  }

  bool run_setup() {
    for (std::size_t i = 0; i < case_.setup.size(); ++i) {
      if (interrupted()) return false;
      const Step& step = case_.setup[i];
      const std::string phase = fmt::format("setup[{}]", i);
      auto built = build_request(step.request, scope_);
      if (!built.ok()) {
        setup_failed(
            fmt::format("{} {}: {}", phase, spec_line(step.request), built.status().message()));
        return false;
      }
      std::string error;
      auto response = send(built->http, phase, error);
      if (!response) {
        transport_failure(phase, built->http, error);
        return false;
      }
      const std::string line = built->http.method + " " + built->path;
      if (auto f = check_step_status(response->status, step.expect.status, phase, line)) {
        if (credential_rejected(step, *response, error_code_of(*response))) return false;
        result_.findings.push_back(*f);
        setup_failed(f->message);
        // Still bind what can be bound, so teardown can remove a resource that
        // was created with an unexpected status.
        capture_available(step, *response);
        return false;
      }
      if (auto problem = capture(step, *response, phase); !problem.empty()) {
        setup_failed(problem);
        return false;
      }
    }
    return true;
  }

  void run_trigger() {
    const Step& step = case_.trigger;
    auto built = build_request(step.request, scope_);
    if (!built.ok()) {
      transport_error_ = true;
      result_.reason = fmt::format("request {}: cannot be built: {}", spec_line(step.request),
                                   built.status().message());
      return;
    }
    std::string error;
    auto response = send(built->http, "request", error);
    if (!response) {
      transport_failure("request", built->http, error);
      return;
    }
    if (step.expect.contract) {
      ContractExpectation contract;
      contract.method = built->http.method;
      contract.path = built->path;
      contract.base_path = context_.options->base_path;
      contract.lenient = context_.options->lenient;
      contract.strict_status = context_.options->strict_status;
      ContractVerdict verdict = check_contract_response(*response, *context_.catalog, contract);
      for (auto& f : verdict.findings) result_.findings.push_back(std::move(f));
      capture_available(step, *response);
      return;
    }
    TriggerExpectation expect;
    expect.code = step.expect.error_code.value_or(case_.code);
    if (!step.request.auth.empty()) {
      const std::string code = error_code_of(*response);
      if (code != expect.code && credential_rejected(step, *response, code)) return;
    }
    expect.statuses = step.expect.status;
    expect.message = step.expect.message;
    expect.method = built->http.method;
    expect.path = built->path;
    expect.base_path = context_.options->base_path;
    expect.lenient = context_.options->lenient;
    expect.strict_status = context_.options->strict_status;
    for (auto& f : check_trigger_response(*response, *context_.catalog, expect)) {
      result_.findings.push_back(std::move(f));
    }
    // Captures on the trigger are best effort: they let a teardown remove what
    // a wrongly accepted request created.
    capture_available(step, *response);
  }

  void teardown_failed(const std::string& what, const std::string& detail) {
    result_.leaks.push_back(fmt::format("{} ({})", what, detail));
    result_.findings.push_back(make_finding(
        FindingId::kTeardownFailed,
        fmt::format("{} ({}): what it should remove may be left on the target", what, detail)));
  }

  // The teardown just recorded as a leak, as `errcontract teardown --from`
  // can send it again: fixture values as references, never as values.
  void keep_for_replay(const std::string& phase, const Step& step, const HttpRequest& request) {
    LeakedTeardown kept;
    kept.phase = phase;
    kept.leak = result_.leaks.back();
    kept.request = teardown_template(request, *snapshot_.values);
    kept.expect_status = step.expect.status;
    result_.leaked_teardowns.push_back(std::move(kept));
  }

  void run_teardown() {
    bool renewed = false;  // a rejected credential is renewed at most once here too
    for (std::size_t i = 0; i < case_.teardown.size(); ++i) {
      const Step& step = case_.teardown[i];
      const std::string phase = fmt::format("teardown[{}]", i);
      auto built = build_request(step.request, scope_);
      if (!built.ok()) {
        teardown_failed(spec_line(step.request),
                        fmt::format("not sent: {}", built.status().message()));
        continue;
      }
      // Secret-named query parameters (a bucket's password) stay out of leaks.
      const std::string what =
          built->http.method + " " + snapshot_.redactor->target(built->http.target);
      std::string error;
      auto response = send(built->http, phase, error);
      if (!response) {
        teardown_failed(what, error);
        keep_for_replay(phase, step, built->http);
        continue;
      }
      if (auto f = check_step_status(response->status, step.expect.status, phase,
                                     built->http.method + " " + built->path)) {
        const std::string code = error_code_of(*response);
        if (!renewed && !step.request.auth.empty() &&
            is_credential_rejection(response->status, code) &&
            context_.fixtures->rejected({step.request.auth, response->status, code},
                                        snapshot_.generation,
                                        raw_send()) == FixtureStore::Answer::kRetry) {
          renewed = true;
          use_snapshot(context_.fixtures->current());
          --i;  // the same step with the new value
          continue;
        }
        f->severity = Severity::kWarning;
        result_.findings.push_back(*f);
        teardown_failed(what, fmt::format("status {}", response->status));
        keep_for_replay(phase, step, built->http);
        continue;
      }
      capture_available(step, *response);
    }
  }

  void finish() {
    // --disable-check: the checks ran (later steps may depend on them), their
    // disabled findings are dropped before the verdict.
    const std::set<FindingId>& disabled = context_.options->disabled_checks;
    std::erase_if(result_.findings,
                  [&disabled](const Finding& f) { return disabled.count(f.id) != 0; });
    const Redactor& redactor = *snapshot_.redactor;
    for (auto& f : result_.findings) redactor.finding(f);
    for (auto& leak : result_.leaks) leak = redactor.text(leak);
    for (auto& kept : result_.leaked_teardowns) {
      // Templating replaced the fixture values; secret --header values too.
      kept.leak = redactor.text(kept.leak);
      kept.request.target = redactor.text(kept.request.target);
      for (auto& [name, value] : kept.request.headers) value = redactor.text(value);
      kept.request.body = redactor.text(kept.request.body);
    }
    result_.reason = redactor.text(result_.reason);
    if (!rejected_fixture_.empty()) {
      // Not the contract's fault: the target did not accept the credential.
      result_.verdict = Verdict::kError;
      result_.rejected_fixture = rejected_fixture_;
      result_.reason = context_.fixtures->dead_reason(rejected_fixture_);
      context_.fixtures->count_dependent_error(rejected_fixture_);
    } else if (transport_error_) {
      result_.verdict = Verdict::kError;
    } else if (has_errors(result_.findings)) {
      result_.verdict = Verdict::kFailed;
    } else if (interrupted_) {
      result_.verdict = Verdict::kSkipped;
      result_.reason = "interrupted before the request was sent";
    } else {
      result_.verdict = Verdict::kPassed;
    }
    const bool reproducible =
        result_.verdict == Verdict::kFailed ||
        (result_.verdict == Verdict::kError && !is_unreachable(result_.error_kind));
    if (reproducible) {
      for (const SentRequest& sent : sent_) {
        // The redactor is the last guard: a value written other than as is or
        // percent-encoded shows as *** instead of leaking.
        result_.curl.push_back(redactor.text(
            curl_command(sent.request, context_.options->curl,
                         fixture_variables(*sent.fixtures, Redactor::kMinSecretLength))));
      }
    }
  }

  // A setup or trigger request as sent (unredacted), with the fixture values
  // it was built from: a failed case's curl commands are made from them.
  struct SentRequest {
    HttpRequest request;
    std::shared_ptr<const Fixtures> fixtures;
  };

  const Case& case_;
  Transport& transport_;
  const ExecutionContext& context_;
  CaseResult result_;
  VariableScope scope_;
  FixtureSnapshot snapshot_;
  std::vector<SentRequest> sent_;      // this attempt's setup and trigger requests
  std::size_t attempt_begin_ = 0;      // the first exchange of the current attempt
  std::optional<Rejection> rejected_;  // this attempt ended on a rejected credential
  std::string rejected_fixture_;       // ... and the store rejected it for good
  bool transport_error_ = false;
  bool interrupted_ = false;
  TransportErrorKind last_error_kind_ = TransportErrorKind::kNone;
};

}  // namespace

void NetworkState::note_unreachable(const std::string& error) {
  if (answered.load()) return;
  std::lock_guard<std::mutex> lock(mu);
  if (first_unreachable.empty()) first_unreachable = error;
  unreachable = true;
}

std::optional<std::string> skip_reason(const Case& c, const RunOptions& options,
                                       const Fixtures& fixtures) {
  std::set<std::string> needed(c.fixtures.begin(), c.fixtures.end());
  auto add_auth = [&needed](const Step& step) {
    if (!step.request.auth.empty()) needed.insert(step.request.auth);
  };
  for (const auto& s : c.setup) add_auth(s);
  add_auth(c.trigger);
  for (const auto& s : c.teardown) add_auth(s);

  std::vector<std::string> missing;
  for (const auto& name : needed) {
    auto it = fixtures.find(name);
    if (it == fixtures.end() || it->second.empty()) missing.push_back(name);
  }
  if (!missing.empty()) {
    std::string names;
    for (const auto& m : missing) names += (names.empty() ? "\"" : ", \"") + m + "\"";
    return fmt::format("{} {} not provided", missing.size() == 1 ? "fixture" : "fixtures", names);
  }
  if (c.has_tag("destructive") && !options.allow_destructive) {
    return std::string("destructive; use --allow-destructive");
  }
  return std::nullopt;
}

CaseResult blank_result(const Case& c, const Catalog& catalog, Verdict verdict,
                        std::string reason) {
  CaseResult r;
  r.case_id = c.id;
  r.code = c.code;
  r.endpoint = c.endpoint;
  r.contract = c.trigger.expect.contract;
  r.module = c.module();
  if (const CodeEntry* entry = catalog.find(c.code)) r.module_name = entry->module_name;
  r.summary = c.summary;
  r.file = c.file;
  r.line = c.line;
  r.verdict = verdict;
  r.reason = std::move(reason);
  return r;
}

std::string unique_name(const std::string& run_id, std::size_t index) {
  static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string suffix;
  do {
    suffix.insert(suffix.begin(), kDigits[index % 36]);
    index /= 36;
  } while (index > 0 || suffix.size() < kUniqueIndexWidth);
  return std::string(kResourcePrefix) + run_id + suffix;
}

CaseResult execute_case(const Case& c, std::size_t index, Transport& transport,
                        const ExecutionContext& context) {
  if (auto reason = skip_reason(c, *context.options, *context.fixtures->current().values)) {
    return blank_result(c, *context.catalog, Verdict::kSkipped, std::move(*reason));
  }
  // A fixture the target already rejected for good: an error at once, with
  // the diagnosis made when it was rejected, and nothing sent.
  if (auto dead = context.fixtures->dead_fixture(c.fixtures)) {
    CaseResult r =
        blank_result(c, *context.catalog, Verdict::kError, context.fixtures->dead_reason(*dead));
    r.rejected_fixture = *dead;
    context.fixtures->count_dependent_error(*dead);
    return r;
  }
  return CaseExecution(c, index, transport, context).run();
}

std::optional<std::string> capture_value(const std::string& body, const std::string& pointer) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseIterativeFlag>(body.c_str(), body.size());
  if (doc.HasParseError()) return std::nullopt;
  rapidjson::Pointer ptr(pointer.c_str(), pointer.size());
  if (!ptr.IsValid()) return std::nullopt;
  const rapidjson::Value* value = ptr.Get(doc);
  if (value == nullptr) return std::nullopt;
  if (value->IsString()) return std::string(value->GetString(), value->GetStringLength());
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value->Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace errcontract::internal
