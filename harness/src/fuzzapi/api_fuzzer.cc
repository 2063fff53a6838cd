// The fuzz loop: baselines (each usable case's setup, then its trigger, kept
// as concrete requests), then batches of mutated corpus entries, then the
// baselines' teardowns. Every response goes through check_contract_response.
// A batch's inputs are drawn before any of it is sent and judged in input
// order afterwards, so the requests depend on the seed and on the responses,
// never on which worker answered first.
#include "errcontract/api_fuzzer.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>

#include "checks/check_table.h"
#include "exec/case_executor.h"
#include "exec/rate_limiter.h"
#include "exec/request_builder.h"
#include "fuzzapi/concrete_request.h"
#include "fuzzapi/endpoint_tally.h"
#include "fuzzapi/minimiser.h"
#include "fuzzapi/reproducer_steps.h"
#include "fuzzapi/request_mutator.h"
#include "fuzzapi/surface_request.h"
#include "fuzzapi/undo_ledger.h"
#include "result/redact.h"
#include "text/ascii.h"

namespace errcontract {
namespace {

using internal::FuzzRng;

struct Input {
  RequestSpec request;  // concrete: no variable left, '$' as "$$"
  std::string mutation;
  std::string case_id;
  std::string code;                       // the error_code its response carried, once judged
  const RequestSpec* baseline = nullptr;  // the trigger it was mutated from (minimiser.h)
  // A step of a baseline's own (setup, teardown, undo), not a request to
  // mutate: what it makes is not noted (its teardown undoes it), and its
  // reproducer is the request alone.
  bool step = false;
  // The made resource (an index into the undo ledger) it acts on, or -1.
  std::ptrdiff_t resource = -1;
};

// Resources acted on per creating endpoint: the first few show what acting
// on one reaches; the rest are only deleted.
constexpr std::size_t kResourcesActedOnPerEndpoint = 3;

bool takes_any(const ApiEndpoint& e, const std::vector<std::string>& names) {
  return std::any_of(e.parameters.begin(), e.parameters.end(), [&](const ApiParameter& p) {
    return std::find(names.begin(), names.end(), p.name) != names.end();
  });
}

struct Sent {
  internal::BuiltRequest built;
  Result<HttpResponse> response = HttpResponse{};
  // The transport found bytes nobody asked for on the connection, after this
  // response or before this request (after the previous one's response).
  bool unasked = false;
  std::string previous;  // the request sent before it on the same transport
};

// What the workers share on the network: --rate, and the throttling count.
struct Network {
  std::optional<internal::RateLimiter> limiter;
  std::atomic<std::size_t> throttled{0};
};

// Sends one request as `run` does: paced by --rate, and a throttling answer
// (429, 503; internal::is_throttled) waited for and sent again within the
// caps, never judged: throttling is the network's business, not the
// contract's. A keep-alive connection the server closed just as the request
// went out reads as "closed": such a request is sent once more, on a fresh
// connection.
Result<HttpResponse> send_paced(Transport& transport, const HttpRequest& request,
                                const FuzzOptions& options, Network& network) {
  bool resent = false;
  for (int throttled = 0;;) {
    if (network.limiter) network.limiter->acquire();
    Result<HttpResponse> response = transport.send(request);
    if (!response.ok()) {
      if (resent || transport_error_kind(response.status()) != TransportErrorKind::kClosed) {
        return response;
      }
      resent = true;
      continue;
    }
    std::chrono::milliseconds delay{0};
    if (!internal::is_throttled(request, *response, static_cast<long long>(std::time(nullptr)),
                                delay)) {
      return response;
    }
    if (throttled >= options.throttle_retries || delay.count() > options.max_retry_after_ms) {
      return transport_error(
          TransportErrorKind::kThrottled,
          fmt::format("still throttled: status {} after {} retries", response->status, throttled));
    }
    ++throttled;
    ++network.throttled;
    std::this_thread::sleep_for(delay);
  }
}

// Sends one request on `transport` and notes whether the server sent bytes
// nobody asked for around it (Transport::unasked_responses).
void send_watching(Transport& transport, Sent& sent, std::string& last_sent,
                   const FuzzOptions& options, Network& network) {
  const std::uint64_t before = transport.unasked_responses();
  sent.response = send_paced(transport, sent.built.http, options, network);
  sent.unasked = transport.unasked_responses() != before;
  sent.previous = std::exchange(last_sent, sent.built.http.method + " " + sent.built.http.target);
}

class Fuzzer {
 public:
  Fuzzer(const Catalog& catalog, const CaseLibrary& library, const ApiSurface& surface,
         const Fixtures& fixtures, const TransportFactory& make_transport,
         const FuzzOptions& options, const std::atomic<bool>* stop, const RequestObserver& observe)
      : catalog_(catalog),
        make_transport_(make_transport),
        library_(library),
        surface_(surface),
        fixtures_(fixtures),
        options_(options),
        stop_(stop),
        observe_(observe),
        rng_(options.seed),
        redactor_(fixtures),
        tally_(surface, catalog),
        ledger_(fixtures, redactor_) {
    scope_.run = options.run_id;
    scope_.fixtures = &fixtures_;
    for (int i = 0; i < std::max(1, options.jobs); ++i) transports_.push_back(make_transport());
    last_sent_.resize(transports_.size());
    if (options.rate > 0) network_.limiter.emplace(options.rate);
  }

  FuzzResult run() {
    start_ = std::chrono::steady_clock::now();
    run_baselines();
    run_surface_baselines();
    report_progress();
    for (const RequestSpec& entry : options_.corpus_in) {
      corpus_.push_back(Input{entry, "from --corpus", "", ""});
    }
    while (!done()) {
      run_batch();
      report_progress();
    }
    minimise();   // before the teardowns: the baselines' state is still there
    run_undos();  // what the run's own requests made, before what the baselines stand on
    run_teardowns();
    settle_borrowed_leaks();
    report_progress();
    result_.corpus = corpus_.size();
    if (options_.keep_corpus) keep_corpus();
    result_.classes = classes_.size();
    result_.throttled = network_.throttled.load();
    result_.endpoints = tally_.rows();
    result_.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    return std::move(result_);
  }

 private:
  void report_progress() const {
    if (!options_.on_progress) return;
    FuzzProgress progress;
    progress.requests = result_.requests;
    progress.max_requests = options_.max_requests;
    progress.classes = classes_.size();
    progress.codes_reached = result_.codes_reached.size();
    progress.codes_documented = catalog_.documented_count();
    progress.violations = result_.violations.size();
    progress.elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    progress.seconds_limit = options_.seconds;
    options_.on_progress(progress);
  }

  using Baseline = internal::FuzzBaseline;

  bool done() const {
    if (result_.unreachable || result_.requests >= options_.max_requests) return true;
    if (stop_ != nullptr && stop_->load()) return true;
    if (corpus_.empty()) return true;
    if (options_.seconds <= 0) return false;
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count() >=
           options_.seconds;
  }

  // Sends one request on worker 0 now (setup, baselines, teardown).
  std::optional<Sent> send_now(const RequestSpec& spec, const VariableScope& scope) {
    auto built = internal::build_request(spec, scope);
    if (!built.ok()) return std::nullopt;
    if (observe_) observe_(result_.requests, built->http);
    ++result_.requests;
    tally_.request(surface_.find(built->http.method, built->path));
    Sent sent;
    sent.built = std::move(*built);
    send_watching(*transports_[0], sent, last_sent_[0], options_, network_);
    return std::optional<Sent>(std::move(sent));
  }

  void run_baselines() {
    RunOptions run_options;
    run_options.allow_destructive = options_.allow_destructive;
    for (std::size_t i = 0; i < library_.cases.size() && !done_sending(); ++i) {
      const Case& c = library_.cases[i];
      // An endpoint with a case, run or skipped, is the library's to reach.
      covered_.insert(surface_.find(c.trigger.request.method, c.trigger.request.path));
      if (internal::skip_reason(c, run_options, fixtures_)) continue;
      Baseline baseline{&c, scope_};
      baseline.scope.uniq = internal::unique_name(options_.run_id, i);
      bool ready = true;
      for (const Step& step : c.setup) {
        auto sent = send_now(step.request, baseline.scope);
        if (!sent || !judge(Input{step.request, "setup", c.id, "", nullptr, true}, *sent) ||
            internal::check_step_status(sent->response->status, step.expect.status, "setup",
                                        step.request.method)) {
          ready = false;
          break;
        }
        for (const auto& [name, pointer] : step.capture) {
          auto value = internal::capture_value(sent->response->body, pointer);
          if (!value) ready = false;
          baseline.scope.captures[name] = value.value_or("");
        }
      }
      if (result_.unreachable) return;
      baseline.ready = ready;
      baseline_of_case_[c.id] = baselines_.size();
      baselines_.push_back(baseline);
      if (!ready || done_sending()) continue;
      auto concrete = internal::concrete_request(c.trigger.request, baseline.scope);
      if (!concrete.ok()) continue;
      send_baseline(std::move(*concrete), c.id);
    }
  }

  // Sends a baseline's request (concrete) and makes it a corpus entry;
  // `resource` is the made resource it acts on (-1 none).
  void send_baseline(RequestSpec request, const std::string& case_id,
                     std::ptrdiff_t resource = -1) {
    const RequestSpec* origin = &baseline_requests_.emplace_back(request);
    Input input{std::move(request), "", case_id, "", origin, false, resource};
    auto sent = send_now(input.request, scope_);
    if (!sent) return;
    judge(input, *sent);
    input.code = last_code_;
    corpus_.push_back(std::move(input));
    if (resource < 0) ++result_.baselines;  // acting on a resource counts on its own
  }

  // Stateful sequences: each resource the run's requests made since the
  // last call (the undo ledger's new entries) is acted on before its undo
  // deletes it at the end. Every endpoint that takes a parameter the
  // resource is known by (UndoEntry::identity) gets one request with the
  // resource's values, sent with the credential that made it, and that
  // request joins the corpus to be mutated like a baseline. A DELETE only
  // with --allow-destructive, as for the surface's baselines.
  void act_on_new_resources() {
    for (; acted_upto_ < ledger_.entries().size(); ++acted_upto_) {
      // Copies: acting may make more, and the ledger's entries move.
      const internal::UndoEntry made = ledger_.entries()[acted_upto_];
      if (!made.problem.empty() || made.borrowed_credential || made.identity().empty()) continue;
      if (acted_per_endpoint_[made.endpoint]++ >= kResourcesActedOnPerEndpoint) continue;
      internal::ParameterValues values = made.values;
      values.insert(surface_values_.begin(), surface_values_.end());  // the resource's win
      ++result_.acted_on;
      for (const ApiEndpoint& e : surface_.endpoints) {
        if (done_sending()) return;
        if ((e.method == "DELETE" && !options_.allow_destructive) ||
            !takes_any(e, made.identity())) {
          continue;
        }
        RequestSpec request = internal::surface_request(e, values, "");
        if (e.needs_token) internal::copy_credential(made.step.request, request);
        ++result_.sequence_requests;
        send_baseline(std::move(request), made.case_id, static_cast<std::ptrdiff_t>(acted_upto_));
      }
    }
  }

  // A baseline for each endpoint of the surface no case triggers
  // (surface_request.h). A DELETE is left out without --allow-destructive:
  // nothing says what it would remove.
  void run_surface_baselines() {
    const internal::ParameterValues values = internal::parameter_values(baseline_requests_);
    const std::string token = fixtures_.count("token") ? "token" : "";
    for (const ApiEndpoint& e : surface_.endpoints) {
      if (done_sending()) break;
      if (covered_.count(&e) || (e.method == "DELETE" && !options_.allow_destructive)) continue;
      send_baseline(internal::surface_request(e, values, token), "api.json " + e.text());
    }
    surface_values_ = values;
    act_on_new_resources();
  }

  bool done_sending() const {
    return result_.unreachable || result_.requests >= options_.max_requests ||
           (stop_ != nullptr && stop_->load());
  }

  void run_batch() {
    const std::size_t jobs = transports_.size();
    const std::size_t size = std::min(jobs * 16, options_.max_requests - result_.requests);
    std::vector<Input> inputs;
    std::vector<Sent> sent(size);
    for (std::size_t k = 0; k < size; ++k) {
      Input input = corpus_[rng_.below(corpus_.size())];
      // One to three mutations on top of what the entry already carries.
      const std::size_t count = 1 + rng_.below(3);
      for (std::size_t m = 0; m < count; ++m) {
        const ApiEndpoint* endpoint = surface_.find(input.request.method, input.request.path);
        const std::string what = internal::mutate_request(input.request, rng_, endpoint);
        input.mutation += (input.mutation.empty() ? "" : "; ") + what;
      }
      auto built = internal::build_request(input.request, scope_);
      if (!built.ok()) continue;
      if (observe_) observe_(result_.requests + inputs.size(), built->http);
      sent[inputs.size()].built = std::move(*built);
      inputs.push_back(std::move(input));
    }
    sent.resize(inputs.size());
    std::vector<std::thread> workers;
    for (std::size_t w = 1; w < jobs && w < inputs.size(); ++w) {
      workers.emplace_back([this, w, jobs, &sent] { send_share(w, jobs, sent); });
    }
    send_share(0, jobs, sent);
    for (auto& t : workers) t.join();
    result_.requests += inputs.size();
    if (inputs.empty()) result_.requests = options_.max_requests;  // nothing can be built
    for (std::size_t k = 0; k < inputs.size(); ++k) {
      tally_.request(surface_.find(sent[k].built.http.method, sent[k].built.path));
      if (judge(inputs[k], sent[k]) && opened_class_) {
        inputs[k].code = last_code_;
        corpus_.push_back(std::move(inputs[k]));
      }
    }
    act_on_new_resources();
  }

  void send_share(std::size_t worker, std::size_t jobs, std::vector<Sent>& sent) {
    for (std::size_t k = worker; k < sent.size(); k += jobs) {
      send_watching(*transports_[worker], sent[k], last_sent_[worker], options_, network_);
    }
  }

  // Whether a cleanup step (a teardown, an undo) got what it expects.
  static bool torn_down(const std::optional<Sent>& sent, const Step& step) {
    return sent && sent->response.ok() &&
           !internal::check_step_status(sent->response->status, step.expect.status, "teardown",
                                        step.request.method);
  }

  // Sends a cleanup step; one that did not get what it expects goes once
  // more on a new connection, in case the one it went on was out of step.
  // The answer it kept is held to the contract like any other (`case_id`:
  // whose step it is); like a setup step's, a violation there is not
  // minimised and its reproducer is the request alone.
  std::optional<Sent> send_cleanup(const Step& step, const VariableScope& scope,
                                   const std::string& case_id) {
    auto sent = send_now(step.request, scope);
    if (!torn_down(sent, step)) {
      transports_[0] = make_transport_();
      sent = send_now(step.request, scope);
    }
    if (auto concrete = internal::concrete_request(step.request, scope); sent && concrete.ok()) {
      judge(Input{std::move(*concrete), "cleanup", case_id, "", nullptr, true}, *sent);
    }
    return sent;
  }

  // "WHO: METHOD TARGET (what it got)": a leak's line, secrets hidden.
  std::string leak_line(const std::string& who, const Step& step,
                        const std::optional<Sent>& sent) const {
    std::string answer = "not sent";
    if (sent && !sent->response.ok()) answer = sent->response.status().message();
    if (sent && sent->response.ok()) {
      const auto code = internal::capture_value(sent->response->body, "/error_code");
      answer =
          fmt::format("HTTP {}{}", sent->response->status, code ? ", error_code " + *code : "");
    }
    return fmt::format("{}: {} {} ({})", who, step.request.method,
                       redactor_.target(sent ? sent->built.http.target : step.request.path),
                       answer);
  }

  // Deletes, newest first, what the run's own requests made (undo_ledger.h);
  // what is still there afterwards is a leak. Both cleanups start on a fresh
  // connection: the fuzzer's own may have been left out of step by a server
  // that misread a mutated request (docs/fuzz-api.md).
  void run_undos() {
    const auto& entries = ledger_.entries();
    result_.created = entries.size();
    if (entries.empty()) return;
    transports_[0] = make_transport_();
    for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
      if (!it->problem.empty()) {
        result_.leaks.push_back(fmt::format("{}: {}", it->made_by, it->problem));
        continue;
      }
      if (result_.unreachable) return;
      const auto sent = send_cleanup(it->step, scope_, it->case_id);
      if (torn_down(sent, it->step)) {
        ++result_.undone;
      } else if (it->borrowed_credential) {
        // Made in an account the case's setup made: its teardown, next,
        // takes the resource with the account, or the leak stands.
        borrowed_leaks_.emplace_back(it->case_id, leak_line(it->made_by, it->step, sent));
      } else {
        result_.leaks.push_back(leak_line(it->made_by, it->step, sent));
      }
    }
  }

  // The undos that failed in an account a case's setup made: undone by that
  // case's teardown when it ran cleanly.
  void settle_borrowed_leaks() {
    for (auto& [case_id, leak] : borrowed_leaks_) {
      if (torn_down_cleanly_.count(case_id)) {
        ++result_.undone;
      } else {
        result_.leaks.push_back(leak +
                                "; made with a token the case's setup obtained, and its "
                                "teardown did not run cleanly");
      }
    }
  }

  void run_teardowns() {
    // Teardown runs whatever the budget: what the baselines created goes.
    transports_[0] = make_transport_();
    for (auto it = baselines_.rbegin(); it != baselines_.rend(); ++it) {
      const std::size_t leaks_before = result_.leaks.size();
      for (const Step& step : it->c->teardown) {
        if (result_.unreachable) return;
        const auto sent = send_cleanup(step, it->scope, it->c->id);
        // A setup that failed part-way may not have made what this step
        // deletes: "not found" then is no leak.
        const bool never_made =
            !it->ready && sent && sent->response.ok() && sent->response->status == 404;
        if (!torn_down(sent, step) && !never_made) {
          result_.leaks.push_back(leak_line(it->c->id, step, sent));
        }
      }
      if (it->ready && !it->c->teardown.empty() && result_.leaks.size() == leaks_before) {
        torn_down_cleanly_.insert(it->c->id);
      }
    }
  }

  std::string endpoint_of(const std::string& method, const std::string& path,
                          const ApiEndpoint** found) const {
    *found = surface_.find(method, path);
    return *found != nullptr ? (*found)->text() : method + " " + path;
  }

  // Holds one exchange to the contract; records its class, codes and
  // violations. Returns whether a response came back.
  bool judge(const Input& input, const Sent& sent) {
    opened_class_ = false;
    last_code_.clear();
    const ApiEndpoint* endpoint = nullptr;
    const std::string name = endpoint_of(sent.built.http.method, sent.built.path, &endpoint);
    if (!sent.response.ok()) {
      const TransportErrorKind kind = transport_error_kind(sent.response.status());
      if (is_unreachable(kind) && !answered_) {
        result_.unreachable = true;
        result_.unreachable_error = sent.response.status().message();
        return false;
      }
      if (kind == TransportErrorKind::kThrottled) {
        ++result_.warnings;  // the network's limit, not the contract
        return false;
      }
      const std::string finding = std::string("transport.") + to_string(kind);
      violation(input, endpoint, name, finding, "", sent.response.status().message(), 0);
      note_class(endpoint, fmt::format("{}|{}", name, finding));
      return false;
    }
    answered_ = true;
    const HttpResponse& response = *sent.response;
    if (endpoint != nullptr && !input.step) {
      ledger_.note(*endpoint, input.request, response, input.case_id, !input.mutation.empty());
    }
    if (sent.unasked) {
      violation(input, endpoint, name, std::string(kUnaskedResponseFinding), "",
                fmt::format("the server sent bytes no request asked for on the connection, after "
                            "the response to this request or to the one before it ({}): a second "
                            "response to one request (an HTTP desync); the connection was closed",
                            sent.previous.empty() ? "none" : redactor_.target(sent.previous)),
                response.status);
    }
    internal::ContractExpectation expect;
    expect.method = sent.built.http.method;
    expect.path = sent.built.path;
    expect.base_path = options_.base_path;
    expect.lenient = options_.lenient;
    expect.strict_status = options_.strict_status;
    internal::ContractVerdict verdict =
        internal::check_contract_response(response, catalog_, expect);
    last_code_ = verdict.code;
    if (const CodeEntry* entry = catalog_.find(verdict.code);
        entry != nullptr && !entry->is_extension()) {
      result_.codes_reached.insert(verdict.code);
      tally_.code(endpoint, verdict.code);
      if (from_another_module(*entry, endpoint)) {
        ++result_.warnings;
        result_.foreign_codes.insert(name + " " + verdict.code);
      }
    }
    std::vector<std::string> ids;
    for (const Finding& f : verdict.findings) {
      ids.emplace_back(to_string(f.id));
      if (f.severity == Severity::kWarning) {
        ++result_.warnings;
      } else {
        violation(input, endpoint, name, ids.back(), verdict.code, f.message, response.status);
      }
    }
    std::sort(ids.begin(), ids.end());
    note_class(endpoint, fmt::format("{}|{}|{}|{}", name, response.status, verdict.code,
                                     fmt::join(ids, ",")));
    return true;
  }

  // A module code (level 2) that the catalog does not list for this endpoint,
  // from another module than the endpoint's own (its param_error's).
  bool from_another_module(const CodeEntry& entry, const ApiEndpoint* endpoint) const {
    if (endpoint == nullptr || entry.level != 2) return false;
    if (entry.find_endpoint(endpoint->method, endpoint->path) != nullptr) return false;
    const CodeEntry* own = catalog_.find(endpoint->param_error);
    return own != nullptr && own->level == 2 && own->module != entry.module;
  }

  void keep_corpus() {
    for (const Input& input : corpus_) {
      const ApiEndpoint* endpoint = surface_.find(input.request.method, input.request.path);
      result_.corpus_out.push_back(
          {internal::with_fixture_references(input.request, fixtures_),
           input.code,
           endpoint != nullptr ? endpoint->param_error : "",
           "corpus: " + (input.case_id.empty() ? std::string("an earlier run") : input.case_id) +
               (input.mutation.empty() ? "" : " after: " + input.mutation),
           {},
           {}});
    }
  }

  void note_class(const ApiEndpoint* endpoint, std::string key) {
    opened_class_ = classes_.insert(std::move(key)).second;
    if (opened_class_) tally_.new_class(endpoint);
  }

  void violation(const Input& input, const ApiEndpoint* endpoint, const std::string& name,
                 const std::string& finding, const std::string& code, const std::string& detail,
                 int status) {
    // Paths the surface does not have are one endpoint for deduplication, or
    // each mutated path would be a violation of its own.
    const std::string key =
        (endpoint != nullptr ? name : "(unknown endpoint)") + "|" + finding + "|" + code;
    if (probe_hits_ != nullptr) {  // a minimisation attempt: what it shows, nothing recorded
      probe_hits_->insert(key);
      return;
    }
    if (!seen_.insert(key).second) return;
    FuzzViolation v;
    v.endpoint = name;
    v.finding = finding;
    v.code = code;
    // A finding may quote what was sent: no fixture value leaves the fuzzer.
    v.detail = redactor_.text(detail);
    v.mutation = redactor_.text(input.mutation);
    v.case_id = input.case_id;
    v.param_error = endpoint != nullptr ? endpoint->param_error : "";
    const std::ptrdiff_t made = reproducers_.attach(v, input.request, acted_on(input), input.step);
    v.status = status;
    result_.violations.push_back(std::move(v));
    tally_.violation(endpoint, result_.violations.size() - 1);
    origins_.push_back({input.request, input.baseline, key, made});
  }

  // The made resource `input` acts on: the one its entry was made for, as
  // long as the request still carries something the resource is known by
  // (a mutation may have replaced it); -1 for none.
  std::ptrdiff_t acted_on(const Input& input) const {
    if (input.resource < 0) return -1;
    const internal::UndoEntry& made = ledger_.entries()[static_cast<std::size_t>(input.resource)];
    return internal::names_resource(input.request, made) ? input.resource : -1;
  }

  // Each violation's reproducer, minimised against the target (minimiser.h),
  // on a fresh connection: the fuzzer's may be out of step. Attempts are sent
  // and judged like any request; --seconds gets a tenth more for them.
  void minimise() {
    if (result_.unreachable) return;
    transports_[0] = make_transport_();
    auto probe = [this](std::size_t i, const RequestSpec& request) {
      const double elapsed =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
      if ((stop_ != nullptr && stop_->load()) ||
          (options_.seconds > 0 && elapsed >= options_.seconds * 1.1)) {
        return internal::Probe::kStop;
      }
      auto sent = send_now(request, scope_);
      if (!sent) return internal::Probe::kDoesNot;
      std::set<std::string> hits;
      probe_hits_ = &hits;
      judge(Input{request, "", result_.violations[i].case_id, ""}, *sent);
      probe_hits_ = nullptr;
      return hits.count(origins_[i].key) ? internal::Probe::kShows : internal::Probe::kDoesNot;
    };
    internal::minimise_violations(result_, origins_, probe,
                                  [this](std::size_t i, const RequestSpec& r) {
                                    return reproducers_.request(r, result_.violations[i],
                                                                origins_[i].resource);
                                  },
                                  {options_.minimise_attempts, options_.minimise_total});
  }

  const Catalog& catalog_;
  const TransportFactory& make_transport_;
  const CaseLibrary& library_;
  const ApiSurface& surface_;
  const Fixtures& fixtures_;
  const FuzzOptions& options_;
  const std::atomic<bool>* stop_;
  const RequestObserver& observe_;
  FuzzRng rng_;
  internal::Redactor redactor_;  // fixture values out of what is printed
  internal::EndpointTally tally_;
  internal::UndoLedger ledger_;  // what the run's own requests made
  std::size_t acted_upto_ = 0;   // ledger entries looked at for acting on
  std::map<const ApiEndpoint*, std::size_t> acted_per_endpoint_;  // resources acted on
  internal::ParameterValues surface_values_;                      // what the surface baselines sent
  std::vector<std::pair<std::string, std::string>> borrowed_leaks_;  // case id, leak
  std::set<std::string> torn_down_cleanly_;  // cases whose every teardown step did its job
  VariableScope scope_;  // the fuzzer's own: fixtures only (concrete requests hold the rest)
  std::vector<std::unique_ptr<Transport>> transports_;
  std::vector<std::string> last_sent_;  // per transport: its latest request line
  Network network_;
  std::vector<Baseline> baselines_;
  std::set<const ApiEndpoint*> covered_;  // endpoints some case triggers
  std::vector<Input> corpus_;
  std::deque<RequestSpec> baseline_requests_;            // concrete; Input::baseline points here
  std::vector<internal::ViolationOrigin> origins_;       // beside result_.violations
  std::map<std::string, std::size_t> baseline_of_case_;  // case id -> index in baselines_
  std::set<std::string>* probe_hits_ = nullptr;          // violation keys while minimising
  internal::ReproducerSteps reproducers_{fixtures_, ledger_, baselines_, baseline_of_case_};
  std::set<std::string> classes_, seen_;
  bool opened_class_ = false;
  std::string last_code_;  // the error_code of the response judge() saw last
  bool answered_ = false;
  FuzzResult result_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace

FuzzResult fuzz_api(const Catalog& catalog, const CaseLibrary& library, const ApiSurface& surface,
                    const Fixtures& fixtures, const TransportFactory& make_transport,
                    const FuzzOptions& options, const std::atomic<bool>* stop,
                    const RequestObserver& observe) {
  Fuzzer fuzzer(catalog, library, surface, fixtures, make_transport, options, stop, observe);
  return fuzzer.run();
}

}  // namespace errcontract
