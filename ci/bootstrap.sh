#!/usr/bin/env bash
# Installs, with apt, what errcontract needs. Idempotent: prints nothing and
# touches nothing when all is present. Works as root on a bare Debian 12 or 13
# (or Ubuntu 24.04) system that has only apt; elsewhere it uses sudo.
#
#   ci/bootstrap.sh [--list] [SET...]
#
#   build   build the tool alone: Release, tests and benchmarks off
#           (cmake -B build/tool -DCMAKE_BUILD_TYPE=Release -DERRC_BUILD_TESTS=OFF
#           -DERRC_BUILD_BENCH=OFF); no clang, fuzzing or benchmark packages
#   run     the same as build (build the tool to run it)
#   dev     build + the test suite (the "dev" and "asan" presets, .ci/run), with
#           Debian's chromium-headless-shell for the browser test
#   bench   build + Google Benchmark, wrk and GNU time (the "release" preset
#           builds bench/; bench/throughput.sh)
#   fuzz    dev + clang, libFuzzer and the fuzzing tools (the "fuzz" and
#           "clang" presets, ci/fuzz.sh, tests/fuzz/oss_fuzz_build_test.sh)
#   all     everything above: what no argument installs, so that both of the
#           README's Quick start commands work
#
# The clang / compiler-rt / LLVM version is the distribution's default clang,
# picked from /etc/os-release (ERRC_LLVM_VERSION=N overrides it). --list prints
# the packages of the sets, one a line, and installs nothing.
set -euo pipefail

usage() {
  echo "usage: ci/bootstrap.sh [--list] [build|run|dev|bench|fuzz|all]..." >&2
  exit 2
}

# The LLVM version whose clang, libclang-rt and llvm packages exist on this system:
# the one the distribution's unversioned `clang` package depends on.
llvm_version() {
  if [[ -n ${ERRC_LLVM_VERSION:-} ]]; then
    echo "$ERRC_LLVM_VERSION"
    return
  fi
  local ID="" VERSION_ID=""
  # shellcheck disable=SC1091
  [[ -r ${ERRC_OS_RELEASE:-/etc/os-release} ]] && . "${ERRC_OS_RELEASE:-/etc/os-release}"
  case $ID:$VERSION_ID in
    debian:12) echo 14 ;;    # bookworm: clang-14, libclang-rt-14-dev
    debian:13) echo 19 ;;    # trixie: clang-19, libclang-rt-19-dev
    ubuntu:24.04) echo 18 ;; # noble: clang-18, libclang-rt-18-dev
    *)
      echo "bootstrap: unknown system '$ID $VERSION_ID' (known: Debian 12, Debian 13," \
        "Ubuntu 24.04); set ERRC_LLVM_VERSION to the LLVM version of its clang package" >&2
      exit 1
      ;;
  esac
}

# The headless browser of tests/browser (the HTML report's page in a real
# browser): Debian ships chromium-headless-shell; Ubuntu's Chromium is a snap,
# so there none is installed and ERRC_BROWSER must name one for that test.
browser_packages() {
  local ID=""
  # shellcheck disable=SC1091
  [[ -r ${ERRC_OS_RELEASE:-/etc/os-release} ]] && . "${ERRC_OS_RELEASE:-/etc/os-release}"
  [[ $ID == debian ]] && echo chromium-headless-shell
  return 0
}

list=0
if [[ ${1:-} == --list ]]; then
  list=1
  shift
fi
(($# > 0)) || set -- all
want_build=0 want_dev=0 want_bench=0 want_fuzz=0
for set_name in "$@"; do
  case $set_name in
    build | run) want_build=1 ;;
    dev) want_build=1 want_dev=1 ;;
    bench) want_build=1 want_bench=1 ;;
    fuzz) want_build=1 want_dev=1 want_fuzz=1 ;;
    all) want_build=1 want_dev=1 want_bench=1 want_fuzz=1 ;;
    -h | --help) usage ;;
    *) echo "bootstrap: unknown set '$set_name'" >&2; usage ;;
  esac
done

packages=()
((want_build)) && packages+=(
  g++ cmake ninja-build pkg-config make ca-certificates
  libcpp-httplib-dev rapidjson-dev libcli11-dev libfmt-dev libssl-dev
  # cpack -G DEB: dpkg-shlibdeps finds the .deb's dependencies, among the
  # files that `file` says are ELF (without it, CPack lists no dependency)
  dpkg-dev file
)
if ((want_dev || want_fuzz)); then
  llvm=$(llvm_version)
  # The fuzz-replay tests include <fuzzer/FuzzedDataProvider.h>, a header of
  # compiler-rt's libFuzzer package; the differential target uses nlohmann-json.
  ((want_dev)) && packages+=(
    git openssl clang-format libgtest-dev libgmock-dev zlib1g-dev nlohmann-json3-dev
    curl # the curl commands of failed cases are run for real (tests/e2e/curl_reproduce_test.cc)
    python3 python3-yaml # the example CI files are parsed (tests/ci/workflows_test.py)
    "libclang-rt-$llvm-dev"
    $(browser_packages) # the HTML report in a real browser (tests/browser)
  )
  # `clang` gives /usr/bin/clang++ (the presets' compiler), the default version.
  ((want_fuzz)) && packages+=(clang "clang-$llvm" "llvm-$llvm" zip unzip)
fi
((want_bench)) && packages+=(libbenchmark-dev wrk time)  # time: GNU time, for bench/throughput.sh's max RSS
if ((list)); then
  printf '%s\n' "${packages[@]}"
  exit 0
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ $status == "install ok installed" ]] || missing+=("$p")
done
((${#missing[@]} == 0)) && exit 0

sudo=()
if ((EUID != 0)); then
  command -v sudo >/dev/null || { echo "bootstrap: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi

echo "bootstrap: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
