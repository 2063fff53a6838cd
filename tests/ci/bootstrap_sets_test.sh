#!/usr/bin/env bash
# Proves ci/bootstrap.sh's package sets (ci/bootstrap.sh --list, which installs
# nothing): building the tool alone pulls no clang, fuzzing, test or benchmark
# package; each known system gets the clang and compiler-rt packages of its
# own default clang; an unknown system is refused; no argument means "all".
#
#   tests/ci/bootstrap_sets_test.sh SOURCE_DIR
set -euo pipefail
src=$(cd "${1:?usage: bootstrap_sets_test.sh SOURCE_DIR}" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

fail() {
  echo "bootstrap_sets_test: $*" >&2
  exit 1
}
os() { # os ID VERSION_ID: an os-release file
  printf 'ID=%s\nVERSION_ID="%s"\n' "$1" "$2" >"$scratch/$1-$2"
  echo "$scratch/$1-$2"
}
list() { # list OS-RELEASE SET...: the sorted package list
  ERRC_OS_RELEASE=$1 "$src/ci/bootstrap.sh" --list "${@:2}" | sort
}

debian12=$(os debian 12)
build=$(list "$debian12" build)
grep -q '^libcpp-httplib-dev$' <<<"$build" || fail "build lacks libcpp-httplib-dev"
bad=$(grep -E '^(clang|llvm|libclang|libbenchmark|nlohmann|libgtest|libgmock|zip|unzip|chromium)' <<<"$build" || true)
[[ -z $bad ]] || fail "build installs $(echo $bad)"
[[ $(list "$debian12" run) == "$build" ]] || fail "run differs from build"

for system in "debian 12 14" "debian 13 19" "ubuntu 24.04 18"; do
  read -r id version llvm <<<"$system"
  file=$(os "$id" "$version")
  fuzz=$(list "$file" fuzz)
  for p in clang "clang-$llvm" "libclang-rt-$llvm-dev" "llvm-$llvm"; do
    grep -qx -- "$p" <<<"$fuzz" || fail "$id $version: fuzz lacks $p"
  done
  dev=$(list "$file" dev)
  grep -qx "libclang-rt-$llvm-dev" <<<"$dev" || fail "$id $version: dev lacks libclang-rt-$llvm-dev"
  grep -qx curl <<<"$dev" || fail "$id $version: dev lacks curl (the curl reproduction test runs it)"
  grep -qx clang <<<"$dev" && fail "$id $version: dev installs clang"
  if [[ $id == debian ]]; then
    grep -qx chromium-headless-shell <<<"$dev" ||
      fail "$id $version: dev lacks chromium-headless-shell (the browser test runs it)"
  fi
  all=$(list "$file")
  union=$(list "$file" dev bench fuzz | sort -u)
  [[ $all == "$union" ]] || fail "$id $version: no argument differs from dev+bench+fuzz"
done

if ERRC_OS_RELEASE=$(os fedora 40) "$src/ci/bootstrap.sh" --list dev >/dev/null 2>"$scratch/err"; then
  fail "an unknown system was accepted"
fi
grep -q "unknown system 'fedora 40'" "$scratch/err" || fail "no clear error for an unknown system"
[[ $(ERRC_OS_RELEASE=$(os fedora 40) ERRC_LLVM_VERSION=17 "$src/ci/bootstrap.sh" --list fuzz |
  grep -c -- '-17') == 3 ]] || fail "ERRC_LLVM_VERSION is not used"
if "$src/ci/bootstrap.sh" --list nonsense >/dev/null 2>&1; then fail "an unknown set was accepted"; fi
echo "bootstrap_sets_test: ok"
