# SPDX-License-Identifier: GPL-3.0-or-later
# Sanitizer and fuzzing builds (scripts/test's extra stages; scripts/fuzz).
#
#   CHUNKSCOPE_SANITIZE=address,undefined   AddressSanitizer with UndefinedBehaviorSanitizer:
#                                           any undefined behaviour stops the program
#   CHUNKSCOPE_SANITIZE=thread              ThreadSanitizer
#   CHUNKSCOPE_FUZZ=ON                      (clang) the fuzz targets as libFuzzer programs, and
#                                           what they run instrumented for its coverage
#
# Every target of the build gets the flags, so the engine, the CLI and their tests are checked
# together. The kernels keep their -O3; the rest is built as CMAKE_BUILD_TYPE says.

set(CHUNKSCOPE_SANITIZE "" CACHE STRING "Sanitizers to build with: address,undefined or thread (empty: none)")
option(CHUNKSCOPE_FUZZ "Build the fuzz targets with libFuzzer (needs clang)" OFF)

if(CHUNKSCOPE_SANITIZE)
  add_compile_options(-fsanitize=${CHUNKSCOPE_SANITIZE} -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${CHUNKSCOPE_SANITIZE})
  if(CHUNKSCOPE_SANITIZE MATCHES "undefined")
    add_compile_options(-fno-sanitize-recover=undefined)
  endif()
endif()

if(CHUNKSCOPE_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "CHUNKSCOPE_FUZZ needs clang's libFuzzer: configure with -DCMAKE_CXX_COMPILER=clang++ "
                        "(Debian's package clang)")
  endif()
endif()
# libFuzzer's coverage counters, only in what the fuzz targets run (the engine, the CLI's
# options and the targets themselves): the rest of the build compiles and runs faster without.
add_library(chunkscope_fuzz_coverage INTERFACE)
if(CHUNKSCOPE_FUZZ)
  target_compile_options(chunkscope_fuzz_coverage INTERFACE -fsanitize=fuzzer-no-link)
endif()
