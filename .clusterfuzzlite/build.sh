#!/bin/bash -eu
# Builds every fuzz target the OSS-Fuzz way, for ClusterFuzzLite or OSS-Fuzz
# (docs/fuzzing.md). Uses the environment those set: $CC $CXX $CFLAGS
# $CXXFLAGS (sanitizer and coverage flags) $LIB_FUZZING_ENGINE $OUT $SRC, and
# $WORK for the build tree when set. Puts into $OUT, for each fuzz/fuzz_*.cc:
#   <target>                   the fuzzer
#   <target>_seed_corpus.zip   fuzz/corpus/<target>/ and fuzz/regressions/<target>/
#   <target>.dict              fuzz/dict/<target>.dict
# and in $OUT/lib the shared libraries the fuzzers need that a plain runner
# image lacks (the fuzzers find them through RUNPATH $ORIGIN/lib).

# The source tree: where this script sits (a checkout), else the WORKDIR the
# Dockerfile sets, else $SRC/errcontract.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [[ -f $here/../fuzz/CMakeLists.txt ]]; then
  src_dir=$(cd "$here/.." && pwd)
elif [[ -f $PWD/fuzz/CMakeLists.txt ]]; then
  src_dir=$PWD
else
  src_dir=$SRC/errcontract
fi
build_dir=${WORK:-$(mktemp -d)}/errcontract-build

# OSS-Fuzz asks for libc++ by default; the distribution's fmt and cpp-httplib
# are built against libstdc++, and std::string crosses their interfaces.
CXXFLAGS=${CXXFLAGS//-stdlib=libc++/}

cmake -S "$src_dir" -B "$build_dir" -G Ninja \
  -DCMAKE_CXX_COMPILER="$CXX" -DCMAKE_CXX_FLAGS="$CXXFLAGS" \
  -DCMAKE_BUILD_RPATH='$ORIGIN/lib' \
  -DERRC_BUILD_FUZZERS=ON -DERRC_BUILD_TESTS=OFF -DERRC_BUILD_BENCH=OFF \
  -DERRC_LIB_FUZZING_ENGINE="$LIB_FUZZING_ENGINE"
cmake --build "$build_dir" --target fuzzers --parallel "$(nproc)"

mkdir -p "$OUT/lib"
for source in "$src_dir"/fuzz/fuzz_*.cc; do
  target=$(basename "$source" .cc)
  cp "$build_dir/fuzz/$target" "$OUT/"
  cp "$src_dir/fuzz/dict/$target.dict" "$OUT/$target.dict"
  rm -f "$OUT/${target}_seed_corpus.zip"
  (cd "$src_dir/fuzz" &&
    find "corpus/$target" "regressions/$target" -type f ! -name '.*' ! -name 'README*' -print |
    zip -q -j "$OUT/${target}_seed_corpus.zip" -@)
  # Shared libraries outside the C and C++ runtimes travel with the fuzzers.
  for lib in $(ldd "$OUT/$target" | awk '$2 == "=>" && $3 ~ /^\// { print $3 }'); do
    case $(basename "$lib") in
      libc.so* | libm.so* | libpthread.so* | libdl.so* | librt.so* | libstdc++.so* | \
        libgcc_s.so* | ld-linux*) ;;
      *) [[ -e $OUT/lib/$(basename "$lib") ]] || cp "$lib" "$OUT/lib/" ;;
    esac
  done
done
