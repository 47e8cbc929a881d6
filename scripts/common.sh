# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by scripts/run and scripts/test: install what is missing, then build.
# shellcheck shell=bash

CHUNKSCOPE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$CHUNKSCOPE_ROOT/build}

# Debian packages the build and the tests need (Open MPI for the mpi strategies: mpirun, and
# the headers and libraries chunkscope-mpi is built with). libqt6opengl6-dev is only a Recommends of
# qt6-base-dev, but Qt6Charts's CMake package requires Qt6OpenGL.
CHUNKSCOPE_PACKAGES=(
  cmake g++ make ninja-build pkg-config
  qt6-base-dev libqt6opengl6-dev qt6-charts-dev qt6-svg-dev libqt6svg6 qt6-qpa-plugins
  libtbb-dev libgtest-dev nlohmann-json3-dev libcli11-dev libxxhash-dev
  fonts-dejavu-core
  python3-numpy python3-numexpr python3-numba
  python3-joblib python3-dask               # py-joblib, py-dask
  python3-distributed                       # py-dask-cluster, py-dask-distributed (dask-scheduler, dask-worker)
  python3-pyflakes                          # python.pyflakes: the Python package, its tests, bench/compare
  openmpi-bin libopenmpi-dev
  iproute2                                  # scripts/mpi-two-hosts, scripts/dask-two-hosts: ip netns
  help2man desktop-file-utils appstream   # man pages; the install test's validators
)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

install_missing() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q >/dev/null
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# ctest in the current build folder, two tests at a time on two cores (as many as there are
# cores): on a quiet 2-core machine the cancellation tests' one-second bounds hold beside one
# other test (the suite takes about 3.7 min so, against about 7 one at a time).
run_ctest() {
  ctest --output-on-failure --timeout 300 -j"$(nproc)" "$@"
}

# Ninja for a new build folder (it starts the next compile the moment one ends, and checks
# what to rebuild faster than make); a folder configured before keeps its generator.
generator_for() {
  [ -f "$1/CMakeCache.txt" ] || printf '%s\n' -G Ninja
}

# Batches of sources for the engine, the CLI and their tests (CMakeLists.txt's
# CHUNKSCOPE_UNITY_BUILD): on in CI, whose builds start from scratch (about half the compile time);
# off elsewhere, so that editing a file recompiles only that file. CHUNKSCOPE_UNITY=ON or OFF
# chooses.
CHUNKSCOPE_UNITY=${CHUNKSCOPE_UNITY:-$([ "${CI:-}" = true ] && echo ON || echo OFF)}

build_chunkscope() {
  log "configuring in $BUILD_DIR"
  local gen
  mapfile -t gen < <(generator_for "$BUILD_DIR")
  cmake -S "$CHUNKSCOPE_ROOT" -B "$BUILD_DIR" "${gen[@]}" -DCMAKE_BUILD_TYPE=Release \
    -DCHUNKSCOPE_UNITY_BUILD="$CHUNKSCOPE_UNITY" "$@" >/dev/null
  log "building"
  cmake --build "$BUILD_DIR" -j"$(nproc)"
}

# The sanitizer stages (scripts/test without --quick, scripts/fuzz): clang, for libFuzzer and
# because its sanitizers come with it; libomp-dev, clang's OpenMP runtime and LLVM's Archer (GCC's
# libgomp comes with g++).
CHUNKSCOPE_SANITIZER_PACKAGES=(clang libomp-dev)
BUILD_ASAN_DIR=${BUILD_ASAN_DIR:-$CHUNKSCOPE_ROOT/build-asan}
CHUNKSCOPE_FUZZ_TARGETS=(fuzz_report fuzz_journal fuzz_hostfile fuzz_values fuzz_cli_options)

# build_sanitized DIR SANITIZERS [CMAKE_ARG...] -- [TARGET...]: the engine, the CLI and their
# tests (no window: Debian's Qt is not built for the sanitizers) with clang, optimised lightly so
# that the sanitized tests run at a useful speed and the build stays short.
build_sanitized() {
  local dir=$1 sanitize=$2 args=() targets=()
  shift 2
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do args+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  targets=("$@")
  log "configuring $sanitize in $dir"
  local gen
  mapfile -t gen < <(generator_for "$dir")
  CC=clang CXX=clang++ cmake -S "$CHUNKSCOPE_ROOT" -B "$dir" "${gen[@]}" -DCMAKE_BUILD_TYPE=Sanitized \
    -DCMAKE_CXX_FLAGS_SANITIZED="-O1 -gline-tables-only" -DCHUNKSCOPE_BUILD_GUI=OFF \
    -DCHUNKSCOPE_SANITIZE="$sanitize" -DCHUNKSCOPE_UNITY_BUILD="$CHUNKSCOPE_UNITY" "${args[@]}" >/dev/null
  log "building with $sanitize"
  if [ ${#targets[@]} -gt 0 ]; then
    cmake --build "$dir" -j"$(nproc)" --target "${targets[@]}"
  else
    cmake --build "$dir" -j"$(nproc)"
  fi
}

# How the sanitized programs report: any finding ends the program with a failure; Open MPI's
# own allocations that live until exit are not ours (tests/sanitizers/lsan.supp).
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_stack_use_after_return=0:check_initialization_order=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$CHUNKSCOPE_ROOT/tests/sanitizers/lsan.supp:print_suppressions=0}

# Under ASan (every test of build-asan but these): the Python module's own tests run the
# interpreter, not our code; the install test stages an install of the Release layout; the
# scripts' tests (scripts.*, label scripts) run the Release build's programs as a user does; of the
# py-* strategies' awkward shapes, py-items' and py-split's drive every line of our side of the
# protocol (the others differ in the module only, which the interpreter runs unsanitized: the
# Release build's python.tutorial and the TSan build run their shapes).
# The Dask clusters' engine tests (PythonDask, DaskClusterCosts) run here only: their interpreters
# are not ours to sanitize, but our side of reading a cluster's workers, events and costs is.
# CMakePresets.json's asan and tsan test presets filter with the same expressions.
CHUNKSCOPE_NOT_UNDER_ASAN='^(python\.|scripts\.|install_staged$)|StrategyShapes\..*/py_(sequential|shm|threads|numexpr|numba|futures|joblib|dask)'

# The labels of the tests (tests/core, tests/cli) that scripts/test runs under the sanitizers
# rather than in the Release build; --quick runs them in the Release build.
CHUNKSCOPE_SANITIZED_LABELS='^(engine|cli)$'

# Under TSan (build-tsan: core_tests only, built without MPI): every engine test but the mpi
# strategies' (Open MPI is not built for TSan, and that build has no worker for mpirun to start).
# oneTBB runs on the calling thread there (tests/sanitizers/tbb_on_calling_thread.cpp).
BUILD_TSAN_DIR=${BUILD_TSAN_DIR:-$CHUNKSCOPE_ROOT/build-tsan}
CHUNKSCOPE_NOT_UNDER_TSAN='^Mpi\.|Mpi(Shapes|Fresh|Warm)|/mpi_|Trace\.MpiTasks|^PythonDask\.|^DaskClusterCosts\.'
# libomp is not built for TSan: Archer (LLVM's OpenMP tool for TSan, in libomp-dev) tells TSan
# what libomp's barriers and hand-offs order, and TSan leaves the runtime's own accesses alone.
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1:ignore_noninstrumented_modules=1}
# LLVM's OpenMP runtime (in the clang builds) registers every process that loads it in /dev/shm
# (__KMP_REGISTERED_LIB_<pid>_<uid>) and removes the entry only at a normal exit, so the forked
# workers (they leave by _exit) and the programs the tests kill leave theirs behind. libomp itself
# takes the entry of a process that is gone for stale; this removes those.
remove_stale_omp_registrations() {
  local f pid
  for f in /dev/shm/__KMP_REGISTERED_LIB_*; do
    [ -e "$f" ] || continue
    pid=${f#/dev/shm/__KMP_REGISTERED_LIB_}
    pid=${pid%%_*}
    kill -0 "$pid" 2>/dev/null || rm -f "$f"
  done
}
# The Archer library beside the clang on PATH (/usr/lib/llvm-N/lib/libarcher.so).
archer_library() {
  local clang
  clang=$(readlink -f "$(command -v clang)")
  echo "$(dirname "$clang")/../lib/libarcher.so"
}

# fuzz_one_target TARGET SECONDS: one libFuzzer run; its exit status goes to fuzz-findings/TARGET/status.
fuzz_one_target() {
  local t=$1 seconds=$2 work=$BUILD_ASAN_DIR/fuzz-corpus/$1 findings=$BUILD_ASAN_DIR/fuzz-findings/$1
  mkdir -p "$work" "$findings"
  cp -n "$CHUNKSCOPE_ROOT/tests/fuzz/corpus/$t/"* "$work/" 2>/dev/null || true
  # -close_fd_mask=1: the options' help would fill the log. -timeout: an input that takes
  # longer is a hang; -rss_limit_mb: one that takes more memory is a finding too.
  local status=0
  (cd "$findings" && "$BUILD_ASAN_DIR/tests/fuzz/$t" -max_total_time="$seconds" -timeout=10 \
     -rss_limit_mb=2048 -max_len=8192 -close_fd_mask=1 -print_final_stats=1 \
     -artifact_prefix="$findings/" "$work" > "$findings/log.txt" 2>&1) || status=$?
  echo "$status" > "$findings/status"
}

# fuzz_targets SECONDS TARGET...: each target of build-asan for SECONDS, from its seed corpus
# (copied: the corpus kept in tests/ changes only by hand), as many at once as there are cores.
# Findings go to build-asan/fuzz-findings.
fuzz_targets() {
  local seconds=$1 t failed=() running=0
  shift
  for t in "$@"; do
    if [ "$running" -ge "$(nproc)" ]; then wait -n || true; running=$((running - 1)); fi
    log "fuzzing $t for ${seconds}s"
    rm -f "$BUILD_ASAN_DIR/fuzz-findings/$t/status"
    fuzz_one_target "$t" "$seconds" &
    running=$((running + 1))
  done
  wait
  for t in "$@"; do
    local findings=$BUILD_ASAN_DIR/fuzz-findings/$t
    if [ "$(cat "$findings/status" 2>/dev/null)" = 0 ]; then
      printf '%s: ' "$t" >&2
      grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb)" "$findings/log.txt" | tr '\n' ' ' >&2
      grep -oE "cov: [0-9]+ ft: [0-9]+ corp: [0-9/]+[a-zA-Z]*" "$findings/log.txt" | tail -1 >&2
    else
      tail -n 40 "$findings/log.txt" >&2
      printf '%s: the input that did it is in %s; once fixed, keep it as a regression test in %s\n' \
        "$t" "$findings" "tests/fuzz/regressions/$t/" >&2
      failed+=("$t")
    fi
  done
  if [ ${#failed[@]} -gt 0 ]; then
    log "fuzzing found something in: ${failed[*]}"
    return 1
  fi
}
