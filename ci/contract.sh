#!/usr/bin/env bash
# The contract job for CI against a staging deployment: builds only the tool
# (release, no tests or benchmarks), runs the case library against TARGET and
# writes JUnit, JSON and Markdown reports into OUT (for the CI's test tab and
# the pull-request comment); under GitHub Actions errcontract itself appends
# the Markdown report to the step summary and annotates each failed case. The
# exit code is errcontract's: 0 passed, 1 contract failures or coverage below
# --min-coverage, 2 bad input, 3 target unreachable, so the pipeline is gated
# on it.
#
#   ci/contract.sh --target URL [--fixtures FILE] [--out DIR] [--min-coverage PCT]
#                  [-- extra run options]
#   ci/contract.sh --build-only   (the tool alone, build/contract/errcontract:
#                  for a job that only merges shards' reports)
#
# Against a real target (--target) the cases tagged `upstream` (they need the
# reference server's upstream-failure hook) and `debug-code` (they read a
# verification code the reference server exposes for tests) are excluded:
# no real deployment can run them. Fixtures may also come from
# ERRC_FIXTURE_<NAME> variables (CI secrets); an empty one counts as unset.
# Their values never appear in the reports. Without --target it runs against
# the embedded reference server, which is how the job itself is tried locally.
set -euo pipefail
cd "$(dirname "$0")/.."

target="" fixtures="" out=out/errcontract min_coverage=90 build_only=0
extra=()
while (($#)); do
  case $1 in
    --target) target=${2:?--target needs a URL}; shift 2 ;;
    --fixtures) fixtures=${2:?--fixtures needs a file}; shift 2 ;;
    --out) out=${2:?--out needs a directory}; shift 2 ;;
    --min-coverage) min_coverage=${2:?--min-coverage needs a percentage}; shift 2 ;;
    --build-only) build_only=1; shift ;;
    --) shift; extra=("$@"); break ;;
    *) echo "ci/contract.sh: unknown option $1" >&2
       echo "usage: ci/contract.sh --target URL [--fixtures FILE] [--out DIR] [--min-coverage PCT] [-- run options] | --build-only" >&2
       exit 2 ;;
  esac
done

# The tool alone: its own build folder, without tests or benchmarks, so the job
# installs no test, clang or benchmark packages (ci/bootstrap.sh build).
ci/bootstrap.sh build
cmake --preset release -B build/contract -DERRC_BUILD_BENCH=OFF >/dev/null
cmake --build build/contract >/dev/null
((build_only)) && exit 0
mkdir -p "$out"
args=(run --min-coverage "$min_coverage"
      --report "junit=$out/junit.xml" --report "json=$out/report.json" --report "md=$out/summary.md")
if [[ -n $target ]]; then
  args+=(--target "$target" --exclude upstream --exclude debug-code)
fi
[[ -n $fixtures ]] && args+=(--fixtures "$fixtures")
exec build/contract/errcontract "${args[@]}" "${extra[@]}"
