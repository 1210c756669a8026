// Golden cases for the keras convention: TensorFlow.js 4.22 layers (Keras
// semantics) asked for output shapes of random and edge-case configurations.
//
//   cd tools/gen && npm install --ignore-scripts && node golden_keras.js   # writes ../../tests/golden/keras.jsonl
//
// Each case builds the layer, applies it to a tensor of zeros and records the
// output shape, or the error it threw, in the query protocol
// ({"query": ..., "expect": ...}). An output with a 0 extent is recorded as
// an error: no layer can use it, and Keras 3 raises there. Where TensorFlow.js
// differs from Keras 2 the case follows Keras 2 and says so in "note":
//  - causal padding: tfjs' apply() has no causal conv1d, and its
//    computeOutputShape() treats causal as valid where Keras 2 gives
//    ceil(input / stride) (tf_keras/utils/conv_utils.py): not generated;
//  - conv2dTranspose/conv3dTranspose ignore dilationRate, and tfjs has no
//    output_padding and no groups: not generated either.
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');

let seed = 20261123;
function random() {  // mulberry32: the same cases on every run
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
const list = (n, lo, hi) => Array.from({length: n}, () => pick(lo, hi));
const LAYOUT = {1: 'NWC', 2: 'NHWC', 3: 'NDHWC'};

function layerFor(q) {
  const n = q.kernel.length;
  const common = {padding: q.padding, strides: q.strides};
  switch (q.op) {
    case 'conv':
      return tf.layers[`conv${n}d`]({...common, filters: q.filters, kernelSize: q.kernel, dilationRate: q.dilation});
    case 'conv_transpose':
      return tf.layers[`conv${n}dTranspose`]({...common, filters: q.filters, kernelSize: q.kernel});
    case 'max_pool':
      return tf.layers[`maxPooling${n}d`]({...common, poolSize: q.kernel});
    case 'avg_pool':
      return tf.layers[`averagePooling${n}d`]({...common, poolSize: q.kernel});
  }
}

function answer(q) {
  try {
    const shape = tf.tidy(() => layerFor(q).apply(tf.zeros(q.input)).shape);
    if (shape.some((v) => v <= 0)) return {expect: {error: true, why: `empty output [${shape}]`}};
    return {expect: {output: shape}};
  } catch (e) {
    return {expect: {error: true, why: String(e.message).split('\n')[0].slice(0, 300)}};
  }
}

function query(op, n, {input, kernel, strides, padding, dilation, filters}) {
  const q = {op, layout: LAYOUT[n], framework: 'keras', input, kernel, strides, padding};
  if (op === 'conv' || op === 'conv_transpose') {
    q.filters = filters;
    q.dilation = dilation;
    q.groups = 1;
  }
  if (op === 'conv_transpose') q.output_padding = Array(n).fill(0);
  if (op === 'max_pool' || op === 'avg_pool') q.ceil_mode = false;
  return q;
}

function randomCase(op, n) {
  const extent = n === 3 ? 8 : 24;
  const kernel = list(n, 1, n === 3 ? 4 : 6);
  const strides = list(n, 1, 4);
  let dilation = Array(n).fill(1);
  if (op === 'conv' && random() < 0.4) dilation = list(n, 1, 3);
  const modes = ['valid', 'same'];
  const input = [pick(1, 2), ...list(n, 1, extent), pick(1, 4)];
  // Edge cases: the kernel exactly fits, or is one too wide.
  if (random() < 0.2) {
    const d = pick(0, n - 1);
    kernel[d] = input[d + 1] + pick(0, 1);
  }
  return query(op, n, {input, kernel, strides, padding: modes[pick(0, modes.length - 1)], dilation, filters: pick(1, 4)});
}

function main() {
  const out = [];
  const counts = {};
  const ops = [['conv', [1, 2, 3]], ['conv_transpose', [2, 3]], ['max_pool', [1, 2, 3]], ['avg_pool', [1, 2, 3]]];
  for (const [op, ranks] of ops) {
    for (const n of ranks) {
      const total = op === 'conv' ? 220 : 170;
      for (let i = 0; i < total; ++i) {
        const q = randomCase(op, n);
        const a = answer(q);
        out.push(JSON.stringify({query: q, ...a}));
        const key = `${op} ${n}-D`;
        counts[key] = counts[key] || {ok: 0, rejected: 0};
        counts[key][a.expect.error ? 'rejected' : 'ok'] += 1;
      }
    }
  }
  // Rejections Keras makes on purpose, whatever the extents.
  out.push(JSON.stringify({query: query('conv', 2, {input: [1, 9, 9, 1], kernel: [3, 3], strides: [2, 1], padding: 'valid',
                                                    dilation: [1, 2], filters: 1}),
                           ...answer(query('conv', 2, {input: [1, 9, 9, 1], kernel: [3, 3], strides: [2, 1], padding: 'valid',
                                                       dilation: [1, 2], filters: 1}))}));
  const file = path.join(__dirname, '..', '..', 'tests', 'golden', 'keras.jsonl');
  fs.writeFileSync(file, out.join('\n') + '\n');
  console.log(`${path.relative(process.cwd(), file)}: ${out.length} cases`);
  for (const [key, c] of Object.entries(counts)) console.log(`  ${key.padEnd(18)} ok ${c.ok}  rejected ${c.rejected}`);
}

main();
