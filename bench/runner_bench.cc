// The stages of a run, one benchmark each, on the case bench/throughput.sh
// uses (bucket-info-unknown): load (bytes/s and heap kept per case), plan,
// request build, send (real HTTP to the reference server on 127.0.0.1, and
// in-process) and check. docs/performance.md explains the figures.
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <memory>
#include <string>

#include "bench_cases.h"
#include "checks/check_table.h"
#include "errcontract/case.h"
#include "errcontract/catalog.h"
#include "errcontract/reference_server.h"
#include "errcontract/runner.h"
#include "exec/request_builder.h"
#include "transport/transports.h"

namespace {

using namespace errcontract;
using bench::case_file;

std::size_t heap_in_use() { return mallinfo2().uordblks; }

// The heap bytes of a string beyond the object itself (0 when it fits SSO).
std::size_t heap_of(const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; }

std::size_t string_bytes(const Case& c) {
  std::size_t n = heap_of(c.id) + heap_of(c.code) + heap_of(c.summary) + heap_of(c.file);
  for (const auto& t : c.tags) n += heap_of(t);
  const RequestSpec& r = c.trigger.request;
  n += heap_of(r.method) + heap_of(r.path) + heap_of(r.auth);
  for (const auto& [k, v] : r.query) n += heap_of(k) + heap_of(v);
  return n;
}

void BM_Load(benchmark::State& state) {
  const std::string text = case_file(static_cast<int>(state.range(0)));
  const Catalog& catalog = Catalog::builtin();
  double kept = 0, strings = 0;
  for (auto _ : state) {
    const std::size_t before = heap_in_use();
    auto library = CaseLibrary::parse(text, "bench.cases.json", catalog);
    if (!library.ok()) {
      state.SkipWithError(library.status().message().c_str());
      return;
    }
    const double cases = static_cast<double>(library->cases.size());
    kept = static_cast<double>(heap_in_use() - before) / cases;
    std::size_t s = 0;
    for (const Case& c : library->cases) s += string_bytes(c);
    strings = static_cast<double>(s) / cases;
    benchmark::DoNotOptimize(library->cases.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["heap_per_case"] = kept;
  state.counters["strings_per_case"] = strings;
  state.counters["beyond_strings"] = kept - strings;
}
BENCHMARK(BM_Load)->Arg(1000)->Arg(30000)->Unit(benchmark::kMillisecond);

void BM_Plan(benchmark::State& state) {
  const Catalog& catalog = Catalog::builtin();
  auto library = CaseLibrary::parse(case_file(30000), "bench.cases.json", catalog);
  RunOptions options;
  options.exclude = {"destructive"};
  for (auto _ : state) {
    auto plan = plan_cases(*library, catalog, options);
    benchmark::DoNotOptimize(plan.data());
  }
  state.SetItemsProcessed(state.iterations() * 30000);
}
BENCHMARK(BM_Plan)->Unit(benchmark::kMillisecond);

struct OneCase {
  Fixtures fixtures{{"token", "t0ken-value-0123456789abcdef"}};
  CaseLibrary library;
  VariableScope scope;
  OneCase() {
    library =
        std::move(CaseLibrary::parse(case_file(1), "bench.cases.json", Catalog::builtin())).value();
    scope.run = "rbench";
    scope.uniq = "rbench0";
    scope.fixtures = &fixtures;
  }
  const Case& c() const { return library.cases[0]; }
};

void BM_BuildRequest(benchmark::State& state) {
  OneCase one;
  for (auto _ : state) {
    auto built = internal::build_request(one.c().trigger.request, one.scope);
    benchmark::DoNotOptimize(built->http.target.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_BuildRequest);

HttpRequest bench_request(const ReferenceServer& server) {
  return HttpRequest{"GET",
                     "/buckets/info/?bucket_name=nbbench",
                     {{"Authorization", "Bearer " + server.fixtures().at("token")}},
                     ""};
}

// One keep-alive connection, like one worker of `run --jobs 1`: the latency
// of a check's exchange, client and server on this machine.
// One keep-alive exchange over 127.0.0.1 through `make`: the plain transport
// (what make_http_transport gives an http:// target) or cpp-httplib's.
template <std::unique_ptr<Transport> (*make)(const TargetOptions&)>
void send_http(benchmark::State& state) {
  ReferenceServer server(Catalog::builtin());
  auto port = server.start("127.0.0.1", 0);
  if (!port.ok()) {
    state.SkipWithError(port.status().message().c_str());
    return;
  }
  TargetOptions target;
  target.base_url = "http://127.0.0.1:" + std::to_string(*port);
  auto transport = make(target);
  const HttpRequest request = bench_request(server);
  for (auto _ : state) {
    auto response = transport->send(request);
    if (!response.ok()) {
      state.SkipWithError(response.status().message().c_str());
      break;
    }
    benchmark::DoNotOptimize(response->body.data());
  }
  state.SetItemsProcessed(state.iterations());
  server.stop();
}
void BM_SendHttp(benchmark::State& state) { send_http<internal::make_plain_http_transport>(state); }
BENCHMARK(BM_SendHttp)->UseRealTime()->Unit(benchmark::kMicrosecond);
void BM_SendHttpCppHttplib(benchmark::State& state) {
  send_http<internal::make_httplib_transport>(state);
}
BENCHMARK(BM_SendHttpCppHttplib)->UseRealTime()->Unit(benchmark::kMicrosecond);

// The server's own share: routing, authentication and the envelope, no socket.
void BM_SendInProcess(benchmark::State& state) {
  ReferenceServer server(Catalog::builtin());
  auto transport = make_in_process_transport(server);
  const HttpRequest request = bench_request(server);
  for (auto _ : state) {
    auto response = transport->send(request);
    benchmark::DoNotOptimize(response->body.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SendInProcess)->Unit(benchmark::kMicrosecond);

void BM_Check(benchmark::State& state) {
  const Catalog& catalog = Catalog::builtin();
  ReferenceServer server(catalog);
  const HttpRequest request = bench_request(server);
  const HttpResponse response = server.handle(request);
  internal::TriggerExpectation expect;
  expect.code = "21203";
  expect.method = "GET";
  expect.path = "/buckets/info/";
  for (auto _ : state) {
    auto findings = internal::check_trigger_response(response, catalog, expect);
    benchmark::DoNotOptimize(findings.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Check);

}  // namespace

BENCHMARK_MAIN();
