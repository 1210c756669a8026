"""Shared parts of golden_torch.py and golden_onnx.py (and, at the end, of
golden_pad_torch.py and golden_pad_onnx.py).

* Query construction with a fixed key order (the protocol of
  shared/spec/shape-query.md), so every run writes the same bytes.
* A seeded generator of random layer configurations and of hand-picked edge
  cases.
* A crash-proof runner: the framework calls happen in a child process
  (the same script started with --worker) that reads one JSON case per line
  and answers one JSON line; when the child dies (ONNX 1.12 shape inference
  dies of SIGFPE on a zero stride) the case is recorded as a crash and a new
  child is started for the remaining cases.

Only the standard library is used here, so this module can be imported by
both generators whatever framework they need.
"""

import json
import os
import random
import signal
import subprocess
import sys

OPS = ("conv", "conv_transpose", "max_pool", "avg_pool")
LAYOUT = {1: "NCW", 2: "NCHW", 3: "NCDHW"}
RANK = {v: k for k, v in LAYOUT.items()}

# The order in which request keys are written.
KEY_ORDER = ("op", "layout", "framework", "input", "filters", "kernel", "strides", "dilation", "padding",
             "output_padding", "groups", "ceil_mode")


def keys_for(op, framework):
    """The request keys that apply to `op` in `framework`."""
    keys = ["op", "layout", "framework", "input"]
    if op in ("conv", "conv_transpose"):
        keys.append("filters")
    keys += ["kernel", "strides"]
    if op != "avg_pool":  # neither torch.avg_pool* nor ONNX AveragePool-11 has dilation
        keys.append("dilation")
    keys.append("padding")
    if op == "conv_transpose":
        keys.append("output_padding")
    if op in ("conv", "conv_transpose"):
        keys.append("groups")
    if op in ("max_pool", "avg_pool"):
        keys.append("ceil_mode")
    return keys


def make_query(framework, op, input, kernel, strides, padding, dilation=None, filters=None, groups=None,
               output_padding=None, ceil_mode=None):
    """A request dict with every applicable key, in KEY_ORDER."""
    rank = len(kernel)
    values = {
        "op": op,
        "layout": LAYOUT[rank],
        "framework": framework,
        "input": [int(v) for v in input],
        "filters": filters,
        "kernel": [int(v) for v in kernel],
        "strides": [int(v) for v in strides],
        "dilation": [int(v) for v in dilation] if dilation is not None else [1] * rank,
        "padding": padding if isinstance(padding, str) else [int(v) for v in padding],
        "output_padding": [int(v) for v in output_padding] if output_padding is not None else [0] * rank,
        "groups": groups if groups is not None else 1,
        "ceil_mode": bool(ceil_mode),
    }
    q = {}
    for k in keys_for(op, framework):
        v = values[k]
        assert v is not None, (op, k)
        q[k] = v
    assert len(q["input"]) == rank + 2
    return q


def unique(cases):
    """The cases without exact repeats, first occurrence kept, in order."""
    seen, out = set(), []
    for q in cases:
        key = repr(q)
        if key not in seen:
            seen.add(key)
            out.append(q)
    return out


def line(query, expect, note=None, extra=None):
    """One output line: query, expect, then optional keys in a fixed order."""
    obj = {"query": query, "expect": expect}
    for k, v in (extra or {}).items():
        obj[k] = v
    if note:
        obj["note"] = note
    return json.dumps(obj, sort_keys=False)


def first_line(message, limit=300):
    text = str(message).strip()
    text = text.splitlines()[0].strip() if text else ""
    return text[:limit]


def eff(k, d):
    return d * (k - 1) + 1


def pads_of(query):
    """(begin, end) lists for explicit pads; None for a string mode."""
    p = query["padding"]
    if isinstance(p, str):
        return None
    n = len(p) // 2
    return p[:n], p[n:]


# ---------------------------------------------------------------------------
# Random configurations


class Gen:
    """Seeded configuration generator. `framework` is 'torch' or 'onnx'.

    torch: explicit pads are symmetric (begin == end), string padding only
    for conv ('valid', 'same'); onnx: explicit pads may differ at the two ends
    and every op takes 'valid', 'same' and 'same_lower'.
    """

    def __init__(self, framework, seed):
        self.fw = framework
        self.rng = random.Random(seed)
        # ONNX inference rejects nothing by itself, so its share of rejected
        # lines comes from small inputs and group mismatches: lean on them.
        self.p_large = 0.6 if framework == "torch" else 0.4
        self.p_divides = 0.85 if framework == "torch" else 0.75
        self.small_hi = 12 if framework == "torch" else 7

    # -- small helpers
    def r(self, a, b):
        return self.rng.randint(a, b)

    def chance(self, p):
        return self.rng.random() < p

    def pick(self, seq):
        return seq[self.rng.randrange(len(seq))]

    def extents(self, rank, hi=40):
        if rank == 3:
            hi = min(hi, 16)  # keeps 3-D tensors small; edge cases go higher
        # bias towards small extents, where kernels stop fitting
        return [self.r(1, hi) if self.chance(self.p_large) else self.r(1, self.small_hi) for _ in range(rank)]

    def groups_for(self, c, m):
        """Mostly a common divisor of c and m, sometimes any 1..4."""
        if self.chance(self.p_divides):
            divs = [g for g in range(1, min(c, m) + 1) if c % g == 0 and m % g == 0]
            return self.pick(divs)
        return self.r(1, 4)

    def channels(self, op):
        c = self.r(1, 8)
        m = self.r(1, 8)
        g = self.groups_for(c, m)
        return c, m, g

    def padding(self, op, rank, kernel, dilation):
        """A padding value: string or explicit list."""
        if self.fw == "torch":
            if op == "conv":
                u = self.rng.random()
                if u < 0.2:
                    return "valid"
                if u < 0.4:
                    return "same"
            if op in ("max_pool", "avg_pool") and self.chance(0.75):
                p = [self.r(0, k // 2) for k in kernel]  # torch's limit, mostly respected
            else:
                p = [self.r(0, 4) for _ in range(rank)]
            return p + p
        u = self.rng.random()
        if u < 0.15:
            return "valid"
        if u < 0.3:
            return "same"
        if u < 0.45:
            return "same_lower"
        if op in ("max_pool", "avg_pool") and self.chance(0.75):
            # mostly below the kernel (onnxruntime's limit)
            b = [self.r(0, max(0, k - 1)) for k in kernel]
            e = [self.r(0, max(0, k - 1)) for k in kernel]
        else:
            b = [self.r(0, 4) for _ in range(rank)]
            e = [self.r(0, 4) for _ in range(rank)]
        if self.chance(0.3):
            e = list(b)
        return b + e

    def random_case(self, op, rank):
        n = self.r(1, 3)
        kernel = [self.r(1, 7) for _ in range(rank)]
        # mostly unit dilation, mostly small strides: keeps a fair share valid
        dilation = [1 if self.chance(0.6) else self.r(1, 4) for _ in range(rank)]
        strides = [self.r(1, 5) if self.chance(0.7) else 1 for _ in range(rank)]
        if op == "avg_pool":
            dilation = [1] * rank
        ext = self.extents(rank)
        padding = self.padding(op, rank, kernel, dilation)
        if padding == "same" and self.fw == "torch" and self.chance(0.7):
            strides = [1] * rank  # torch rejects strided 'same'; keep most valid
        if op in ("conv", "conv_transpose"):
            c, m, g = self.channels(op)
            kw = dict(filters=m, groups=g, dilation=dilation)
            if op == "conv_transpose":
                if self.chance(0.75):
                    op_pad = [self.r(0, max(s, d) - 1) for s, d in zip(strides, dilation)]
                else:
                    op_pad = [self.r(0, 4) for _ in range(rank)]
                kw["output_padding"] = op_pad
            return make_query(self.fw, op, [n, c] + ext, kernel, strides, padding, **kw)
        c = self.r(1, 8)
        kw = dict(ceil_mode=self.chance(0.5))
        if op == "max_pool":
            kw["dilation"] = dilation
        return make_query(self.fw, op, [n, c] + ext, kernel, strides, padding, **kw)


# ---------------------------------------------------------------------------
# Edge cases


def ceil_drop_candidates(rank_max_in=40):
    """(in, k, s, d, pb, pe) where ceil rounding would add a window starting
    in the end padding (the PyTorch / ONNX PR #5741 decrement applies)."""
    out = []
    for s in (2, 3, 4, 5):
        for k in (1, 2, 3, 4, 5):
            for d in (1, 2):
                for pb in (0, 1, 2):
                    for pe in range(0, 5):
                        for n in range(1, 16):
                            e = eff(k, d)
                            room = n + pb + pe - e
                            if room < 0 or room % s == 0:
                                continue
                            o = room // s + 2  # ceil + 1
                            if (o - 1) * s >= n + pb:
                                out.append((n, k, s, d, pb, pe))
    return out


def edge_cases(fw, seed):
    """Hand-picked configurations that hit each framework's checks."""
    g = Gen(fw, seed)
    cases = []

    def sym(p):
        return list(p) + list(p)

    def pads(b, e):
        if fw == "torch":
            return sym(b)  # torch: symmetric only
        return list(b) + list(e)

    def add(op, ext, kernel, strides, padding, dilation=None, c=None, m=None, groups=1, op_pad=None, ceil=False,
            n=None):
        n = n if n is not None else g.r(1, 2)
        c = c if c is not None else g.r(1, 4)
        if op in ("conv", "conv_transpose"):
            m = m if m is not None else g.r(1, 4)
            q = make_query(fw, op, [n, c] + list(ext), kernel, strides, padding, dilation=dilation, filters=m,
                           groups=groups, output_padding=op_pad if op == "conv_transpose" else None)
        elif op == "max_pool":
            q = make_query(fw, op, [n, c] + list(ext), kernel, strides, padding, dilation=dilation, ceil_mode=ceil)
        else:
            q = make_query(fw, op, [n, c] + list(ext), kernel, strides, padding, ceil_mode=ceil)
        cases.append(q)

    for rank in (1, 2, 3):
        ones = [1] * rank
        zeros = [0] * rank
        for op in OPS:
            dil_ok = op != "avg_pool"
            for _ in range(3):
                # (1) kernel exactly fits the padded input / one too big
                k = [g.r(1, 7) for _ in range(rank)]
                d = [g.r(1, 3) if dil_ok else 1 for _ in range(rank)]
                s = [g.r(1, 4) for _ in range(rank)]
                if op in ("max_pool", "avg_pool"):
                    p = [g.r(0, kk // 2) for kk in k]
                else:
                    p = [g.r(0, 2) for _ in range(rank)]
                for extra in (0, -1):
                    ext = [max(1, eff(kk, dd) - 2 * pp + extra) for kk, dd, pp in zip(k, d, p)]
                    ext = [e if e + 2 * pp >= 1 else 1 for e, pp in zip(ext, p)]
                    for ceil in ((False, True) if op in ("max_pool", "avg_pool") else (False,)):
                        add(op, ext, k, s, sym(p), dilation=d if dil_ok else None, ceil=ceil,
                            op_pad=zeros)
                if op == "conv_transpose":
                    # pads that crop the whole transposed output / leave exactly 1
                    x = [g.r(1, 6) for _ in range(rank)]
                    full = [(xx - 1) * ss + eff(kk, dd) for xx, ss, kk, dd in zip(x, s, k, d)]
                    for leave in (1, 0, -1):
                        tot = [max(0, f - leave) for f in full]
                        if fw == "torch":
                            pp = [t // 2 for t in tot]
                            add(op, x, k, s, sym(pp), dilation=d, op_pad=zeros)
                        else:
                            add(op, x, k, s, pads([t // 2 for t in tot], [t - t // 2 for t in tot]), dilation=d,
                                op_pad=zeros)
            # (2) pads at and beyond the limits
            for _ in range(3):
                k = [g.r(1, 6) for _ in range(rank)]
                d = [g.r(1, 3) if dil_ok else 1 for _ in range(rank)]
                ext = [g.r(6, 12) for _ in range(rank)]
                i = g.r(0, rank - 1)
                if op in ("max_pool", "avg_pool"):
                    cands = {k[i] // 2, k[i] // 2 + 1, (eff(k[i], d[i])) // 2, k[i] - 1, k[i], eff(k[i], d[i]) - 1,
                             eff(k[i], d[i])}
                else:
                    cands = {0, 4, k[i], eff(k[i], d[i]), eff(k[i], d[i]) + 3}
                for pv in sorted(cands):
                    b = [min(kk // 2, 1) for kk in k]
                    e = list(b)
                    b[i] = pv
                    if fw == "onnx" and g.chance(0.5):
                        e[i] = pv  # otherwise only the begin pad is at the limit
                    elif fw == "torch":
                        e[i] = pv
                    for ceil in ((False, True) if op in ("max_pool", "avg_pool") else (False,)):
                        add(op, ext, k, [g.r(1, 3) for _ in range(rank)], pads(b, e), dilation=d if dil_ok else None,
                            ceil=ceil, op_pad=zeros)
            # (4) 'same' with stride > 1 and 'valid'
            modes = ["same", "valid"] + (["same_lower"] if fw == "onnx" else [])
            if fw == "torch" and op != "conv":
                modes = []  # torch spells string padding for convolution only
            for mode in modes:
                for _ in range(3):
                    k = [g.r(1, 6) for _ in range(rank)]
                    d = [g.r(1, 3) if dil_ok else 1 for _ in range(rank)]
                    s = [g.r(1, 4) for _ in range(rank)]
                    s[g.r(0, rank - 1)] = g.r(2, 4)
                    ext = [g.r(1, 12) for _ in range(rank)]
                    op_pad = [g.r(0, ss - 1) for ss in s] if op == "conv_transpose" else zeros
                    add(op, ext, k, s, mode, dilation=d if dil_ok else None, op_pad=op_pad,
                        ceil=op in ("max_pool", "avg_pool") and g.chance(0.5))
                if fw == "torch":
                    # unstrided 'same' with even kernels: torch pads the extra at the end
                    k = [g.pick([2, 4, 6]) for _ in range(rank)]
                    add(op, [g.r(3, 12) for _ in range(rank)], k, ones, mode,
                        dilation=[g.r(1, 3) for _ in range(rank)])

        # (3) ceil_mode where the last window would start in the end padding
        cands = ceil_drop_candidates()
        for op in ("max_pool", "avg_pool"):
            for _ in range(10):
                n_, k_, s_, d_, pb, pe = g.pick(cands)
                if op == "avg_pool":
                    d_ = 1
                if fw == "torch":
                    pe = pb
                    if pb > k_ // 2:
                        pb = pe = k_ // 2
                ext = [g.r(4, 10) for _ in range(rank)]
                k = [g.r(1, 3) for _ in range(rank)]
                s = [g.r(1, 3) for _ in range(rank)]
                d = [1] * rank
                b = [min(kk // 2, g.r(0, 1)) for kk in k]
                e = list(b)
                i = g.r(0, rank - 1)
                ext[i], k[i], s[i], d[i], b[i], e[i] = n_, k_, s_, d_, pb, pe
                add(op, ext, k, s, pads(b, e), dilation=d if op == "max_pool" else None, ceil=True)
                add(op, ext, k, s, pads(b, e), dilation=d if op == "max_pool" else None, ceil=False)
            # ceil with a padded input up to stride-1 short of the window
            for short in (1, 2):
                s = [3] * rank
                k = [5] * rank
                ext = [5 - short] + [g.r(5, 8) for _ in range(rank - 1)]
                add(op, ext, k, s, pads(zeros, zeros), dilation=ones if op == "max_pool" else None, ceil=True)
                add(op, ext, k, s, pads(zeros, zeros), dilation=ones if op == "max_pool" else None, ceil=False)

        # (5) output_padding equal to stride, below dilation, at and above both
        for _ in range(3):
            s = [g.r(1, 3) for _ in range(rank)]
            d = [g.r(1, 4) for _ in range(rank)]
            k = [g.r(1, 4) for _ in range(rank)]
            i = g.r(0, rank - 1)
            for opv in sorted({s[i] - 1, s[i], d[i] - 1, d[i], max(s[i], d[i]), max(s[i], d[i]) + 1}):
                if opv < 0:
                    continue
                op_pad = [0] * rank
                op_pad[i] = opv
                add("conv_transpose", [g.r(2, 8) for _ in range(rank)], k, s, pads(zeros, zeros), dilation=d,
                    op_pad=op_pad)

        # (6) groups not dividing channels or filters
        for op in ("conv", "conv_transpose"):
            for c, m, gr in ((4, 6, 2), (4, 6, 3), (6, 4, 3), (3, 3, 2), (2, 4, 4), (4, 4, 8), (8, 8, 8),
                             (6, 3, 3), (5, 5, 5), (6, 9, 3)):
                k = [g.r(1, 3) for _ in range(rank)]
                add(op, [g.r(4, 9) for _ in range(rank)], k, ones, pads(zeros, zeros), dilation=ones, c=c, m=m,
                    groups=gr, op_pad=zeros)

        # (7) zero and negative parameters
        for op in OPS:
            conv = op in ("conv", "conv_transpose")
            base_k = [3] * rank
            base_ext = [g.r(6, 9) for _ in range(rank)]
            dil = ones if op != "avg_pool" else None
            i = g.r(0, rank - 1)

            def with_at(v, val):
                v = list(v)
                v[i] = val
                return v

            for bad in (0, -1):
                add(op, base_ext, with_at(base_k, bad), ones, pads(zeros, zeros), dilation=dil, op_pad=zeros)
                add(op, base_ext, base_k, with_at(ones, bad), pads(zeros, zeros), dilation=dil, op_pad=zeros)
                if op != "avg_pool":
                    add(op, base_ext, base_k, ones, pads(zeros, zeros), dilation=with_at(ones, bad), op_pad=zeros)
                if bad < 0:
                    add(op, base_ext, base_k, ones, pads(with_at(zeros, -1), with_at(zeros, -1)), dilation=dil,
                        op_pad=zeros)
                if op == "conv_transpose" and bad < 0:
                    add(op, base_ext, base_k, [2] * rank, pads(zeros, zeros), dilation=dil, op_pad=with_at(zeros, -1))
                if conv:
                    add(op, base_ext, base_k, ones, pads(zeros, zeros), dilation=dil, groups=bad, c=2, m=2,
                        op_pad=zeros)
                    if bad == 0:
                        add(op, base_ext, base_k, ones, pads(zeros, zeros), dilation=dil, m=0, op_pad=zeros)
            # an empty spatial extent, unpadded and padded
            add(op, with_at(base_ext, 0), base_k, ones, pads(zeros, zeros), dilation=dil, op_pad=zeros)
            add(op, with_at(base_ext, 0), base_k, ones, pads(ones, ones), dilation=dil, op_pad=zeros)
    return cases


# ---------------------------------------------------------------------------
# Crash-proof runner


def run_cases(script, cases, timeout=120):
    """Runs every case through `script --worker` (one child at a time).

    Returns one result dict per case, in order. A case whose child died gets
    {"crash": "<signal name>"}; a case whose child hung gets {"crash": "timeout"}.
    """
    results = []
    i = 0
    while i < len(cases):
        proc = subprocess.Popen([sys.executable, script, "--worker"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True, bufsize=1)
        while i < len(cases):
            proc.stdin.write(json.dumps(cases[i]) + "\n")
            proc.stdin.flush()
            reply = proc.stdout.readline()
            if not reply:
                proc.wait()
                rc = proc.returncode
                if rc is not None and rc < 0:
                    why = signal.Signals(-rc).name
                else:
                    why = "exit status %s" % rc
                results.append({"crash": why})
                i += 1
                break
            results.append(json.loads(reply))
            i += 1
        else:
            proc.stdin.close()
            proc.wait()
    return results


def worker_loop(handle):
    """The child's side of run_cases: one JSON case in, one JSON result out."""
    out = sys.stdout
    for raw in sys.stdin:
        case = json.loads(raw)
        res = handle(case)
        out.write(json.dumps(res) + "\n")
        out.flush()


def summarize(lines_objs):
    """Counts per op: ok / rejected."""
    counts = {}
    for obj in lines_objs:
        op = obj["query"]["op"]
        kind = "rejected" if "error" in obj["expect"] else "ok"
        counts.setdefault(op, {"ok": 0, "rejected": 0})[kind] += 1
    return counts


def print_summary(name, lines_objs, seconds):
    counts = summarize(lines_objs)
    total = len(lines_objs)
    rej = sum(c["rejected"] for c in counts.values())
    notes = sum(1 for o in lines_objs if "note" in o)
    print("%s: %d cases, %d rejected (%.1f%%), %d with a note, %.1f s" % (name, total, rej, 100.0 * rej / total,
                                                                         notes, seconds))
    for op in OPS:
        c = counts.get(op, {"ok": 0, "rejected": 0})
        print("  %-15s ok %4d  rejected %4d" % (op, c["ok"], c["rejected"]))


def write_lines(path, text_lines):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for t in text_lines:
            f.write(t + "\n")


# ---------------------------------------------------------------------------
# Explicit padding layers: tests/golden/pad.jsonl
#
# One file for three frameworks; each generator (golden_pad_torch.py,
# golden_pad_onnx.py, golden_pad_keras.js) rewrites only its own lines and
# keeps the others, frameworks in PAD_FRAMEWORKS order, so the generators can
# run in any order and a rerun gives the same bytes.

PAD_FRAMEWORKS = ("torch", "onnx", "keras")
PAD_SEED = 20250301  # golden_pad_torch.py and golden_pad_onnx.py answer the same cases
PAD_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "golden", "pad.jsonl")


def pad_line(framework, layout, input, pads, expect, note=None, extra=None):
    """One pad.jsonl line, keys in a fixed order, compact like JSON.stringify."""
    obj = {"framework": framework, "layout": layout, "input": [int(v) for v in input],
           "pads": [int(v) for v in pads], "expect": expect}
    if note:
        obj["note"] = note
    for k, v in (extra or {}).items():
        obj[k] = v
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


def pad_extents(spatial, pads):
    """in + begin + end per spatial extent (pads: begins, then ends)."""
    s = len(spatial)
    return [n + pads[i] + pads[s + i] for i, n in enumerate(spatial)]


def pad_reference(x, pads):
    """Zero padding of the numpy array x (N, C, spatial...), negative pads
    cropping: output cell j of a dimension is input cell j - begin, or 0.
    None where an extent would be negative. (numpy is imported here only.)"""
    import numpy as np

    rank = x.ndim - 2
    ext = pad_extents(list(x.shape[2:]), pads)
    if min(ext) < 0:
        return None
    y = np.zeros(list(x.shape[:2]) + ext, dtype=x.dtype)
    src, dst = [slice(None)] * 2, [slice(None)] * 2
    for i in range(rank):
        n, b = x.shape[2 + i], pads[i]
        lo, hi = max(0, -b), min(n, n + pads[rank + i])
        if hi <= lo:
            return y
        src.append(slice(lo, hi))
        dst.append(slice(lo + b, hi + b))
    y[tuple(dst)] = x[tuple(src)]
    return y


def pad_cases(seed):
    """(input, pads) pairs, channels first (N, C, spatial...), ranks 1..3.

    `pads` is [begin_0..begin_{S-1}, end_0..end_{S-1}], outermost spatial
    dimension first. Random configurations, then hand-picked ones: a grid of
    begin/end around cropping the whole extent, a dimension cropped to 0 or
    below next to others with positive, zero or negative pads, large pads,
    zero pads, empty input extents, batch or channels 0.
    """
    g = random.Random(seed)
    r = g.randint
    cases = []

    def add(ext, b, e, n=None, c=None):
        n = r(1, 3) if n is None else n
        c = r(1, 4) if c is None else c
        cases.append(([n, c] + list(ext), list(b) + list(e)))

    def side(n):
        u = g.random()
        if u < 0.45:
            return r(0, 4)  # padding
        if u < 0.75:
            return -r(0, max(1, n // 2))  # cropping that mostly fits
        return r(-n - 2, 4)  # anything, beyond the extent too

    for rank, count in ((1, 40), (2, 40), (3, 40)):
        hi = 8 if rank == 3 else 12
        for _ in range(count):
            ext = [0 if g.random() < 0.04 else r(1, hi) for _ in range(rank)]
            u = g.random()
            if u < 0.2:  # symmetric
                p = [r(-2, 4) for _ in range(rank)]
                b, e = p, list(p)
            elif u < 0.4:  # non-negative
                b = [r(0, 5) for _ in range(rank)]
                e = [r(0, 5) for _ in range(rank)]
            else:
                b = [side(x) for x in ext]
                e = [side(x) for x in ext]
            add(ext, b, e)

    # 1-D: every begin/end around cropping the whole extent
    for n, bs, es in ((5, (-7, -6, -5, -4, -1, 0, 2), (-7, -6, -5, -3, -1, 0, 8)),
                      (1, (-2, -1, 0, 1), (-2, -1, 0, 1)),
                      (0, (-1, 0, 2), (-1, 0, 2))):
        for b in bs:
            for e in es:
                add([n], [b], [e])

    # 2-D and 3-D: one dimension cropped to exactly 0 (or below), the others
    # padded, untouched or cropped; the failing dimension outer or inner
    others = ((0, 0), (1, 0), (-1, 0), (0, -1))
    for rank in (2, 3):
        for at in range(rank):
            for (ob, oe) in others:
                for crop in ((-4, 0), (0, -4), (-2, -2), (-5, 0), (-3, -2)):
                    if rank == 3 and crop in ((0, -4), (-3, -2)):
                        continue
                    ext = [4] * rank
                    b = [ob] * rank
                    e = [oe] * rank
                    b[at], e[at] = crop
                    add(ext, b, e)
        # two dimensions failing differently: which one does the message name?
        add([5] * rank, [-6] + [0] * (rank - 1), [0] * (rank - 1) + [-6])
        add([5] * rank, [0] * (rank - 1) + [-6], [-6] + [0] * (rank - 1))
        add([5] * rank, [-3] * rank, [-3] * rank)
        add([5] * rank, [-3] * rank, [-2] * rank)
        add([5] * rank, [3] + [-3] * (rank - 1), [-3] * rank)

    # large pads
    add([3], [1000], [0])
    add([3], [0], [1000])
    add([7], [500], [500])
    add([7], [-3], [1000])
    add([7], [1000], [-7])
    add([7], [1000], [-8])
    add([7], [-1000], [1000])
    add([2], [65536], [1], n=1, c=1)
    add([5, 6], [100, 0], [100, 3])
    add([5, 6], [0, 250], [1, 250])
    add([5, 6], [-5, 100], [0, 100])
    add([5, 6], [-100, 0], [100, 0])
    add([3, 4, 5], [30, 0, 20], [30, 1, 20], n=1, c=1)
    add([3, 4, 5], [60, -4, 0], [0, 0, 0], n=1, c=1)

    # zero pads, symmetric pads
    for rank in (1, 2, 3):
        for ext in ([1] * rank, [r(2, 9) for _ in range(rank)], [r(2, 9) for _ in range(rank)]):
            add(ext, [0] * rank, [0] * rank)
        for p in (1, 2, 3, -1, -2):
            ext = [r(5, 9) for _ in range(rank)]
            add(ext, [p] * rank, [p] * rank)

    # empty input extents, empty batch or channels
    for rank in (1, 2, 3):
        ext = [r(2, 6) for _ in range(rank)]
        ext[r(0, rank - 1)] = 0
        z = [0] * rank
        add(ext, z, z)
        add(ext, [1] * rank, [1] * rank)
        add(ext, [1] * rank, z)
        add(ext, [-1 if v else 0 for v in ext], z)
        add(ext, [0 if v else 1 for v in ext], z)
        add(ext, [1 if v else 0 for v in ext], z)
        add(ext, [0 if v else -1 for v in ext], z)
        full = [r(2, 6) for _ in range(rank)]
        add(full, z, z, n=0)
        add(full, [1] * rank, [2] * rank, n=0)
        add(full, [1] * rank, [-1] * rank, c=0)
        add(full, [-1] * rank, [-1] * rank, c=0)
        add(full, [-full[0]] + [0] * (rank - 1), z, n=0)
    return unique(cases)


def merge_pad_file(path, framework, text_lines):
    """Replaces `framework`'s lines of pad.jsonl with `text_lines`."""
    kept = {fw: [] for fw in PAD_FRAMEWORKS}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for t in f:
                t = t.rstrip("\n")
                if t:
                    fw = json.loads(t)["framework"]
                    if fw != framework:
                        kept[fw].append(t)
    kept[framework] = list(text_lines)
    write_lines(path, [t for fw in PAD_FRAMEWORKS for t in kept[fw]])


def pad_summary(name, path, objs, seconds):
    """Counts per layout: output / empty tensor / error."""
    counts = {}
    for o in objs:
        c = counts.setdefault(o["layout"], {"output": 0, "empty": 0, "error": 0})
        if "error" in o["expect"]:
            c["error"] += 1
        elif min(o["expect"]["output"]) <= 0:
            c["empty"] += 1
        else:
            c["output"] += 1
    notes = sum(1 for o in objs if o.get("note"))
    print("%s %s: %d cases, %d with a note, %.1f s" % (name, os.path.relpath(path), len(objs), notes, seconds))
    for layout, c in counts.items():
        print("  %-6s output %4d  empty tensor %4d  error %4d" % (layout, c["output"], c["empty"], c["error"]))
