// A long run in one process: the case bench/throughput.sh uses, N copies,
// run P times over real HTTP against the reference server on 127.0.0.1 (in
// this process too, so its memory counts), each run's result dropped. Prints
// the resident memory and the heap in use after the first 100,000 checks and
// after the last, and the growth between them: memory must not grow with the
// number of checks (docs/performance.md).
//
//   memory_soak [--cases N] [--passes P] [--jobs J] [--target URL --token T]
//
// Defaults 10000 cases, 100 passes, 4 jobs. With --target (an `errcontract
// serve` of another process, and its "token" fixture) only the runner's
// memory is measured.
#include <malloc.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>

#include "bench_cases.h"
#include "errcontract/case.h"
#include "errcontract/catalog.h"
#include "errcontract/reference_server.h"
#include "errcontract/reporter.h"
#include "errcontract/runner.h"

namespace {

using namespace errcontract;
using bench::case_file;

// VmRSS of this process, in KiB.
long resident_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return -1;
}

double heap_mib() { return static_cast<double>(mallinfo2().uordblks) / (1 << 20); }

int usage() {
  std::fprintf(stderr,
               "usage: memory_soak [--cases N] [--passes P] [--jobs J] [--target URL --token T]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  int cases = 10000, passes = 100, jobs = 4;
  std::string url, token;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg(argv[i]);
    if (i + 1 >= argc) return usage();
    if (arg == "--target" || arg == "--token") {
      (arg == "--target" ? url : token) = argv[++i];
      continue;
    }
    const int value = std::atoi(argv[++i]);
    if (value <= 0) return usage();
    if (arg == "--cases") {
      cases = value;
    } else if (arg == "--passes") {
      passes = value;
    } else if (arg == "--jobs") {
      jobs = value;
    } else {
      return usage();
    }
  }

  if (url.empty() != token.empty()) return usage();
  const Catalog& catalog = Catalog::builtin();
  ReferenceServer server(catalog);
  if (url.empty()) {
    auto port = server.start("127.0.0.1", 0);
    if (!port.ok()) {
      std::fprintf(stderr, "memory_soak: %s\n", port.status().message().c_str());
      return 1;
    }
    url = "http://127.0.0.1:" + std::to_string(*port);
    token = server.fixtures().at("token");
  }
  auto library = CaseLibrary::parse(case_file(cases), "soak.cases.json", catalog);
  if (!library.ok()) {
    std::fprintf(stderr, "memory_soak: %s\n", library.status().message().c_str());
    return 1;
  }
  TargetOptions target;
  target.base_url = url;
  RunOptions options;
  options.jobs = jobs;
  options.keep_passed_exchanges = false;  // as `run` without --report
  options.fixtures["token"] = token;
  Reporter silent;

  const long start_kib = resident_kib();
  std::printf("start: %d cases loaded, target %s%s; RSS %.1f MB\n", cases, url.c_str(),
              server.port() > 0 ? " (in this process)" : "", start_kib / 1024.0);
  long checks = 0, first_kib = 0;
  double first_heap = 0;
  long first_at = 0;
  const auto began = std::chrono::steady_clock::now();
  for (int pass = 1; pass <= passes; ++pass) {
    {
      const RunResult result = run_cases(
          catalog, *library, [&target] { return make_http_transport(target); }, options, silent);
      if (result.outcome() != RunOutcome::kPassed) {
        std::fprintf(stderr, "memory_soak: pass %d did not pass\n", pass);
        return 1;
      }
      checks += static_cast<long>(result.cases.size());
    }  // each figure is taken with the run's result dropped
    if (checks / 100000 != (checks - static_cast<long>(library->cases.size())) / 100000 &&
        pass < passes) {
      // Every 100,000 checks: a plateau, or a growth that would show a leak.
      const long kib = resident_kib();
      const double heap = heap_mib();
      if (first_at == 0) {
        first_at = checks;
        first_kib = kib;
        first_heap = heap;
      }
      std::printf("after %ld checks: RSS %.1f MB, heap in use %.1f MB\n", checks, kib / 1024.0,
                  heap);
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  const long last_kib = resident_kib();
  const double last_heap = heap_mib();
  std::printf("after %ld checks: RSS %.1f MB, heap in use %.1f MB (%.0f checks/s)\n", checks,
              last_kib / 1024.0, last_heap, checks / seconds);
  if (first_at != 0) {
    std::printf("growth from %ld to %ld checks: RSS %+.1f%%, heap %+.1f%%\n", first_at, checks,
                100.0 * (last_kib - first_kib) / first_kib,
                100.0 * (last_heap - first_heap) / first_heap);
  }
  server.stop();
  return 0;
}
