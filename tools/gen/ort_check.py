#!/usr/bin/python3
"""Re-answers ONNX golden cases with ONNX Runtime, the computation users meet.

golden_onnx.py answers from ONNX 1.12's shape inference and the operator
spec. Both are lax where the runtime is strict: inference reports 0 or
negative extents where ONNX Runtime raises, and neither rejects pool pads as
large as the window, output_padding below the dilation but not the stride, or
dilated convolution with auto_pad SAME. So each case of the given file is
built as a one-node opset-17 model (python3-onnx), run by onnxruntime-node on
a tensor of ones, and its answer becomes "expect"; where the generator said
otherwise, its answer stays in "generator_expect" with a "note".

    /usr/bin/python3 tools/gen/ort_check.py tests/golden/onnx.jsonl

needs onnxruntime-node: `npm install --ignore-scripts onnxruntime-node@1.30.0`
in tools/gen (--ignore-scripts: its install script fetches GPU binaries; the
CPU ones are in the package). The file is rewritten in place.
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
OPS = {"conv": "Conv", "conv_transpose": "ConvTranspose", "max_pool": "MaxPool", "avg_pool": "AveragePool"}


def model_for(q):
    s = len(q["kernel"])
    channels = q["input"][1]
    attrs = {"kernel_shape": q["kernel"], "strides": q.get("strides", q["kernel"] if "pool" in q["op"] else [1] * s)}
    if q["op"] != "avg_pool":
        attrs["dilations"] = q.get("dilation", [1] * s)
    pad = q.get("padding", "valid")
    if isinstance(pad, list):
        attrs["pads"] = pad
    else:
        attrs["auto_pad"] = {"valid": "VALID", "same": "SAME_UPPER", "same_lower": "SAME_LOWER"}[pad]
    inits, names = [], ["x"]
    if "pool" in q["op"]:
        if q.get("ceil_mode"):
            attrs["ceil_mode"] = 1
    else:
        groups = q.get("groups", 1)
        attrs["group"] = groups
        per_group = max(channels // groups, 1) if groups > 0 else 1
        if q["op"] == "conv":
            w = [q["filters"], per_group] + q["kernel"]
        else:
            w = [channels, max(q["filters"] // groups, 1) if groups > 0 else 1] + q["kernel"]
            attrs["output_padding"] = q.get("output_padding", [0] * s)
        inits.append(numpy_helper.from_array(np.ones([max(v, 0) for v in w], dtype=np.float32), "w"))
        names.append("w")
    node = helper.make_node(OPS[q["op"]], names, ["y"], **attrs)
    graph = helper.make_graph([node], "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, q["input"])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], initializer=inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    return model


def main(path):
    lines = [json.loads(l) for l in open(path) if l.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        index = []
        for i, case in enumerate(lines):
            q = case["query"]
            if q.get("framework") != "onnx":
                index.append({"file": None, "keep": True})
                continue
            sizes = q["input"] + q["kernel"] + q.get("strides", []) + q.get("dilation", []) + \
                [q.get("groups", 1), q.get("filters", 1)]
            if min(sizes) <= 0:
                # ONNX Runtime divides by some of these and dies of SIGFPE;
                # shape inference rejects them all.
                index.append({"file": None, "why": "non-positive size: not run"})
                continue
            if q["op"] == "conv_transpose" and q["filters"] % q.get("groups", 1) != 0:
                # ConvTranspose has no filters attribute: its output channels
                # are W.shape[1] * group, always a multiple of the groups.
                index.append({"file": None, "why": "filters not a multiple of groups: not expressible"})
                continue
            if "pool" in q["op"] and isinstance(q.get("padding"), str) and q["padding"] != "valid":
                # One plane (N = C = 1): with many planes ONNX Runtime picks a
                # parallel kernel that skips its check for negative 'same'
                # pads; the output extents do not depend on N or C.
                index.append({"file": f"{i}.onnx", "input": [1, 1] + q["input"][2:], "planes": q["input"][:2]})
                onnx.save(model_for(dict(q, input=[1, 1] + q["input"][2:])), os.path.join(tmp, f"{i}.onnx"))
                continue
            try:
                onnx.save(model_for(q), os.path.join(tmp, f"{i}.onnx"))
                index.append({"file": f"{i}.onnx", "input": q["input"]})
            except Exception as e:  # an unbuildable model (e.g. a zero-sized weight) is the builder's refusal
                index.append({"file": None, "why": f"model not buildable: {e}"})
        json.dump(index, open(os.path.join(tmp, "index.json"), "w"))
        answers = []
        while len(answers) < len(index):
            # A model that kills the runtime (SIGFPE) is an error users meet
            # too: note it and go on with the next one.
            run = subprocess.run(["node", os.path.join(HERE, "ort_run.js"), tmp, str(len(answers))],
                                 capture_output=True, text=True, cwd=HERE)
            answers += [json.loads(l) for l in run.stdout.splitlines()]
            for entry, answer in zip(index, answers):
                if "planes" in entry and "output" in answer and len(answer["output"]) == len(entry["input"]):
                    answer["output"][:2] = entry.pop("planes")
            if run.returncode != 0 and len(answers) < len(index):
                answers.append({"error": True, "why": f"ONNX Runtime dies (exit status {run.returncode})"})
    assert len(answers) == len(lines), (len(answers), len(lines))

    changed = 0
    with open(path, "w") as f:
        for case, runtime, entry in zip(lines, answers, index):
            if entry.get("keep"):  # another framework's line
                f.write(json.dumps(case) + "\n")
                continue
            inferred = case["expect"]
            same = ("output" in runtime and runtime.get("output") == inferred.get("output")) or \
                   ("error" in runtime and "error" in inferred)
            if "output" in runtime and min(runtime["output"]) <= 0:
                runtime = {"error": True, "why": f"ONNX Runtime returns an empty tensor {runtime['output']}"}
                same = "error" in inferred
            if not same:
                changed += 1
                case["generator_expect"] = inferred
                case["note"] = "ONNX Runtime 1.30 differs from golden_onnx.py's answer; expect is the runtime's"
            case["expect"] = runtime
            f.write(json.dumps(case) + "\n")
    print(f"{path}: {len(lines)} cases, {changed} where the runtime differs from golden_onnx.py")


if __name__ == "__main__":
    main(sys.argv[1])
