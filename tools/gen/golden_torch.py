#!/usr/bin/env python3
"""Golden shape answers from PyTorch: writes tests/golden/torch.jsonl.

Every line is {"query": REQUEST, "expect": ANSWER} in the protocol of
shared/spec/shape-query.md, with "framework": "torch". Each case is actually
run on a small random float tensor (CPU, torch.no_grad):

* conv / conv_transpose: an nn.ConvNd / nn.ConvTransposeNd module is built
  (bias=False) and called, so the module constructor's checks ("in_channels
  must be divisible by groups", strided 'same', ...) are what is recorded, as
  a user meets them; the module's forward is torch.nn.functional.convNd /
  conv_transposeNd.
* max_pool / avg_pool: torch.nn.functional.max_poolNd / avg_poolNd
  (avg_pool with the default count_include_pad=True).

Explicit pads are symmetric (torch pads both ends alike), written in ONNX
order [begin..., end...] with begin == end. String padding ('valid', 'same')
only for conv, the only op torch spells it for.

Run with the Debian Python that has python3-torch (tested with 1.13):

    /usr/bin/python3 tools/gen/golden_torch.py [--out FILE]

Fixed seeds: a rerun with the same torch writes the same bytes.
"""

import argparse
import os
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import golden_common as gc  # noqa: E402

SEED = 20241123
N_RANDOM = {1: 170, 2: 170, 3: 140}  # per op and rank
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(HERE, "..", "..", "tests", "golden", "torch.jsonl")


# ---------------------------------------------------------------------------
# Worker side: runs torch


def torch_worker():
    import warnings

    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    warnings.filterwarnings("ignore")
    torch.set_num_threads(1)
    conv_mod = {1: nn.Conv1d, 2: nn.Conv2d, 3: nn.Conv3d}
    convt_mod = {1: nn.ConvTranspose1d, 2: nn.ConvTranspose2d, 3: nn.ConvTranspose3d}
    max_pool = {1: F.max_pool1d, 2: F.max_pool2d, 3: F.max_pool3d}
    avg_pool = {1: F.avg_pool1d, 2: F.avg_pool2d, 3: F.avg_pool3d}

    def handle(case):
        q = case["query"]
        torch.manual_seed(case["seed"])
        rank = len(q["kernel"])
        op = q["op"]
        try:
            x = torch.randn(*q["input"])
            k = tuple(q["kernel"])
            s = tuple(q["strides"])
            p = q["padding"]
            pad = p if isinstance(p, str) else tuple(p[:rank])
            assert isinstance(p, str) or p[:rank] == p[rank:]
            with torch.no_grad():
                if op == "conv":
                    m = conv_mod[rank](q["input"][1], q["filters"], k, stride=s, padding=pad,
                                       dilation=tuple(q["dilation"]), groups=q["groups"], bias=False)
                    y = m(x)
                elif op == "conv_transpose":
                    m = convt_mod[rank](q["input"][1], q["filters"], k, stride=s, padding=pad,
                                        output_padding=tuple(q["output_padding"]), groups=q["groups"], bias=False,
                                        dilation=tuple(q["dilation"]))
                    y = m(x)
                elif op == "max_pool":
                    y = max_pool[rank](x, k, stride=s, padding=pad, dilation=tuple(q["dilation"]),
                                       ceil_mode=q["ceil_mode"])
                else:
                    y = avg_pool[rank](x, k, stride=s, padding=pad, ceil_mode=q["ceil_mode"],
                                       count_include_pad=True)
            return {"output": list(y.shape)}
        except Exception as e:  # RuntimeError, ValueError, TypeError, ...
            return {"error": gc.first_line(e), "type": type(e).__name__}

    gc.worker_loop(handle)


# ---------------------------------------------------------------------------
# Parent side: cases, notes, output


def rough_cost(q):
    """A rough work estimate, only to keep the run short (not an expectation)."""
    rank = len(q["kernel"])
    inp = 1
    for v in q["input"]:
        inp *= max(v, 1)
    k = 1
    for v in q["kernel"]:
        k *= max(v, 1)
    ch = q["input"][1]
    if q["op"] == "conv_transpose":
        out = q["input"][0] * max(q.get("filters", 1), 1)
        for i in range(rank):
            out *= max(1, (q["input"][i + 2] - 1) * q["strides"][i] + gc.eff(q["kernel"][i], q["dilation"][i]) + 4)
        return max(inp, out, out * k * ch // 4)
    return max(inp, inp * k * max(q.get("filters", 1), 1))


def naive_forward(n, k, s, d, pb, pe, ceil):
    """Textbook output without torch's ceil decrement (for notes only)."""
    e = gc.eff(k, d)
    room = n + pb + pe - e
    return (room + (s - 1 if ceil else 0)) // s + 1


def torch_note(q, res):
    """A short note when this line shows a torch quirk, else None."""
    rank = len(q["kernel"])
    op = q["op"]
    err = res.get("error")
    if err and "descriptor" in err:
        return "a zero kernel reaches oneDNN, whose message this is"
    if op in ("max_pool", "avg_pool") and isinstance(q["padding"], list):
        p = q["padding"][:rank]
        if err and "half of kernel size" in err and op == "max_pool":
            if all(pp <= gc.eff(kk, dd) // 2 for pp, kk, dd in zip(p, q["kernel"], q["dilation"])):
                return "pad limit is half the raw kernel, not the dilated window"
        if err and "smaller than kernel size" in err:
            ins = q["input"][2:]
            if all(nn + 2 * pp >= kk for nn, pp, kk in zip(ins, p, q["kernel"])):
                return "avg_pool3d checks the unpadded input against the kernel"
        if not err and q["ceil_mode"] and min(q["kernel"] + q["strides"]) >= 1:
            dil = q.get("dilation", [1] * rank)
            for i in range(rank):
                nv, kv, sv, dv = q["input"][i + 2], q["kernel"][i], q["strides"][i], dil[i]
                if nv + 2 * p[i] < gc.eff(kv, dv):
                    return "ceil_mode: window longer than the padded input still gives 1 output"
            for i in range(rank):
                nv, kv, sv, dv = q["input"][i + 2], q["kernel"][i], q["strides"][i], dil[i]
                if naive_forward(nv, kv, sv, dv, p[i], p[i], True) != res["output"][i + 2]:
                    return "ceil_mode: last window would start in the end padding, dropped"
    if op == "conv_transpose" and not err:
        opd, s, d = q["output_padding"], q["strides"], q["dilation"]
        if any(o >= ss and o < dd for o, ss, dd in zip(opd, s, d)):
            return "output_padding >= stride accepted because it is < dilation"
    if op == "conv" and q["padding"] == "same" and not err:
        if any((dd * (kk - 1)) % 2 for kk, dd in zip(q["kernel"], q["dilation"])):
            return "padding='same' with an odd total pad: the extra goes at the end"
    if not err and any(v == 0 for v in res["output"][2:]):
        if op == "max_pool" and rank == 1:
            return "max_pool1d without grad returns an empty tensor (with requires_grad: Output size is too small)"
        return "torch returns an empty tensor"
    if not err and any(v == 0 for v in q["input"][2:]):
        return "torch accepts an empty input extent"
    return None


def build_cases():
    g = gc.Gen("torch", SEED)
    cases = []
    for rank in (1, 2, 3):
        for op in gc.OPS:
            made = 0
            while made < N_RANDOM[rank]:
                q = g.random_case(op, rank)
                if rough_cost(q) > 3_000_000:
                    continue
                cases.append(q)
                made += 1
    for q in gc.edge_cases("torch", SEED + 1):
        if rough_cost(q) <= 3_000_000:
            cases.append(q)
    return gc.unique(cases)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        torch_worker()
        return
    t0 = time.time()
    cases = build_cases()
    jobs = [{"query": q, "seed": SEED + i} for i, q in enumerate(cases)]
    results = gc.run_cases(os.path.abspath(__file__), jobs)
    objs, text = [], []
    for q, res in zip(cases, results):
        if "crash" in res:
            expect = {"error": True, "why": "torch crashed: " + res["crash"]}
            note = "the process died"
        elif "error" in res:
            expect = {"error": True, "why": res["error"]}
            note = torch_note(q, res)
        elif any(v == 0 for v in res["output"]):
            # An empty tensor is no shape a layer can feed on: convshape
            # rejects it, as torch does once gradients are tracked.
            expect = {"error": True, "why": f"torch returns an empty tensor {list(res['output'])}"}
            note = torch_note(q, res)
        else:
            expect = {"output": [int(v) for v in res["output"]]}
            note = torch_note(q, res)
        obj = {"query": q, "expect": expect}
        if note:
            obj["note"] = note
        objs.append(obj)
        text.append(gc.line(q, expect, note))
    gc.write_lines(os.path.abspath(args.out), text)
    gc.print_summary("torch " + os.path.relpath(os.path.abspath(args.out)), objs, time.time() - t0)


if __name__ == "__main__":
    main()
