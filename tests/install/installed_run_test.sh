#!/usr/bin/env bash
# The installed tool stands alone: `cmake --install` of this build into a
# prefix, the prefix then moved elsewhere, and its errcontract run from
# another directory with no hint of the source tree. It must find its case
# library, verify every documented code and exit 0, and its --help must not
# name the source folder.
#   installed_run_test.sh <build dir> <source dir>
set -euo pipefail
build=$1 source=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build" --prefix "$work/first" >/dev/null
mv "$work/first" "$work/moved"
bin="$work/moved/bin/errcontract"
[[ -x $bin ]] || { echo "FAIL: no bin/errcontract in the prefix"; exit 1; }
[[ -f $work/moved/share/errcontract/cases/catalog.json ]] ||
  { echo "FAIL: no share/errcontract/cases/catalog.json in the prefix"; exit 1; }

mkdir "$work/elsewhere"
cd "$work/elsewhere"
set +e
output=$(env -u ERRC_CASES_DIR "$bin" run 2>&1)
status=$?
set -e
echo "$output" | tail -3
[[ $status -eq 0 ]] || { echo "FAIL: installed run exited $status"; exit 1; }
grep -q 'documented codes verified: 144/144' <<<"$output" ||
  { echo "FAIL: installed run did not verify 144/144"; exit 1; }

help=$(env -u ERRC_CASES_DIR "$bin" run --help)
if grep -qF "$source" <<<"$help"; then
  echo "FAIL: run --help names the source folder $source"
  exit 1
fi
list=$(env -u ERRC_CASES_DIR "$bin" list | tail -1)
[[ $list == *cases ]] || { echo "FAIL: installed list printed '$list'"; exit 1; }
echo "PASS: installed errcontract ran from $PWD"
