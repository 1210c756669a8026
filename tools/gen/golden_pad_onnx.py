#!/usr/bin/env python3
"""Golden answers of ONNX Runtime for explicit zero padding: the onnx lines of tests/golden/pad.jsonl.

Each case (golden_common.pad_cases, the same ones as golden_pad_torch.py:
ranks 1-3, NCW/NCHW/NCDHW) becomes a one-node opset-17 model built with
ONNX 1.12 (python3-onnx):

    y = Pad(x, pads)   mode = "constant", no constant_value input (0)

with x a graph input of fully static shape and `pads` int64 in ONNX order
over all axes, [x1_begin, x2_begin, ..., x1_end, x2_end, ...], zero on N and
C. Two models per case: `pads` a graph input fed at run time (the kernel's
answer: `expect`) and `pads` an initializer (what an exported model has:
ONNX Runtime then infers the output shape when the session is created). ONNX
1.12's shape inference (check_type, strict_mode) is asked for the second, in
a child process; then tools/gen/ort_pad_run.js runs both with
onnxruntime-node 1.30 on an input holding 1, 2, 3, .... Where ONNX Runtime
returns a tensor, its values are checked against zero padding with negative
pads as cropping (output cell j of a dimension is input cell j - begin, or
0). Where the initializer model's answer differs from `expect` (an extent
below -1: onnxruntime-node refuses the inferred output shape when the
session is created, "Invalid dimension: -2"), the line's note says so.

Lines: {"framework": "onnx", "layout", "input", "pads", "expect"[, "note"]
[, "onnx_inferred"]} with `pads` = [begin..., end...] over the spatial
dimensions only, outermost first; `expect` {"output": shape} (an empty tensor
too, exactly as returned) or {"error": true, "why": first line of the
runtime's message, at most 300 characters}; `onnx_inferred` is ONNX 1.12's
inferred shape where it differs from expect. The other frameworks' lines of
pad.jsonl are kept.

    /usr/bin/python3 tools/gen/golden_pad_onnx.py [--out FILE]

needs python3-onnx (tested with 1.12), python3-numpy, node and, in tools/gen,
`npm install --ignore-scripts onnxruntime-node@1.30.0`. Fixed seeds: a rerun
with the same versions writes the same bytes.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import golden_common as gc  # noqa: E402

OPSET = 17
HERE = os.path.dirname(os.path.abspath(__file__))


def onnx_pads(rank, pads):
    """Spatial [begin..., end...] -> ONNX pads over all axes (0 on N and C)."""
    return [0, 0] + list(pads[:rank]) + [0, 0] + list(pads[rank:])


# ---------------------------------------------------------------------------
# Worker side: builds the model, asks ONNX 1.12 shape inference, saves it


def onnx_worker():
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper, shape_inference

    def model(shape, pads, constant):
        node = helper.make_node("Pad", ["x", "pads"], ["y"], mode="constant")
        inputs = [helper.make_tensor_value_info("x", TensorProto.FLOAT, shape)]
        inits = []
        if constant:
            inits.append(numpy_helper.from_array(np.array(pads, dtype=np.int64), "pads"))
        else:
            inputs.append(helper.make_tensor_value_info("pads", TensorProto.INT64, [len(pads)]))
        graph = helper.make_graph([node], "g", inputs, [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
                                  initializer=inits)
        m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
        m.ir_version = 8
        return m

    def handle(case):
        shape, pads = case["input"], onnx_pads(len(case["input"]) - 2, case["pads"])
        onnx.save(model(shape, pads, False), case["file"] + ".onnx")
        onnx.save(model(shape, pads, True), case["file"] + "_const.onnx")
        try:
            inferred = shape_inference.infer_shapes(model(shape, pads, True), check_type=True, strict_mode=True)
        except Exception as e:  # InferenceError, ValidationError, ...
            return {"error": gc.first_line(e)}
        t = inferred.graph.output[0].type.tensor_type
        if not t.HasField("shape"):
            return {"output": None}
        return {"output": [d.dim_value if d.HasField("dim_value") else (d.dim_param or "?") for d in t.shape.dim]}

    assert onnx.__version__
    gc.worker_loop(handle)


# ---------------------------------------------------------------------------
# Parent side


def run_ort(tmp, count):
    """ort_pad_run.js over the saved models; a runtime that dies is an answer too."""
    answers = []
    while len(answers) < count:
        run = subprocess.run(["node", os.path.join(HERE, "ort_pad_run.js"), tmp, str(len(answers))],
                             capture_output=True, text=True, cwd=HERE)
        answers += [json.loads(t) for t in run.stdout.splitlines()]
        if run.returncode != 0 and len(answers) < count:
            if not answers and "Cannot find module" in run.stderr:
                sys.exit("onnxruntime-node is missing: cd tools/gen && npm install --ignore-scripts "
                         "onnxruntime-node@1.30.0")
            answers.append({"error": True, "why": "ONNX Runtime dies (exit status %d)" % run.returncode})
    return answers


# The kernel's message for a negative extent, cut at 300 characters as
# recorded: "Non-zero status code returned while running Pad node. ... FAIL :
# tensor.cc:57 CalculateTensorStorageSize Tensor shape.Size() must be >= 0".
ORT_NEGATIVE = "Non-zero status code returned while running Pad node. Name:'' Status Message: " \
    "/onnxruntime_src/onnxruntime/core/framework/op_kernel.cc:83 virtual OrtValue* " \
    "onnxruntime::OpKernelContext::OutputMLValue(int, const onnxruntime::TensorShape&) [ONNXRuntimeError] : 1 : " \
    "FAIL : tensor.cc:57 CalculateTensorSt"


def ort_rule(shape, pads):
    """What ONNX Runtime 1.30 does: every extent is in + begin + end, an
    output with a negative extent cannot be allocated, 0 is an empty tensor."""
    ext = gc.pad_extents(shape[2:], pads)
    if min(ext) < 0:
        return ("error", ORT_NEGATIVE)
    return ("output", shape[:2] + ext)


def ort_note(shape, pads, expect, const):
    rank = len(shape) - 2
    if "error" in expect:
        note = ("a negative extent: ONNX Runtime fails allocating the output "
                "(tensor.cc: Tensor shape.Size() must be >= 0)")
        if const != expect:
            note += "; with pads an initializer: " + const.get("why", str(const.get("output")))
        return note
    if min(expect["output"][2:]) == 0:
        return "ONNX Runtime returns an empty tensor"
    if min(expect["output"]) == 0:
        return "ONNX Runtime returns an empty tensor (empty batch or channels)"
    if any(min(pads[i], pads[rank + i]) < -shape[2 + i] for i in range(rank)):
        return "a crop beyond the extent made up by the other side's pad: the extent is in + begin + end"
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=gc.PAD_FILE)
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        onnx_worker()
        return
    import numpy as np

    t0 = time.time()
    cases = gc.pad_cases(gc.PAD_SEED)
    with tempfile.TemporaryDirectory() as tmp:
        jobs = [{"input": s, "pads": p, "file": os.path.join(tmp, str(i))} for i, (s, p) in enumerate(cases)]
        inferred = gc.run_cases(os.path.abspath(__file__), jobs)
        index = []
        for i, (s, p) in enumerate(cases):
            index.append({"file": "%d.onnx" % i, "input": s, "pads": onnx_pads(len(s) - 2, p)})
            index.append({"file": "%d_const.onnx" % i, "input": s})
        with open(os.path.join(tmp, "index.json"), "w") as f:
            json.dump(index, f)
        answers = run_ort(tmp, len(index))
    objs, text, off_rule, values = [], [], 0, 0
    for (shape, pads), inf, ans, cans in zip(cases, inferred, answers[0::2], answers[1::2]):
        expect, const = [{"error": True, "why": a["why"]} if "error" in a else {"output": [int(v) for v in a["output"]]}
                         for a in (ans, cans)]
        if "output" in ans:
            if "data" in ans:
                x = np.arange(1, int(np.prod(shape)) + 1, dtype=np.float32).reshape(shape)
                ref = gc.pad_reference(x, pads)
                y = np.array(ans["data"], dtype=np.float32).reshape(expect["output"])
                if ref is None or ref.shape != y.shape or not np.array_equal(ref, y):
                    sys.exit("values are not zero padding with cropping on %s %s" % (shape, pads))
                values += 1
        kind, what = ort_rule(shape, pads)
        if (kind == "output" and expect.get("output") != what) or (kind == "error" and expect.get("why") != what):
            off_rule += 1
            print("  not as ort_rule says: %s %s -> %s (rule: %s)" % (shape, pads, expect, what))
        extra = {}
        if "crash" in inf:
            extra["onnx_inferred"] = "ONNX 1.12 inference crashed: " + inf["crash"]
        elif "error" in inf:
            extra["onnx_inferred"] = {"error": True, "why": inf["error"]}
        elif inf["output"] != expect.get("output"):
            extra["onnx_inferred"] = inf["output"]
        if const != expect and "error" not in expect:
            sys.exit("the initializer model differs on %s %s: %s, %s" % (shape, pads, expect, const))
        note = ort_note(shape, pads, expect, const)
        layout = gc.LAYOUT[len(shape) - 2]
        objs.append({"layout": layout, "expect": expect, "note": note})
        text.append(gc.pad_line("onnx", layout, shape, pads, expect, note, extra))
    out = os.path.abspath(args.out)
    gc.merge_pad_file(out, "onnx", text)
    gc.pad_summary("onnx", out, objs, time.time() - t0)
    print("  values checked against zero padding with cropping: %d; answers not as ort_rule says: %d; "
          "ONNX 1.12 inference differs: %d; pads as an initializer answer differently: %d"
          % (values, off_rule, sum('"onnx_inferred"' in t for t in text), sum("initializer" in t for t in text)))


if __name__ == "__main__":
    main()
