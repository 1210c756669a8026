#!/usr/bin/env bash
# What `convshape import` costs, per model of the corpus (tests/corpus):
# the time to read, check and write the header (the whole command, from its
# start), and the time each compiler takes on the header (-std=c++20
# -fsyntax-only); for ONNX models, beside ONNX's own shape inference
# (onnx.load and onnx.shape_inference.infer_shapes, timed in Python) on the
# same file, when Debian's python3-onnx is installed (PYTHON, default
# /usr/bin/python3). Medians of RUNS runs.
#
#   tools/import_cost.sh [-n RUNS] [CONVSHAPE] [COMPILER...]
#
# Defaults: 5 runs, build/g++/cli/convshape, g++ clang++. Targets (issue 18):
# import of resnet50.onnx under 50 ms; each header compiles in under 0.5 s.
# Prints a markdown table; exits non-zero only when a command fails to run,
# never because a target is missed.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=5
while getopts n:h opt; do
  case $opt in
    n) [[ $OPTARG =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [-n RUNS] [CONVSHAPE] [COMPILER...]" >&2; exit 2; }
       runs=$OPTARG ;;
    *) echo "usage: $0 [-n RUNS] [CONVSHAPE] [COMPILER...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
convshape=${1:-$root/build/g++/cli/convshape}
shift $(($# > 0 ? 1 : 0))
compilers=("$@")
((${#compilers[@]})) || compilers=(g++ clang++)
[[ -x $convshape ]] || { echo "$0: no convshape at $convshape (build it, or give its path)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
# Seconds one command takes, median of $runs runs.
seconds() {
  local r start end
  for ((r = 0; r < runs; ++r)); do
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || return 1
    end=$(date +%s.%N)
    echo "$end - $start" | bc
  done | median
}
ms() { awk -v s="$1" 'BEGIN {printf "%.1f", s * 1000}'; }

python=${PYTHON:-/usr/bin/python3}
have_onnx=false
"$python" -c 'import onnx' 2>/dev/null && have_onnx=true

header="| model | nodes | records | params | MACs | import (ms)"
rule="| --- | ---: | ---: | ---: | ---: | ---:"
$have_onnx && { header+=" | onnx infer_shapes (ms)"; rule+=" | ---:"; }
for cxx in "${compilers[@]}"; do header+=" | $cxx header (s)"; rule+=" | ---:"; done
echo "$header |"
echo "$rule |"

for model in "$root"/tests/corpus/keras/*.model.json "$root"/tests/corpus/onnx/*.onnx; do
  [[ -e $model ]] || continue
  name=$(basename "$model")
  name=${name%%.*}
  hpp=$work/${name}_shapes.hpp
  if ! "$convshape" import --batch 1 "$model" -o "$hpp" 2>"$work/error"; then
    echo "| $model | not imported: $(head -c 120 "$work/error" | tr '\n|' ' /') |"
    continue
  fi
  summary=$("$convshape" summary --json --batch 1 "$model")
  records=$(grep -c '"kind"' <<<"$summary")
  params=$(sed -n 's/^ "params": \([0-9]*\),*$/\1/p' <<<"$summary")
  macs=$(sed -n 's/^ "macs": \([0-9]*\),*$/\1/p' <<<"$summary")
  # The model's own count: ONNX nodes, Keras layers (as the generators recorded them).
  if [[ $model == *.onnx ]]; then
    nodes=$(sed -n 's/^ *"nodes": *\([0-9]*\).*$/\1/p' "${model%.onnx}.dims.json")
  else
    nodes=$("$python" -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["layers"]))' "${model%.model.json}.expected.json")
  fi
  label=$name
  [[ $model == *.onnx ]] || label="keras $name"
  row="| $label | $nodes | $records | $params | $macs | $(ms "$(seconds "$convshape" import --batch 1 "$model" -o "$hpp")")"
  if $have_onnx; then
    if [[ $model == *.onnx ]]; then
      # Reading the file and inferring, timed inside one interpreter: its
      # start and `import onnx` take longer than either and vary more.
      infer=$("$python" - "$model" "$runs" <<'PY'
import statistics, sys, time
import onnx
seconds = []
for _ in range(int(sys.argv[2])):
    start = time.perf_counter()
    onnx.shape_inference.infer_shapes(onnx.load(sys.argv[1], load_external_data=False))
    seconds.append(time.perf_counter() - start)
print(statistics.median(seconds))
PY
)
      row+=" | $(ms "$infer")"
    else
      row+=" | -"
    fi
  fi
  echo "#include \"${name}_shapes.hpp\"" >"$work/$name.cpp"
  for cxx in "${compilers[@]}"; do
    row+=" | $(awk -v s="$(seconds "$cxx" -std=c++20 -fsyntax-only -I"$root/include" -I"$work" "$work/$name.cpp")" 'BEGIN {printf "%.3f", s}')"
  done
  echo "$row |"
done
