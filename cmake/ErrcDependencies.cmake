# Every dependency comes from a Debian package (ci/bootstrap.sh installs them).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

# cpp-httplib is a compiled library on Debian 12; its pkg-config cflags carry
# the CPPHTTPLIB_* defines the .so was built with, and class layouts depend on them.
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)

# RapidJSON's CMake config gives only an include path: wrap it in a target.
find_package(RapidJSON CONFIG REQUIRED)
add_library(errc_rapidjson INTERFACE)
target_include_directories(errc_rapidjson SYSTEM INTERFACE ${RAPIDJSON_INCLUDE_DIRS})

find_package(CLI11 CONFIG REQUIRED)
find_package(fmt REQUIRED)
find_package(OpenSSL REQUIRED)
if(ERRC_BUILD_TESTS)
  find_package(GTest REQUIRED)
  find_package(ZLIB REQUIRED)  # the hostile test server's gzip bomb
endif()
if(ERRC_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()
