#!/usr/bin/env bash
# Runs .clusterfuzzlite/build.sh here, outside Docker, with the environment
# OSS-Fuzz and ClusterFuzzLite set for a libFuzzer + AddressSanitizer build,
# then checks that every fuzz target, its seed corpus zip and its dictionary
# landed in $OUT and that each target runs on its seed corpus.
#
#   tests/fuzz/oss_fuzz_build_test.sh SOURCE_DIR
#
# Needs the distribution's clang (clang 14 on Debian 12, 19 on Debian 13; the
# unversioned clang/clang++, as OSS-Fuzz names its own) and zip/unzip:
# ci/bootstrap.sh fuzz installs them. Registered in
# ctest as oss_fuzz_build (label fuzz-build) when configured with
# -DERRC_TEST_OSS_FUZZ_BUILD=ON: it compiles the library with clang, which
# takes minutes.
set -euo pipefail
src=$(cd "${1:?usage: oss_fuzz_build_test.sh SOURCE_DIR}" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

export CC=clang CXX=clang++
export CFLAGS="-O1 -fno-omit-frame-pointer -gline-tables-only -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION -fsanitize=address -fsanitize-address-use-after-scope -fsanitize=fuzzer-no-link"
export CXXFLAGS="$CFLAGS -stdlib=libc++"  # as OSS-Fuzz sets it; build.sh must drop -stdlib
export LIB_FUZZING_ENGINE=-fsanitize=fuzzer
export OUT=$scratch/out SRC=$(dirname "$src") WORK=$scratch/work
mkdir -p "$OUT" "$WORK"

fail() {
  echo "oss_fuzz_build_test: $*" >&2
  exit 1
}

if ! "$src/.clusterfuzzlite/build.sh" >"$scratch/build.log" 2>&1; then
  tail -n 40 "$scratch/build.log" >&2
  fail "build.sh failed"
fi

count=0
for source in "$src"/fuzz/fuzz_*.cc; do
  target=$(basename "$source" .cc)
  [[ -x $OUT/$target ]] || fail "$OUT/$target missing"
  [[ -s $OUT/$target.dict ]] || fail "$OUT/$target.dict missing"
  cmp -s "$OUT/$target.dict" "$src/fuzz/dict/$target.dict" || fail "$target.dict differs"
  zip=$OUT/${target}_seed_corpus.zip
  [[ -s $zip ]] || fail "$zip missing"
  expected=$(find "$src/fuzz/corpus/$target" "$src/fuzz/regressions/$target" -type f \
    ! -name '.*' ! -name 'README*' | wc -l)
  in_zip=$(unzip -Z1 "$zip" | wc -l)
  ((in_zip == expected)) || fail "$zip holds $in_zip files, expected $expected"
  readelf -d "$OUT/$target" | grep -q 'RUNPATH.*\$ORIGIN/lib' ||
    fail "$target has no RUNPATH \$ORIGIN/lib"

  corpus=$scratch/corpus/$target
  mkdir -p "$corpus"
  unzip -q "$zip" -d "$corpus"
  if ! "$OUT/$target" -runs=100 -dict="$OUT/$target.dict" "$corpus" >"$scratch/$target.log" 2>&1; then
    tail -n 20 "$scratch/$target.log" >&2
    fail "$target failed on its seed corpus"
  fi
  grep -q "Done [0-9]* runs" "$scratch/$target.log" || fail "$target did not finish its runs"
  count=$((count + 1))
done
((count > 0)) || fail "no fuzz targets found under $src/fuzz"
echo "oss_fuzz_build_test: $count targets built, packaged and run from $OUT"
