#!/usr/bin/env bash
# The runner against the wire, side by side in one run (docs/performance.md):
# starts `errcontract serve`, generates a case library of N copies of the case
# bucket-info-unknown (cases/bucket.cases.json), then
#   1. wrk -t2 -cJOBS on the same request (GET /buckets/info/, 404, 21203),
#   2. the whole `errcontract run --jobs JOBS` process on the library,
#   3. wrk -t1 -c1 and `errcontract run --jobs 1` (latency per check),
#   4. `errcontract fuzz-api --jobs JOBS --seed 7 --max-requests 20000` on the
#      same server (the case library of cases/, its requests mutated),
# and prints the figures, their ratio to wrk's and the maximum resident memory.
# Absolute numbers move with the machine's load (`uptime` is printed); the
# ratios, measured seconds apart, are what to compare.
#
#   bench/throughput.sh [--cases N] [--jobs N] [--seconds S] [--build-dir DIR]
#
# Builds the release preset's errcontract if DIR has none. Needs wrk and GNU
# time (ci/bootstrap.sh installs both).
set -euo pipefail
cd "$(dirname "$0")/.."

cases=30000
jobs=4
seconds=5
build_dir=build/release
usage() {
  echo "usage: bench/throughput.sh [--cases N] [--jobs N] [--seconds S] [--build-dir DIR]" >&2
  exit 2
}
while (($#)); do
  case $1 in
    --cases) [[ $# -ge 2 ]] || usage; cases=$2; shift 2 ;;
    --jobs) [[ $# -ge 2 ]] || usage; jobs=$2; shift 2 ;;
    --seconds) [[ $# -ge 2 ]] || usage; seconds=$2; shift 2 ;;
    --build-dir) [[ $# -ge 2 ]] || usage; build_dir=$2; shift 2 ;;
    *) usage ;;
  esac
done
for n in "$cases" "$jobs" "$seconds"; do [[ $n =~ ^[1-9][0-9]*$ ]] || usage; done
for tool in wrk /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench/throughput.sh: needs $tool (ci/bootstrap.sh)" >&2; exit 2; }
done

bin=$build_dir/errcontract
if [[ ! -x $bin ]]; then
  cmake --preset release -B "$build_dir" >/dev/null
  cmake --build "$build_dir" --target errcontract >/dev/null
fi

work=$(mktemp -d)
server=""
cleanup() {
  [[ -z $server ]] || kill "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The case, as in cases/bucket.cases.json, under N distinct ids.
mkdir -p "$work/cases"
awk -v n="$cases" 'BEGIN {
  print "{\n  \"cases\": ["
  for (i = 0; i < n; i++) {
    printf "    {\"id\": \"bucket-info-unknown-%d\", \"code\": \"21203\", \"summary\": \"Reading a bucket that does not exist\", \"tags\": [\"bucket\"], \"request\": {\"method\": \"GET\", \"path\": \"/buckets/info/\", \"auth\": \"token\", \"query\": {\"bucket_name\": \"nb${uniq}\"}}, \"expect\": {\"error_code\": \"21203\"}}%s\n", i, (i + 1 < n ? "," : "")
  }
  print "  ]\n}"
}' >"$work/cases/bench.cases.json"
# The one fixture the case uses, declared next to it (cases must declare theirs).
cat >"$work/cases/fixtures.json" <<'JSON'
{"fixtures": {"token": {"about": "access token", "secret": true}}}
JSON

"$bin" serve --port 0 --fixtures-out "$work/fixtures.json" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do
  grep -q "listening on" "$work/serve.log" 2>/dev/null && break
  sleep 0.1
done
url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.log" | head -n 1)
[[ -n $url ]] || { echo "bench/throughput.sh: serve did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }
token=$(sed -n 's/.*"token": *"\([^"]*\)".*/\1/p' "$work/fixtures.json" | head -n 1)
[[ -n $token ]] || { echo "bench/throughput.sh: no token fixture" >&2; exit 1; }
request="$url/buckets/info/?bucket_name=nbbench"
printf '{"token": "%s"}\n' "$token" >"$work/token.json"

# wrk: requests/s, and (for one connection) microseconds per request, as
# 1/rate like the runner's figure (wrk's mean latency leaves out its own time).
wrk_run() {  # threads connections
  wrk -t"$1" -c"$2" -d"${seconds}s" -H "Authorization: Bearer $token" "$request" >"$work/wrk.txt"
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$work/wrk.txt")
  lat=$(awk -v r="$rps" 'BEGIN {printf "%.1f", 1000000 / r}')
}

# errcontract: checks/s over the whole process, and the maximum RSS in MB.
run_run() {  # jobs
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$bin" run --target "$url" \
    --fixtures "$work/token.json" --cases "$work/cases" --jobs "$1" >"$work/run.txt" || {
    tail -n 5 "$work/run.txt" >&2
    exit 1
  }
  read -r wall rss_kb <"$work/time.txt"
  checks=$(awk -v n="$cases" -v w="$wall" 'BEGIN {printf "%.0f", n / w}')
  rss_mb=$(awk -v k="$rss_kb" 'BEGIN {printf "%.1f", k / 1024}')
}

bytes=$(wc -c <"$work/cases/bench.cases.json")
echo "machine: $(nproc) cores, $(uname -r); load average:$(uptime | sed 's/.*load average://')"
echo "library: $cases cases, $bytes bytes; target: errcontract serve at $url"

wrk_run 2 "$jobs"
wrk_rps=$rps
run_run "$jobs"
echo "jobs $jobs: wrk -t2 -c$jobs $wrk_rps requests/s; errcontract run $checks checks/s" \
  "(whole process, ${wall} s); ratio $(awk -v a="$checks" -v b="$wrk_rps" 'BEGIN {printf "%.2f", a / b}');" \
  "max RSS $rss_mb MB"

wrk_run 1 1
wrk_lat=$lat
run_run 1
per_check=$(awk -v n="$cases" -v w="$wall" 'BEGIN {printf "%.1f", w * 1000000 / n}')
echo "jobs 1: wrk -t1 -c1 ${wrk_lat} us/request; errcontract run ${per_check} us/check" \
  "(whole process, ${wall} s); ratio $(awk -v a="$per_check" -v b="$wrk_lat" 'BEGIN {printf "%.2f", a / b}');" \
  "max RSS $rss_mb MB"
# fuzz-api: requests/s from its summary line (its own clock, the run phase).
/usr/bin/time -f "%e %M" -o "$work/time.txt" "$bin" fuzz-api --target "$url" \
  --fixtures "$work/fixtures.json" --cases cases --seed 7 --max-requests 20000 --jobs "$jobs" \
  --out "$work/fuzz-out" >"$work/fuzz.txt" 2>&1 || true
summary=$(grep '^requests: ' "$work/fuzz.txt" || true)
[[ -n $summary ]] || { echo "bench/throughput.sh: fuzz-api printed no summary:" >&2; tail -n 5 "$work/fuzz.txt" >&2; exit 1; }
read -r wall rss_kb <"$work/time.txt"
fuzz_requests=$(sed -n 's/^requests: \([0-9]*\);.*/\1/p' <<<"$summary")
fuzz_seconds=$(sed -n 's/.*time: \([0-9.]*\) s.*/\1/p' <<<"$summary")
fuzz_rate=$(awk -v n="$fuzz_requests" -v t="$fuzz_seconds" 'BEGIN {printf "%.0f", n / t}')
echo "fuzz-api --jobs $jobs: $fuzz_rate requests/s ($fuzz_requests in $fuzz_seconds s; whole process ${wall} s);" \
  "ratio to wrk -t2 -c$jobs $(awk -v a="$fuzz_rate" -v b="$wrk_rps" 'BEGIN {printf "%.2f", a / b}');" \
  "max RSS $(awk -v k="$rss_kb" 'BEGIN {printf "%.1f", k / 1024}') MB"
echo "load average after:$(uptime | sed 's/.*load average://')"
