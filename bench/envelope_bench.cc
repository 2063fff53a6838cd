// Throughput of the envelope library on a typical error body, next to a plain
// RapidJSON DOM parse of the same bytes (the floor a strict parser is held
// to). Each benchmark reports items/s = envelopes per second on one core.
#include <benchmark/benchmark.h>
#include <rapidjson/document.h>

#include <string>

#include "errcontract/envelope.h"

namespace {

using errcontract::Catalog;

// What a conforming server sends for a common code, with a realistic request.
const std::string& typical_body() {
  static const std::string body =
      errcontract::build_envelope_raw("21402", "PUT /operators/", "Operator already exists.");
  return body;
}

void BM_ParseAndCheck(benchmark::State& state) {
  const std::string& body = typical_body();
  const Catalog& catalog = Catalog::builtin();
  errcontract::Expectation expect;
  expect.code = "21402";
  expect.method = "PUT";
  expect.path = "/operators/";
  for (auto _ : state) {
    const errcontract::EnvelopeParse parse = errcontract::parse_envelope(body);
    std::vector<errcontract::Finding> findings =
        errcontract::check_envelope(*parse.envelope, catalog, expect);
    benchmark::DoNotOptimize(findings.data());
    benchmark::DoNotOptimize(parse.findings.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(body.size()));
}
BENCHMARK(BM_ParseAndCheck);

void BM_ParseOnly(benchmark::State& state) {
  const std::string& body = typical_body();
  for (auto _ : state) {
    const errcontract::EnvelopeParse parse = errcontract::parse_envelope(body);
    benchmark::DoNotOptimize(parse.envelope->message.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(body.size()));
}
BENCHMARK(BM_ParseOnly);

void BM_RapidJsonDom(benchmark::State& state) {
  const std::string& body = typical_body();
  for (auto _ : state) {
    rapidjson::Document doc;
    doc.Parse(body.data(), body.size());
    benchmark::DoNotOptimize(doc.HasParseError());
    benchmark::DoNotOptimize(doc.MemberCount());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(body.size()));
}
BENCHMARK(BM_RapidJsonDom);

void BM_Build(benchmark::State& state) {
  const Catalog& catalog = Catalog::builtin();
  for (auto _ : state) {
    std::string body = errcontract::build_envelope(catalog, "21402", "PUT", "/operators/");
    benchmark::DoNotOptimize(body.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Build);

}  // namespace

BENCHMARK_MAIN();
