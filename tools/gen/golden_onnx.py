#!/usr/bin/env python3
"""Golden shape answers from ONNX shape inference: writes tests/golden/onnx.jsonl.

Every line is {"query": REQUEST, "expect": ANSWER} in the protocol of
shared/spec/shape-query.md, with "framework": "onnx". Each case becomes a
one-node opset-17 model (Conv, ConvTranspose, MaxPool or AveragePool) whose
input "x" has a fully static shape and whose weight "w" is an initializer
(a graph input with a static shape when a dimension is negative), and
onnx.shape_inference.infer_shapes(model, check_type=True, strict_mode=True)
is asked for the output shape.

Padding: explicit pads go in `pads` (ONNX order, begin then end);
"valid" -> auto_pad VALID (no pads attribute); "same" -> auto_pad SAME_UPPER;
"same_lower" -> auto_pad SAME_LOWER. Every other attribute is written
explicitly (kernel_shape, strides, dilations except on AveragePool, which has
none before opset 19, group, output_padding, ceil_mode).

ONNX 1.12 inference checks almost nothing: it reports 0, negative or
truncated extents, ignores group/channel mismatches and applies no ceil_mode
correction. Whenever its answer differs from what the operator spec gives
(see spec_answer below), the line keeps the raw answer in "onnx_inferred",
"expect" holds the spec's answer, and "note" says why. A crash of the
inference (SIGFPE on a zero stride) is recorded as an error with a note.

Run with the Debian Python that has python3-onnx (tested with 1.12):

    /usr/bin/python3 tools/gen/golden_onnx.py [--out FILE]

Fixed seeds: a rerun with the same onnx writes the same bytes.
"""

import argparse
import os
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import golden_common as gc  # noqa: E402

SEED = 20241124
OPSET = 17
N_RANDOM = {1: 150, 2: 150, 3: 150}  # per op and rank
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(HERE, "..", "..", "tests", "golden", "onnx.jsonl")
ONNX_OP = {"conv": "Conv", "conv_transpose": "ConvTranspose", "max_pool": "MaxPool", "avg_pool": "AveragePool"}
AUTO_PAD = {"valid": "VALID", "same": "SAME_UPPER", "same_lower": "SAME_LOWER"}


# ---------------------------------------------------------------------------
# Worker side: runs onnx shape inference


def weight_shape(q):
    c, m, g = q["input"][1], q["filters"], q["groups"]
    if q["op"] == "conv":
        return [m, c // g if g > 0 else c] + q["kernel"]
    return [c, m // g if g > 0 else m] + q["kernel"]


def build_model(q):
    import numpy as np
    from onnx import TensorProto, helper, numpy_helper

    op = q["op"]
    rank = len(q["kernel"])
    attrs = {"kernel_shape": q["kernel"], "strides": q["strides"]}
    if op != "avg_pool":
        attrs["dilations"] = q["dilation"]
    if isinstance(q["padding"], str):
        attrs["auto_pad"] = AUTO_PAD[q["padding"]]
    else:
        attrs["pads"] = q["padding"]
    if op in ("conv", "conv_transpose"):
        attrs["group"] = q["groups"]
    if op == "conv_transpose":
        attrs["output_padding"] = q["output_padding"]
    if op in ("max_pool", "avg_pool"):
        attrs["ceil_mode"] = int(q["ceil_mode"])
    inputs = [helper.make_tensor_value_info("x", TensorProto.FLOAT, q["input"])]
    names = ["x"]
    inits = []
    if op in ("conv", "conv_transpose"):
        ws = weight_shape(q)
        names.append("w")
        if min(ws) >= 0:
            inits.append(numpy_helper.from_array(np.zeros(ws, dtype=np.float32), "w"))
        else:
            inputs.append(helper.make_tensor_value_info("w", TensorProto.FLOAT, ws))
    node = helper.make_node(ONNX_OP[op], names, ["y"], **attrs)
    graph = helper.make_graph([node], "g", inputs, [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
                              initializer=inits)
    assert rank == len(q["input"]) - 2
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])


def onnx_worker():
    import onnx
    from onnx import shape_inference

    def handle(case):
        q = case["query"]
        try:
            model = build_model(q)
            inferred = shape_inference.infer_shapes(model, check_type=True, strict_mode=True)
        except Exception as e:  # InferenceError, ValidationError, ...
            return {"error": gc.first_line(e), "type": type(e).__name__}
        for vi in inferred.graph.output:
            if vi.name == "y":
                t = vi.type.tensor_type
                if not t.HasField("shape"):
                    return {"output": None}
                dims = []
                for d in t.shape.dim:
                    dims.append(d.dim_value if d.HasField("dim_value") else (d.dim_param or "?"))
                return {"output": dims}
        return {"output": None}

    assert onnx.__version__
    gc.worker_loop(handle)


# ---------------------------------------------------------------------------
# What the operator spec gives


def ceil_div(a, b):
    return -((-a) // b)


def spec_answer(q):
    """(shape, None) or (None, reason) by the ONNX operator spec (opset 17
    text in onnx/defs/nn/defs.cc), read as onnxruntime and ONNX >= 1.16
    inference read it:

    * kernel, strides and dilations must be >= 1 and pads, output_padding >= 0
      (the spec: pads "can take any value greater than or equal to 0");
    * W is (M x C/group x k...) for Conv and (C x M/group x k...) for
      ConvTranspose, so group must divide C and M;
    * Conv/pools: out = floor((in + pb + pe - eff) / s) + 1, which must be
      >= 1 (a window must fit the padded input); with ceil_mode the division
      rounds up and a last window that would start in the end padding is
      dropped (ONNX PR #5741, PyTorch, onnxruntime);
    * SAME_UPPER / SAME_LOWER: out = ceil(in / s) (Conv, pools);
    * ConvTranspose: out = s*(in-1) + output_padding + eff - pb - pe >= 1;
      with SAME_*: the total pad max(0, s*(in-1) + output_padding + eff -
      in*s) crops the full output to in*s, or leaves it shorter when the
      full output is shorter (onnxruntime's ComputeTransposePadAndOutputShape;
      the spec's plain "in * s" would need negative pads).
    """
    op = q["op"]
    rank = len(q["kernel"])
    k, s = q["kernel"], q["strides"]
    d = q.get("dilation", [1] * rank)
    x = q["input"]
    for name, vals in (("kernel", k), ("strides", s), ("dilations", d)):
        bad = [v for v in vals if v < 1]
        if bad:
            return None, "%s must be >= 1, got %d" % (name, bad[0])
    pads = gc.pads_of(q)
    if pads is not None and min(q["padding"]) < 0:
        return None, "pads must be >= 0, got %d" % min(q["padding"])
    if op == "conv_transpose" and min(q["output_padding"]) < 0:
        return None, "output_padding must be >= 0, got %d" % min(q["output_padding"])
    if min(x) < 1:
        return None, "input extent %d: empty input" % min(x)
    out = [x[0]]
    if op in ("conv", "conv_transpose"):
        gr, c, m = q["groups"], x[1], q["filters"]
        if gr < 1:
            return None, "group must be >= 1, got %d" % gr
        if m < 1:
            return None, "filters must be >= 1, got %d" % m
        if c % gr:
            return None, "group %d does not divide the %d input channels" % (gr, c)
        if m % gr:
            return None, "group %d does not divide the %d output channels" % (gr, m)
        out.append(m)
    else:
        out.append(x[1])
    for i in range(rank):
        n, e = x[i + 2], gc.eff(k[i], d[i])
        if op == "conv_transpose":
            full = s[i] * (n - 1) + q["output_padding"][i] + e
            if pads is None and q["padding"] != "valid":
                o = full - max(0, full - n * s[i])
            else:
                pb, pe = (0, 0) if pads is None else (pads[0][i], pads[1][i])
                o = full - pb - pe
            if o < 1:
                return None, "output extent %d in spatial dim %d" % (o, i)
            out.append(o)
            continue
        if pads is None and q["padding"] != "valid":
            out.append(ceil_div(n, s[i]))
            continue
        pb, pe = (0, 0) if pads is None else (pads[0][i], pads[1][i])
        room = n + pb + pe - e
        ceil = op in ("max_pool", "avg_pool") and q["ceil_mode"]
        if ceil:
            o = ceil_div(room, s[i]) + 1
            if o >= 1 and (o - 1) * s[i] >= n + pb:
                o -= 1
        else:
            o = room // s[i] + 1
        if o < 1:
            return None, "effective kernel %d exceeds padded input %d in spatial dim %d" % (e, n + pb + pe, i)
        out.append(o)
    return out, None


def onnx_1_12_ceil(q, i):
    """ONNX 1.12's own ceil_mode extent for spatial dim i (no decrement)."""
    pads = gc.pads_of(q)
    pb, pe = (0, 0) if pads is None else (pads[0][i], pads[1][i])
    n = q["input"][i + 2]
    e = gc.eff(q["kernel"][i], q.get("dilation", [1] * len(q["kernel"]))[i])
    return ceil_div(n + pb + pe - e, q["strides"][i]) + 1


def classify(q, inferred, spec, reason):
    """A short note for a line where ONNX 1.12 inference and the spec differ."""
    op = q["op"]
    rank = len(q["kernel"])
    if spec is not None:
        if op in ("max_pool", "avg_pool") and q["ceil_mode"]:
            if q["padding"] in ("same", "same_lower"):
                return "ceil_mode with SAME: ONNX 1.12 rounds up past ceil(in/stride)"
            if all(isinstance(v, int) for v in inferred) and all(
                    inferred[i + 2] in (spec[i + 2], onnx_1_12_ceil(q, i)) for i in range(rank)):
                return "ceil_mode: ONNX 1.12 keeps a last window that starts in the end padding (fixed by PR #5741)"
        if op == "conv_transpose" and isinstance(q["padding"], str) and q["padding"] != "valid":
            return "ConvTranspose SAME: ONNX 1.12 adds output_padding to in*stride (onnx #4299)"
        return "ONNX 1.12 inference disagrees with the spec"
    if reason.startswith("group ") and "does not divide" in reason:
        return "ONNX 1.12 inference does not check group against the channels"
    if reason.startswith(("kernel", "strides", "dilations", "pads", "output_padding", "group", "filters")):
        return "ONNX 1.12 inference does not check parameter signs"
    if reason.startswith("input extent"):
        return "ONNX 1.12 inference accepts an empty input"
    dims = [v for v in inferred[2:] if isinstance(v, int)]
    if dims and min(dims) < 0:
        return "ONNX 1.12 inference reports a negative extent"
    if dims and min(dims) == 0:
        return "ONNX 1.12 inference reports an extent of 0"
    return "ONNX 1.12 inference truncates toward 0: a window that does not fit gives extent 1"


def runtime_note(q):
    """A note for lines that onnxruntime (not ONNX inference) rejects. Only
    rules checked against onnxruntime 1.30 on every case of an earlier run
    of this script are used; see tests/golden/README.md."""
    op = q["op"]
    rank = len(q["kernel"])
    pads = gc.pads_of(q)
    if op in ("max_pool", "avg_pool") and pads is not None:
        if any(pads[0][i] >= q["kernel"][i] or pads[1][i] >= q["kernel"][i] for i in range(rank)):
            return "onnxruntime rejects: Pad should be smaller than kernel"
    if op == "conv_transpose":
        if any(o >= s for o, s in zip(q["output_padding"], q["strides"])):
            return "onnxruntime rejects output_padding >= stride"
    if op == "conv" and q["padding"] in ("same", "same_lower") and max(q["dilation"]) > 1:
        return "onnxruntime rejects: Dilation not supported for SAME_UPPER or SAME_LOWER"
    return None


def build_cases():
    g = gc.Gen("onnx", SEED)
    cases = []
    for rank in (1, 2, 3):
        for op in gc.OPS:
            for _ in range(N_RANDOM[rank]):
                cases.append(g.random_case(op, rank))
    cases += gc.edge_cases("onnx", SEED + 1)
    return gc.unique(cases)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        onnx_worker()
        return
    t0 = time.time()
    cases = build_cases()
    results = gc.run_cases(os.path.abspath(__file__), [{"query": q} for q in cases])
    objs, text = [], []
    for q, res in zip(cases, results):
        spec, reason = spec_answer(q)
        extra = {}
        note = None
        ort = runtime_note(q)
        if "crash" in res:
            expect = {"error": True, "why": "onnx shape inference crashed: " + res["crash"]}
            note = "ONNX 1.12 inference kills the process (%s)" % res["crash"]
        elif "error" in res:
            expect = {"error": True, "why": res["error"]}
            if spec is not None:
                note = "ONNX 1.12 inference rejects what the spec allows"
        else:
            inferred = res["output"]
            if inferred == spec:
                expect = {"output": spec}
            else:
                extra["onnx_inferred"] = inferred
                note = classify(q, inferred or [], spec, reason)
                if spec is not None:
                    expect = {"output": spec}
                else:
                    expect = {"error": True, "why": gc.first_line("onnx inferred %s; spec: %s" % (inferred, reason))}
        if ort and "output" in expect:
            note = note + "; " + ort if note else ort
        obj = {"query": q, "expect": expect}
        obj.update(extra)
        if note:
            obj["note"] = note
        objs.append(obj)
        text.append(gc.line(q, expect, note, extra))
    gc.write_lines(os.path.abspath(args.out), text)
    gc.print_summary("onnx " + os.path.relpath(os.path.abspath(args.out)), objs, time.time() - t0)


if __name__ == "__main__":
    main()
