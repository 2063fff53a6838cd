# Language level, warnings and sanitizers shared by every target.
set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)

add_library(errc_options INTERFACE)
target_compile_options(errc_options INTERFACE -Wall -Wextra -Wpedantic)
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  # RapidJSON 1.1 trips this in C++20 mode; it is not our code.
  target_compile_options(errc_options INTERFACE -Wno-ambiguous-reversed-operator)
endif()

if(ERRC_SANITIZE)
  set(ERRC_SANITIZER_FLAGS -fsanitize=address,undefined -fno-omit-frame-pointer
                           -fno-sanitize-recover=undefined)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    # RapidJSON's internal/stack.h offsets a null pointer by zero; harmless, noisy.
    list(APPEND ERRC_SANITIZER_FLAGS -fno-sanitize=pointer-overflow)
  endif()
  add_compile_options(${ERRC_SANITIZER_FLAGS})
  add_link_options(-fsanitize=address,undefined)
endif()

# ThreadSanitizer (the tsan preset, docs/thread-safety.md). It cannot share a
# process with AddressSanitizer.
if(ERRC_TSAN)
  if(ERRC_SANITIZE)
    message(FATAL_ERROR "ERRC_TSAN and ERRC_SANITIZE are mutually exclusive: "
                        "ThreadSanitizer cannot be combined with AddressSanitizer")
  endif()
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
endif()
