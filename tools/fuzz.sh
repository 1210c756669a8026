#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/) with clang++ and runs each for a
# bounded time, one after the other:
#   tools/fuzz.sh [SECONDS]   SECONDS per target, default 60
# Each target starts from a scratch copy of its seed corpus (tests/fuzz/corpus/,
# never written to); crashes go to build/fuzz/artifacts/, logs and the grown
# corpora to build/fuzz/logs/ and build/fuzz/corpus/. Prints each target's
# executions; exits 1 if any target finds anything (a crash, a sanitizer
# report, a leak, a timeout), 2 on bad usage.
# Missing Debian packages are installed with apt-get when run as root.
# Environment: CXX picks the compiler (default clang++; it must be clang),
# BUILD_DIR the build tree (default build/fuzz).
# Reproduce a finding: build/fuzz/tests/fuzz/convshape_fuzz_shapes FILE
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-60}
if ! [[ $seconds =~ ^[1-9][0-9]*$ ]] || (($# > 1)); then
  echo "usage: tools/fuzz.sh [SECONDS]   (seconds per target, default 60)" >&2
  exit 2
fi
cxx=${CXX:-clang++}

packages=(clang libclang-rt-14-dev cmake ninja-build nlohmann-json3-dev libfmt-dev libonnx-dev libprotobuf-dev)
source "$root/tools/packages.sh"
install_missing "${packages[@]}"

# The fuzzers alone: no tests, examples, command or install rules.
build=${BUILD_DIR:-$root/build/fuzz}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" -DCONVSHAPE_BUILD_FUZZERS=ON \
  -DCONVSHAPE_BUILD_TESTS=OFF -DCONVSHAPE_BUILD_EXAMPLES=OFF -DCONVSHAPE_BUILD_CLI=OFF -DCONVSHAPE_INSTALL=OFF >/dev/null
cmake --build "$build" --target convshape_fuzz_shapes convshape_fuzz_query convshape_fuzz_keras convshape_fuzz_onnx

artifacts=$build/artifacts
rm -rf "$artifacts"
mkdir -p "$artifacts" "$build/logs"
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

failed=()
summary=()
for target in shapes query keras onnx; do
  exe=$build/tests/fuzz/convshape_fuzz_$target
  corpus=$build/corpus/$target
  log=$build/logs/$target.log
  rm -rf "$corpus"
  mkdir -p "$corpus"
  cp -R "$root/tests/fuzz/corpus/$target/." "$corpus/"
  options=(-max_total_time="$seconds" -print_final_stats=1 -timeout=30 -artifact_prefix="$artifacts/$target-")
  [[ -f $root/tests/fuzz/$target.dict ]] && options+=(-dict="$root/tests/fuzz/$target.dict")

  echo "=== convshape_fuzz_$target for ${seconds} s (log: $log)"
  status=0
  "$exe" "${options[@]}" "$corpus" >"$log" 2>&1 || status=$?
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  found=$(find "$artifacts" -name "$target-*" -type f | sort)
  verdict=
  if ((status != 0)) || [[ -n $found ]]; then
    failed+=("$target")
    verdict=", FINDING"
    echo "--- convshape_fuzz_$target FAILED (exit status $status); the end of its log:"
    tail -n 40 "$log"
    [[ -n $found ]] && printf 'reproduce with: %s %s\n' "$exe" $found
  fi
  summary+=("$(printf '%-6s %12s executions%s' "$target" "${executions:-?}" "$verdict")")
done

echo "=== summary (${seconds} s per target)"
printf '%s\n' "${summary[@]}"
if ((${#failed[@]})); then
  echo "findings in: ${failed[*]} (inputs in $artifacts)" >&2
  exit 1
fi
