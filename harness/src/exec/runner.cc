// run_cases: a pool of `jobs` workers, each with its own Transport (so each
// keeps its own keep-alive connection), pulling cases from the plan in order.
// Results are reported as they finish and returned in plan order.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <mutex>
#include <optional>
#include <random>
#include <thread>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "errcontract/runner.h"
#include "exec/case_executor.h"
#include "exec/fixture_store.h"
#include "result/coverage.h"
#include "result/digest.h"

namespace errcontract {

namespace {

using Clock = std::chrono::steady_clock;

// Lower-case letters and digits only, starting with a letter, so that
// "${uniq}" is a valid resource name for any endpoint.
std::string generate_run_id() {
  static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::random_device device;
  std::mt19937 rng(device());
  std::uniform_int_distribution<int> pick(0, 35);
  std::string id = "r";
  for (int i = 0; i < 5; ++i) id += kDigits[pick(rng)];
  return id;
}

std::string utc_now_iso8601() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", tm);
}

}  // namespace

RunResult run_cases(const Catalog& catalog, const CaseLibrary& library,
                    const TransportFactory& make_transport, const RunOptions& options,
                    Reporter& reporter, const std::atomic<bool>* stop) {
  const auto start = Clock::now();
  RunResult result;
  result.target = options.target_label;
  result.started_at = utc_now_iso8601();
  result.run_id = options.run_id.empty() ? generate_run_id() : options.run_id;
  result.disabled_checks.assign(options.disabled_checks.begin(), options.disabled_checks.end());
  result.catalog_digest = internal::catalog_digest(catalog);
  result.cases_digest = library.digest;
  result.shard_count = std::max(1, options.shard_count);
  result.shard_index = result.shard_count > 1 ? options.shard_index : 0;

  const std::vector<const Case*> plan = plan_cases(library, catalog, options);
  internal::ExecutionContext context;
  context.catalog = &catalog;
  context.options = &options;
  context.run_id = result.run_id;
  internal::FixtureStore fixtures(options.fixtures, library.declared, options.secrets,
                                  context.run_id);
  context.fixtures = &fixtures;
  context.stop = stop;
  std::optional<internal::RateLimiter> limiter;
  if (options.rate > 0) limiter.emplace(options.rate);
  internal::NetworkState network;
  network.limiter = limiter ? &*limiter : nullptr;
  context.network = &network;

  const int jobs = std::clamp(options.jobs, 1, std::max(1, static_cast<int>(plan.size())));
  reporter.on_run_start(
      RunInfo{options.target_label, plan.size(), jobs, result.disabled_checks, result.run_id});

  // The factory is called here, on one thread: it need not be thread-safe.
  std::vector<std::unique_ptr<Transport>> transports;
  for (int i = 0; i < jobs; ++i) transports.push_back(make_transport ? make_transport() : nullptr);

  // Fixtures the plan needs, is not given, and the library says how to obtain.
  if (transports[0] != nullptr) {
    std::vector<std::string> needed;
    for (const Case* c : plan) {
      for (const auto& name : c->fixtures) {
        if (std::find(needed.begin(), needed.end(), name) == needed.end()) needed.push_back(name);
      }
    }
    fixtures.obtain_missing(needed, [&](const HttpRequest& request) {
      if (network.limiter != nullptr) network.limiter->acquire();
      return transports[0]->send(request);
    });
  }

  std::vector<std::optional<CaseResult>> slots(plan.size());
  std::atomic<std::size_t> next{0};
  std::mutex report_mutex;
  auto stopped = [stop] { return stop != nullptr && stop->load(); };
  auto unreachable = [&network] { return network.unreachable.load(); };
  // --max-failures: counted as cases end; once reached no new case starts,
  // but started ones run to their end (teardown included).
  int failed = 0;
  std::atomic<bool> enough_failures{false};
  auto worker = [&](Transport* transport) {
    while (!stopped() && !unreachable() && !enough_failures.load()) {
      const std::size_t index = next.fetch_add(1);
      if (index >= plan.size()) return;
      const Case& c = *plan[index];
      // ${uniq} counts by the case's place in the library, not in the plan:
      // shards (and --only selections) of one run id never share a name.
      const auto position = static_cast<std::size_t>(&c - library.cases.data());
      CaseResult r = transport != nullptr
                         ? internal::execute_case(c, position, *transport, context)
                         : internal::blank_result(c, catalog, Verdict::kError,
                                                  "internal: no transport for this worker");
      std::lock_guard<std::mutex> lock(report_mutex);
      if (r.verdict == Verdict::kFailed && ++failed == options.max_failures) {
        enough_failures = true;
      }
      reporter.on_case_end(r);
      if (!options.keep_passed_exchanges && r.verdict == Verdict::kPassed) {
        // Keep what the totals count (each exchange and its attempts), drop the bytes.
        for (Exchange& e : r.exchanges) {
          Headers().swap(e.request.headers);
          std::string().swap(e.request.body);
          if (e.response) {
            Headers().swap(e.response->headers);
            std::string().swap(e.response->body);
          }
        }
      }
      slots[index] = std::move(r);
    }
  };
  if (jobs == 1) {
    worker(transports[0].get());
  } else {
    std::vector<std::thread> threads;
    for (int i = 0; i < jobs; ++i) threads.emplace_back(worker, transports[i].get());
    for (auto& t : threads) t.join();
  }
  transports.clear();

  result.cases.reserve(plan.size());
  if (unreachable()) result.unreachable = network.first_unreachable;
  // Only a limit that kept some case from starting stopped the run.
  const bool limit_stopped = enough_failures && !stopped() && !unreachable();
  for (std::size_t i = 0; i < plan.size(); ++i) {
    if (!slots[i]) {
      // Never started: listed (and reported) as skipped so the run stays complete.
      std::string why = "interrupted before it started";
      if (unreachable()) {
        why = "not run: the target is unreachable";
      } else if (limit_stopped) {
        why = fmt::format("not run: the run stopped after {} failures (--max-failures)",
                          options.max_failures);
      }
      slots[i] = internal::blank_result(*plan[i], catalog, Verdict::kSkipped, std::move(why));
      reporter.on_case_end(*slots[i]);
      if (limit_stopped) {
        result.stopped_after_failures = options.max_failures;
      } else if (!unreachable()) {
        result.interrupted = true;
      }
    }
    result.cases.push_back(std::move(*slots[i]));
  }
  if (stopped()) result.interrupted = true;
  result.coverage = internal::compute_coverage(catalog, result.cases);
  result.totals = internal::compute_totals(result.cases);
  result.totals.throttled = network.throttled.load();
  result.fixture_notes = fixtures.notes();
  result.elapsed_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  reporter.on_run_end(result);
  return result;
}

}  // namespace errcontract
