#!/usr/bin/env python3
"""Step 3 of the ONNX corpus: writes tests/corpus/onnx/ops.md and ops.json,
and for the opset sweep tests/corpus/onnx/opsets.md.

Reads only committed files: every tests/corpus/onnx/NAME.onnx (graph only,
loaded without its external data) and NAME.dims.json (ONNX Runtime's dims).
For the engineer who maps ONNX ops to convshape layers it lists

  * per model: the op types and their counts;
  * per op type: where it occurs, input arities, every attribute with the set
    of values seen (and how often it is absent, i.e. the default applies),
    the values of constant inputs (Constant nodes, inline initializers) per
    input slot, and the distinct shape signatures "inputs -> outputs" taken
    from ONNX Runtime's dims;
  * the shape-computing subgraphs (nodes fed only by Shape and Constant), as
    expressions per consuming input slot, e.g. Slice.ends = Mul(Div(...));
  * how onnx.shape_inference (data_prop=True) compares with ONNX Runtime;

and in opsets.md, for the sweep (opsetN/NAME.onnx, NAME.dims.json): per
model and opset the nodes, node outputs and params, and every node form
(op type, the inputs given, the attributes that make the form) whose count
differs between the opsets, 17 included where the main corpus has the model.

    /usr/bin/python3 tools/gen/corpus/onnx_ops.py

Deterministic: the same inputs give the same bytes.
"""

import collections
import glob
import json
import os
import sys

sys.dont_write_bytecode = True

import numpy as np  # noqa: E402
import onnx  # noqa: E402
from onnx import helper, numpy_helper, shape_inference  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
DIR = os.path.join(REPO, "tests", "corpus", "onnx")
OPSET = 17
MAX_SIGS_MD = 12  # shape signatures shown per op in ops.md (all are in ops.json)
MAX_VALUES = 16  # constant tensors up to this many elements are shown by value
DTYPE = {v: k for k, v in onnx.TensorProto.DataType.items()}


def fmt_num(x):
    """Integers as they are; floats (all float32 in ONNX attributes and in
    these tensors) by the shortest text that reads back as the same float32."""
    if isinstance(x, (float, np.floating)):
        return str(np.float32(x))
    return str(int(x))


def fmt_array(a):
    """A constant tensor as a short string: dtype, shape, values."""
    dt = str(a.dtype)
    if a.size <= MAX_VALUES:
        if a.ndim == 0:
            vals = fmt_num(a.item())
        else:
            vals = "[" + ", ".join(fmt_num(v) for v in a.reshape(-1)) + "]"
        return f"{dt}{list(a.shape)} {vals}"
    return f"{dt}{list(a.shape)} (not shown)"


def attr_value(a):
    v = helper.get_attribute_value(a)
    if isinstance(v, bytes):
        return v.decode()
    if isinstance(v, onnx.TensorProto):
        return fmt_array(numpy_helper.to_array(v))
    if isinstance(v, list):
        return "[" + ", ".join(fmt_num(x) if not isinstance(x, bytes) else x.decode() for x in v) + "]"
    if isinstance(v, float):
        return fmt_num(v)
    return str(v)


def input_names(op):
    try:
        schema = onnx.defs.get_schema(op, OPSET)
        return [i.name for i in schema.inputs]
    except Exception:  # noqa: BLE001
        return []


def slot_name(op, k):
    names = input_names(op)
    if k < len(names):
        return names[k]
    return names[-1] if names else f"input{k}"  # variadic (Concat)


class Model:
    def __init__(self, name):
        self.name = name
        self.m = onnx.load(os.path.join(DIR, name + ".onnx"), load_external_data=False)
        with open(os.path.join(DIR, name + ".dims.json")) as f:
            self.dims = json.load(f)
        g = self.m.graph
        self.init = {t.name: t for t in g.initializer}
        self.const = {}  # name -> numpy value, for Constant outputs and inline initializers
        for t in g.initializer:
            if t.data_location != onnx.TensorProto.EXTERNAL:
                self.const[t.name] = numpy_helper.to_array(t)
        self.producer = {}
        for n in g.node:
            for o in n.output:
                self.producer[o] = n
            if n.op_type == "Constant":
                for a in n.attribute:
                    if a.name == "value":
                        self.const[n.output[0]] = numpy_helper.to_array(a.t)
        self.shape = {}
        for name_, d in self.dims["inputs"].items():
            self.shape[name_] = d
        for t in g.initializer:
            self.shape[t.name] = list(t.dims)
        self.shape.update(self.dims["tensors"])
        # Shape data: Shape and Constant nodes, and nodes fed only by shape data.
        self.shape_data = set()
        for n in g.node:
            ins = [i for i in n.input if i]
            if n.op_type in ("Shape", "Constant") or (
                ins and all(i in self.shape_data or (i in self.const and i not in self.init) for i in ins)
            ):
                self.shape_data.update(o for o in n.output if o)

    def expr(self, name, depth=0):
        """The expression that computes a shape-data tensor."""
        if name in self.const:
            return fmt_array(self.const[name]).split(" ", 1)[1] if self.const[name].size <= MAX_VALUES else "const"
        n = self.producer.get(name)
        if n is None or name not in self.shape_data or depth > 12:
            return "X"  # a data tensor (the one whose shape is taken)
        if n.op_type == "Shape":
            return "Shape(X)"
        args = [self.expr(i, depth + 1) if i else "-" for i in n.input]
        attrs = ",".join(f"{a.name}={attr_value(a)}" for a in n.attribute)
        return f"{n.op_type}{'{' + attrs + '}' if attrs else ''}({', '.join(args)})"


def main():
    names = sorted(os.path.basename(p)[: -len(".dims.json")] for p in glob.glob(os.path.join(DIR, "*.dims.json")))
    models = [Model(n) for n in names]
    ort_version = models[0].dims["producer"]["onnxruntime"]

    per_model = {}
    ops = collections.defaultdict(
        lambda: {
            "count": 0,
            "models": collections.Counter(),
            "arity": collections.Counter(),
            "attrs": collections.defaultdict(collections.Counter),
            "const_inputs": collections.defaultdict(collections.Counter),
            "input_kinds": collections.defaultdict(collections.Counter),
            "signatures": collections.Counter(),
            "sig_models": collections.defaultdict(set),
            "extra": collections.Counter(),
        }
    )
    shape_exprs = collections.defaultdict(collections.Counter)  # model -> "Op.slot = expr" -> count
    shape_nodes = {}
    inference = {}

    for md in models:
        g = md.m.graph
        per_model[md.name] = collections.Counter(n.op_type for n in g.node)
        shape_nodes[md.name] = collections.Counter(
            n.op_type for n in g.node if any(o in md.shape_data for o in n.output) and n.op_type != "Constant"
        )
        for n in g.node:
            o = ops[n.op_type]
            o["count"] += 1
            o["models"][md.name] += 1
            if n.op_type == "Concat":  # variadic
                o["arity"][f"{len(n.input)} in"] += 1
            else:
                o["arity"][f"{len(n.input)} in ({', '.join('-' if not i else slot_name(n.op_type, k) for k, i in enumerate(n.input))})"] += 1
            present = set()
            for a in n.attribute:
                o["attrs"][a.name][attr_value(a)] += 1
                present.add(a.name)
            try:
                for a in [] if n.op_type == "Constant" else onnx.defs.get_schema(n.op_type, OPSET).attributes:
                    if a not in present:
                        o["attrs"][a]["(absent)"] += 1
            except Exception:  # noqa: BLE001
                pass
            for k, i in enumerate(n.input):
                slot = slot_name(n.op_type, k)
                if not i:
                    o["input_kinds"][slot]["absent (empty name)"] += 1
                elif i in md.init:
                    t = md.init[i]
                    kind = "initializer (external)" if t.data_location == onnx.TensorProto.EXTERNAL else "initializer (inline)"
                    o["input_kinds"][slot][f"{kind} {DTYPE[t.data_type].lower()}"] += 1
                elif i in md.const:
                    o["input_kinds"][slot]["Constant node"] += 1
                    o["const_inputs"][slot][fmt_array(md.const[i])] += 1
                elif i in md.shape_data:
                    o["input_kinds"][slot]["computed shape data"] += 1
                elif i in md.dims["inputs"]:
                    o["input_kinds"][slot]["graph input"] += 1
                else:
                    o["input_kinds"][slot]["tensor"] += 1
                if i in md.shape_data and i not in md.const and n.output[0] not in md.shape_data:
                    shape_exprs[md.name][f"{n.op_type}.{slot} = {md.expr(i)}"] += 1
            if n.op_type == "Constant":
                continue
            ins = " , ".join(json.dumps(md.shape.get(i, "?")).replace(" ", "") if i else "-" for i in n.input)
            outs = " , ".join(json.dumps(md.shape.get(x, "?")).replace(" ", "") for x in n.output if x)
            sig = f"{ins} -> {outs}"
            o["signatures"][sig] += 1
            o["sig_models"][sig].add(md.name)
            # Derived classes that attributes alone do not show.
            attrs = {a.name: helper.get_attribute_value(a) for a in n.attribute}
            if n.op_type in ("Conv", "ConvTranspose"):
                cin = md.shape[n.input[0]][1]
                cout = md.shape[n.output[0]][1]
                grp = attrs.get("group", 1)
                cls = "group=1" if grp == 1 else ("depthwise (group = C_in = C_out)" if grp == cin == cout else f"grouped (1 < group < C_in) group={grp}")
                o["extra"][cls] += 1
                pads = attrs.get("pads")
                if pads is not None:
                    h = len(pads) // 2
                    o["extra"]["pads symmetric" if list(pads[:h]) == list(pads[h:]) else "pads asymmetric"] += 1
                o["extra"]["with bias" if len(n.input) > 2 and n.input[2] else "no bias"] += 1
            if n.op_type in ("Add", "Mul", "Div", "Sub") and n.output[0] not in md.shape_data:
                a_, b_ = (md.shape.get(i) for i in n.input)
                o["extra"]["same shape" if a_ == b_ else "broadcast"] += 1
            if n.op_type in ("Add", "Mul", "Div", "Sub", "Gather", "Slice", "Concat") and n.output[0] in md.shape_data:
                o["extra"]["on shape data (shape computation)"] += 1

        # ONNX shape inference (the onnx package) against ONNX Runtime.
        inf = shape_inference.infer_shapes(md.m, check_type=False, strict_mode=False, data_prop=True)
        known = {}
        for vi in list(inf.graph.value_info) + list(inf.graph.output):
            t = vi.type.tensor_type
            if t.HasField("shape"):
                known[vi.name] = [d.dim_value if d.HasField("dim_value") else None for d in t.shape.dim]
        res = {"match": 0, "missing": [], "partial": [], "differ": []}
        for tname, d in md.dims["tensors"].items():
            k = known.get(tname)
            if k is None:
                res["missing"].append(tname)
            elif None in k:
                res["partial"].append(tname)
            elif k != d:
                res["differ"].append(tname)
            else:
                res["match"] += 1
        inference[md.name] = res

    # ------------------------------------------------------------------ JSON
    out = {
        "opset": OPSET,
        "onnxruntime": ort_version,
        "onnx": onnx.__version__,
        "models": {n: dict(sorted(c.items())) for n, c in per_model.items()},
        "ops": {},
        "shape_computations": {n: dict(sorted(c.items())) for n, c in shape_exprs.items()},
        "shape_inference_vs_ort": {
            n: {"match": r["match"], "missing": r["missing"], "partial": r["partial"], "differ": r["differ"]}
            for n, r in inference.items()
        },
    }
    for op in sorted(ops):
        o = ops[op]
        out["ops"][op] = {
            "count": o["count"],
            "models": dict(sorted(o["models"].items())),
            "arity": dict(sorted(o["arity"].items())),
            "attributes": {a: dict(sorted(v.items())) for a, v in sorted(o["attrs"].items())},
            "input_kinds": {s: dict(sorted(v.items())) for s, v in o["input_kinds"].items()},
            "constant_inputs": {s: dict(sorted(v.items())) for s, v in o["const_inputs"].items()},
            "derived": dict(sorted(o["extra"].items())),
            "signatures": {s: {"count": c, "models": sorted(o["sig_models"][s])} for s, c in sorted(o["signatures"].items())},
        }
    with open(os.path.join(DIR, "ops.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=False)
        f.write("\n")

    # ------------------------------------------------------------------ Markdown
    L = []
    w = L.append
    w("# Op inventory of the ONNX corpus")
    w("")
    w("Generated by `tools/gen/corpus/onnx_ops.py` from the committed `NAME.onnx` graphs and")
    w(f"`NAME.dims.json` (ONNX Runtime {ort_version} dims); do not edit by hand. Everything here is")
    w("also in `ops.json`, there with every shape signature. Exported by PyTorch 1.13 /")
    w(f"torchvision 0.14 at opset {OPSET}, batch 1, eval mode, `do_constant_folding=True`.")
    w("")
    w("Notation: shapes are ONNX Runtime's output dims; a signature lists the input shapes")
    w("(`-` for an omitted optional input), `->`, then the output shapes. `(absent)` counts")
    w("nodes without that attribute (the default applies). Constant inputs are shown as")
    w("`dtype[shape] values`.")
    w("")
    w("## Models")
    w("")
    w("| model | nodes | params | inputs | outputs | ops |")
    w("|---|---:|---:|---|---|---|")
    for md in models:
        d = md.dims
        ins = ", ".join(f"`{k}` {v}" for k, v in d["inputs"].items())
        outs = ", ".join(f"`{k}` {v}" for k, v in d["outputs"].items())
        opsl = ", ".join(f"{k} {v}" for k, v in sorted(per_model[md.name].items(), key=lambda kv: (-kv[1], kv[0])))
        w(f"| {md.name} | {d['nodes']} | {d['params']:,} | {ins} | {outs} | {opsl} |")
    w("")
    w("## Op types over the corpus")
    w("")
    w("| op | nodes | models |")
    w("|---|---:|---|")
    for op in sorted(ops, key=lambda k: (-ops[k]["count"], k)):
        o = ops[op]
        w(f"| {op} | {o['count']} | {', '.join(f'{m} ({c})' for m, c in sorted(o['models'].items()))} |")
    w("")
    w("## Per op type")
    for op in sorted(ops):
        o = ops[op]
        w("")
        w(f"### {op}")
        w("")
        w(f"{o['count']} nodes in {len(o['models'])} models: {', '.join(f'{m} ({c})' for m, c in sorted(o['models'].items()))}.")
        w("")
        w("- arity: " + "; ".join(f"{k}: {v}" for k, v in sorted(o["arity"].items(), key=lambda kv: (int(kv[0].split()[0]), kv[0]))))
        for slot, kinds in o["input_kinds"].items():
            w(f"- input `{slot}`: " + "; ".join(f"{k}: {v}" for k, v in sorted(kinds.items())))
        if o["attrs"]:
            w("- attributes:")
            for a, vals in sorted(o["attrs"].items()):
                w(f"  - `{a}`: " + "; ".join(f"`{k}` ×{v}" for k, v in sorted(vals.items(), key=lambda kv: (-kv[1], kv[0]))))
        else:
            w("- attributes: none in the schema")
        for slot, vals in o["const_inputs"].items():
            w(f"- constant `{slot}` values: " + "; ".join(f"`{k}` ×{v}" for k, v in sorted(vals.items(), key=lambda kv: (-kv[1], kv[0]))))
        if o["extra"]:
            w("- derived: " + "; ".join(f"{k}: {v}" for k, v in sorted(o["extra"].items())))
        if op != "Constant":
            sigs = sorted(o["signatures"].items(), key=lambda kv: (-kv[1], kv[0]))
            w(f"- shape signatures ({len(sigs)} distinct{', most frequent first' if len(sigs) > 1 else ''}):")
            for s, c in sigs[:MAX_SIGS_MD]:
                ms = sorted(o["sig_models"][s])
                w(f"  - `{s}` ×{c} ({', '.join(ms[:4])}{', …' if len(ms) > 4 else ''})")
            if len(sigs) > MAX_SIGS_MD:
                w(f"  - … {len(sigs) - MAX_SIGS_MD} more in ops.json")
    w("")
    w("## Shape computations")
    w("")
    w("Nodes whose inputs are all Shape outputs or constants compute shape data at run time")
    w("(all of it is static here: batch 1, fixed input). Below, per model, the op types of")
    w("those nodes (Constant excluded) and every distinct expression that feeds a data op's")
    w("input slot; `X` is the data tensor whose shape is read.")
    for md in models:
        if not shape_exprs[md.name]:
            continue
        w("")
        w(f"**{md.name}**: " + ", ".join(f"{k} {v}" for k, v in sorted(shape_nodes[md.name].items())))
        w("")
        for e, c in sorted(shape_exprs[md.name].items(), key=lambda kv: (-kv[1], kv[0])):
            w(f"- ×{c} `{e}`")
    w("")
    w("## onnx.shape_inference against ONNX Runtime")
    w("")
    w(f"`onnx.shape_inference.infer_shapes(model, data_prop=True)` (onnx {onnx.__version__}) on the graph")
    w("alone, compared per node output with the dims ONNX Runtime produced.")
    w("")
    w("| model | tensors | match | no shape | partial shape | different |")
    w("|---|---:|---:|---:|---:|---:|")
    for md in models:
        r = inference[md.name]
        n = len(md.dims["tensors"])
        w(f"| {md.name} | {n} | {r['match']} | {len(r['missing'])} | {len(r['partial'])} | {len(r['differ'])} |")
    roots = []
    for md in models:
        r = inference[md.name]
        bad = set(r["missing"]) | set(r["partial"]) | set(r["differ"])
        for t in r["missing"] + r["partial"] + r["differ"]:
            n = md.producer[t]
            if not any(i in bad for i in n.input):
                kind = "no shape" if t in r["missing"] else ("partial" if t in r["partial"] else "different")
                ins = ", ".join(f"`{md.expr(i) if i in md.shape_data else json.dumps(md.shape.get(i))}`" for i in n.input if i)
                roots.append(f"- {md.name}: {kind}: {n.op_type} `{t}`, inputs {ins}")
    if roots:
        w("")
        w("Where inference first fails (the other failures follow from these):")
        w("")
        L.extend(roots)
    with open(os.path.join(DIR, "ops.md"), "w") as f:
        f.write("\n".join(L) + "\n")
    print(f"wrote ops.md and ops.json for {len(models)} models, {len(ops)} op types")


# ---------------------------------------------------------------------------
# The opset sweep: opsets.md

# Ops whose attributes are each node's geometry or data, not its form: only
# the attribute names count.
GEOMETRY_OPS = {"Conv", "ConvTranspose", "MaxPool", "AveragePool", "Gemm", "BatchNormalization", "Constant", "Concat",
                "Gather", "Transpose"}


def node_form(n, opset):
    """An op type, the input slots given, and the attributes that make its form."""
    try:
        names = [i.name for i in onnx.defs.get_schema(n.op_type, opset).inputs]
    except Exception:  # noqa: BLE001
        names = []
    slots = []
    for k, i in enumerate(n.input):
        name = names[k] if k < len(names) else (names[-1] if names else f"input{k}")
        slots.append(name if i else "-")
    attrs = []
    for a in sorted(n.attribute, key=lambda a: a.name):
        attrs.append(a.name if n.op_type in GEOMETRY_OPS else f"{a.name}={attr_value(a)}")
    return f"{n.op_type}({', '.join(slots)})" + ("" if not attrs else " " + " ".join(attrs))


def write_opsets():
    sweep = sorted(
        (int(os.path.basename(d)[5:]), d) for d in glob.glob(os.path.join(DIR, "opset*")) if os.path.isdir(d)
    )
    if not sweep:
        return
    opsets = [o for o, _ in sweep]
    names = sorted({os.path.basename(p)[: -len(".dims.json")] for _, d in sweep for p in glob.glob(os.path.join(d, "*.dims.json"))})
    L = []
    w = L.append
    w("# The opset sweep: how the exports differ by opset")
    w("")
    w("Generated by `tools/gen/corpus/onnx_ops.py` from the committed `opsetN/NAME.onnx` graphs and")
    w("`opsetN/NAME.dims.json` (and, for opset 17, the main corpus's `NAME.onnx`); do not edit by hand.")
    w("Exported by PyTorch 1.13 / torchvision 0.14 as the main corpus is, at opsets")
    w(f"{', '.join(map(str, opsets))}.")
    w("")
    w("Per model: nodes, node outputs (all in `NAME.dims.json`, as ONNX Runtime computed them) and")
    w("params (initializer elements) per opset; then every node form whose count differs between")
    w("the opsets. A form is the op type, its inputs by the schema's names (`-` for an omitted")
    w("optional one) and its attributes: with their values, except for ops whose attributes are")
    w("each node's geometry (" + ", ".join(sorted(GEOMETRY_OPS)) + "), where only their names count.")
    for name in names:
        files = [(o, os.path.join(d, name)) for o, d in sweep]
        main_file = os.path.join(DIR, name)
        if os.path.exists(main_file + ".onnx"):
            files.append((OPSET, main_file))
        shown = [o for o, f in files if os.path.exists(f + ".onnx")]
        counts = {}
        stats = {}
        for o, f in files:
            if not os.path.exists(f + ".onnx"):
                continue
            m = onnx.load(f + ".onnx", load_external_data=False)
            with open(f + ".dims.json") as fh:
                dims = json.load(fh)
            stats[o] = (len(m.graph.node), len(dims["tensors"]), dims["params"])
            counts[o] = collections.Counter(node_form(n, o) for n in m.graph.node)
        w("")
        w(f"## {name}")
        w("")
        w("| opset | " + " | ".join(str(o) for o in shown) + " |")
        w("|---|" + "---:|" * len(shown))
        for k, label in enumerate(("nodes", "node outputs", "params")):
            w(f"| {label} | " + " | ".join(f"{stats[o][k]:,}" for o in shown) + " |")
        forms = sorted({f for c in counts.values() for f in c})
        differing = [f for f in forms if len({counts[o][f] for o in shown}) > 1]
        w("")
        if not differing:
            w("Every node form has the same count at every opset.")
            continue
        w("| node form | " + " | ".join(str(o) for o in shown) + " |")
        w("|---|" + "---:|" * len(shown))
        for f in differing:
            w(f"| `{f}` | " + " | ".join(str(counts[o][f]) for o in shown) + " |")
    with open(os.path.join(DIR, "opsets.md"), "w") as f:
        f.write("\n".join(L) + "\n")
    print(f"wrote opsets.md for {len(names)} models at opsets {', '.join(map(str, opsets))}")


if __name__ == "__main__":
    main()
    write_opsets()
