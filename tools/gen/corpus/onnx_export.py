#!/usr/bin/env python3
"""Step 1 of the ONNX corpus: export the models to ONNX (opset 17, and the
opset sweep: a subset at opsets 11, 13 and 15).

For every model (torchvision 0.14 architectures with random weights, plus a
DCGAN generator and a small U-Net defined below; in the sweep also
export_forms, defined below) this script

  1. builds the model with a fixed seed, weights=None (nothing is downloaded),
     and puts it in eval mode;
  2. adds tiny fixed-seed noise to every floating-point parameter and buffer,
     so that no two tensors are equal (otherwise the exporter's deduplication
     folds equal tensors into Identity nodes that trained models don't have);
  3. exports with torch.onnx.export(opset_version=OPSET, do_constant_folding=True)
     at batch 1 and a static input shape (OPSET: --opset, 17 by default);
  4. saves WORK/NAME.onnx with every floating-point initializer in the
     external file WORK/NAME.onnx.data (all of them, however small); integer
     initializers (shape data: Reshape targets, Slice starts, axes) stay
     inline, as do Constant nodes;
  5. copies the graph-only WORK/NAME.onnx to tests/corpus/onnx/NAME.onnx (its
     float initializers keep dims and data_type but point at the absent
     NAME.onnx.data); at another opset, WORK is WORK/opsetOPSET and the copy
     goes to tests/corpus/onnx/opsetOPSET/NAME.onnx;
  6. writes WORK/NAME.probe.onnx: the same graph whose graph outputs are every
     node output (element types from onnx.shape_inference), for ort_probe.js;
     it refers to the same NAME.onnx.data, so WORK must be kept together;
  7. writes WORK/NAME.meta.json: model, opset, the corpus folder, inputs,
     params, nodes, and the node outputs in node order.

Run (Debian python3 with python3-torch, python3-torchvision, python3-onnx):

    /usr/bin/python3 tools/gen/corpus/onnx_export.py --work /tmp/convshape-corpus [NAME ...]
    /usr/bin/python3 tools/gen/corpus/onnx_export.py --work /tmp/convshape-corpus --opset 11 [NAME ...]

then `node tools/gen/corpus/ort_probe.js /tmp/convshape-corpus` (it also
probes the WORK/opsetN folders) and `/usr/bin/python3
tools/gen/corpus/onnx_ops.py`; see README.md. Without names, opset 17
exports MODELS and another opset SWEEP.
"""

import argparse
import json
import os
import shutil
import sys

sys.dont_write_bytecode = True

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402
import torchvision  # noqa: E402
import onnx  # noqa: E402
from onnx import external_data_helper, shape_inference  # noqa: E402

OPSET = 17  # the main corpus's
SWEEP_OPSETS = (11, 13, 15)  # the opset sweep's (tests/corpus/onnx/opsetN/)
SEED = 20250118
NOISE = 1e-3  # relative size of the perturbation
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
OUT = os.path.join(REPO, "tests", "corpus", "onnx")
FLOAT_TYPES = (onnx.TensorProto.FLOAT, onnx.TensorProto.FLOAT16, onnx.TensorProto.DOUBLE, onnx.TensorProto.BFLOAT16)


# ---------------------------------------------------------------------------
# The two models of our own


class DCGANGenerator(nn.Module):
    """The DCGAN generator of Radford et al. (PyTorch's DCGAN example):
    latent 100x1x1 -> 3x64x64 by five ConvTranspose2d layers."""

    def __init__(self, nz=100, ngf=64, nc=3):
        super().__init__()
        self.main = nn.Sequential(
            nn.ConvTranspose2d(nz, ngf * 8, 4, 1, 0, bias=False),  # 4x4
            nn.BatchNorm2d(ngf * 8),
            nn.ReLU(True),
            nn.ConvTranspose2d(ngf * 8, ngf * 4, 4, 2, 1, bias=False),  # 8x8
            nn.BatchNorm2d(ngf * 4),
            nn.ReLU(True),
            nn.ConvTranspose2d(ngf * 4, ngf * 2, 4, 2, 1, bias=False),  # 16x16
            nn.BatchNorm2d(ngf * 2),
            nn.ReLU(True),
            nn.ConvTranspose2d(ngf * 2, ngf, 4, 2, 1, bias=False),  # 32x32
            nn.BatchNorm2d(ngf),
            nn.ReLU(True),
            nn.ConvTranspose2d(ngf, nc, 4, 2, 1, bias=False),  # 64x64
            nn.Tanh(),
        )

    def forward(self, z):
        return self.main(z)


def double_conv(cin, cout):
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, padding=1, bias=False),
        nn.BatchNorm2d(cout),
        nn.ReLU(inplace=True),
        nn.Conv2d(cout, cout, 3, padding=1, bias=False),
        nn.BatchNorm2d(cout),
        nn.ReLU(inplace=True),
    )


class SmallUNet(nn.Module):
    """A three-level U-Net: double 3x3 convs and 2x2 max pools down; up by
    ConvTranspose2d(k=2, s=2) on the two lower levels and by
    Upsample(nearest, x2) + 1x1 conv on the top level; torch.cat skips."""

    def __init__(self, cin=3, classes=2, f=16):
        super().__init__()
        self.enc1 = double_conv(cin, f)
        self.enc2 = double_conv(f, 2 * f)
        self.enc3 = double_conv(2 * f, 4 * f)
        self.pool = nn.MaxPool2d(2)
        self.bottleneck = double_conv(4 * f, 8 * f)
        self.up3 = nn.ConvTranspose2d(8 * f, 4 * f, 2, stride=2)
        self.dec3 = double_conv(8 * f, 4 * f)
        self.up2 = nn.ConvTranspose2d(4 * f, 2 * f, 2, stride=2)
        self.dec2 = double_conv(4 * f, 2 * f)
        self.up1 = nn.Sequential(nn.Upsample(scale_factor=2, mode="nearest"), nn.Conv2d(2 * f, f, 1))
        self.dec1 = double_conv(2 * f, f)
        self.head = nn.Conv2d(f, classes, 1)

    def forward(self, x):
        e1 = self.enc1(x)
        e2 = self.enc2(self.pool(e1))
        e3 = self.enc3(self.pool(e2))
        b = self.bottleneck(self.pool(e3))
        d3 = self.dec3(torch.cat([self.up3(b), e3], dim=1))
        d2 = self.dec2(torch.cat([self.up2(d3), e2], dim=1))
        d1 = self.dec1(torch.cat([self.up1(d2), e1], dim=1))
        return self.head(d1)


class ExportForms(nn.Module):
    """Exported forms that the torchvision subset of the sweep lacks, on a
    1x3x64x64 input: ReLU6 (Clip); a channels-first layer norm written out
    as ConvNeXt's reference code writes it (mean over dim 1, the variance,
    a [C,1,1] scale and shift); torch.split of the channels into unequal
    parts and chunk into equal ones (Split, whose sizes are an attribute
    before opset 13 and an input from it on); hardswish on a map; a mean
    over the spatial dims with keepdim (ReduceMean with axes); squeeze and
    unsqueeze of the pooled features one axis at a time (Squeeze and
    Unsqueeze, axes an attribute before opset 13), with GELU (decomposed:
    Div, Erf, Add, Mul, Mul) and hardswish on flat features between;
    reflect padding; upsampling by a whole and by a fractional scale."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 32, 3, stride=2, padding=1)  # 32x32
        self.norm_weight = nn.Parameter(torch.ones(32))
        self.norm_bias = nn.Parameter(torch.zeros(32))
        self.a = nn.Conv2d(8, 8, 3, padding=1)
        self.b = nn.Conv2d(16, 16, 3, padding=1, groups=16)
        self.fc1 = nn.Linear(32, 16)
        self.fc2 = nn.Linear(16, 32)
        self.head = nn.Conv2d(32, 4, 1)

    def forward(self, x):
        x = F.relu6(self.stem(x))
        u = x.mean(1, keepdim=True)
        s = (x - u).pow(2).mean(1, keepdim=True)
        x = (x - u) / torch.sqrt(s + 1e-6)
        x = self.norm_weight[:, None, None] * x + self.norm_bias[:, None, None]
        a, b, c = torch.split(x, [8, 16, 8], dim=1)
        y = torch.cat([self.a(a), self.b(b), F.hardswish(c)], 1)
        p, q = y.chunk(2, dim=1)
        y = torch.cat([q, p], 1)
        s = y.mean((2, 3), keepdim=True).squeeze(-1).squeeze(-1)
        s = F.hardswish(self.fc2(F.gelu(self.fc1(s))))
        y = y * torch.sigmoid(s).unsqueeze(-1).unsqueeze(-1)
        y = F.pad(y, (1, 1, 1, 1), mode="reflect")  # 34x34
        y = F.interpolate(y, scale_factor=2, mode="bilinear", align_corners=False)  # 68x68
        y = F.interpolate(y, scale_factor=1.5, mode="nearest")  # 102x102
        return self.head(y)


class OutOnly(nn.Module):
    """fcn_resnet50 returns {"out": tensor}; export just the tensor."""

    def __init__(self, inner):
        super().__init__()
        self.inner = inner

    def forward(self, x):
        return self.inner(x)["out"]


# ---------------------------------------------------------------------------
# The corpus: name -> (constructor, input shape)

tv = torchvision.models
MODELS = {
    "alexnet": (lambda: tv.alexnet(weights=None), [1, 3, 224, 224]),
    "vgg16": (lambda: tv.vgg16(weights=None), [1, 3, 224, 224]),
    "resnet18": (lambda: tv.resnet18(weights=None), [1, 3, 224, 224]),
    "resnet50": (lambda: tv.resnet50(weights=None), [1, 3, 224, 224]),
    "squeezenet1_0": (lambda: tv.squeezenet1_0(weights=None), [1, 3, 224, 224]),
    "densenet121": (lambda: tv.densenet121(weights=None), [1, 3, 224, 224]),
    "inception_v3": (
        lambda: tv.inception_v3(weights=None, aux_logits=False, init_weights=False),
        [1, 3, 299, 299],
    ),
    "mobilenet_v2": (lambda: tv.mobilenet_v2(weights=None), [1, 3, 224, 224]),
    "mobilenet_v3_small": (lambda: tv.mobilenet_v3_small(weights=None), [1, 3, 224, 224]),
    "efficientnet_b0": (lambda: tv.efficientnet_b0(weights=None), [1, 3, 224, 224]),
    "shufflenet_v2_x1_0": (lambda: tv.shufflenet_v2_x1_0(weights=None), [1, 3, 224, 224]),
    "convnext_tiny": (lambda: tv.convnext_tiny(weights=None), [1, 3, 224, 224]),
    "fcn_resnet50": (
        lambda: OutOnly(tv.segmentation.fcn_resnet50(weights=None, weights_backbone=None, aux_loss=False)),
        [1, 3, 224, 224],
    ),
    "dcgan_generator": (lambda: DCGANGenerator(), [1, 100, 1, 1]),
    "unet": (lambda: SmallUNet(), [1, 3, 128, 128]),
}
INPUT_NAME = {"dcgan_generator": "z"}

# The opset sweep: a subset of MODELS, and models of the sweep alone, exported
# at each of SWEEP_OPSETS into tests/corpus/onnx/opsetN/.
SWEEP_ONLY = {"export_forms": (lambda: ExportForms(), [1, 3, 64, 64])}
SWEEP = [
    "resnet18",
    "squeezenet1_0",
    "mobilenet_v2",
    "mobilenet_v3_small",
    "efficientnet_b0",
    "shufflenet_v2_x1_0",
    "inception_v3",
    "convnext_tiny",
    "fcn_resnet50",
    "dcgan_generator",
    "unet",
    "export_forms",
]


def perturb(model, seed):
    """Adds noise of relative size NOISE to every float parameter and buffer
    (num_batches_tracked and other integer buffers are left alone)."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for _, t in list(model.named_parameters()) + list(model.named_buffers()):
            if not t.is_floating_point():
                continue
            scale = NOISE * (t.abs().mean().item() + 1e-2)
            t.add_(torch.randn(t.shape, generator=g, dtype=t.dtype) * scale)


def dims_of(value_info):
    t = value_info.type.tensor_type
    return [d.dim_value if d.HasField("dim_value") else d.dim_param for d in t.shape.dim]


def corpus_dir(opset):
    """tests/corpus/onnx for the main corpus, tests/corpus/onnx/opsetN for the sweep."""
    return "" if opset == OPSET else f"opset{opset}"


def export(name, work, opset):
    ctor, shape = {**MODELS, **SWEEP_ONLY}[name]
    out = os.path.join(OUT, corpus_dir(opset))
    torch.manual_seed(SEED)
    model = ctor().eval()
    perturb(model, SEED + 1)
    x = torch.randn(*shape, generator=torch.Generator().manual_seed(SEED + 2))
    raw = os.path.join(work, name + ".raw.onnx")
    input_name = INPUT_NAME.get(name, "input")
    with torch.no_grad():
        torch.onnx.export(
            model,
            (x,),
            raw,
            opset_version=opset,
            do_constant_folding=True,
            input_names=[input_name],
            output_names=["output"],
            export_params=True,
        )
    m = onnx.load(raw)
    os.remove(raw)
    onnx.checker.check_model(m)
    m.producer_name = "pytorch"  # already so; kept explicit
    data_name = name + ".onnx.data"
    for f in (name + ".onnx", data_name):
        if os.path.exists(os.path.join(work, f)):
            os.remove(os.path.join(work, f))

    # Shape inference on the full model, for the probe's output types.
    inferred = shape_inference.infer_shapes(m)
    types = {}
    for vi in list(inferred.graph.value_info) + list(inferred.graph.output) + list(inferred.graph.input):
        types[vi.name] = vi.type.tensor_type.elem_type

    init_names = {t.name for t in m.graph.initializer}
    params = 0
    for t in m.graph.initializer:
        n = 1
        for d in t.dims:
            n *= d
        params += n
    inputs = {i.name: dims_of(i) for i in m.graph.input if i.name not in init_names}
    outputs = []
    for node in m.graph.node:
        for o in node.output:
            if o:
                outputs.append(o)

    path = os.path.join(work, name + ".onnx")
    # Every floating-point initializer goes to NAME.onnx.data, however small.
    # Integer initializers (Reshape shapes, Slice starts, Unsqueeze axes: the
    # data that shapes depend on) stay inline. Constant nodes stay inline too.
    external_data_helper.convert_model_to_external_data(
        m, all_tensors_to_one_file=True, location=data_name, size_threshold=0, convert_attribute=False
    )
    for t in m.graph.initializer:
        if t.data_type not in FLOAT_TYPES:
            t.data_location = onnx.TensorProto.DEFAULT
            del t.external_data[:]
    onnx.save_model(m, path)  # writes the external tensors next to path
    os.makedirs(out, exist_ok=True)
    shutil.copyfile(path, os.path.join(out, name + ".onnx"))

    # The probe: graph-only copy whose outputs are all node outputs.
    g = onnx.load(path, load_external_data=False)
    existing = {o.name for o in g.graph.output}
    missing = []
    for o in outputs:
        if o in existing:
            continue
        et = types.get(o, 0)
        if et == 0:
            missing.append(o)
            et = onnx.TensorProto.FLOAT
        g.graph.output.append(onnx.helper.make_tensor_value_info(o, et, None))
    if missing:
        print(f"{name}: no inferred type for {missing}, FLOAT assumed", file=sys.stderr)
    onnx.save_model(g, os.path.join(work, name + ".probe.onnx"))

    meta = {
        "model": name,
        "opset": opset,
        "corpus_dir": corpus_dir(opset),  # under tests/corpus/onnx
        "inputs": inputs,
        "params": params,
        "nodes": len(m.graph.node),
        # PyTorch's count (model.parameters()): differs from params where the
        # exporter folded BatchNormalization into the preceding Conv.
        "torch_params": sum(p.numel() for p in model.parameters()),
        "outputs": outputs,
        "graph_outputs": {o.name: dims_of(o) for o in m.graph.output},
        "torch": torch.__version__,
        "torchvision": torchvision.__version__,
        "onnx": onnx.__version__,
    }
    with open(os.path.join(work, name + ".meta.json"), "w") as f:
        json.dump(meta, f, indent=1)
    print(f"{name}: {len(m.graph.node)} nodes, {params} params, {len(outputs)} node outputs", flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", required=True, help="directory for weights and probe models (not committed)")
    ap.add_argument("--opset", type=int, default=OPSET, choices=(OPSET,) + SWEEP_OPSETS,
                    help=f"opset to export at (default {OPSET}; the sweep's: {', '.join(map(str, SWEEP_OPSETS))})")
    ap.add_argument("names", nargs="*", help="models to export (default: all of MODELS, or of SWEEP at a sweep opset)")
    args = ap.parse_args()
    work = os.path.join(args.work, corpus_dir(args.opset))
    os.makedirs(work, exist_ok=True)
    torch.set_num_threads(1)
    known = MODELS if args.opset == OPSET else SWEEP
    for name in args.names or known:
        if name not in known:
            ap.error(f"{name} is not exported at opset {args.opset}")
        export(name, work, args.opset)


if __name__ == "__main__":
    main()
