#!/usr/bin/env bash
# Mutation testing of the code that judges responses (issue 16).
#
# Works on a copy of the checkout (default build/mutants/tree, with its own
# build dir tree/build/dev configured from the dev preset with ccache), applies
# one mutant at a time (ci/mutants.py makes them from the files listed in
# ci/mutants-files.txt), rebuilds only the test targets listed for the file,
# runs them stopping at the first failure, restores the file, and prints one
# line per mutant and a score. docs/testing.md has the details and the last
# score.
#
#   ci/mutants.sh [--work DIR] [--file PATTERN] [--id ID]... [--max N] [--seed S]
#                 [--list] [--jobs J] [--files-from FILE]
#
#   --work DIR      where the copy and its build live (default: build/mutants)
#   --file PATTERN  only files whose path matches this (Python) regex
#   --id ID         only this mutant (repeatable); exit 1 unless each is killed
#   --max N         at most N mutants: the first N, or with --seed a sample
#   --seed S        sample deterministically with seed S
#   --list          print the mutants (id, file:line, operator, change) and stop
#   --jobs J        build jobs (default 2; never more on the shared machine)
#   --files-from F  the file list, relative to the checkout (default ci/mutants-files.txt)
#
# Exit: 0 when no mutant survived (and, with --id, each built and was killed),
# 1 otherwise, 2 on a usage error or when the unmutated tests fail.
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
gen="$src/ci/mutants.py"
files_txt="ci/mutants-files.txt"
equivalent_txt="ci/mutants-equivalent.txt"
work="$src/build/mutants"
list_only=0
jobs=2
list_args=()
ids=()

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2
  exit 2
}

while (($#)); do
  case "$1" in
    --work) work=$2; shift 2 ;;
    --file) list_args+=(--file "$2"); shift 2 ;;
    --files-from) files_txt=$2; shift 2 ;;
    --id) ids+=("$2"); list_args+=(--id "$2"); shift 2 ;;
    --max) list_args+=(--max "$2"); shift 2 ;;
    --seed) list_args+=(--seed "$2"); shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --list) list_only=1; shift ;;
    -h | --help) usage ;;
    *) echo "mutants.sh: unknown option $1" >&2; usage ;;
  esac
done

if ((list_only)); then
  python3 "$gen" list "$src" "$src/$files_txt" "${list_args[@]}" |
    awk -F'\t' '{printf "%s:%s\t%s\t%s\t%s\n", $2, $3, $4, $5, $1}'
  exit 0
fi

start=$(date +%s)
tree="$work/tree"
build="$tree/build/dev"
mkdir -p "$tree"
python3 "$gen" sync "$src" "$tree"

# ccache shares objects with the checkout's own build when both sit under
# CCACHE_BASEDIR and the build dir is not hashed.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$src} CCACHE_NOHASHDIR=1
# Tests are listed when ctest runs, not after each link of a mutant.
(cd "$tree" && nice -n 15 cmake --preset dev -DCMAKE_CXX_COMPILER_LAUNCHER=ccache \
  -DCMAKE_GTEST_DISCOVER_TESTS_DISCOVERY_MODE=PRE_TEST >"$work/configure.log" 2>&1) ||
  { echo "mutants.sh: configuring $build failed; see $work/configure.log" >&2; exit 2; }

mapfile -t mutants < <(python3 "$gen" list "$tree" "$tree/$files_txt" "${list_args[@]}")
declare -A equivalent=()
if [[ -f "$tree/$equivalent_txt" ]]; then
  while read -r id _; do
    [[ -z "$id" || "$id" == \#* ]] || equivalent[$id]=1
  done <"$tree/$equivalent_txt"
fi

# The test targets of each file, and where their executables are.
declare -A targets_of=()
all_targets=()
for m in "${mutants[@]}"; do
  IFS=$'\t' read -r _ file _ <<<"$m"
  if [[ -z "${targets_of[$file]+set}" ]]; then
    targets_of[$file]=$(python3 "$gen" targets "$tree" "$tree/$files_txt" "$file")
    read -ra t <<<"${targets_of[$file]}"
    all_targets+=("${t[@]}")
  fi
done

# build TARGETS...: builds them, or the whole dev build when none are given.
build_targets() {
  if (($#)); then
    nice -n 15 cmake --build "$build" -j "$jobs" --target "$@"
  else
    nice -n 15 cmake --build "$build" -j "$jobs"
  fi
}

# run_tests TARGETS...: 0 when every test passes; sets killer to the first failing one.
# A mutant may loop forever: each executable gets ten times its unmutated time
# (at least 20 s), and a timeout kills the mutant.
killer=""
declare -A seconds_of=()
run_tests() {
  local t exe begin limit
  if ((!$#)); then
    killer="ctest -L unit|cli"
    nice -n 15 ctest --test-dir "$build" -L "unit|cli" --stop-on-failure -j "$jobs" >>"$log" 2>&1
    return
  fi
  for t in "$@"; do
    exe=$(find "$build/tests" -name "$t" -type f -perm -u+x -print -quit)
    [[ -n "$exe" ]] || { echo "mutants.sh: no executable for target $t" >>"$log"; killer=$t; return 1; }
    killer=$t
    limit=${seconds_of[$t]:-30}
    limit=$((limit * 10 > 20 ? limit * 10 : 20))
    begin=$(date +%s)
    (cd "$(dirname "$exe")" && nice -n 15 timeout "$limit" "$exe" --gtest_fail_fast --gtest_brief=1) >>"$log" 2>&1 || return 1
    [[ -n "${seconds_of[$t]+set}" ]] || seconds_of[$t]=$(($(date +%s) - begin + 1))
  done
}

log="$work/baseline.log"
: >"$log"
mapfile -t unique_targets < <(printf '%s\n' "${all_targets[@]}" | awk 'NF && !seen[$0]++')
echo "mutants: ${#mutants[@]} selected; building and running the unmutated tests (${unique_targets[*]:-all})"
if ! build_targets "${unique_targets[@]}" >>"$log" 2>&1 || ! run_tests "${unique_targets[@]}"; then
  echo "mutants.sh: the unmutated tests fail (${killer}); see $log" >&2
  exit 2
fi

total=0 killed=0 survived=0 unbuilt=0 equiv=0
results="$work/results.tsv"
: >"$results"
log="$work/mutant.log"
for m in "${mutants[@]}"; do
  IFS=$'\t' read -r id file line op change <<<"$m"
  total=$((total + 1))
  where="$file:$line $op: $change [$id]"
  if [[ -n "${equivalent[$id]+set}" ]]; then
    equiv=$((equiv + 1))
    verdict="equivalent"
  else
    read -ra t <<<"${targets_of[$file]}"
    cp "$tree/$file" "$work/original"
    python3 "$gen" apply "$tree" "$id"
    : >"$log"
    verdict=""
    if ((!${#t[@]})); then
      if ! build_targets >>"$log" 2>&1; then
        verdict="did not build"
      elif ! run_tests; then
        verdict="killed"
      fi
    fi
    # One target at a time: most mutants die in the first, and the others
    # need not be linked then.
    for target in "${t[@]}"; do
      if ! build_targets "$target" >>"$log" 2>&1; then
        verdict="did not build"
        break
      elif ! run_tests "$target"; then
        verdict="killed"
        break
      fi
    done
    case "$verdict" in
      "did not build") unbuilt=$((unbuilt + 1)) ;;
      killed) killed=$((killed + 1)); where+=" (by $killer)" ;;
      *)
        survived=$((survived + 1))
        verdict="survived"
        cp "$log" "$work/survived-${id//[:\/]/_}.log"
        ;;
    esac
    # A plain cp gives the file a fresh mtime, so ninja rebuilds it.
    cp "$work/original" "$tree/$file"
  fi
  printf '%-13s %s\n' "$verdict" "$where"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$verdict" "$id" "$file" "$line" "$op" "$change" >>"$results"
done

judged=$((killed + survived))
score=$(awk -v k=$killed -v j=$judged 'BEGIN { printf "%.1f", j ? 100 * k / j : 100 }')
echo "mutants: $total; killed $killed; survived $survived; did not build $unbuilt; equivalent $equiv; score $score%"
echo "took $(( ($(date +%s) - start) / 60 )) min $(( ($(date +%s) - start) % 60 )) s; results in $results"
if ((survived)) || { ((${#ids[@]})) && ((unbuilt)); }; then
  exit 1
fi
