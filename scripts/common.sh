# Shared set-up for scripts/hwbench, scripts/test and scripts/bundle: Debian packages, then a
# configured and up-to-date build of a CMake preset. Sourced, not run.
set -euo pipefail

HWBENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HWBENCH_PACKAGES=(cmake ninja-build g++ pkg-config libcli11-dev nlohmann-json3-dev libfmt-dev libtbb-dev libssl-dev
                  libbenchmark-dev googletest libgtest-dev libsqlite3-dev ccache)
# ccache: hits across clean clones in other folders (CI), and debug info that does not name the folder.
export CCACHE_BASEDIR="$HWBENCH_ROOT" CCACHE_NOHASHDIR=1

# The CUDA toolkit is not a Debian package here; use it when it is installed in the usual place.
if ! command -v nvcc >/dev/null 2>&1 && [ -x /usr/local/cuda/bin/nvcc ]; then
  export PATH="/usr/local/cuda/bin:$PATH"
fi

hwbench_log() { printf 'hwbench-setup: %s\n' "$*" >&2; }

# hwbench_ensure_packages [EXTRA...]: the build's packages and any extra ones (the tests add chromium).
hwbench_ensure_packages() {
  local missing=()
  for p in "${HWBENCH_PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local cmd="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    hwbench_log "missing Debian packages; run as root: $cmd"
    exit 2
  fi
  hwbench_log "installing ${missing[*]}"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# hwbench_build PRESET [extra cmake -D...]: configure once, then let the build tool decide what is stale.
hwbench_build() {
  local preset=$1
  shift
  local dir="$HWBENCH_ROOT/build/$preset"
  if [ ! -f "$dir/CMakeCache.txt" ] || [ $# -gt 0 ]; then
    (cd "$HWBENCH_ROOT" && cmake --preset "$preset" "$@" >&2)
  fi
  cmake --build "$dir" -j "$(nproc)" >&2
}
