# Compiler and linker flags for fuzzing builds (ERRC_BUILD_FUZZERS=ON: the
# "fuzz" preset, ci/fuzz.sh, OSS-Fuzz / ClusterFuzzLite via .clusterfuzzlite/build.sh).
#
# Without $LIB_FUZZING_ENGINE (local clang builds): every target of the
# project is compiled with -fsanitize=fuzzer-no-link,address,undefined, so the
# library code the fuzzers call carries coverage instrumentation, and each fuzz
# target links with -fsanitize=fuzzer (fuzz/CMakeLists.txt).
# With $LIB_FUZZING_ENGINE (OSS-Fuzz): the sanitizer and coverage flags come
# in through CFLAGS/CXXFLAGS, as OSS-Fuzz sets them; only the link step of the
# fuzz targets adds the engine.
if(NOT ERRC_BUILD_FUZZERS)
  return()
endif()

set(ERRC_LIB_FUZZING_ENGINE "$ENV{LIB_FUZZING_ENGINE}" CACHE STRING
    "What fuzz targets link with (OSS-Fuzz's $LIB_FUZZING_ENGINE); empty: -fsanitize=fuzzer")

if(ERRC_LIB_FUZZING_ENGINE)
  separate_arguments(ERRC_FUZZ_ENGINE_LINK UNIX_COMMAND "${ERRC_LIB_FUZZING_ENGINE}")
else()
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "ERRC_BUILD_FUZZERS=ON needs clang (libFuzzer); use the \"fuzz\" preset "
                        "or -DCMAKE_CXX_COMPILER=clang++-14")
  endif()
  # Undefined behaviour aborts (no recovery), so libFuzzer keeps the input.
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer -g)
  add_link_options(-fsanitize=address,undefined)
  set(ERRC_FUZZ_ENGINE_LINK -fsanitize=fuzzer)
endif()

# RapidJSON's internal/stack.h offsets a null pointer by zero (harmless), so
# UBSan's pointer-overflow check stays off wherever a build turns UBSan on.
# It must come after the -fsanitize flags above (and after $CXXFLAGS, which
# CMake puts first) to take effect.
add_compile_options(-fno-sanitize=pointer-overflow)
