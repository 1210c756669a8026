#!/usr/bin/python3
"""The example networks of examples/models/, built in real PyTorch.

Writes tests/networks/torch_models.json, which tests/networks/torch_test.cpp
compares with convshape's networks layer by layer:

* every leaf module that has parameters or changes the shape (convolutions,
  transposed convolutions, linear layers, batch norms, pools, flatten), plus
  the U-Net's crops and concatenations, in execution order: its name as
  named_modules() gives it, its output shape as the forward pass produces it,
  its own parameter count, and its multiply-accumulates;
* each model's input and output shapes, sum(p.numel()) over parameters(),
  and the total multiply-accumulates;
* receptive fields measured with autograd, not with a formula: in a float64
  copy of the model with every weight positive, every bias zero, batch norms
  the identity and max pools replaced by average pools of the same window
  (a max pool passes gradient only to its argmax), the input positions whose
  gradient with respect to one output element is nonzero. Their bounding box
  for element p gives the size and the start; elements p and p + 1 give the
  jump. The elements lie in the middle of the map and the input is large
  enough that no field reaches its edges.

Multiply-accumulates count the weights only: a convolution's output elements
times (in_channels / groups) times the window; a transposed convolution's
input elements times (out_channels / groups) times the window; a linear
layer's batch times in_features times out_features. Bias additions are not
counted.

Run from the repository root; about 20 minutes on two cores, most of it the
float64 receptive-field passes through ResNet-50 at 1024x1024:

    /usr/bin/python3 tools/gen/networks_torch.py

Needs Debian's python3-torch (1.13) and python3-torchvision (0.14).
"""

import collections
import copy
import json
import pathlib
import sys

import torch
import torchvision
from torch import nn

OUT = pathlib.Path(__file__).resolve().parents[2] / "tests" / "networks" / "torch_models.json"


def lenet5():
    return nn.Sequential(collections.OrderedDict([
        ("c1", nn.Conv2d(1, 6, 5)), ("tanh1", nn.Tanh()), ("s2", nn.AvgPool2d(2)),
        ("c3", nn.Conv2d(6, 16, 5)), ("tanh2", nn.Tanh()), ("s4", nn.AvgPool2d(2)),
        ("c5", nn.Conv2d(16, 120, 5)), ("tanh3", nn.Tanh()), ("flatten", nn.Flatten()),
        ("f6", nn.Linear(120, 84)), ("tanh4", nn.Tanh()), ("output", nn.Linear(84, 10)),
    ]))


def center_crop(x, like):
    dy = (x.shape[2] - like.shape[2]) // 2
    dx = (x.shape[3] - like.shape[3]) // 2
    return x[:, :, dy:dy + like.shape[2], dx:dx + like.shape[3]]


class UNet(nn.Module):
    """Ronneberger, Fischer and Brox 2015: unpadded convolutions, cropped skips."""

    def __init__(self, classes=2):
        super().__init__()
        widths = [64, 128, 256, 512, 1024]
        c_in = 1
        for level, c in enumerate(widths, 1):
            setattr(self, f"enc{level}a", nn.Conv2d(c_in, c, 3))
            setattr(self, f"enc{level}b", nn.Conv2d(c, c, 3))
            if level < 5:
                setattr(self, f"pool{level}", nn.MaxPool2d(2))
            c_in = c
        for level in (4, 3, 2, 1):
            c = widths[level - 1]
            setattr(self, f"up{level}", nn.ConvTranspose2d(2 * c, c, 2, stride=2))
            setattr(self, f"dec{level}a", nn.Conv2d(2 * c, c, 3))
            setattr(self, f"dec{level}b", nn.Conv2d(c, c, 3))
        self.head = nn.Conv2d(64, classes, 1)
        self.relu = nn.ReLU()
        self.record = None  # set by the generator: called as record(name, kind, output)

    def twice(self, x, a, b):
        return self.relu(getattr(self, b)(self.relu(getattr(self, a)(x))))

    def forward(self, x):
        skips = {}
        for level in range(1, 6):
            x = self.twice(x, f"enc{level}a", f"enc{level}b")
            if level < 5:
                skips[level] = x
                x = getattr(self, f"pool{level}")(x)
        for level in (4, 3, 2, 1):
            up = getattr(self, f"up{level}")(x)
            skip = center_crop(skips[level], up)
            if self.record:
                self.record(f"crop{level}", "crop", skip)
            x = torch.cat([skip, up], dim=1)
            if self.record:
                self.record(f"cat{level}", "cat", x)
            x = self.twice(x, f"dec{level}a", f"dec{level}b")
        return self.head(x)


def dcgan_generator(nz=100, ngf=64, nc=3):
    """The generator of the PyTorch DCGAN tutorial."""
    main = nn.Sequential(
        nn.ConvTranspose2d(nz, ngf * 8, 4, 1, 0, bias=False), nn.BatchNorm2d(ngf * 8), nn.ReLU(True),
        nn.ConvTranspose2d(ngf * 8, ngf * 4, 4, 2, 1, bias=False), nn.BatchNorm2d(ngf * 4), nn.ReLU(True),
        nn.ConvTranspose2d(ngf * 4, ngf * 2, 4, 2, 1, bias=False), nn.BatchNorm2d(ngf * 2), nn.ReLU(True),
        nn.ConvTranspose2d(ngf * 2, ngf, 4, 2, 1, bias=False), nn.BatchNorm2d(ngf), nn.ReLU(True),
        nn.ConvTranspose2d(ngf, nc, 4, 2, 1, bias=False), nn.Tanh())
    return nn.Sequential(collections.OrderedDict([("main", main)]))


# name, builder, input shape, where to measure receptive fields (and the input side to measure them on)
MODELS = [
    ("lenet5", lenet5, (1, 1, 32, 32), [("c5", 64)]),
    ("vgg16", lambda: torchvision.models.vgg16(weights=None), (1, 3, 224, 224), [("features.30", 512)]),
    ("resnet50", lambda: torchvision.models.resnet50(weights=None), (1, 3, 224, 224),
     [("layer1", 256), ("layer2", 512), ("layer3", 768), ("layer4", 1024)]),
    ("unet", UNet, (1, 1, 572, 572), [("enc4b", 572), ("enc5b", 572)]),
    ("dcgan", dcgan_generator, (1, 100, 1, 1), []),
]

RECORDED = (nn.Conv2d, nn.ConvTranspose2d, nn.Linear, nn.BatchNorm2d, nn.MaxPool2d, nn.AvgPool2d,
            nn.AdaptiveAvgPool2d, nn.Flatten)


def macs(module, inputs, output):
    if isinstance(module, nn.Conv2d):
        k = module.kernel_size[0] * module.kernel_size[1]
        return output.numel() * (module.in_channels // module.groups) * k
    if isinstance(module, nn.ConvTranspose2d):
        k = module.kernel_size[0] * module.kernel_size[1]
        return inputs[0].numel() * (module.out_channels // module.groups) * k
    if isinstance(module, nn.Linear):
        return inputs[0].numel() // module.in_features * module.in_features * module.out_features
    return 0


def layers_of(model, shape):
    """Each recorded module's output, in execution order."""
    records = []
    hooks = []
    for name, module in model.named_modules():
        if isinstance(module, RECORDED):
            def hook(m, inputs, output, name=name):
                records.append({"name": name, "type": type(m).__name__, "output": list(output.shape),
                                "params": sum(p.numel() for p in m.parameters(recurse=False)),
                                "macs": macs(m, inputs, output)})
            hooks.append(module.register_forward_hook(hook))
    if isinstance(model, UNet):
        model.record = lambda name, kind, out: records.append(
            {"name": name, "type": kind, "output": list(out.shape), "params": 0, "macs": 0})
    with torch.no_grad():
        output = model(torch.zeros(shape))
    for h in hooks:
        h.remove()
    if isinstance(model, UNet):
        model.record = None
    return records, list(output.shape)


class Stop(Exception):
    pass


def probe_copy(model):
    """A float64 copy whose every path passes a positive gradient."""
    probe = copy.deepcopy(model).double().eval()

    def replace_max_pools(parent):
        for name, child in parent.named_children():
            if isinstance(child, nn.MaxPool2d):
                setattr(parent, name, nn.AvgPool2d(child.kernel_size, child.stride, child.padding,
                                                   ceil_mode=child.ceil_mode, count_include_pad=True))
            else:
                replace_max_pools(child)
    replace_max_pools(probe)
    with torch.no_grad():
        for m in probe.modules():
            if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)):
                m.weight.fill_(1.0 / m.weight[0].numel())
                if m.bias is not None:
                    m.bias.zero_()
            elif isinstance(m, nn.BatchNorm2d):
                m.weight.fill_(1.0)
                m.bias.zero_()
                m.running_mean.zero_()
                m.running_var.fill_(1.0)
    return probe


def receptive_field(model, at, side, channels):
    probe = probe_copy(model)
    captured = {}

    def hook(m, inputs, output):
        captured["out"] = output
        raise Stop()
    handle = dict(probe.named_modules())[at].register_forward_hook(hook)
    x = torch.ones((1, channels, side, side), dtype=torch.float64, requires_grad=True)
    try:
        probe(x)
    except Stop:
        pass
    handle.remove()
    out = captured["out"]
    h, w = out.shape[2], out.shape[3]
    p = (min(h, w) - 1) // 2

    def span(row, col):
        grad, = torch.autograd.grad(out[0, :, row, col].sum(), x, retain_graph=True)
        nonzero = (grad[0].abs().sum(0) > 0).nonzero()
        lo, hi = nonzero.min(0).values.tolist(), nonzero.max(0).values.tolist()
        if min(lo) == 0 or hi[0] == side - 1 or hi[1] == side - 1:
            sys.exit(f"{at}: the field of element {row},{col} reaches the input's edge; grow the input")
        return lo, hi

    lo, hi = span(p, p)
    lo_next, hi_next = span(p + 1, p + 1)
    size = [hi[i] - lo[i] + 1 for i in range(2)]
    if size != [hi_next[i] - lo_next[i] + 1 for i in range(2)]:
        sys.exit(f"{at}: elements {p} and {p + 1} have fields of different sizes")
    jump = [lo_next[i] - lo[i] for i in range(2)]
    return {"at": at, "size": size, "jump": jump, "start": [lo[i] - p * jump[i] for i in range(2)]}


def main():
    torch.manual_seed(0)
    models = []
    for name, build, shape, fields in MODELS:
        model = build().eval()
        layers, output = layers_of(model, shape)
        entry = {
            "model": name, "input": list(shape), "output": output,
            "params": sum(p.numel() for p in model.parameters()),
            "macs": sum(layer["macs"] for layer in layers),
            "layers": layers,
            "receptive_fields": [receptive_field(model, at, side, shape[1]) for at, side in fields],
        }
        models.append(entry)
        fields_text = ", ".join(f"{f['at']} {f['size'][0]} /{f['jump'][0]} @{f['start'][0]}"
                                for f in entry["receptive_fields"])
        print(f"{name}: {entry['params']:,} parameters, {entry['macs']:,} MACs, output {output}; "
              f"receptive fields: {fields_text or '-'}")

    # One layer a line: readable diffs when a framework version changes an answer.
    lines = ["{", f' "framework": "torch {torch.__version__}",', f' "torchvision": "{torchvision.__version__}",',
             ' "models": [']
    for i, m in enumerate(models):
        head = {k: m[k] for k in ("model", "input", "output", "params", "macs")}
        lines.append("  {" + json.dumps(head)[1:-1] + ',\n   "layers": [')
        lines.append(",\n".join("    " + json.dumps(layer) for layer in m["layers"]) + "],")
        lines.append('   "receptive_fields": [' + ", ".join(json.dumps(f) for f in m["receptive_fields"]) + "]}"
                     + ("," if i + 1 < len(models) else ""))
    lines.append(" ]\n}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n")
    json.loads(OUT.read_text())  # well formed
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
