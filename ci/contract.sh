#!/usr/bin/env bash
# The contract job for CI against a staging deployment: builds the tool (release
# preset, in build/contract), runs the whole case library against TARGET and
# writes JUnit, JSON and Markdown reports into OUT (for the CI's test tab and the pull-request comment).
# The exit code is errcontract's: 0 passed, 1 contract failures, 2 bad input,
# 3 target unreachable, so the pipeline is gated on it.
#
#   ci/contract.sh --target URL [--fixtures FILE] [--out DIR] [-- extra run options]
#
# Fixtures may also come from ERRC_FIXTURE_<NAME> variables (CI secrets); their
# values never appear in the reports. Without --target it runs against the
# embedded reference server, which is how the job itself is tried locally.
set -euo pipefail
cd "$(dirname "$0")/.."

target="" fixtures="" out=out/errcontract
extra=()
while (($#)); do
  case $1 in
    --target) target=${2:?--target needs a URL}; shift 2 ;;
    --fixtures) fixtures=${2:?--fixtures needs a file}; shift 2 ;;
    --out) out=${2:?--out needs a directory}; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "ci/contract.sh: unknown option $1" >&2
       echo "usage: ci/contract.sh --target URL [--fixtures FILE] [--out DIR] [-- run options]" >&2
       exit 2 ;;
  esac
done

# The tool alone: its own build folder, without tests or benchmarks, so the job
# installs no test, clang or benchmark packages (ci/bootstrap.sh build).
ci/bootstrap.sh build
cmake --preset release -B build/contract -DERRC_BUILD_BENCH=OFF >/dev/null
cmake --build build/contract >/dev/null
mkdir -p "$out"
args=(run --report "junit=$out/junit.xml" --report "json=$out/report.json" --report "md=$out/summary.md")
[[ -n $target ]] && args+=(--target "$target")
[[ -n $fixtures ]] && args+=(--fixtures "$fixtures")
exec build/contract/errcontract "${args[@]}" "${extra[@]}"
