#!/usr/bin/env python3
"""Writes the small ONNX models of tests/import/bad/ (NAME.onnx): graphs that
the ONNX reader accepts but that `convshape import` refuses to map, one
refusal each. tests/import/import_test.cpp holds the message each must give
(the node, its op type, the attribute or input, and the values).

Most are valid ONNX graphs (onnx.checker's full check passes), refused for
convshape's reasons: no layer for the op as the node uses it. The others
(check=False) are not, as a hand-made or hostile file need not be: an
attribute in the form of another opset, Split sizes that do not add up.

    /usr/bin/python3 tools/gen/corpus/onnx_bad_models.py

Debian's python3-onnx 1.12; the output depends only on onnx's serializer.
"""
import os
import sys

sys.dont_write_bytecode = True

import numpy as np  # noqa: E402
import onnx  # noqa: E402
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(HERE, "..", "..", "..", "tests", "import", "bad"))
FLOAT, INT64 = TensorProto.FLOAT, TensorProto.INT64


def model(name, nodes, opset=17, input_dims=(1, 4, 8, 8), initializers=(), output_dims=None, check=True):
    x = helper.make_tensor_value_info("x", FLOAT, list(input_dims))
    y = helper.make_tensor_value_info("y", FLOAT, output_dims)
    graph = helper.make_graph(nodes, name, [x], [y], list(initializers))
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)], producer_name="onnx_bad_models.py")
    m.ir_version = 8
    if check:
        onnx.checker.check_model(m, full_check=True)
    return m


def ints(name, values):
    return helper.make_node("Constant", [], [name], name=name, value=numpy_helper.from_array(np.array(values, np.int64)))


def scalar(name, value):
    return helper.make_node("Constant", [], [name], name=name, value=numpy_helper.from_array(np.array(value, np.float32)))


def weight(name, dims):
    return numpy_helper.from_array(np.full(dims, 0.5, np.float32), name)


def norm_steps(prefix="", end="div"):
    """A layer normalization over the channels (axis 1) written out, up to `end`."""
    steps = [
        helper.make_node("ReduceMean", ["x"], ["mean"], name="mean", axes=[1], keepdims=1),
        helper.make_node("Sub", ["x", "mean"], ["centered"], name="centered"),
        scalar("two", 2.0),
        helper.make_node("Pow", ["centered", "two"], ["squared"], name="squared"),
        helper.make_node("ReduceMean", ["squared"], ["variance"], name="variance", axes=[1], keepdims=1),
        scalar("eps", 1e-6),
        helper.make_node("Add", ["variance", "eps"], ["shifted"], name="shifted"),
        helper.make_node("Sqrt", ["shifted"], ["deviation"], name="deviation"),
        helper.make_node("Div", ["centered", "deviation"], [end], name=end),
    ]
    return steps


def models():
    out = {}
    # Split along a spatial axis: convshape splits the channels only.
    out["split_axis"] = model("split_axis", [
        helper.make_node("Split", ["x"], ["a", "y"], name="split", axis=2, split=[3, 5]),
    ], opset=11, output_dims=[1, 4, 5, 8])
    # Split sizes that do not add up to the channels (ONNX Runtime refuses it too; the checker does not look).
    out["split_sizes"] = model("split_sizes", [
        ints("sizes", [1, 2]),
        helper.make_node("Split", ["x", "sizes"], ["a", "y"], name="split", axis=1),
    ], opset=13, output_dims=[1, 2, 8, 8], check=False)
    # The sizes as an attribute at opset 13, where they are an input.
    out["split_form"] = model("split_form", [
        helper.make_node("Split", ["x"], ["a", "y"], name="split", axis=1, split=[1, 3]),
    ], opset=13, output_dims=[1, 3, 8, 8], check=False)
    # Squeeze's axes as an input at opset 11, where they are an attribute.
    out["squeeze_form"] = model("squeeze_form", [
        helper.make_node("GlobalAveragePool", ["x"], ["pooled"], name="pool"),
        ints("axes", [3]),
        helper.make_node("Squeeze", ["pooled", "axes"], ["y"], name="squeeze"),
    ], opset=11, output_dims=[1, 4, 1], check=False)
    # Unsqueeze of a map: a rank 5 tensor, which no layer makes.
    out["unsqueeze_map"] = model("unsqueeze_map", [
        ints("axes", [4]),
        helper.make_node("Unsqueeze", ["x", "axes"], ["y"], name="unsqueeze"),
    ], opset=13, output_dims=[1, 4, 8, 8, 1])
    # A pooled map squeezed to rank 3 and used there.
    out["rank3_used"] = model("rank3_used", [
        helper.make_node("GlobalAveragePool", ["x"], ["pooled"], name="pool"),
        helper.make_node("Squeeze", ["pooled"], ["squeezed"], name="squeeze", axes=[3]),
        helper.make_node("Relu", ["squeezed"], ["y"], name="relu"),
    ], opset=11, output_dims=[1, 4, 1])
    # ... and scaled there.
    out["rank3_scaled"] = model("rank3_scaled", [
        helper.make_node("GlobalAveragePool", ["x"], ["pooled"], name="pool"),
        helper.make_node("Squeeze", ["pooled"], ["squeezed"], name="squeeze", axes=[3]),
        scalar("half", 0.5),
        helper.make_node("Mul", ["half", "squeezed"], ["y"], name="scale"),
    ], opset=11, output_dims=[1, 4, 1])
    # A mean over the channels used otherwise than in a layer normalization.
    out["channel_mean"] = model("channel_mean", [
        helper.make_node("ReduceMean", ["x"], ["mean"], name="mean", axes=[1], keepdims=1),
        helper.make_node("Relu", ["mean"], ["y"], name="relu"),
    ], opset=13, output_dims=[1, 1, 8, 8])
    # A layer normalization written out without its shift: its last step is the graph's output.
    out["norm_no_shift"] = model("norm_no_shift", norm_steps(end="normalized") + [
        helper.make_node("Mul", ["normalized", "scale"], ["y"], name="scale"),
    ], opset=13, initializers=[weight("scale", [4, 1, 1])], output_dims=[1, 4, 8, 8])
    # Its Div by something else than the deviation.
    out["norm_broken"] = model("norm_broken", norm_steps()[:-1] + [
        helper.make_node("Div", ["centered", "eps"], ["y"], name="div"),
    ], opset=13, output_dims=[1, 4, 8, 8])
    # ReduceMean over the channels and one spatial axis.
    out["reduce_axes"] = model("reduce_axes", [
        helper.make_node("ReduceMean", ["x"], ["y"], name="reduce", axes=[1, 2], keepdims=1),
    ], opset=13, output_dims=[1, 1, 1, 8])
    # Pow by a tensor of exponents.
    out["pow_tensor"] = model("pow_tensor", [
        helper.make_node("Pow", ["x", "e"], ["y"], name="pow"),
    ], opset=13, initializers=[weight("e", [4, 1, 1])], output_dims=[1, 4, 8, 8])
    # Add of two flat tensors of two dense layers: the library joins maps only.
    out["flat_add"] = model("flat_add", [
        helper.make_node("Flatten", ["x"], ["flat"], name="flatten", axis=1),
        helper.make_node("Gemm", ["flat", "w1"], ["a"], name="dense_a", transB=1),
        helper.make_node("Gemm", ["flat", "w2"], ["b"], name="dense_b", transB=1),
        helper.make_node("Add", ["a", "b"], ["y"], name="add"),
    ], opset=13, input_dims=(1, 4, 2, 2), initializers=[weight("w1", [10, 16]), weight("w2", [10, 16])],
        output_dims=[1, 10])
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    for old in os.listdir(OUT):
        if old.endswith(".onnx"):
            os.remove(os.path.join(OUT, old))
    written = models()
    for name, m in written.items():
        onnx.save_model(m, os.path.join(OUT, name + ".onnx"))
    print(f"wrote {len(written)} models to {os.path.relpath(OUT)}")


if __name__ == "__main__":
    main()
