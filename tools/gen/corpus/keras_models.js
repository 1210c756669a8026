// The Keras corpus: seven models built with the TensorFlow.js layers API
// (@tensorflow/tfjs 4.22.0, channels-last), written to tests/corpus/keras/:
//
//   NAME.model.json     a TF.js model.json ("format": "layers-model",
//                       "modelTopology", "weightsManifest"); the weights file it
//                       names (NAME.weights.bin) is not written
//   NAME.keras.json     the modelTopology object alone: the Keras 2
//                       model.to_json() format {"class_name", "config",
//                       "keras_version", "backend"}
//   NAME.expected.json  every layer's outputShape (batch as null) and
//                       countParams(), the totals, and the shapes seen when the
//                       model is run on a random batch
//
//   cd tools/gen && npm install --ignore-scripts
//   node tools/gen/corpus/keras_models.js
//
// Every layer is named explicitly, so the files do not depend on tfjs's
// global name counters; a rerun writes the same bytes.
const fs = require('fs');
const path = require('path');
const tf = require(path.join(__dirname, '..', 'node_modules', '@tensorflow', 'tfjs'));

const OUT = path.join(__dirname, '..', '..', '..', 'tests', 'corpus', 'keras');
const RUN_BATCH = 2;

// ---------------------------------------------------------------------------
// The models

function plainCnn() {
  const L = tf.layers;
  return tf.sequential({
    name: 'plain_cnn',
    layers: [
      L.conv2d({name: 'conv1', inputShape: [32, 32, 3], filters: 16, kernelSize: 3, padding: 'same'}),
      L.batchNormalization({name: 'bn1'}),
      L.activation({name: 'act1', activation: 'relu'}),
      L.maxPooling2d({name: 'pool1', poolSize: 2}),
      L.conv2d({name: 'conv2', filters: 32, kernelSize: 3, padding: 'valid', useBias: false}),
      L.batchNormalization({name: 'bn2'}),
      L.reLU({name: 'relu2'}),
      L.maxPooling2d({name: 'pool2', poolSize: 3, strides: 2, padding: 'same'}),
      L.conv2d({name: 'conv3', filters: 64, kernelSize: [5, 3], strides: [2, 1], padding: 'valid', activation: 'relu'}),
      L.averagePooling2d({name: 'pool3', poolSize: 2, strides: 1, padding: 'valid'}),
      L.dropout({name: 'drop1', rate: 0.25}),
      L.flatten({name: 'flatten'}),
      L.dense({name: 'fc1', units: 64, activation: 'relu'}),
      L.dropout({name: 'drop2', rate: 0.5}),
      L.dense({name: 'fc2', units: 10, activation: 'softmax'}),
    ],
  });
}

function convAutoencoder() {
  const L = tf.layers;
  return tf.sequential({
    name: 'conv_autoencoder',
    layers: [
      L.conv2d({name: 'enc1', inputShape: [28, 28, 1], filters: 16, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu'}),
      L.conv2d({name: 'enc2', filters: 8, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu'}),
      L.conv2d({name: 'enc3', filters: 4, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu'}),
      L.conv2dTranspose({name: 'dec3', filters: 8, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu'}),
      L.conv2dTranspose({name: 'dec2', filters: 16, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu'}),
      L.conv2dTranspose({name: 'dec1', filters: 16, kernelSize: 2, strides: 2, padding: 'valid', activation: 'relu'}),
      L.conv2d({name: 'out', filters: 1, kernelSize: 3, padding: 'same', activation: 'sigmoid'}),
    ],
  });
}

function unet() {
  const L = tf.layers;
  const conv = (name, filters, x) =>
    L.conv2d({name, filters, kernelSize: 3, padding: 'same', activation: 'relu'}).apply(x);
  const input = tf.input({name: 'image', shape: [64, 64, 3]});
  const c1 = conv('enc1b', 8, conv('enc1a', 8, input));
  const p1 = L.maxPooling2d({name: 'pool1', poolSize: 2}).apply(c1);
  const c2 = conv('enc2b', 16, conv('enc2a', 16, p1));
  const p2 = L.maxPooling2d({name: 'pool2', poolSize: 2}).apply(c2);
  const b = conv('mid_b', 32, conv('mid_a', 32, p2));
  const u2 = L.conv2dTranspose({name: 'up2', filters: 16, kernelSize: 2, strides: 2, padding: 'same'}).apply(b);
  const d2 = conv('dec2b', 16, conv('dec2a', 16, L.concatenate({name: 'cat2', axis: -1}).apply([u2, c2])));
  const u1 = L.conv2d({name: 'up1_conv', filters: 8, kernelSize: 1}).apply(
      L.upSampling2d({name: 'up1', size: [2, 2], interpolation: 'nearest'}).apply(d2));
  const d1 = conv('dec1b', 8, conv('dec1a', 8, L.concatenate({name: 'cat1'}).apply([u1, c1])));
  const out = L.conv2d({name: 'mask', filters: 1, kernelSize: 1, activation: 'sigmoid'}).apply(d1);
  return tf.model({name: 'unet', inputs: input, outputs: out});
}

function separable() {
  const L = tf.layers;
  const input = tf.input({name: 'image', shape: [64, 64, 3]});
  let x = L.zeroPadding2d({name: 'pad_stem', padding: [[0, 1], [0, 1]]}).apply(input);
  x = L.conv2d({name: 'stem', filters: 16, kernelSize: 3, strides: 2, padding: 'valid', useBias: false}).apply(x);
  x = L.batchNormalization({name: 'stem_bn'}).apply(x);
  x = L.activation({name: 'stem_relu6', activation: 'relu6'}).apply(x);
  // Inverted residual: depthwise (multiplier 2) then pointwise, Add with the input.
  let y = L.depthwiseConv2d({name: 'dw1', kernelSize: 3, padding: 'same', depthMultiplier: 2, useBias: false}).apply(x);
  y = L.batchNormalization({name: 'dw1_bn'}).apply(y);
  y = L.reLU({name: 'dw1_relu', maxValue: 6}).apply(y);
  y = L.conv2d({name: 'pw1', filters: 16, kernelSize: 1, useBias: false}).apply(y);
  x = L.add({name: 'res1'}).apply([x, y]);
  // Separable convolution, strided, dilated depthwise.
  x = L.separableConv2d({name: 'sep1', filters: 32, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu'}).apply(x);
  // No dilation here: tfjs 4.22's DepthwiseConv2D ignores dilation_rate (in
  // computeOutputShape and when run), where Keras applies it.
  x = L.depthwiseConv2d({name: 'dw2', kernelSize: 5, padding: 'valid'}).apply(x);
  x = L.cropping2D({name: 'crop', cropping: [[1, 0], [2, 1]]}).apply(x);
  // Squeeze-and-excitation: pool, two dense, reshape, Multiply (broadcast over H, W).
  let s = L.globalAveragePooling2d({name: 'se_pool'}).apply(x);
  s = L.dense({name: 'se_reduce', units: 8, activation: 'relu'}).apply(s);
  s = L.dense({name: 'se_expand', units: 32, activation: 'sigmoid'}).apply(s);
  s = L.reshape({name: 'se_reshape', targetShape: [1, 1, 32]}).apply(s);
  x = L.multiply({name: 'se_scale'}).apply([x, s]);
  // depthMultiplier stays 1 on SeparableConv2D: tfjs 4.22's getConfig omits
  // depth_multiplier, so a model.json would not say it (Keras writes it).
  x = L.separableConv2d({name: 'sep2', filters: 64, kernelSize: 3, dilationRate: [2, 1], padding: 'valid'}).apply(x);
  x = L.maxPooling2d({name: 'pool', poolSize: 2, strides: 2, padding: 'same'}).apply(x);
  x = L.globalAveragePooling2d({name: 'gap'}).apply(x);
  const out = L.dense({name: 'logits', units: 10}).apply(x);
  return tf.model({name: 'separable', inputs: input, outputs: out});
}

// tfjs 4.22 gets padding 'causal' wrong twice: convOutputLength gives it the
// 'valid' length (L - dilation * (kernel - 1)), where Keras gives 'same''s
// ceil(L / stride), and conv1dWithBias throws NotImplementedError when run.
// So the causal layers are built with padding 'same' (the same output length
// as Keras's causal) and listed in CAUSAL; saveModel writes "causal" into
// their config and run() executes them as Keras does.
const CAUSAL = new Set(['tcn1', 'tcn2', 'tcn4', 'tcn8', 'tcn_s2']);

function causal1d() {
  const L = tf.layers;
  const causal = 'same';  // written as "causal", see CAUSAL
  const input = tf.input({name: 'sequence', shape: [100, 8]});
  const c1 = L.conv1d({name: 'tcn1', filters: 16, kernelSize: 3, padding: causal, dilationRate: 1, activation: 'relu'}).apply(input);
  const c2 = L.conv1d({name: 'tcn2', filters: 16, kernelSize: 3, padding: causal, dilationRate: 2, activation: 'relu'}).apply(c1);
  const c3 = L.conv1d({name: 'tcn4', filters: 16, kernelSize: 3, padding: causal, dilationRate: 4, activation: 'relu'}).apply(c2);
  let x = L.add({name: 'res'}).apply([c1, c3]);
  x = L.conv1d({name: 'tcn8', filters: 16, kernelSize: 2, padding: causal, dilationRate: 8}).apply(x);
  x = L.conv1d({name: 'tcn_s2', filters: 16, kernelSize: 4, strides: 3, padding: causal}).apply(x);
  x = L.maxPooling1d({name: 'pool', poolSize: 2}).apply(x);
  x = L.conv1d({name: 'down', filters: 32, kernelSize: 5, strides: 2, padding: 'same', activation: 'relu'}).apply(x);
  x = L.conv1d({name: 'valid', filters: 32, kernelSize: 3, padding: 'valid'}).apply(x);
  x = L.averagePooling1d({name: 'avg', poolSize: 3, strides: 2}).apply(x);
  x = L.globalMaxPooling1d({name: 'gmp'}).apply(x);
  const out = L.dense({name: 'out', units: 1}).apply(x);
  return tf.model({name: 'causal_1d', inputs: input, outputs: out});
}

// A volume model (3-D, channels-last): what the other models leave out.
// Conv3D, Conv3DTranspose (same and valid), MaxPooling3D, AveragePooling3D,
// Reshape both ways (to a vector, from a vector to [1, 1, 1, C], and a 1x1x1
// map to [1, 1, 1, C]; not with -1: tfjs 4.22 leaves that extent null when
// the model is built, and the Dense after it cannot be), a Multiply of three
// inputs, broadcasting, and LayerNormalization on a vector. tfjs 4.22 has no
// Cropping3D, ZeroPadding3D, UpSampling3D nor GlobalAveragePooling3D (Keras
// has them), so the squeeze pools with an AveragePooling3D the size of the
// map; and its BatchNormalization and LayerNormalization cannot run on rank 5
// (NotImplementedError): norm_1d has LayerNormalization on a map.
function volume3d() {
  const L = tf.layers;
  const input = tf.input({name: 'volume', shape: [12, 16, 16, 2]});
  let x = L.conv3d({name: 'c1', filters: 8, kernelSize: 3, padding: 'same', activation: 'relu'}).apply(input);
  x = L.maxPooling3d({name: 'pool1', poolSize: 2}).apply(x);
  x = L.conv3d({name: 'c2', filters: 16, kernelSize: [3, 3, 1], strides: [1, 2, 2], padding: 'valid'}).apply(x);
  // Squeeze-and-excitation: the 4x3x4 map pooled to 1x1x1, two gates multiplied in.
  const squeezed = L.averagePooling3d({name: 'squeeze', poolSize: [4, 3, 4]}).apply(x);
  let gate = L.reshape({name: 'se_flat', targetShape: [16]}).apply(squeezed);
  gate = L.dense({name: 'se_reduce', units: 4, activation: 'relu'}).apply(gate);
  gate = L.dense({name: 'se_expand', units: 16, activation: 'sigmoid'}).apply(gate);
  gate = L.reshape({name: 'se_gate', targetShape: [1, 1, 1, 16]}).apply(gate);
  const direct = L.reshape({name: 'se_direct', targetShape: [1, 1, 1, 16]}).apply(squeezed);
  x = L.multiply({name: 'se_scale'}).apply([x, gate, direct]);
  x = L.conv3dTranspose({name: 'up1', filters: 8, kernelSize: 2, strides: 2, padding: 'same'}).apply(x);
  x = L.conv3dTranspose({name: 'up2', filters: 4, kernelSize: [3, 1, 3], strides: 1, padding: 'valid'}).apply(x);
  x = L.averagePooling3d({name: 'avg', poolSize: 2, strides: [2, 1, 2], padding: 'same'}).apply(x);
  x = L.flatten({name: 'flatten'}).apply(x);
  x = L.dense({name: 'fc', units: 32, activation: 'relu'}).apply(x);
  x = L.layerNormalization({name: 'fc_ln'}).apply(x);
  x = L.dropout({name: 'drop', rate: 0.5}).apply(x);
  const out = L.dense({name: 'out', units: 3, activation: 'softmax'}).apply(x);
  return tf.model({name: 'volume_3d', inputs: input, outputs: out});
}

// LayerNormalization on a map (rank 3; tfjs 4.22 normalizes up to rank 4),
// with axis -1 and [-1], between Conv1D layers.
function norm1d() {
  const L = tf.layers;
  const input = tf.input({name: 'sequence', shape: [40, 6]});
  let x = L.conv1d({name: 'c1', filters: 16, kernelSize: 5, strides: 2, padding: 'same'}).apply(input);
  x = L.layerNormalization({name: 'ln1'}).apply(x);
  x = L.reLU({name: 'relu1'}).apply(x);
  x = L.conv1d({name: 'c2', filters: 12, kernelSize: 3, dilationRate: 2, padding: 'valid'}).apply(x);
  x = L.layerNormalization({name: 'ln2', axis: [-1], epsilon: 1e-6}).apply(x);
  x = L.globalMaxPooling1d({name: 'gmp'}).apply(x);
  const out = L.dense({name: 'out', units: 4}).apply(x);
  return tf.model({name: 'norm_1d', inputs: input, outputs: out});
}

const MODELS = {
  plain_cnn: plainCnn,
  conv_autoencoder: convAutoencoder,
  unet,
  separable,
  causal_1d: causal1d,
  volume_3d: volume3d,
  norm_1d: norm1d,
};

// ---------------------------------------------------------------------------
// Recording

function shapeOf(s) {
  // outputShape: one shape (array of numbers/null) or an array of shapes.
  return JSON.parse(JSON.stringify(s, (k, v) => (v === undefined ? null : v)));
}

function size(shape) {
  return shape.reduce((a, b) => a * b, 1);
}

// Runs the model on a random batch and returns {layer name: output dims}.
// tfjs 4.22 cannot execute Conv1D with padding 'causal' (conv1dWithBias
// throws NotImplementedError), so layers are applied one by one on concrete
// tensors and a causal Conv1D is run as what Keras does: pad the time axis on
// the left by dilation * (kernel - 1), then a 'valid' conv1d with the layer's
// own kernel, bias and activation.
function run(model) {
  const values = new Map();
  const shapes = {};
  const layers = model.layers;
  for (const input of model.inputs) {
    const shape = input.shape.map((d) => (d === null ? RUN_BATCH : d));
    values.set(input.id, tf.randomUniform(shape, -1, 1, 'float32', 7));
  }
  for (const layer of layers) {
    if (layer.getClassName() === 'InputLayer') {
      shapes[layer.name] = values.get(layer.output.id).shape;
      continue;
    }
    const node = layer.inboundNodes[0];
    const ins = node.inputTensors.map((t) => values.get(t.id));
    let y;
    if (CAUSAL.has(layer.name)) {
      const [kernel, bias] = layer.getWeights();
      const d = layer.dilationRate[0];
      const k = layer.kernelSize[0];
      const x = tf.pad(ins[0], [[0, 0], [d * (k - 1), 0], [0, 0]]);
      y = tf.conv1d(x, kernel, layer.strides[0], 'valid', 'NWC', d);
      if (bias) y = tf.add(y, bias);
      y = layer.activation.apply(y);
    } else {
      y = layer.apply(ins.length === 1 ? ins[0] : ins);
    }
    values.set(node.outputTensors[0].id, y);
    shapes[layer.name] = y.shape;
  }
  return shapes;
}

// Output shapes by Keras 2's own rules (keras/utils/conv_utils.py and each
// layer's compute_output_shape), from the serialized topology alone: an
// independent check of tfjs's outputShape. Covers the classes used here.
function convLength(n, k, padding, stride, dilation) {
  if (n === null) return null;
  const dk = k + (k - 1) * (dilation - 1);
  let out;
  if (padding === 'same' || padding === 'causal') out = n;
  else if (padding === 'valid') out = n - dk + 1;
  else if (padding === 'full') out = n + dk - 1;
  else throw new Error(`padding ${padding}`);
  return Math.floor((out + stride - 1) / stride);
}

function deconvLength(n, k, padding, outputPadding, stride, dilation) {
  if (n === null) return null;
  k = k + (k - 1) * (dilation - 1);
  if (outputPadding === null || outputPadding === undefined) {
    if (padding === 'valid') return n * stride + Math.max(k - stride, 0);
    if (padding === 'full') return n * stride - (stride + k - 2);
    return n * stride;  // same
  }
  const pad = padding === 'same' ? Math.floor(k / 2) : padding === 'valid' ? 0 : k - 1;
  return (n - 1) * stride + k - 2 * pad + outputPadding;
}

function kerasShape(cls, c, ins) {
  const x = ins[0];
  const spatial = x.slice(1, -1);
  // A missing key takes Keras's default (tfjs writes no dilation_rate for Conv2DTranspose).
  const list = (v, n, dflt = 1) => (v === undefined ? Array(n).fill(dflt) : Array.isArray(v) ? v : Array(n).fill(v));
  switch (cls) {
    case 'InputLayer':
      return c.batch_input_shape;
    case 'Conv1D': case 'Conv2D': case 'Conv3D': case 'DepthwiseConv2D': case 'SeparableConv2D': {
      const r = spatial.length;
      const k = list(c.kernel_size, r), st = list(c.strides, r), d = list(c.dilation_rate, r);
      const out = spatial.map((n, i) => convLength(n, k[i], c.padding, st[i], d[i]));
      const ch = cls === 'DepthwiseConv2D' ? x[x.length - 1] * c.depth_multiplier : c.filters;
      return [x[0], ...out, ch];
    }
    case 'Conv2DTranspose': case 'Conv3DTranspose': {
      const r = spatial.length;
      const k = list(c.kernel_size, r), st = list(c.strides, r), d = list(c.dilation_rate, r);
      const op = c.output_padding ? list(c.output_padding, r) : Array(r).fill(null);
      return [x[0], ...spatial.map((n, i) => deconvLength(n, k[i], c.padding, op[i], st[i], d[i])), c.filters];
    }
    case 'MaxPooling1D': case 'AveragePooling1D': case 'MaxPooling2D': case 'AveragePooling2D':
    case 'MaxPooling3D': case 'AveragePooling3D': {
      const r = spatial.length;
      const p = list(c.pool_size, r), st = list(c.strides === null ? c.pool_size : c.strides, r);
      return [x[0], ...spatial.map((n, i) => convLength(n, p[i], c.padding, st[i], 1)), x[x.length - 1]];
    }
    case 'GlobalAveragePooling2D': case 'GlobalMaxPooling1D': case 'GlobalAveragePooling1D': case 'GlobalMaxPooling2D':
      return [x[0], x[x.length - 1]];
    case 'ZeroPadding2D': {
      const p = c.padding;
      return [x[0], x[1] + p[0][0] + p[0][1], x[2] + p[1][0] + p[1][1], x[3]];
    }
    case 'Cropping2D': {
      const p = c.cropping;
      return [x[0], x[1] - p[0][0] - p[0][1], x[2] - p[1][0] - p[1][1], x[3]];
    }
    case 'UpSampling2D':
      return [x[0], x[1] * c.size[0], x[2] * c.size[1], x[3]];
    case 'Flatten':
      return [x[0], x.slice(1).reduce((a, b) => a * b, 1)];
    case 'Dense':
      return [...x.slice(0, -1), c.units];
    case 'Reshape': {  // one -1 takes the elements the others leave
      const elements = x.slice(1).reduce((a, b) => a * b, 1);
      const known = c.target_shape.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
      return [x[0], ...c.target_shape.map((d) => (d === -1 ? elements / known : d))];
    }
    case 'Concatenate': {
      const ax = c.axis < 0 ? x.length + c.axis : c.axis;
      return x.map((d, i) => (i === ax ? ins.reduce((a, s) => a + s[i], 0) : d));
    }
    case 'Add': case 'Multiply':  // broadcasting: a dimension of 1 stretches
      return x.map((d, i) => (i === 0 ? d : Math.max(...ins.map((s) => s[i]))));
    case 'BatchNormalization': case 'LayerNormalization': case 'Activation': case 'ReLU': case 'Dropout':
      return x;
    default:
      throw new Error(`kerasShape: no rule for ${cls}`);
  }
}

// Parameter counts by Keras 2's rules, from a layer's config and input shape.
function kerasParams(cls, c, ins) {
  const x = ins[0];
  const cin = x[x.length - 1];
  const prod = (a) => a.reduce((p, q) => p * q, 1);
  const r = x.length - 2;
  const k = () => (Array.isArray(c.kernel_size) ? prod(c.kernel_size) : c.kernel_size ** r);
  const bias = (n) => (c.use_bias === false ? 0 : n);
  switch (cls) {
    case 'Conv1D': case 'Conv2D': case 'Conv3D':
      return k() * (cin / (c.groups || 1)) * c.filters + bias(c.filters);
    case 'Conv2DTranspose': case 'Conv3DTranspose':
      return k() * cin * c.filters + bias(c.filters);
    case 'DepthwiseConv2D':
      return k() * cin * c.depth_multiplier + bias(cin * c.depth_multiplier);
    case 'SeparableConv2D': {
      const dm = c.depth_multiplier === undefined ? 1 : c.depth_multiplier;
      return k() * cin * dm + cin * dm * c.filters + bias(c.filters);
    }
    case 'Dense':
      return cin * c.units + bias(c.units);
    case 'BatchNormalization':  // gamma, beta (if scale, center), moving mean and variance
      return cin * ((c.scale === false ? 0 : 1) + (c.center === false ? 0 : 1) + 2);
    case 'LayerNormalization': {  // gamma, beta (if scale, center) over the last axis
      // tfjs saves the axis as built: [-1] of a rank-3 input is [2].
      const axes = Array.isArray(c.axis) ? c.axis : [c.axis];
      if (axes.length !== 1 || (axes[0] !== -1 && axes[0] !== x.length - 1)) {
        throw new Error(`kerasParams: LayerNormalization axis ${JSON.stringify(c.axis)}`);
      }
      return cin * ((c.scale === false ? 0 : 1) + (c.center === false ? 0 : 1));
    }
    default:
      return 0;
  }
}

function kerasShapes(topology) {
  const shapes = {};
  const layers = topology.config.layers;
  let previous = null;
  for (const layer of layers) {
    let ins;
    if (layer.inbound_nodes && layer.inbound_nodes.length) {
      ins = layer.inbound_nodes[0].map(([n]) => shapes[n]);
    } else if (topology.class_name === 'Sequential') {  // Sequential: no inbound_nodes
      ins = previous === null ? [layer.config.batch_input_shape] : [shapes[previous]];
    } else {
      ins = [layer.config.batch_input_shape];
    }
    shapes[layer.config.name] = kerasShape(layer.class_name, layer.config, ins);
    shapes[layer.config.name + ':params'] = kerasParams(layer.class_name, layer.config, ins);
    previous = layer.config.name;
  }
  return shapes;
}

function record(name, model, topology) {
  const layers = [];
  let total = 0;
  let trainable = 0;
  const executed = run(model);
  const mismatches = [];
  for (const layer of model.layers) {
    const params = layer.countParams();
    total += params;
    trainable += layer.trainableWeights.reduce((a, w) => a + size(w.shape), 0);
    const out = shapeOf(layer.outputShape);
    const inbound = layer.inboundNodes[0].inboundLayers.map((l) => l.name);
    const ran = executed[layer.name];
    const expected = out.map((d, i) => (i === 0 && d === null ? RUN_BATCH : d));
    if (JSON.stringify(expected) !== JSON.stringify(ran)) mismatches.push({layer: layer.name, outputShape: out, ran});
    layers.push({
      name: layer.name,
      class_name: layer.getClassName(),
      inbound,
      output_shape: out,
      params,
      weights: layer.weights.map((w) => ({name: w.originalName, shape: w.shape, trainable: w.trainable})),
    });
  }
  if (total !== model.countParams()) throw new Error(`${name}: layer params ${total} != ${model.countParams()}`);
  if (mismatches.length) throw new Error(`${name}: outputShape differs from the executed shape: ${JSON.stringify(mismatches)}`);
  const keras = kerasShapes(topology);
  for (const l of layers) {
    if (l.class_name === 'InputLayer') continue;
    if (JSON.stringify(keras[l.name]) !== JSON.stringify(l.output_shape)) {
      throw new Error(`${name}: ${l.name}: tfjs outputShape ${JSON.stringify(l.output_shape)}, Keras rules ${JSON.stringify(keras[l.name])}`);
    }
    if (keras[l.name + ':params'] !== l.params) {
      throw new Error(`${name}: ${l.name}: tfjs countParams ${l.params}, Keras rules ${keras[l.name + ':params']}`);
    }
  }
  return {
    model: name,
    class_name: model.getClassName(),
    framework: `@tensorflow/tfjs ${tf.version.tfjs}`,
    inputs: model.inputs.map((t) => ({layer: t.sourceLayer.name, shape: shapeOf(t.shape)})),
    outputs: model.outputs.map((t) => ({layer: t.sourceLayer.name, shape: shapeOf(t.shape)})),
    params: total,
    trainable_params: trainable,
    non_trainable_params: total - trainable,
    executed_batch: RUN_BATCH,
    executed_shapes_match: true,
    keras_rules_match: true,
    layers,
  };
}

// JSON with 2-space indentation, where every array or object below the top
// level whose one-line form fits in 100 characters stays on one line.
function format(v, indent) {
  const flat = JSON.stringify(v);
  if (v === null || typeof v !== 'object' || (indent.length > 0 && indent.length + flat.length <= 100)) return flat;
  const inner = indent + '  ';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return '[\n' + v.map((x) => inner + format(x, inner)).join(',\n') + '\n' + indent + ']';
  }
  const keys = Object.keys(v).filter((k) => v[k] !== undefined);
  if (keys.length === 0) return '{}';
  return '{\n' + keys.map((k) => `${inner}${JSON.stringify(k)}: ${format(v[k], inner)}`).join(',\n') + '\n' + indent + '}';
}

function writeJson(file, obj) {
  fs.writeFileSync(file, format(obj, '') + '\n');
}

async function saveModel(name, model) {
  let artifacts;
  await model.save(tf.io.withSaveHandler(async (a) => {
    artifacts = a;
    return {modelArtifactsInfo: {dateSaved: new Date(0), modelTopologyType: 'JSON'}};
  }));
  const modelJson = {
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy,
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{paths: [`${name}.weights.bin`], weights: artifacts.weightSpecs}],
  };
  const topo = model.toJSON(null, false);
  if (JSON.stringify(topo) !== JSON.stringify(artifacts.modelTopology)) {
    throw new Error(`${name}: toJSON(null, false) differs from the saved modelTopology`);
  }
  for (const t of [topo, artifacts.modelTopology]) {
    for (const layer of t.config.layers) {
      if (CAUSAL.has(layer.config.name)) {
        if (layer.config.padding !== 'same') throw new Error(`${layer.config.name}: padding ${layer.config.padding}`);
        layer.config.padding = 'causal';
      }
    }
  }
  writeJson(path.join(OUT, `${name}.model.json`), modelJson);
  writeJson(path.join(OUT, `${name}.keras.json`), topo);
  return topo;
}

(async () => {
  await tf.setBackend('cpu');
  fs.mkdirSync(OUT, {recursive: true});
  const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(MODELS);
  for (const name of names) {
    const model = MODELS[name]();
    const topology = await saveModel(name, model);
    const expected = record(name, model, topology);
    writeJson(path.join(OUT, `${name}.expected.json`), expected);
    console.log(`${name}: ${model.layers.length} layers, ${expected.params} params, output ${JSON.stringify(expected.outputs[0].shape)}`);
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
