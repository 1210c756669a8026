#!/usr/bin/env bash
# What convshape costs the compiler: an empty translation unit, one that only
# includes <convshape/convshape.hpp>, ResNet-50's shapes under static_assert
# (examples/models/resnet50.hpp: both stride placements), and a synthetic
# chain of 1,000 layers through cs::sequential, next to the same layer list
# without the network, so that the cost per layer is the evaluation alone.
#
#   tools/compile_cost.sh [-n RUNS] [COMPILER...]     (defaults: 5, g++ clang++)
#
# -std=c++20 -fsyntax-only; medians of wall time. Targets (issue 6): the
# include at most 0.15 s above empty, at most 0.5 ms a layer. Exits non-zero
# only when a TU fails to compile, never because a target is missed. Needs bc.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=5
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
layers=1000

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

: >"$work/empty.cpp"
echo '#include <convshape/convshape.hpp>' >"$work/include.cpp"
printf '#include "%s/examples/models/resnet50.hpp"\n' "$root" >"$work/resnet50.cpp"
{
  echo '#include <convshape/convshape.hpp>'
  echo 'namespace cs = convshape;'
  echo 'constexpr cs::layer<2> layers[] = {'
  for ((i = 0; i < layers; ++i)); do
    # alternating 1x1 and padded 3x3 convolutions keep the map at 32x32
    echo "  cs::conv2d({.filters = $((8 + i % 3)), .kernel = $((1 + 2 * (i % 2))), .padding = $((i % 2))}),"
  done
  echo '};'
} >"$work/list.cpp"
{
  cat "$work/list.cpp"
  echo 'constexpr auto net = cs::sequential(cs::nchw(1, 3, 32, 32), layers);'
  echo "static_assert(net.size() == $((layers + 1)) && net.output() == cs::nchw(1, 8, 32, 32));"
} >"$work/chain.cpp"

median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

tus=(empty include resnet50 list chain)
for cxx in "${compilers[@]}"; do
  declare -A secs=()
  # Round-robin over the translation units, so that a slow spell of the
  # machine falls on all of them rather than on one side of a difference.
  for ((r = 0; r < runs; ++r)); do
    for tu in "${tus[@]}"; do
      start=$(date +%s.%N)
      "$cxx" -std=c++20 -fsyntax-only -I"$root/include" "$work/$tu.cpp"
      end=$(date +%s.%N)
      echo "$end - $start" | bc >>"$work/$tu.times"
    done
  done
  for tu in "${tus[@]}"; do
    secs[$tu]=$(median <"$work/$tu.times")
    rm "$work/$tu.times"
  done
  include=$(echo "${secs[include]} - ${secs[empty]}" | bc)
  per_layer=$(echo "scale=3; (${secs[chain]} - ${secs[list]}) * 1000 / $layers" | bc)
  echo "$("$cxx" --version | head -1)"
  echo "  -std=c++20 -fsyntax-only; median of $runs runs, seconds"
  printf '  %-34s %.3f\n' "empty" "${secs[empty]}" "include convshape.hpp" "${secs[include]}" \
    "ResNet-50 (two stride placements)" "${secs[resnet50]}" "$layers-layer list" "${secs[list]}" \
    "$layers-layer chain" "${secs[chain]}"
  printf '  include cost %.3f s (target <= 0.15 s): %s\n' "$include" \
    "$(echo "$include <= 0.15" | bc | sed 's/1/met/; s/0/MISSED/')"
  printf '  per layer %.3f ms (target <= 0.5 ms): %s\n\n' "$per_layer" \
    "$(echo "$per_layer <= 0.5" | bc | sed 's/1/met/; s/0/MISSED/')"
  unset secs
done
