#!/usr/bin/env bash
# `cpack -G DEB` on this build makes errcontract_<version>_<arch>.deb with the
# binary in /usr/bin, the case library and catalog in
# /usr/share/errcontract/cases, and dependencies on the shared libraries the
# binary links (from dpkg-shlibdeps).
#   package_test.sh <build dir>
set -euo pipefail
build=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$build" && cpack -G DEB -B "$work" >/dev/null)
deb=$(ls "$work"/errcontract_*.deb)
echo "package: $(basename "$deb")"
contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for wanted in ./usr/bin/errcontract ./usr/share/errcontract/cases/catalog.json \
  ./usr/share/errcontract/cases/operator.cases.json ./usr/share/errcontract/error-codes.txt; do
  grep -qxF "$wanted" <<<"$contents" || { echo "FAIL: $wanted not in the package"; exit 1; }
done
cases=$(grep -c '\.cases\.json$' <<<"$contents")
echo "case files: $cases"
((cases >= 12)) || { echo "FAIL: only $cases case files packaged"; exit 1; }
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for lib in libcpp-httplib libfmt libssl libstdc++; do
  grep -q "$lib" <<<"$depends" || {
    echo "FAIL: Depends lacks $lib"
    command -v file >/dev/null || echo "(no 'file' command: CPack needs it to run dpkg-shlibdeps)"
    exit 1
  }
done
echo "PASS"
