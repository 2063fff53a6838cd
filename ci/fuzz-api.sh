#!/usr/bin/env bash
# The continuous fuzz-api job (docs/fuzz-api.md): builds the tool the way the
# contract job does (ci/contract.sh --build-only: release, no tests), then
# fuzzes TARGET for SECONDS with the corpus kept in OUT/corpus between runs and
# the reproducers of any violation written to OUT/reproducers. The seed is
# printed, so a run can be repeated (the same seed and corpus against the same
# server state send the same requests). The exit code is fuzz-api's: 0 no
# violation, 1 violations (reproducers written), 2 bad input, 3 target
# unreachable.
#
#   ci/fuzz-api.sh [--target URL] [--seconds N] [--fixtures FILE] [--out DIR]
#                  [--seed N] [-- extra fuzz-api options]
#
# Without --target it fuzzes the embedded reference server (how the job is
# tried locally). The default seed is today's date (YYYYMMDD), so each nightly
# run explores from another start. Fixtures may also come from
# ERRC_FIXTURE_<NAME> variables (CI secrets); their values never appear in the
# output or the files written.
set -euo pipefail
cd "$(dirname "$0")/.."

target="" seconds=600 fixtures="" out=out/fuzz-api seed=$(date -u +%Y%m%d)
extra=()
usage() {
  echo "usage: ci/fuzz-api.sh [--target URL] [--seconds N] [--fixtures FILE] [--out DIR] [--seed N] [-- fuzz-api options]" >&2
  exit 2
}
while (($#)); do
  case $1 in
    --target) target=${2:?--target needs a URL}; shift 2 ;;
    --seconds) seconds=${2:?--seconds needs a number}; shift 2 ;;
    --fixtures) fixtures=${2:?--fixtures needs a file}; shift 2 ;;
    --out) out=${2:?--out needs a directory}; shift 2 ;;
    --seed) seed=${2:?--seed needs a number}; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "ci/fuzz-api.sh: unknown option $1" >&2; usage ;;
  esac
done

ci/contract.sh --build-only
mkdir -p "$out"
args=(fuzz-api --seconds "$seconds" --max-requests 100000000 --seed "$seed"
      --corpus "$out/corpus" --out "$out/reproducers")
[[ -n $target ]] && args+=(--target "$target")
[[ -n $fixtures ]] && args+=(--fixtures "$fixtures")
echo "ci/fuzz-api.sh: seed $seed, $seconds s, corpus $out/corpus"
exec build/contract/errcontract "${args[@]}" "${extra[@]}"
