#!/usr/bin/env bash
# What #include <convshape/convshape.hpp> costs a translation unit, next to
# an empty TU and to <fmt/format.h> as a yardstick.
#
#   tools/include_cost.sh [-n RUNS] [COMPILER...]     (defaults: 20, g++ clang++)
#
# Each TU is compiled with -std=c++20 -fsyntax-only (plus $CXXFLAGS) RUNS
# times, the three TUs interleaved so that drift in machine load hits them
# alike; the table shows medians of wall time. Target: convshape minus empty
# <= 0.15 s, and under 1/6 of what fmt minus empty costs.
# Exits non-zero only when a TU fails to compile (or on bad usage), never
# because a target is missed: timings on shared machines are noisy.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=20
usage() { echo "usage: $0 [-n RUNS] [COMPILER...]" >&2; exit 2; }
while getopts n:h opt; do
  case $opt in
    n) [[ $OPTARG =~ ^[1-9][0-9]*$ ]] || usage; runs=$OPTARG ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
compilers=("$@")
((${#compilers[@]})) || compilers=(g++ clang++)

target_net_s=0.15   # convshape minus empty, seconds
target_ratio=6      # convshape's net cost below fmt's net cost / 6

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tus=(empty convshape fmt)
: >"$tmp/empty.cpp"
echo '#include <convshape/convshape.hpp>' >"$tmp/convshape.cpp"
echo '#include <fmt/format.h>' >"$tmp/fmt.cpp"

# Median of integers on stdin (the mean of the middle two for an even count).
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

status=0
measured=0
for cxx in "${compilers[@]}"; do
  if ! command -v "$cxx" >/dev/null; then
    echo "$cxx: not found, skipped"
    echo
    continue
  fi
  # shellcheck disable=SC2206  # CXXFLAGS is meant to split into words
  cmd=("$cxx" -std=c++20 -fsyntax-only -I"$root/include" ${CXXFLAGS:-})

  # One untimed compile of each TU: warms the file cache and proves they build.
  failed=0
  for tu in "${tus[@]}"; do
    if ! "${cmd[@]}" "$tmp/$tu.cpp" 2>"$tmp/$tu.err"; then
      echo "$cxx: the $tu TU does not compile:" >&2
      cat "$tmp/$tu.err" >&2
      failed=1
    fi
  done
  if ((failed)); then
    status=1
    echo
    continue
  fi

  for tu in "${tus[@]}"; do : >"$tmp/$tu.ns"; done
  for ((i = 0; i < runs; i++)); do
    for tu in "${tus[@]}"; do
      start=$(date +%s%N)
      "${cmd[@]}" "$tmp/$tu.cpp" 2>/dev/null || { echo "$cxx: the $tu TU failed on run $((i + 1))" >&2; exit 1; }
      end=$(date +%s%N)
      echo $((end - start)) >>"$tmp/$tu.ns"
    done
  done
  measured=1

  empty=$(median <"$tmp/empty.ns")
  convshape=$(median <"$tmp/convshape.ns")
  fmt=$(median <"$tmp/fmt.ns")
  "$cxx" --version | head -n 1
  echo "  ${cmd[*]:1:2}${CXXFLAGS:+ $CXXFLAGS}; median of $runs runs, seconds"
  awk -v e="$empty" -v c="$convshape" -v f="$fmt" -v net_max="$target_net_s" -v div="$target_ratio" '
    function row(name, ns) { printf "  %-22s %8.3f\n", name, ns / 1e9 }
    BEGIN {
      row("empty", e); row("convshape", c); row("fmt", f)
      row("convshape - empty", c - e); row("fmt - empty", f - e)
      if (f - e > 0) {
        ratio = (c - e) / (f - e)
        printf "  %-22s %8.3f\n", "ratio (net, cs / fmt)", ratio
      } else {
        ratio = -1
        printf "  %-22s %8s\n", "ratio (net, cs / fmt)", "n/a"
      }
      printf "  target: convshape - empty <= %.2f s: %s; ratio < 1/%d (%.3f): %s\n",
             net_max, ((c - e) / 1e9 <= net_max) ? "met" : "MISSED",
             div, 1 / div, (ratio >= 0 && ratio < 1 / div) ? "met" : "MISSED"
    }'
  echo
done

((measured || status)) || { echo "no compiler found among: ${compilers[*]}" >&2; exit 1; }
exit "$status"
