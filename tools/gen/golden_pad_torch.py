#!/usr/bin/env python3
"""Golden answers of PyTorch for explicit zero padding: the torch lines of tests/golden/pad.jsonl.

Each case (golden_common.pad_cases: ranks 1-3, NCW/NCHW/NCDHW) is run on a
small random float tensor (CPU, torch.no_grad) as

    torch.nn.functional.pad(x, pad, mode='constant', value=0.0)

with `pad` in torch's order, last dimension first: (left, right, top,
bottom, front, back). The same case is also run through the module
(nn.ConstantPad1d/2d/3d(pad, 0.0), and nn.ZeroPad2d(pad) for 2-D); the script
stops if a module's answer differs from F.pad's. Where torch returns a
tensor, its values are checked against zero padding with negative pads as
cropping (output cell j of a dimension is input cell j - begin, or 0), so
that the recorded shapes mean what convshape's pad layer means.

Lines: {"framework": "torch", "layout", "input", "pads", "expect"[, "note"]}
with `pads` = [begin..., end...] over the spatial dimensions, outermost
first; `expect` {"output": shape} (an empty tensor too, exactly as returned)
or {"error": true, "why": first line of the message}. The other frameworks'
lines of pad.jsonl are kept.

Run with the Debian Python that has python3-torch (tested with 1.13):

    /usr/bin/python3 tools/gen/golden_pad_torch.py [--out FILE]

Fixed seeds: a rerun with the same torch writes the same bytes.
"""

import argparse
import os
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import golden_common as gc  # noqa: E402

SEED = gc.PAD_SEED  # the cases; golden_pad_onnx.py answers the same ones


def torch_pad_tuple(rank, pads):
    """[begin..., end...] outermost first -> (begin_last, end_last, ..., begin_first, end_first)."""
    out = []
    for i in reversed(range(rank)):
        out += [pads[i], pads[rank + i]]
    return tuple(out)


# ---------------------------------------------------------------------------
# Worker side: runs torch


def torch_worker():
    import warnings

    import numpy as np
    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    warnings.filterwarnings("ignore")
    torch.set_num_threads(1)
    const_mod = {1: nn.ConstantPad1d, 2: nn.ConstantPad2d, 3: nn.ConstantPad3d}

    def run(fn, x):
        try:
            with torch.no_grad():
                y = fn(x)
            return {"output": list(y.shape)}, y
        except Exception as e:  # RuntimeError, IndexError, ...
            return {"error": gc.first_line(e), "type": type(e).__name__}, None

    def handle(case):
        torch.manual_seed(case["seed"])
        shape, pads = case["input"], case["pads"]
        rank = len(shape) - 2
        pad = torch_pad_tuple(rank, pads)
        x = torch.randn(*shape)
        res, y = run(lambda t: F.pad(t, pad, mode="constant", value=0.0), x)
        mods = [const_mod[rank](pad, 0.0)] + ([nn.ZeroPad2d(pad)] if rank == 2 else [])
        for m in mods:
            other, _ = run(m, x)
            if {k: v for k, v in other.items() if k != "type"} != {k: v for k, v in res.items() if k != "type"}:
                res["module_differs"] = "%s: %s" % (m, other)
        if y is not None:
            ref = gc.pad_reference(x.numpy(), pads)
            res["values_ok"] = ref is not None and ref.shape == tuple(y.shape) and np.array_equal(ref, y.numpy())
        return res

    gc.worker_loop(handle)


# ---------------------------------------------------------------------------
# Parent side: notes, a model of torch's rule, output


def torch_rule(shape, pads):
    """What torch 1.13's constant_pad_nd does (aten/src/ATen/native/PadNd.cpp),
    as ("output", shape) or ("error", message start): each dimension, outermost
    first, is first narrowed by its negative pads (begin, then end of what is
    left); if no pad is positive that is the result (0 extents allowed);
    otherwise every padded extent must be >= 1."""
    rank = len(shape) - 2
    for i in range(rank):
        n, b, e = shape[2 + i], pads[i], pads[rank + i]
        if b < 0:
            if -b > n:
                lo = -max(n, 1)
                return ("error", "Dimension out of range (expected to be in range of [%d, %d], but got %d)"
                        % (lo, -lo - 1, -b))
            n += b
        if e < 0 and n + e < 0:
            return ("error", "start (0) + length (%d) exceeds dimension size (%d)." % (n + e, n))
    ext = gc.pad_extents(shape[2:], pads)
    if any(p > 0 for p in pads):
        for i, v in enumerate(ext):
            if v <= 0:
                return ("error", "The input size %d, plus negative padding %d and %d resulted in a negative output "
                        "size, which is invalid. Check dimension %d of your input."
                        % (shape[2 + i], pads[i], pads[rank + i], 2 + i))
    return ("output", shape[:2] + ext)


def torch_note(shape, pads, res):
    err = res.get("error", "")
    ext = gc.pad_extents(shape[2:], pads)
    if err.startswith("Dimension out of range"):
        return ("a begin crop larger than the extent: narrow(start = -begin) fails, its message calls the start "
                "a dimension")
    if err.startswith("start (0) + length"):
        if min(ext) >= 0:
            return ("torch crops before it pads: an end crop larger than the extent fails although begin pads "
                    "make up for it")
        return "the end crop exceeds what the begin crop left (narrow's length check)"
    if "resulted in a negative output size" in err and min(ext) == 0:
        return "a positive pad somewhere: every extent must be >= 1, and 0 is reported as negative"
    if "output" in res and min(res["output"][2:]) == 0:
        return "no positive pad: torch only slices (narrow), and a 0 extent is an empty tensor"
    if "output" in res and min(res["output"]) == 0:
        return "torch returns an empty tensor (empty batch or channels)"
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=gc.PAD_FILE)
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        torch_worker()
        return
    t0 = time.time()
    cases = gc.pad_cases(SEED)
    jobs = [{"input": s, "pads": p, "seed": SEED + i} for i, (s, p) in enumerate(cases)]
    results = gc.run_cases(os.path.abspath(__file__), jobs)
    objs, text, off_rule, values = [], [], 0, 0
    for (shape, pads), res in zip(cases, results):
        if "module_differs" in res:
            sys.exit("module and F.pad differ on %s %s: F.pad %s, %s" % (shape, pads, res, res["module_differs"]))
        if res.get("values_ok") is False:
            sys.exit("values are not zero padding with cropping on %s %s" % (shape, pads))
        values += "values_ok" in res
        if "crash" in res:
            expect = {"error": True, "why": "torch crashed: " + res["crash"]}
        elif "error" in res:
            expect = {"error": True, "why": res["error"]}
        else:
            expect = {"output": [int(v) for v in res["output"]]}
        kind, what = torch_rule(shape, pads)
        if (kind == "output" and expect.get("output") != what) or (kind == "error" and expect.get("why") != what):
            off_rule += 1
            print("  not as torch_rule says: %s %s -> %s (rule: %s)" % (shape, pads, expect, what))
        note = torch_note(shape, pads, res)
        layout = gc.LAYOUT[len(shape) - 2]
        objs.append({"layout": layout, "expect": expect, "note": note})
        text.append(gc.pad_line("torch", layout, shape, pads, expect, note))
    out = os.path.abspath(args.out)
    gc.merge_pad_file(out, "torch", text)
    gc.pad_summary("torch", out, objs, time.time() - t0)
    print("  values checked against zero padding with cropping: %d; answers not as torch_rule says: %d"
          % (values, off_rule))


if __name__ == "__main__":
    main()
