// Names a user's own file may define at namespace scope before it includes
// convshape: single letters, short names and the words of the subject.
// Under -Wshadow, g++ warns where a header's lambda or constructor declares
// one of them; clang++ where a local hides a variable of namespace convshape.
// The header tests define them all before the includes. (No names the C
// library declares globally, such as index, y0 or time.)
#pragma once

int a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t, u, v, w, x, y, z;
int id, in, out, op, fw, rf, lo, hi, mid, pos, src, dst, up, dim, dims, all;
int same, valid, causal, generic, torch, keras, onnx;
int input, inputs, output, outputs, shape, shapes, layer, layers, net, network, model, program, node, nodes;
int tensor, image, images, record, records, reference, params, plan;
int result, results, value, values, error, errors, message, text, name, names, kind, mode, code, info, status;
int size, rank, count, length, total, sum, best, first, last, begin, end, start, step, offset, limit, shift;
int target, source, base, other, from, to, before, after, data, fill;
int kernel, window, stride, strides, padding, pads, pad, dilation, groups, filters, channels, batch, features;
int units, scale, bias, weights, width, height, depth, spatial, crop;
