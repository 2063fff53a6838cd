#!/usr/bin/env bash
# The continuous fuzzing job (docs/fuzzing.md): builds the libFuzzer targets
# with clang (-fsanitize=fuzzer,address,undefined; CMake preset "fuzz"), runs
# each for a time budget on a copy of its corpus with its dictionary, merges
# the inputs that found new coverage back into fuzz/corpus/<target>/, keeps
# crashing inputs in fuzz/artifacts/<target>/, and prints one line per target:
#
#   fuzz_envelope_parse: 37519 exec/s, cov 812, ft 3270, corpus 431, crashes 0
#
# Exits 1 if any target crashed (or leaked, timed out, ran out of memory),
# 2 on a usage or build error. Targets run one after the other.
#
#   ci/fuzz.sh --seconds N [--no-merge] [--build-dir DIR] [TARGET...]
#
# --no-merge      leave fuzz/corpus untouched (pull-request runs)
# --build-dir DIR where to build (default build/fuzz, the preset's directory)
# TARGET          fuzz_envelope_parse ... (default: every fuzz/fuzz_*.cc)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

usage() {
  echo "usage: ci/fuzz.sh --seconds N [--no-merge] [--build-dir DIR] [TARGET...]" >&2
  exit 2
}

seconds=""
merge=1
build_dir=build/fuzz
targets=()
while (($#)); do
  case $1 in
    --seconds) [[ $# -ge 2 ]] || usage; seconds=$2; shift 2 ;;
    --seconds=*) seconds=${1#*=}; shift ;;
    --no-merge) merge=0; shift ;;
    --build-dir) [[ $# -ge 2 ]] || usage; build_dir=$2; shift 2 ;;
    -h|--help) usage ;;
    -*) echo "ci/fuzz.sh: unknown option $1" >&2; usage ;;
    *) targets+=("$1"); shift ;;
  esac
done
[[ $seconds =~ ^[0-9]+$ && $seconds -gt 0 ]] || usage

all_targets=()
for source in fuzz/fuzz_*.cc; do
  all_targets+=("$(basename "$source" .cc)")
done
((${#targets[@]})) || targets=("${all_targets[@]}")
for t in "${targets[@]}"; do
  [[ " ${all_targets[*]} " == *" $t "* ]] || { echo "ci/fuzz.sh: no target $t" >&2; exit 2; }
done

ci/bootstrap.sh
if [[ ! -f $build_dir/CMakeCache.txt ]]; then
  cmake --preset fuzz -B "$build_dir" >/dev/null || exit 2
fi
cmake --build "$build_dir" --target "${targets[@]}" >"$build_dir/fuzz-build.log" 2>&1 || {
  tail -n 40 "$build_dir/fuzz-build.log" >&2
  exit 2
}

work_root=$build_dir/fuzz-work
mkdir -p "$work_root"
status=0
for t in "${targets[@]}"; do
  corpus=$root/fuzz/corpus/$t
  regressions=$root/fuzz/regressions/$t
  artifacts=$root/fuzz/artifacts/$t
  work=$work_root/$t
  log=$work_root/$t.log
  mkdir -p "$corpus" "$regressions" "$artifacts"
  rm -rf "$work"
  mkdir -p "$work"
  cp -R "$corpus/." "$work/"
  before=$(find "$artifacts" -type f | wc -l)

  # New inputs go to the first directory; regressions are read only.
  set +e
  "$build_dir/fuzz/$t" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 \
    -rss_limit_mb=2560 -dict="$root/fuzz/dict/$t.dict" -artifact_prefix="$artifacts/" \
    "$work" "$regressions" >"$log" 2>&1
  rc=$?
  set -e

  crashes=$(($(find "$artifacts" -type f | wc -l) - before))
  if ((rc != 0 && crashes == 0)); then crashes=1; fi
  exec_s=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  last=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -n 1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")

  if ((crashes > 0)); then
    status=1
    echo "ci/fuzz.sh: $t failed (exit $rc); log: $log; inputs kept in fuzz/artifacts/$t/" >&2
    grep -E "ERROR|oracle violated|SUMMARY" "$log" | head -n 5 >&2 || true
  elif ((merge)); then
    "$build_dir/fuzz/$t" -merge=1 -timeout=10 -rss_limit_mb=2560 "$corpus" "$work" \
      >"$work_root/$t.merge.log" 2>&1 ||
      { echo "ci/fuzz.sh: merging $t failed; see $work_root/$t.merge.log" >&2; status=1; }
  fi
  files=$(find "$corpus" -type f | wc -l)
  echo "$t: ${exec_s:-0} exec/s, cov ${cov:-0}, ft ${ft:-0}, corpus $files, crashes $crashes"
done
exit $status
