#!/usr/bin/env bash
# Every fuzz target's executions per second (docs/performance.md): runs
# ci/fuzz.sh for a time budget without merging into the corpus and prints
#   fuzz_envelope_parse 37519 exec/s
# one line per target, then the slowest. Exits like ci/fuzz.sh (1 on a crash).
#
#   bench/fuzz-rates.sh [--seconds N] [TARGET...]     (default 15 s each)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=15
if [[ ${1:-} == --seconds ]]; then
  [[ $# -ge 2 && $2 =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/fuzz-rates.sh [--seconds N] [TARGET...]" >&2; exit 2; }
  seconds=$2
  shift 2
fi
echo "load average:$(uptime | sed 's/.*load average://')"
set +e
ci/fuzz.sh --seconds "$seconds" --no-merge "$@" >"${TMPDIR:-/tmp}/fuzz-rates.$$" 
status=$?
set -e
awk -F'[:,]' '/ exec\/s/ {split($2, r, " "); print $1, r[1], "exec/s"; if (min == "" || r[1] + 0 < min) {min = r[1] + 0; slow = $1}}
     END {if (slow != "") print "slowest:", slow, min, "exec/s"}' "${TMPDIR:-/tmp}/fuzz-rates.$$"
rm -f "${TMPDIR:-/tmp}/fuzz-rates.$$"
echo "load average after:$(uptime | sed 's/.*load average://')"
exit $status
