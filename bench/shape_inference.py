#!/usr/bin/python3
"""ResNet-50's shape inference in ONNX and in PyTorch, for comparison with
convshape_bench (tools/runtime_cost.sh runs both and prints the ratios).

torchvision.models.resnet50(weights=None), in eval mode:

  onnx            torch.onnx.export (opset 13, not timed), the intermediate
                  value_info stripped, then onnx.shape_inference.infer_shapes
                  on the ModelProto as exported, its 25.6 M weights included:
                  what a user runs. The headline ONNX figure.
  onnx/no-weights the same graph with every initializer turned into a graph
                  input (its type and shape, no data): shape inference without
                  serialising 100 MB of weights across the Python/C++ boundary.
  torch/meta      model.to('meta'), then forward(torch.empty(1, 3, s, s,
                  device='meta')) under torch.no_grad(): every operator's
                  meta function, no data.

For each side the graph input's height and width are set to the side before
inference (ONNX), or the meta input has that side (PyTorch). Each figure is
the median of --runs timed calls after one untimed call; the result is
checked (the inferred shape of the last feature map, and the output).
Wall-clock (time.perf_counter_ns) and process CPU time (time.process_time_ns)
are both kept: on a shared machine the CPU time is the steadier figure.

  /usr/bin/python3 bench/shape_inference.py [--sides 224 512] [--runs N] [--json FILE]

Exits 0 with a note, and {"skipped": reason} in the JSON, when torch,
torchvision or onnx is missing.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import warnings


def median_ns(fn, runs):
    """Medians of wall-clock and process CPU time per call, in ns."""
    fn()  # warm-up, untimed
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter_ns(), time.process_time_ns()
        fn()
        cpu.append(time.process_time_ns() - start_cpu)
        wall.append(time.perf_counter_ns() - start)
    return statistics.median(wall), statistics.median(cpu)


def set_side(model, side):
    """Sets the graph input's height and width; strips inferred shapes."""
    dims = model.graph.input[0].type.tensor_type.shape.dim
    dims[2].dim_value = side
    dims[3].dim_value = side
    del model.graph.value_info[:]


def without_weights(model):
    """A copy whose initializers are graph inputs: types and shapes, no data."""
    import onnx
    from onnx import helper

    stripped = onnx.ModelProto()
    stripped.CopyFrom(model)
    inits = list(stripped.graph.initializer)
    del stripped.graph.initializer[:]
    for t in inits:
        stripped.graph.input.append(helper.make_tensor_value_info(t.name, t.data_type, list(t.dims)))
    return stripped


def last_map_shape(inferred, last_relu):
    for vi in inferred.graph.value_info:
        if vi.name == last_relu:
            return [d.dim_value for d in vi.type.tensor_type.shape.dim]
    return None


def run(args):
    try:
        import onnx
        import torch
        import torchvision
        from onnx import shape_inference
    except ImportError as e:  # pragma: no cover - depends on the machine
        return {"skipped": f"missing Python module: {e.name}"}

    torch.set_num_threads(1)
    model = torchvision.models.resnet50(weights=None).eval()
    result = {
        "versions": {"torch": torch.__version__, "torchvision": torchvision.__version__, "onnx": onnx.__version__},
        "runs": args.runs,
        "sides": {},
    }

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "resnet50.onnx")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(model, torch.zeros(1, 3, 224, 224), path, opset_version=13,
                              input_names=["input"], output_names=["output"])
        exported = onnx.load(path)
    graph = exported.graph
    result["onnx_graph"] = {
        "opset": 13,
        "nodes": len(graph.node),
        "initializers": len(graph.initializer),
        "bytes": exported.ByteSize(),
    }
    # The output of the last Relu: layer4's last block, (1, 2048, s/32, s/32).
    last_relu = [n for n in graph.node if n.op_type == "Relu"][-1].output[0]

    meta_model = torchvision.models.resnet50(weights=None).eval().to("meta")

    for side in args.sides:
        row = {}
        expected = [1, 2048, -(-side // 32), -(-side // 32)]

        as_exported = onnx.ModelProto()
        as_exported.CopyFrom(exported)
        set_side(as_exported, side)
        inferred = shape_inference.infer_shapes(as_exported, strict_mode=True)
        got = last_map_shape(inferred, last_relu)
        if got != expected:
            raise SystemExit(f"onnx: side {side}: last feature map {got}, expected {expected}")
        row["onnx_inferred_values"] = len(inferred.graph.value_info)
        row["onnx_ns"], row["onnx_cpu_ns"] = median_ns(lambda: shape_inference.infer_shapes(as_exported), args.runs)

        light = without_weights(as_exported)
        inferred = shape_inference.infer_shapes(light, strict_mode=True)
        if last_map_shape(inferred, last_relu) != expected:
            raise SystemExit(f"onnx/no-weights: side {side}: wrong last feature map")
        row["onnx_no_weights_ns"], row["onnx_no_weights_cpu_ns"] = median_ns(
            lambda: shape_inference.infer_shapes(light), args.runs)

        x = torch.empty(1, 3, side, side, device="meta")
        with torch.no_grad():
            out = meta_model(x)
            if tuple(out.shape) != (1, 1000) or out.device.type != "meta":
                raise SystemExit(f"torch/meta: side {side}: output {tuple(out.shape)} on {out.device}")
            row["torch_meta_ns"], row["torch_meta_cpu_ns"] = median_ns(lambda: meta_model(x), args.runs)
        result["sides"][str(side)] = row
    return result


def print_table(result):
    if "skipped" in result:
        print(f"shape_inference.py: skipped ({result['skipped']})")
        return
    v = result["versions"]
    g = result["onnx_graph"]
    print(f"torch {v['torch']}, torchvision {v['torchvision']}, onnx {v['onnx']}; "
          f"ONNX graph: opset {g['opset']}, {g['nodes']} nodes, {g['initializers']} initializers, "
          f"{g['bytes'] / 1e6:.1f} MB; median of {result['runs']} runs")
    print(f"{'side':>5}  {'onnx (as exported)':>20}  {'onnx (no weights)':>18}  {'torch meta':>12}   (wall; CPU)")
    for side, row in result["sides"].items():
        print(f"{side:>5}  {row['onnx_ns'] / 1e6:17.2f} ms  {row['onnx_no_weights_ns'] / 1e6:15.3f} ms  "
              f"{row['torch_meta_ns'] / 1e6:9.3f} ms")
        print(f"{'':>5}  {row['onnx_cpu_ns'] / 1e6:17.2f} ms  {row['onnx_no_weights_cpu_ns'] / 1e6:15.3f} ms  "
              f"{row['torch_meta_cpu_ns'] / 1e6:9.3f} ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sides", type=int, nargs="+", default=[224, 512])
    parser.add_argument("--runs", type=int, default=15, help="timed calls per figure (default 15)")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    if args.runs < 1 or any(s < 32 for s in args.sides):
        parser.error("--runs must be at least 1 and every side at least 32")
    result = run(args)
    print_table(result)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
