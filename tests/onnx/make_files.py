#!/usr/bin/env python3
"""Writes the small ONNX files of the reader's tests, tests/onnx/files/.

good/: models the reader must load, made to hold what the torchvision corpus
(tests/corpus/onnx/) does not: opset 11 and 13, symbolic and missing dims,
initializers stored inline in every field ONNX has (int64_data, int32_data,
float_data, double_data, uint64_data, raw_data) or not at all, external data
whose file does not exist (also of 2^30 elements), an initializer also listed
as a graph input (IR 3), nodes out of order, an omitted optional input, a
node without a name, every attribute kind, an attribute without its type
(IR 1).

bad/: hostile or broken files, one fault each; tests/onnx/reader_test.cpp
holds the message each must give. onnx.helper writes them without checking;
the few that are not a ModelProto at all (empty, text, truncated, nested
too deep) are bytes.

Run from anywhere with Debian's Python and onnx (python3-onnx 1.12):
/usr/bin/python3 tests/onnx/make_files.py. It empties both folders and
writes them again; the output depends only on onnx's serializer.
"""
import pathlib
import shutil
import struct

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = pathlib.Path(__file__).resolve().parent
FILES = HERE / "files"
CORPUS = HERE.parents[0] / "corpus" / "onnx"

FLOAT, INT64 = TensorProto.FLOAT, TensorProto.INT64


def model(nodes, inputs=(), outputs=(), initializers=(), opset=17, domain="", name="g", **kwargs):
    graph = helper.make_graph(list(nodes), name, list(inputs), list(outputs), list(initializers))
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid(domain, opset)], producer_name="make_files.py",
                          **kwargs)
    m.ir_version = 8
    return m


def x_input(name="x", dims=(1, 3, 8, 8)):
    return helper.make_tensor_value_info(name, FLOAT, list(dims))


def y_output(name="y", dims=(1, 3, 8, 8)):
    return helper.make_tensor_value_info(name, FLOAT, list(dims))


def relu(name, x="x", y="y"):
    return helper.make_node("Relu", [x], [y], name=name)


def external(name, dims):
    """A float initializer whose data is in a file that is not there."""
    t = TensorProto(name=name, data_type=FLOAT, dims=list(dims), data_location=TensorProto.EXTERNAL)
    for key, value in (("location", "weights.bin"), ("offset", "0"), ("length", str(4 * int(np.prod(dims))))):
        entry = t.external_data.add()
        entry.key, entry.value = key, value
    return t


def features():
    """Opset 11: everything the reader keeps, in the forms files write it."""
    x = helper.make_tensor_value_info("x", FLOAT, ["N", 3, None, 8])
    x.type.tensor_type.shape.dim[3].dim_value = -1  # as some converters write an unknown dim
    x.type.tensor_type.shape.dim[2].Clear()  # neither dim_value nor dim_param
    listed = helper.make_tensor_value_info("w_listed", FLOAT, [4])  # an initializer listed as an input (IR 3)
    scalar_input = helper.make_tensor_value_info("s", INT64, [])
    no_type = onnx.ValueInfoProto(name="untyped")
    y = helper.make_tensor_value_info("y", FLOAT, ["N", 12, None, 8])

    raw_i32 = TensorProto(name="i32_raw", data_type=TensorProto.INT32, dims=[2],
                          raw_data=struct.pack("<2i", -7, 2147483647))
    raw_f64 = TensorProto(name="f64_raw", data_type=TensorProto.DOUBLE, dims=[2], raw_data=struct.pack("<2d", 0.5, -1e300))
    inits = [
        helper.make_tensor("i64", INT64, [3], [1, -2, 3]),
        raw_i32,
        helper.make_tensor("f32", FLOAT, [2, 2], [0.5, -1.25, 3.0, 1e-5]),
        helper.make_tensor("f64", TensorProto.DOUBLE, [1], [2.5]),
        raw_f64,
        helper.make_tensor("i8", TensorProto.INT8, [2], [-5, 7]),
        helper.make_tensor("u8_raw", TensorProto.UINT8, [3], b"\x00\x7f\xff", raw=True),
        helper.make_tensor("flags", TensorProto.BOOL, [3], [True, False, True]),
        helper.make_tensor("u64", TensorProto.UINT64, [1], [5]),
        helper.make_tensor("scalar", INT64, [], [42]),
        numpy_helper.from_array(np.arange(5000, dtype=np.int64), "big"),  # too large: dims only
        external("ext", [64, 3, 3, 3]),
        external("huge", [1 << 30]),  # 2^30 elements: representable
        helper.make_tensor("f16", TensorProto.FLOAT16, [2], [1.0, 2.0]),  # values not read
        TensorProto(name="empty", data_type=FLOAT, dims=[0]),
        TensorProto(name="no_data", data_type=INT64, dims=[2]),  # values left out of the file
        helper.make_tensor("text", TensorProto.STRING, [1], [b"hello"]),
        helper.make_tensor("w_listed", FLOAT, [4], [1, 2, 3, 4]),
    ]

    untyped = helper.make_attribute("untyped_ints", [4, 5])
    untyped.ClearField("type")  # IR 1 files may leave the type out
    every_kind = helper.make_node(
        "Identity", ["x"], ["x_copy"], name="every_kind", a_int=-3, a_ints=[1, 2], a_float=0.25, a_floats=[1.5, -2.0],
        a_string="same_upper", a_strings=["a", "b"], a_tensor=helper.make_tensor("t", INT64, [2], [7, 8]))
    every_kind.attribute.append(untyped)
    nodes = [
        # In the file, the consumer comes before its producers: the reader orders them.
        helper.make_node("Concat", ["x_copy", "clipped", "unsq"], ["y"], name="concat", axis=1),
        helper.make_node("Constant", [], ["c"], name="constant", value=helper.make_tensor("v", INT64, [2], [2, 3])),
        every_kind,
        helper.make_node("Clip", ["x", "", "max"], ["clipped"]),  # no name, omitted min
        helper.make_node("Constant", [], ["max"], name="max", domain="ai.onnx",
                         value=helper.make_tensor("m", FLOAT, [], [6.0])),
        helper.make_node("Unsqueeze", ["i64"], ["unsq_axes"], name="unsqueeze", axes=[0]),
        helper.make_node("Identity", ["x"], ["unsq"], name="identity"),
    ]
    return model(nodes, [x, listed, scalar_input, no_type], [y], inits, opset=11)


def opset13():
    """Opset 13: Unsqueeze and Squeeze take axes as an input."""
    nodes = [
        helper.make_node("Constant", [], ["axes"], name="axes", value_ints=[0]),
        helper.make_node("Shape", ["x"], ["shape"], name="shape"),
        helper.make_node("Unsqueeze", ["shape", "axes"], ["u"], name="unsqueeze"),
        helper.make_node("Squeeze", ["u", "axes"], ["s"], name="squeeze"),
        relu("relu"),
    ]
    return model(nodes, [x_input()], [y_output(), helper.make_tensor_value_info("s", INT64, [4])], opset=13)


def bad_models():
    """name -> ModelProto with one fault."""
    out = {}

    out["no_graph"] = onnx.ModelProto(ir_version=8, opset_import=[helper.make_opsetid("", 17)])
    out["opset_10"] = model([relu("relu")], [x_input()], [y_output()], opset=10)
    out["opset_18"] = model([relu("relu")], [x_input()], [y_output()], opset=18)
    out["no_default_opset"] = model([relu("relu")], [x_input()], [y_output()], domain="ai.onnx.ml", opset=3)
    out["custom_domain"] = model([helper.make_node("FusedConv", ["x"], ["y"], name="fused", domain="com.microsoft")],
                                 [x_input()], [y_output()])

    then_graph = helper.make_graph([relu("inner_then")], "then", [], [y_output()])
    else_graph = helper.make_graph([relu("inner_else")], "else", [], [y_output()])
    cond = helper.make_tensor("cond", TensorProto.BOOL, [], [True])
    out["subgraph_if"] = model([helper.make_node("If", ["cond"], ["y"], name="branch", then_branch=then_graph,
                                                 else_branch=else_graph)], [x_input()], [y_output()], [cond])
    body = helper.make_graph([relu("inner")], "body", [x_input("b")], [y_output()])
    out["subgraph_loop"] = model([helper.make_node("Loop", ["", "cond", "x"], ["y"], name="loop", body=body)],
                                 [x_input()], [y_output()], [cond])

    out["cycle"] = model([helper.make_node("Add", ["x", "b_out"], ["a_out"], name="a"),
                          helper.make_node("Relu", ["a_out"], ["b_out"], name="b"),
                          helper.make_node("Relu", ["a_out"], ["y"], name="c")], [x_input()], [y_output()])
    out["missing_input"] = model([relu("relu", x="ghost")], [x_input()], [y_output()])
    out["duplicate_output"] = model([relu("first"), relu("second")], [x_input()], [y_output()])
    out["output_is_input"] = model([relu("relu", y="x")], [x_input()], [y_output("x")])
    out["undefined_graph_output"] = model([relu("relu")], [x_input()], [y_output("nowhere")])
    out["empty_graph"] = model([], [x_input()], [y_output("x")])
    out["duplicate_attribute"] = model([helper.make_node("Relu", ["x"], ["y"], name="relu", alpha=1.0)],
                                       [x_input()], [y_output()])
    out["duplicate_attribute"].graph.node[0].attribute.append(helper.make_attribute("alpha", 2.0))
    out["tensors_attribute"] = model([helper.make_node("Relu", ["x"], ["y"], name="relu",
                                                       list=[helper.make_tensor("t", INT64, [1], [1])])],
                                     [x_input()], [y_output()])

    out["negative_dims"] = model([relu("relu")], [x_input()], [y_output()], [external("w", [-5, 3])])
    out["overflowing_dims"] = model([relu("relu")], [x_input()], [y_output()], [external("w", [1 << 32, 1 << 32])])
    out["negative_input_dim"] = model([relu("relu")], [x_input(dims=(1, -7, 8, 8))], [y_output()])
    out["overflowing_input_dims"] = model([relu("relu")], [x_input(dims=(1 << 40, 1 << 40))], [y_output()])
    out["raw_data_size"] = model([relu("relu")], [x_input()], [y_output()],
                                 [TensorProto(name="shape", data_type=INT64, dims=[3], raw_data=bytes(20))])
    out["value_count"] = model([relu("relu")], [x_input()], [y_output()],
                               [TensorProto(name="shape", data_type=INT64, dims=[3], int64_data=[1, 2])])
    out["value_range"] = model([relu("relu")], [x_input()], [y_output()],
                               [TensorProto(name="small", data_type=TensorProto.INT8, dims=[1], int32_data=[300])])

    sparse = helper.make_sparse_tensor(helper.make_tensor("sp", FLOAT, [1], [1.0]),
                                       helper.make_tensor("sp_i", INT64, [1], [0]), [4])
    out["sparse_initializer"] = model([relu("relu")], [x_input()], [y_output()])
    out["sparse_initializer"].graph.sparse_initializer.append(sparse)
    seq = helper.make_tensor_sequence_value_info("seq", FLOAT, None)
    out["sequence_input"] = model([relu("relu")], [x_input(), seq], [y_output()])
    return out


def varint(n):
    out = b""
    while True:
        low, n = n & 0x7F, n >> 7
        if not n:
            return out + bytes([low])
        out += bytes([low | 0x80])


def message_field(number, payload):
    return varint(number << 3 | 2) + varint(len(payload)) + payload


def deep_nesting(levels):
    """A graph whose node's attribute holds a graph whose node's... `levels` deep."""
    graph = b""
    for _ in range(levels):
        attribute = message_field(1, b"g") + message_field(6, graph)  # AttributeProto.name, .g
        node = message_field(4, b"If") + message_field(5, attribute)  # NodeProto.op_type, .attribute
        graph = message_field(1, node)  # GraphProto.node
    opset = message_field(8, varint(2 << 3) + varint(17))  # OperatorSetIdProto.version
    return varint(1 << 3) + varint(8) + opset + message_field(7, graph)


def bad_bytes():
    resnet18 = (CORPUS / "resnet18.onnx").read_bytes()
    return {
        "empty": b"",
        "text": b"This is not an ONNX model.\n",
        "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
        "unknown_fields": varint(15 << 3) + varint(1),  # field 15 is not ModelProto's
        "truncated": resnet18[: len(resnet18) // 2],
        "deep_nesting": deep_nesting(120),
    }


def write(folder, files):
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name, content in sorted(files.items()):
        data = content if isinstance(content, bytes) else content.SerializeToString()
        (folder / f"{name}.onnx").write_bytes(data)


def main():
    write(FILES / "good", {"features_opset11": features(), "opset13": opset13()})
    bad = bad_models() | bad_bytes()
    write(FILES / "bad", bad)
    # What each bad file is to protobuf, as a check of the generator itself.
    for path in sorted((FILES / "bad").iterdir()):
        try:
            onnx.load_model_from_string(path.read_bytes())
            parsed = "parses"
        except Exception as e:  # noqa: BLE001 (any failure of protobuf's)
            parsed = f"does not parse ({type(e).__name__})"
        print(f"{path.name}: {path.stat().st_size} bytes, {parsed}")


if __name__ == "__main__":
    main()
