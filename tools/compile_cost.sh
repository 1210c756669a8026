#!/usr/bin/env bash
# What convshape costs the compiler, in two measures.
#
# Wall time (-m time): an empty translation unit, one that only includes
# <convshape/convshape.hpp>, ResNet-50's shapes under static_assert
# (examples/models/resnet50.hpp: both stride placements), and a synthetic
# chain of LAYERS conv2d layers through cs::sequential. Medians of RUNS runs.
# Targets (issue 6): the include at most 0.15 s above empty, at most 0.5 ms a
# layer.
#
# Instructions (-m instructions): what the compiler proper executes (cc1plus,
# clang -cc1; run directly from the driver's -### line, under callgrind, with
# address randomization off where setarch allows it), per layer of the same
# chain written three ways:
#   (a) the layers through cs::sequential;
#   (b) the same layers as bare cs::conv2d calls, each output the next input;
#   (c) the floor: the same arithmetic as a plain constexpr formula in a loop,
#       without convshape.
# Goal (issue 17): (b) within 5x of (c) with every compiler.
#
# Every per-layer figure, in either measure, is a difference: the translation
# unit that evaluates the chain, minus a baseline that includes the same
# headers, declares the same data and instantiates the same functions (called
# on a run-time input), but evaluates nothing; divided by LAYERS.
#
#   tools/compile_cost.sh [-n RUNS] [-l LAYERS] [-m time|instructions|all] [COMPILER...]
#
# Defaults: 5 runs, 1000 layers, all, g++ clang++. -std=c++20 -fsyntax-only.
# Exits non-zero only when a TU fails to compile, never because a target is
# missed. Needs bc; -m instructions needs valgrind.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=5
layers=1000
mode=all
usage() { echo "usage: $0 [-n RUNS] [-l LAYERS] [-m time|instructions|all] [COMPILER...]" >&2; exit 2; }
while getopts n:l:m:h opt; do
  case $opt in
    n) [[ $OPTARG =~ ^[1-9][0-9]*$ ]] || usage; runs=$OPTARG ;;
    l) [[ $OPTARG =~ ^[1-9][0-9]*$ ]] || usage; layers=$OPTARG ;;
    m) [[ $OPTARG =~ ^(time|instructions|all)$ ]] || usage; mode=$OPTARG ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
compilers=("$@")
((${#compilers[@]})) || compilers=(g++ clang++)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# --- the translation units --------------------------------------------------
# Layer i: filters 8 + i % 3; alternating 1x1 and padded 3x3, so the map stays
# 32x32 and every layer is valid. X_base.cpp declares; X.cpp = X_base.cpp plus
# the evaluation.
filters() { echo $((8 + $1 % 3)); }
kernel() { echo $((1 + 2 * ($1 % 2))); }
pad() { echo $(($1 % 2)); }
out=$(filters $((layers - 1)))  # the chain's output channels

: >"$work/empty.cpp"
echo '#include <convshape/convshape.hpp>' >"$work/include.cpp"
printf '#include "%s/examples/models/resnet50.hpp"\n' "$root" >"$work/resnet50.cpp"
{
  echo '#include <convshape/convshape.hpp>'
  echo 'namespace cs = convshape;'
  echo 'constexpr cs::layer<2> layers[] = {'
  for ((i = 0; i < layers; ++i)); do
    echo "  cs::conv2d({.filters = $(filters $i), .kernel = $(kernel $i), .padding = $(pad $i)}),"
  done
  echo '};'
  echo 'inline bool unevaluated(const cs::nchw_shape& input) {'
  echo '  const auto net = cs::sequential(input, layers);'
  echo "  return net.size() == $((layers + 1)) && net.output() == cs::nchw(1, $out, 32, 32);"
  echo '}'
} >"$work/chain_base.cpp"
{
  cat "$work/chain_base.cpp"
  echo 'constexpr auto net = cs::sequential(cs::nchw(1, 3, 32, 32), layers);'
  echo "static_assert(net.size() == $((layers + 1)) && net.output() == cs::nchw(1, $out, 32, 32));"
} >"$work/chain.cpp"
{
  echo '#include <convshape/convshape.hpp>'
  echo 'namespace cs = convshape;'
  echo 'constexpr cs::conv_params<2> params[] = {'
  for ((i = 0; i < layers; ++i)); do
    echo "  {.filters = $(filters $i), .kernel = $(kernel $i), .padding = $(pad $i)},"
  done
  echo '};'
  echo 'constexpr cs::nchw_shape bare_chain(cs::nchw_shape x) {'
  echo '  for (const auto& p : params) x = cs::conv2d(x, p);'
  echo '  return x;'
  echo '}'
  echo "inline bool unevaluated(const cs::nchw_shape& input) { return bare_chain(input) == cs::nchw(1, $out, 32, 32); }"
} >"$work/bare_base.cpp"
{
  cat "$work/bare_base.cpp"
  echo 'constexpr auto bare = bare_chain(cs::nchw(1, 3, 32, 32));'
  echo "static_assert(bare == cs::nchw(1, $out, 32, 32));"
} >"$work/bare.cpp"
{
  echo '#include <cstdint>'
  echo 'struct window_layer {'
  echo '  std::int64_t filters, kernel, stride, pad, dilation;'
  echo '};'
  echo 'constexpr window_layer window_layers[] = {'
  for ((i = 0; i < layers; ++i)); do
    echo "  {$(filters $i), $(kernel $i), 1, $(pad $i), 1},"
  done
  echo '};'
  echo 'struct extents {'
  echo '  std::int64_t batch, channels, height, width;'
  echo '};'
  echo 'constexpr extents floor_chain(extents x) {'
  echo '  for (const auto& l : window_layers) {'
  echo '    x.channels = l.filters;'
  echo '    x.height = (x.height + 2 * l.pad - l.dilation * (l.kernel - 1) - 1) / l.stride + 1;'
  echo '    x.width = (x.width + 2 * l.pad - l.dilation * (l.kernel - 1) - 1) / l.stride + 1;'
  echo '  }'
  echo '  return x;'
  echo '}'
  echo 'inline bool unevaluated(const extents& input) {'
  echo '  const extents y = floor_chain(input);'
  echo "  return y.channels == $out && y.height == 32 && y.width == 32;"
  echo '}'
} >"$work/floor_base.cpp"
{
  cat "$work/floor_base.cpp"
  echo 'constexpr extents y = floor_chain({1, 3, 32, 32});'
  echo "static_assert(y.channels == $out && y.height == 32 && y.width == 32);"
} >"$work/floor.cpp"

flags=(-std=c++20 -fsyntax-only -I"$root/include")

# --- wall time ----------------------------------------------------------------
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

wall_time() {
  local cxx=$1 tu r start end
  local tus=(empty include resnet50 chain_base chain)
  declare -A secs=()
  # Round-robin over the translation units, so that a slow spell of the
  # machine falls on all of them rather than on one side of a difference.
  for ((r = 0; r < runs; ++r)); do
    for tu in "${tus[@]}"; do
      start=$(date +%s.%N)
      "$cxx" "${flags[@]}" "$work/$tu.cpp"
      end=$(date +%s.%N)
      echo "$end - $start" | bc >>"$work/$tu.times"
    done
  done
  for tu in "${tus[@]}"; do
    secs[$tu]=$(median <"$work/$tu.times")
    rm "$work/$tu.times"
  done
  local include per_layer
  include=$(echo "${secs[include]} - ${secs[empty]}" | bc)
  per_layer=$(echo "scale=3; (${secs[chain]} - ${secs[chain_base]}) * 1000 / $layers" | bc)
  echo "  wall time: -std=c++20 -fsyntax-only; median of $runs runs, seconds"
  printf '  %-34s %.3f\n' "empty" "${secs[empty]}" "include convshape.hpp" "${secs[include]}" \
    "ResNet-50 (two stride placements)" "${secs[resnet50]}" "$layers-layer list" "${secs[chain_base]}" \
    "$layers-layer chain" "${secs[chain]}"
  printf '  include cost %.3f s (target <= 0.15 s): %s\n' "$include" \
    "$(echo "$include <= 0.15" | bc | sed 's/1/met/; s/0/MISSED/')"
  printf '  per layer %.3f ms (target <= 0.5 ms): %s\n' "$per_layer" \
    "$(echo "$per_layer <= 0.5" | bc | sed 's/1/met/; s/0/MISSED/')"
}

# --- instructions -------------------------------------------------------------
# The front end's command line, as the driver would run it: the last indented
# line of -### that is a command (clang++ prints "(in-process)" above it).
frontend_command() {
  local line
  line=$("$1" -### "${flags[@]}" "$2" 2>&1 | grep -E '^ ("?/)' | tail -1)
  [[ -n $line ]] || { echo "$0: no front-end command in $1 -###" >&2; return 1; }
  echo "$line"
}

norandom=()
setarch "$(uname -m)" -R true 2>/dev/null && norandom=(setarch "$(uname -m)" -R)

# Instructions the front end executes on one TU. It compiles it first, so that
# a TU that does not compile fails here with the compiler's own message.
instructions() {
  local cxx=$1 tu=$2 line
  local -a cmd
  "$cxx" "${flags[@]}" "$work/$tu.cpp"
  line=$(frontend_command "$cxx" "$work/$tu.cpp")
  eval "cmd=($line)"
  (cd "$work" && "${norandom[@]}" valgrind --tool=callgrind --callgrind-out-file="$work/$tu.callgrind" \
    "${cmd[@]}" >/dev/null 2>"$work/$tu.valgrind") ||
    { cat "$work/$tu.valgrind" >&2; return 1; }
  awk '/^(summary|totals):/ {print $2; exit}' "$work/$tu.callgrind"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", a / b}'; }

instruction_counts() {
  local cxx=$1 tu name evaluated declared bare_ratio
  declare -A per_layer=()
  for tu in chain bare floor; do
    evaluated=$(instructions "$cxx" $tu)
    declared=$(instructions "$cxx" ${tu}_base)
    per_layer[$tu]=$(awk -v a="$evaluated" -v b="$declared" -v n="$layers" 'BEGIN {printf "%.4f", (a - b) / n / 1e6}')
  done
  name=$(frontend_command "$cxx" "$work/empty.cpp" | awk '{gsub(/"/, ""); n = split($1, p, "/"); print p[n] ($2 == "-cc1" ? " -cc1" : "")}')
  bare_ratio=$(ratio "${per_layer[bare]}" "${per_layer[floor]}")
  echo "  instructions: $name under callgrind, per layer of a $layers-layer chain, millions"
  printf '  %-38s %7.3f M  %5sx the floor\n' \
    "(a) through cs::sequential" "${per_layer[chain]}" "$(ratio "${per_layer[chain]}" "${per_layer[floor]}")" \
    "(b) bare cs::conv2d calls" "${per_layer[bare]}" "$bare_ratio"
  printf '  %-38s %7.3f M\n' "(c) floor: constexpr formula in a loop" "${per_layer[floor]}"
  printf '  bare call %sx the floor (goal <= 5x): %s\n' "$bare_ratio" \
    "$(awk -v r="$bare_ratio" 'BEGIN {print (r <= 5) ? "met" : "MISSED"}')"
}

for cxx in "${compilers[@]}"; do
  "$cxx" --version | head -1
  if [[ $mode != instructions ]]; then wall_time "$cxx"; fi
  if [[ $mode != time ]]; then instruction_counts "$cxx"; fi
  echo
done
