#!/usr/bin/env python3
"""Writes tests/onnx/expected/NAME.txt: what the ONNX reader must make of each
model of tests/corpus/onnx/ and tests/onnx/files/good/, as python onnx reads
it, one line per fact. tests/onnx/corpus_test.cpp writes the same lines from
convshape's reading (its `dump`) and compares them line by line.

The format, fields separated by tabs:
  model       ir_version  opset  producer_name  producer_version  graph_name
  input       name  type  dims          (dims: 1,3,224,224; unknown: ? or ?param;
                                         no shape: -; a scalar: [])
  output      name  type  dims
  initializer name  type  dims  external|inline [values]
  node        name  op_type  inputs  outputs  attribute=value...   (in the file's
              order, which is topological in every file here but features_opset11)
values: integers in decimal, reals as C's "%.9g", lists joined by commas;
an attribute as kind:value (int, ints, float, floats, string, strings;
tensor: tensor:type[dims] and, when its values are kept, =values). A stored
tensor keeps its values when it is not external, is of an integer, bool,
float or double type, has at most 4096 elements and stores them (the
reader's limits::max_kept_values).

The node lines follow the file; the test puts the reader's nodes (which it
orders) back in file order by their `position` before comparing, and checks
the order separately.

Run with Debian's Python and onnx (python3-onnx 1.12):
/usr/bin/python3 tests/onnx/make_expected.py
"""
import pathlib

import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = pathlib.Path(__file__).resolve().parent
SOURCES = sorted((HERE.parents[0] / "corpus" / "onnx").glob("*.onnx")) + sorted((HERE / "files" / "good").glob("*.onnx"))
OUT = HERE / "expected"
MAX_KEPT = 4096

INTEGER = {TensorProto.UINT8, TensorProto.INT8, TensorProto.UINT16, TensorProto.INT16, TensorProto.INT32,
           TensorProto.INT64, TensorProto.BOOL, TensorProto.UINT32, TensorProto.UINT64}
REAL = {TensorProto.FLOAT, TensorProto.DOUBLE}
TYPE_NAMES = {0: "undefined", 1: "float", 2: "uint8", 3: "int8", 4: "uint16", 5: "int16", 6: "int32", 7: "int64",
              8: "string", 9: "bool", 10: "float16", 11: "double", 12: "uint32", 13: "uint64", 14: "complex64",
              15: "complex128", 16: "bfloat16"}


def real(v):
    return "%.9g" % v


def joined(values, form=str):
    return ",".join(form(v) for v in values)


def stored(t):
    """type[dims], and =values when the reader keeps them."""
    text = f"{TYPE_NAMES[t.data_type]}[{joined(t.dims)}]"
    count = 1
    for d in t.dims:
        count *= d
    external = t.data_location == TensorProto.EXTERNAL
    has_data = t.HasField("raw_data") or any(len(getattr(t, f)) for f in (
        "float_data", "int32_data", "int64_data", "double_data", "uint64_data"))
    if external or t.data_type not in INTEGER | REAL or count > MAX_KEPT or (count > 0 and not has_data):
        return text, None
    values = numpy_helper.to_array(t).flatten().tolist()
    return text, joined(values, real if t.data_type in REAL else lambda v: str(int(v)))


def dims_of(value_info):
    t = value_info.type
    if not t.HasField("tensor_type"):
        return "undefined", "-"
    tt = t.tensor_type
    if not tt.HasField("shape"):
        return TYPE_NAMES[tt.elem_type], "-"
    dims = []
    for d in tt.shape.dim:
        if d.HasField("dim_value") and d.dim_value != -1:
            dims.append(str(d.dim_value))
        else:
            dims.append("?" + (d.dim_param if d.HasField("dim_param") else ""))
    return TYPE_NAMES[tt.elem_type], ",".join(dims) if dims else "[]"


def tensor_attribute(t):
    text, values = stored(t)
    return text + (f"={values}" if values is not None else "")


A = onnx.AttributeProto
# Each attribute kind: its name and how its value is written.
KINDS = {
    A.INT: ("int", lambda a: str(a.i)),
    A.INTS: ("ints", lambda a: joined(a.ints)),
    A.FLOAT: ("float", lambda a: real(a.f)),
    A.FLOATS: ("floats", lambda a: joined(a.floats, real)),
    A.STRING: ("string", lambda a: a.s.decode()),
    A.STRINGS: ("strings", lambda a: joined(s.decode() for s in a.strings)),
    A.TENSOR: ("tensor", lambda a: tensor_attribute(a.t)),
}


def attribute(a):
    kind = a.type
    if kind == A.UNDEFINED:  # as the reader infers it: the one field set
        kind = A.INTS if a.ints else A.FLOATS if a.floats else A.STRINGS if a.strings else None
    if kind not in KINDS:
        raise ValueError(f"attribute {a.name}: kind {a.type} is not in the corpus")
    name, value = KINDS[kind]
    return f"{name}:{value(a)}"


def lines(path):
    m = onnx.load(str(path), load_external_data=False)
    g = m.graph
    opset = next(o.version for o in m.opset_import if o.domain in ("", "ai.onnx"))
    out = ["\t".join(["model", str(m.ir_version), str(opset), m.producer_name, m.producer_version, g.name])]
    initializer_names = {t.name for t in g.initializer}
    for v in g.input:
        if v.name not in initializer_names:
            out.append("\t".join(["input", v.name, *dims_of(v)]))
    for v in g.output:
        out.append("\t".join(["output", v.name, *dims_of(v)]))
    for t in g.initializer:
        text, values = stored(t)
        type_name, dims = text.split("[")
        row = ["initializer", t.name, type_name, dims.rstrip("]"),
               "external" if t.data_location == TensorProto.EXTERNAL else "inline"]
        out.append("\t".join(row + ([values] if values is not None else [])))
    for n in g.node:
        attributes = [f"{a.name}={attribute(a)}" for a in sorted(n.attribute, key=lambda a: a.name)]
        out.append("\t".join(["node", n.name, n.op_type, joined(n.input), joined(n.output), *attributes]))
    return out


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("*.txt"):
        old.unlink()
    for path in SOURCES:
        text = "\n".join(lines(path)) + "\n"
        (OUT / (path.stem + ".txt")).write_text(text)
        print(f"{path.stem}: {text.count(chr(10))} lines")


if __name__ == "__main__":
    main()
