# Shared by scripts/run and scripts/test: install what is missing, then build.
# shellcheck shell=bash

CHUNKSCOPE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$CHUNKSCOPE_ROOT/build}

# Debian packages the build and the tests need (Open MPI for the mpi strategies: mpirun, and
# the headers and libraries chunkscope-mpi is built with). libqt6opengl6-dev is only a Recommends of
# qt6-base-dev, but Qt6Charts's CMake package requires Qt6OpenGL.
CHUNKSCOPE_PACKAGES=(
  cmake g++ make pkg-config
  qt6-base-dev libqt6opengl6-dev qt6-charts-dev qt6-svg-dev libqt6svg6 qt6-qpa-plugins
  libtbb-dev libgtest-dev nlohmann-json3-dev libcli11-dev
  fonts-dejavu-core
  python3-numpy python3-numexpr python3-numba
  openmpi-bin libopenmpi-dev
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

build_chunkscope() {
  log "configuring in $BUILD_DIR"
  cmake -S "$CHUNKSCOPE_ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
  log "building"
  cmake --build "$BUILD_DIR" -j"$(nproc)"
}
