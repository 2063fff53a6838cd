#!/usr/bin/env bash
# Regenerates the fuzzers' seed corpora (fuzz/corpus/<target>/seed-*) and
# dictionaries (fuzz/dict/<target>.dict) from cases/catalog.json and the case
# library (cases/*.cases.json). Run it after either changes and commit the
# result. Inputs that fuzzing merged into the corpora (files not named seed-*)
# are left alone.
#
#   ci/make-fuzz-seeds.sh [BUILD_DIR]     (default: build/seeds, g++ Release)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build/seeds}

ci/bootstrap.sh
if [[ ! -f $build_dir/CMakeCache.txt ]]; then
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DERRC_BUILD_TESTS=OFF \
    -DERRC_BUILD_BENCH=OFF >/dev/null
fi
cmake --build "$build_dir" --target errc_make_seeds >/dev/null
"$build_dir/fuzz/errc_make_seeds" --catalog cases/catalog.json --cases cases \
  --corpus fuzz/corpus --dict fuzz/dict
