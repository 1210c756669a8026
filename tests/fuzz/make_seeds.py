#!/usr/bin/env python3
"""Writes the seed corpora of the libFuzzer targets, tests/fuzz/corpus/.

corpus/shapes/: configurations in the byte format that shapes_fuzzer.cpp
decodes (its header comment): the sample requests of the query protocol, the
README's examples, each framework's corner cases, and extremes (0, negatives,
values near INT64_MAX).

corpus/query/: one request line per file, as `convshape query` reads them:
the query of every sample case (../shared/spec/sample-cases.jsonl when that
checkout is beside this one, and tests/cli/sample-cases.jsonl), then
malformed lines and values in their short forms.

corpus/onnx/: ONNX model files: the small models and the hostile files of
tests/onnx/files/ (tests/onnx/make_files.py), and the smallest models of the
torchvision corpus (tests/corpus/onnx/), which hold the shape arithmetic
(fcn_resnet50's is 39 KB; shufflenet's, at 71 KB, would make every run
slower) and most op types.

Each folder also gets the files of findings/TARGET/: inputs that once made a
target fail, kept so that every test run replays them.

Run from anywhere: python3 tests/fuzz/make_seeds.py. It empties the
folders and writes them again; the output depends only on the sample files
and on those model files.
"""
import hashlib
import json
import pathlib
import struct

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SAMPLES = [ROOT.parent / "shared" / "spec" / "sample-cases.jsonl", ROOT / "tests" / "cli" / "sample-cases.jsonl"]

OPS = ["conv", "conv_transpose", "max_pool", "avg_pool"]
FRAMEWORKS = ["generic", "torch", "keras", "onnx"]
MODES = ["valid", "same", "same_lower", "causal", "explicit"]
LAYOUTS = {"NCW": (1, False), "NWC": (1, True), "NCHW": (2, False), "NHWC": (2, True),
           "NCDHW": (3, False), "NDHWC": (3, True)}

INT64_MAX = 2**63 - 1
INT64_MIN = -2**63


def value(v):
    """One value: a single selector byte for -2..40, else 0xff and 8 raw bytes."""
    if 0 <= v <= 7:
        return bytes([v])
    if -2 <= v <= 40:
        return bytes([0x60 + v + 2])
    return bytes([0xff]) + struct.pack("<q", v)


def config(op, layout, framework="generic", padding="valid", input=(1, 1, 8), filters=1, groups=1, kernel=None,
           strides=None, dilation=None, output_padding=None, ceil_mode=False):
    """A configuration's bytes. `input` is in the layout's memory order; per-dimension
    parameters are lists; `padding` is a mode or [begin..., end...]; pool strides
    left as None default to the window."""
    rank, last = LAYOUTS[layout]
    kernel = kernel or [1] * rank
    pool = op in ("max_pool", "avg_pool")
    given = strides is not None
    strides = strides or ([*kernel] if pool else [1] * rank)
    dilation = dilation or [1] * rank
    output_padding = output_padding or [0] * rank
    if isinstance(padding, str):
        mode, begin, end = padding, [0] * rank, [0] * rank
    else:
        mode, begin, end = "explicit", padding[:rank], padding[rank:]
    symmetric = begin == end
    flags = (1 if ceil_mode else 0) | (2 if pool and given else 0) | (4 if symmetric else 0)
    out = bytes([OPS.index(op), rank - 1, int(last), FRAMEWORKS.index(framework), MODES.index(mode), flags])
    batch = input[0]
    channels = input[-1] if last else input[1]
    spatial = input[1:-1] if last else input[2:]
    for v in (batch, channels, filters if not pool else 0, groups if not pool else 1):
        out += value(v)
    for i in range(rank):
        out += value(spatial[i]) + value(kernel[i]) + value(strides[i]) + value(dilation[i]) + value(begin[i])
        if not symmetric:
            out += value(end[i])
        out += value(output_padding[i])
    return out


def from_query(q):
    """A shapes seed from a query-protocol request."""
    rank = LAYOUTS[q["layout"]][0]
    return config(q["op"], q["layout"], q.get("framework", "generic"), q.get("padding", "valid"), q["input"],
                  q.get("filters", 1), q.get("groups", 1), q["kernel"], q.get("strides"), q.get("dilation"),
                  q.get("output_padding"), q.get("ceil_mode", False)) if len(q["kernel"]) == rank else None


def shapes_seeds(queries):
    seeds = [from_query(q) for q in queries]
    big = INT64_MAX
    seeds += [
        bytes(),  # every byte missing: all zeros
        # The README's examples.
        config("conv", "NHWC", input=(4, 28, 28, 3), filters=16, kernel=[5, 5], strides=[2, 2], padding="same"),
        config("conv", "NCHW", input=(1, 64, 32, 32), filters=128, kernel=[3, 3], padding=[1, 1, 1, 1], dilation=[2, 2]),
        config("conv_transpose", "NHWC", input=(32, 28, 28, 64), filters=3, kernel=[3, 3]),
        config("max_pool", "NCW", "torch", input=(1, 1, 7), kernel=[3], strides=[2], ceil_mode=True),
        config("conv", "NCHW", "keras", input=(1, 3, 9, 9), filters=8, kernel=[3, 3], strides=[2, 2], padding="same"),
        # Corner cases of the frameworks.
        config("conv", "NWC", "keras", "causal", (1, 16, 2), filters=4, kernel=[3], dilation=[4]),
        config("conv", "NCW", "torch", "same", (1, 2, 10), filters=2, kernel=[4], dilation=[3]),
        config("conv_transpose", "NCW", "keras", input=(1, 1, 5), kernel=[2], strides=[4]),
        config("conv_transpose", "NHWC", "keras", "same", (1, 5, 6, 1), kernel=[3, 4], strides=[2, 3],
               output_padding=[1, 2]),
        config("conv_transpose", "NCW", "onnx", "same", (1, 1, 5), kernel=[2], strides=[4]),
        config("conv_transpose", "NCHW", "generic", "same_lower", (2, 4, 5, 7), filters=6, groups=2, kernel=[3, 4],
               strides=[2, 3], output_padding=[1, 0], dilation=[1, 2]),
        config("conv_transpose", "NCDHW", "torch", [1, 0, 2, 1, 0, 2], (1, 2, 3, 4, 5), filters=4, groups=2,
               kernel=[2, 3, 2], strides=[1, 2, 3], output_padding=[0, 1, 2], dilation=[2, 1, 1]),
        config("max_pool", "NCW", "onnx", "same_lower", (1, 1, 7), kernel=[1], strides=[26], dilation=[26],
               ceil_mode=True),
        config("max_pool", "NCHW", "onnx", [0, 0, 1, 1], (1, 1, 3, 3), kernel=[5, 5], strides=[3, 3]),
        config("avg_pool", "NCDHW", "torch", [1, 1, 1, 1, 1, 1], (1, 1, 2, 8, 8), kernel=[3, 3, 3]),
        config("avg_pool", "NDHWC", "onnx", "same", (2, 5, 6, 7, 3), kernel=[2, 3, 4], strides=[3, 1, 2]),
        config("max_pool", "NHWC", "generic", [2, 0, 1, 2], (1, 9, 9, 1), kernel=[3, 3], strides=[2, 2],
               dilation=[2, 1], ceil_mode=True),
        config("max_pool", "NCHW", "keras", "same", (1, 1, 7, 7), kernel=[3, 3], strides=[2, 2]),
        # Extremes: near INT64_MAX, overflowing intermediates, negatives.
        config("conv", "NCW", input=(1, 1, big), kernel=[1]),
        config("conv", "NCW", input=(1, 1, big), kernel=[big]),
        config("conv", "NCW", "generic", "same", (1, 1, big), kernel=[2]),
        config("conv", "NCW", "generic", "causal", (1, 1, 5), kernel=[big], dilation=[2]),
        config("conv", "NCHW", input=(1, 1, 3, 3), kernel=[3, 2**62], dilation=[1, 2]),
        config("conv", "NCW", input=(1, 1, big), kernel=[2], strides=[big]),
        config("max_pool", "NCW", "generic", [big - 1, big - 1], (1, 1, big), kernel=[big], ceil_mode=True),
        config("max_pool", "NCW", "torch", [1, 1], (1, 1, big), kernel=[3], strides=[big - 1], ceil_mode=True),
        config("conv_transpose", "NCW", input=(1, 1, 2**62), kernel=[3], strides=[4]),
        config("conv_transpose", "NCW", "generic", "same", (1, 1, 2**62), kernel=[big], strides=[2]),
        config("conv_transpose", "NCW", "keras", input=(1, 1, 2**32), kernel=[1], strides=[2**31]),
        config("conv_transpose", "NCW", input=(1, 1, 1), kernel=[1], strides=[big], output_padding=[big - 1]),
        config("conv", "NCHW", input=(2**32, 2**32, 1, 1), filters=2**31, kernel=[1, 1]),
        config("conv", "NCW", input=(INT64_MIN, -1, -2), filters=-1, groups=-1, kernel=[-1]),
        config("conv", "NCW", input=(1, big, 1), filters=big, groups=big, kernel=[1]),
        config("avg_pool", "NCW", "generic", [-1, 3], (1, 1, 9), kernel=[4]),
    ]
    return [s for s in seeds if s is not None]


MALFORMED = [
    "", "   \t", "\r", "{}", "[]", "null", "42", '"conv"', "{", '{"op": "conv"', "}{",
    '{"op": "conv"}',
    '{"op": "pool", "layout": "NCHW", "input": [1, 1, 4, 4], "kernel": [2, 2]}',
    '{"op": "conv", "layout": "NCHWX", "input": [1, 1, 4, 4], "filters": 1, "kernel": [2, 2]}',
    '{"op": "conv", "layout": "nhwc", "input": [1, 4, 4, 1], "filters": 1, "kernel": [2, 2]}',
    '{"op": "conv", "layout": "NCW", "input": [1, 1, 4], "filters": 1, "kernel": [2], "framework": "tensorflow"}',
    '{"op": "conv", "layout": "NCW", "input": [1, 1, 9223372036854775808], "filters": 1, "kernel": [2]}',
    '{"op": "conv", "layout": "NCW", "input": [1, 1, -9223372036854775809], "filters": 1, "kernel": [2]}',
    '{"op": "conv", "layout": "NCW", "input": [1, 1, 1e400], "filters": 1, "kernel": [2]}',
    '{"op": "conv", "layout": "NCW", "input": [1, 1, 4.5], "filters": 1, "kernel": [2]}',
    '{"op": "conv", "layout": "NCW", "input": [1, 1, 4], "filters": "1", "kernel": [2]}',
    '{"op": "conv", "layout": "NCW", "input": [1, 1, 4], "filters": 1, "kernel": 2}',
    '{"op": "conv", "layout": "NCW", "input": [1, 1, 4], "filters": 1, "kernel": [2, 2]}',
    '{"op": "conv", "layout": "NCW", "input": [1, 1, 4], "filters": 1, "kernel": [2], "padding": [1]}',
    '{"op": "conv", "layout": "NCW", "input": [1, 1, 4], "filters": 1, "kernel": [2], "padding": "full"}',
    '{"op": "conv", "layout": "NCW", "input": [1, 1, 4], "filters": 1, "kernel": [2], "ceil_mode": true}',
    '{"op": "conv", "layout": "NCW", "input": [1, 1, 4], "filters": 1, "kernel": [2], "output_padding": [1]}',
    '{"op": "max_pool", "layout": "NCW", "input": [1, 1, 4], "filters": 1, "kernel": [2]}',
    '{"op": "max_pool", "layout": "NCW", "input": [1, 1, 4], "kernel": [2], "ceil_mode": "yes"}',
    '{"op": "avg_pool", "layout": "NCW", "input": [1, 1, 4], "kernel": [2], "dilation": [2]}',
    '{"op": "conv", "op": "max_pool", "layout": "NCW", "input": [1, 1, 4], "kernel": [2]}',
    '\ufeff{"op": "max_pool", "layout": "NCW", "input": [1, 1, 4], "kernel": [2]}',
    '{"op": "max_pool", "layout": "NCW", "input": [1, 1, 4], "kernel": [2]} trailing',
    '{"op": "max_pool", "layout": "NCW", "input": [1, 1, 4], "kernel": [2], "x": ' + "[" * 17 + "]" * 17 + "}",
    '{"op": "max_pool", "layout": "NCW", "input": [1, 1, 4], "kernel": [2], "x": "' + "[" * 40 + '"}',
    '{"op": "max_pool", "layout": "NCW", "input": [1, 1, 4], "kernel": [2], "x": "\\u00e9\\ud800"}',
    '{"op": "conv\\u0000", "layout": "NCW", "input": [1, 1, 4], "filters": 1, "kernel": [2]}',
    '{"op": "conv_transpose", "layout": "NCW", "input": [1, 1, 9223372036854775807], "filters": 1, "kernel": [2],'
    ' "strides": [9223372036854775807]}',
]
# Values in their short forms (one integer for a per-dimension key or for every
# side, one pad per dimension, modes in any case), which the fuzzer checks
# against their long forms; a typo of a key, and a repeated key.
SHORT_FORMS = [
    '{"op": "conv", "layout": "NCHW", "input": [1, 3, 9, 9], "filters": 4, "kernel": 3, "strides": 2, "dilation": 2,'
    ' "padding": 1}',
    '{"op": "conv_transpose", "layout": "NHWC", "input": [1, 9, 9, 3], "filters": 4, "kernel": 3, "strides": 2,'
    ' "output_padding": 1, "padding": [1, 0]}',
    '{"op": "max_pool", "layout": "NCDHW", "input": [1, 2, 6, 7, 8], "kernel": 2, "padding": [1, 0, 1],'
    ' "ceil_mode": true}',
    '{"op": "avg_pool", "layout": "NWC", "input": [1, 9, 2], "kernel": 3, "padding": "SAME", "count_include_pad": true}',
    '{"op": "conv", "layout": "NCW", "input": [1, 2, 9], "filters": 2, "kernel": 3, "padding": "Causal",'
    ' "framework": "keras"}',
    '{"op": "conv", "layout": "NCHW", "input": [1, 3, 9, 9], "filters": 4, "kernel": [3, 3], "stride": [2, 2]}',
    '{"op": "conv", "layout": "NCHW", "input": [1, 3, 9, 9], "filters": 4, "kernel": 3, "strides": 1, "strides": 2}',
]
# Raw bytes that are not UTF-8, a NUL inside the line, and a line longer than any request.
MALFORMED_BYTES = [
    b'{"op": "conv\xff\xfe", "layout": "NCW"}',
    b'{"op": "max_pool", "layout": "NCW", "input": [1, 1, 4], "kernel": [2]}\x00{"op": 1}',
    b'{"error": "' + b"x" * 600 + b'"}',
]


ONNX_CORPUS_MODELS = ["alexnet", "dcgan_generator", "fcn_resnet50", "resnet18", "unet", "vgg16"]


def onnx_seeds():
    files = sorted((ROOT / "tests" / "onnx" / "files").glob("*/*.onnx"))
    files += [ROOT / "tests" / "corpus" / "onnx" / f"{name}.onnx" for name in ONNX_CORPUS_MODELS]
    return sorted({path.read_bytes() for path in files})


def write(folder, seeds):
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    findings = HERE / "findings" / folder.name
    seeds = sorted(set(seeds) | {path.read_bytes() for path in findings.glob("*")})
    for seed in seeds:  # named by content, as libFuzzer names its own
        (folder / hashlib.sha1(seed).hexdigest()).write_bytes(seed)


def main():
    queries, seen = [], set()
    for path in SAMPLES:
        if not path.exists():
            continue
        for line in path.read_text().splitlines():
            if line.strip():
                q = json.loads(line)["query"]
                key = json.dumps(q, sort_keys=True)
                if key not in seen:
                    seen.add(key)
                    queries.append(q)
    shapes = sorted(set(shapes_seeds(queries)))
    lines = [json.dumps(q, separators=(",", ":")).encode() for q in queries]
    lines += [m.encode() for m in MALFORMED + SHORT_FORMS] + MALFORMED_BYTES
    query = sorted(set(lines))
    write(HERE / "corpus" / "shapes", shapes)
    write(HERE / "corpus" / "query", query)
    onnx = onnx_seeds()
    write(HERE / "corpus" / "onnx", onnx)
    print(f"{len(shapes)} shapes seeds, {len(query)} query seeds ({len(queries)} sample requests), {len(onnx)} onnx seeds")


if __name__ == "__main__":
    main()
