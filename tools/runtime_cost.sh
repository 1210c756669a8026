#!/usr/bin/env bash
# What convshape costs at run time: ResNet-50's full shape inference on an
# input side known only at run time (bench/resnet50.cpp, Google Benchmark),
# beside the same network through ONNX shape inference and PyTorch meta
# tensors (bench/shape_inference.py), all measured in this run.
#
#   tools/runtime_cost.sh [-r REPETITIONS] [-n RUNS]   (defaults: 5, 15)
#
# -r: repetitions of each Google Benchmark (the median is reported); -n: timed
# calls of each Python figure (median). Builds build/bench (Release, -O2 in
# any case; CXX picks the compiler, BUILD_DIR the tree). Missing Debian
# packages (cmake ninja-build libbenchmark-dev g++) are installed with
# apt-get when run as root; without torch, torchvision or onnx the
# comparison is skipped with a note. Target (the issue): under 0.5 us a
# network. Exits non-zero only when the build or a run fails, never because
# the target is missed.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
reps=5
runs=15
usage() { echo "usage: $0 [-r REPETITIONS] [-n RUNS]" >&2; exit 2; }
while getopts r:n:h opt; do
  case $opt in
    r) [[ $OPTARG =~ ^[1-9][0-9]*$ ]] || usage; reps=$OPTARG ;;
    n) [[ $OPTARG =~ ^[1-9][0-9]*$ ]] || usage; runs=$OPTARG ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
(($# == 0)) || usage
cxx=${CXX:-g++}

packages=(cmake ninja-build libbenchmark-dev)
case "$cxx" in
  clang++*) packages+=(clang) ;;
  *) packages+=(g++) ;;
esac
source "$root/tools/packages.sh"
install_missing "${packages[@]}"

if [[ $cxx == g++ ]]; then default_build=$root/build/bench; else default_build=$root/build/bench-$(basename "$cxx"); fi
build=${BUILD_DIR:-$default_build}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER="$cxx" \
  -DCONVSHAPE_BUILD_BENCHMARKS=ON -DCONVSHAPE_BUILD_TESTS=OFF -DCONVSHAPE_BUILD_CLI=OFF \
  -DCONVSHAPE_BUILD_EXAMPLES=OFF -DCONVSHAPE_INSTALL=OFF >/dev/null
cmake --build "$build" --target convshape_bench

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo
echo "== convshape (Google Benchmark, $reps repetitions)"
"$build/bench/convshape_bench" --benchmark_repetitions="$reps" --benchmark_report_aggregates_only=true \
  --benchmark_out="$work/convshape.json" --benchmark_out_format=json

echo
echo "== ONNX shape inference and PyTorch meta tensors (median of $runs runs)"
python=/usr/bin/python3
[[ -x $python ]] || python=$(command -v python3 || true)
if [[ -n $python ]]; then
  "$python" "$root/bench/shape_inference.py" --runs "$runs" --json "$work/python.json"
else
  echo "no python3: the comparison is skipped"
fi

echo
echo "== summary (all measured in this run)"
cpu=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
echo "machine:  ${cpu:-unknown CPU}, $(nproc) cores ($(getconf _NPROCESSORS_CONF) configured), $(uname -sr)"
echo "compiler: $("$cxx" --version | head -1), -O2"
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at the end of the run"
if [[ -z $python ]]; then
  # Without Python, the medians straight from the benchmark's JSON.
  awk -F'"' '/"name":/ {name = $4} /"real_time":/ && name ~ /_median$/ {
      sub(/,$/, "", $3); split($3, v, ": *"); printf "  %-44s %12.0f ns\n", name, v[2] }' "$work/convshape.json"
  exit 0
fi
"$python" - "$work/convshape.json" "$work/python.json" <<'EOF'
import json, os, sys

bench = json.load(open(sys.argv[1]))
medians = {}  # run name -> (CPU ns, wall ns)
for b in bench["benchmarks"]:
    if b.get("aggregate_name") == "median":
        scale = {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}[b.get("time_unit", "ns")]
        medians[b["run_name"]] = (b["cpu_time"] * scale, b["real_time"] * scale)
py = json.load(open(sys.argv[2])) if os.path.exists(sys.argv[2]) else {"skipped": "no figures"}
sides = ("224", "512")
W = 40

def convshape(kind, side):
    return medians.get(f"resnet50/{kind}/{side}")

def cells(pairs, unit):
    out = ""
    for p in pairs:
        if p is None:
            out += f"{'-':>13}{'-':>13}"
        elif unit == "ns":
            out += f"{p[0]:10.0f} ns{p[1]:10.0f} ns"
        else:
            out += f"{p[0] / 1e6:10.2f} ms{p[1] / 1e6:10.2f} ms"
    return out

print("ResNet-50 (torchvision), batch 1, shape inference per network; medians, CPU time and wall-clock:")
print(f"  {'':{W}}" + "".join(f"{'side ' + s + ' CPU':>13}{'wall':>13}" for s in sides))
rows = [("convshape shape_program run", "program/run"), ("convshape program try_run, list reused", "program/try"),
        ("convshape network (throwing)", "network/throwing"), ("convshape network (try_)", "network/try"),
        ("convshape network + totals", "network+totals"), ("convshape network, constructed empty", "network/empty"),
        ("convshape shapes only (chain)", "chain/shapes"), ("bare int64 arithmetic (floor)", "floor/arithmetic")]
for label, kind in rows:
    print(f"  {label:{W}}" + cells([convshape(kind, s) for s in sides], "ns"))

others = [("ONNX infer_shapes, as exported", "onnx"), ("ONNX infer_shapes, no weights", "onnx_no_weights"),
          ("PyTorch meta tensors", "torch_meta")]
if "skipped" in py:
    print(f"  ONNX and PyTorch: skipped ({py['skipped']})")
else:
    def other(key, side):
        row = py["sides"].get(side)
        return (row[key + "_cpu_ns"], row[key + "_ns"]) if row else None
    for label, key in others:
        print(f"  {label:{W}}" + cells([other(key, s) for s in sides], "ms"))
    for kind, what in (("program/run", "shape_program run"), ("network/throwing", "network (throwing)")):
        print(f"ratios to convshape's {what} at the same side, CPU time and wall-clock:")
        for label, key in others:
            line = f"  {label:{W}}"
            for s in sides:
                base, theirs = convshape(kind, s), other(key, s)
                for i in (0, 1):
                    line += f"{theirs[i] / base[i]:12,.0f}x" if base and theirs else f"{'-':>13}"
            print(line)

# The headline is the shape_program's run: every layer's shape for a run-time
# input, as ONNX shape inference and meta tensors give; the network also
# records names, parameters, MACs and receptive fields.
headline = convshape("program/run", "224")
if headline is not None:
    verdict = "met" if headline[0] < 500 else "MISSED"
    print(f"target: under 500 ns a network: {headline[0]:.0f} ns (CPU) at side 224: {verdict}")
EOF
