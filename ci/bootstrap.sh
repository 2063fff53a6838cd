#!/usr/bin/env bash
# Installs, with apt, everything errcontract needs to build, test, fuzz and
# benchmark. Idempotent: prints nothing and touches nothing when all is present.
# Works as root on a bare Debian 12 system that has only apt; elsewhere it uses sudo.
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config make git ca-certificates
  clang-14 libclang-rt-14-dev llvm-14 clang-format
  libcpp-httplib-dev rapidjson-dev libgtest-dev libgmock-dev libcli11-dev libfmt-dev
  libssl-dev openssl zlib1g-dev libbenchmark-dev nlohmann-json3-dev zip unzip
  # benchmarks (bench/throughput.sh): the load generator and GNU time for max RSS
  wrk time
)

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
