// Golden answers of Keras (TensorFlow.js 4.22 layers) for explicit zero
// padding: the keras lines of tests/golden/pad.jsonl.
//
//   cd tools/gen && npm install --ignore-scripts && node golden_pad_keras.js
//
// tfjs has tf.layers.zeroPadding2d only (no zeroPadding1d / zeroPadding3d,
// which Keras has): the cases are 2-D, NHWC. Each case builds
//   tf.layers.zeroPadding2d({padding: [[top, bottom], [left, right]]})
// and applies it to a tensor holding 1, 2, 3, ... (eager, pure-JS CPU
// backend). The line records the output shape exactly as returned (also an
// empty or negative extent) or the first line of the error thrown. The layer
// is also applied to a symbolic tf.input (computeOutputShape); the script
// stops if that shape differs from the eager one. Values are compared with
// zero padding where negative pads crop (output cell j is input cell
// j - begin, or 0), and a note says where they differ.
//
// Lines: {"framework": "keras", "layout": "NHWC", "input", "pads"
// [top, left, bottom, right], "expect"[, "note"]}. The other frameworks'
// lines of pad.jsonl are kept. A fixed seed: a rerun with the same tfjs writes
// the same bytes.
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');

const FRAMEWORKS = ['torch', 'onnx', 'keras'];  // golden_common.PAD_FRAMEWORKS
const FILE = path.join(__dirname, '..', '..', 'tests', 'golden', 'pad.jsonl');
const MAX_VALUES = 100000;

let seed = 20250302;
function random() {  // mulberry32: the same cases on every run
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));

// --- cases: [N, H, W, C] and [top, left, bottom, right]

function cases() {
  const out = [];
  const add = (h, w, pads, n = pick(1, 3), c = pick(1, 4)) => out.push({input: [n, h, w, c], pads});
  const side = (n) => {
    const u = random();
    if (u < 0.45) return pick(0, 4);
    if (u < 0.75) return -pick(0, Math.max(1, n >> 1));
    return pick(-n - 2, 4);
  };
  for (let i = 0; i < 80; ++i) {
    const h = random() < 0.04 ? 0 : pick(1, 12);
    const w = random() < 0.04 ? 0 : pick(1, 12);
    const u = random();
    if (u < 0.2) {
      const p = [pick(-2, 4), pick(-2, 4)];
      add(h, w, [p[0], p[1], p[0], p[1]]);
    } else if (u < 0.4) {
      add(h, w, [pick(0, 5), pick(0, 5), pick(0, 5), pick(0, 5)]);
    } else {
      add(h, w, [side(h), side(w), side(h), side(w)]);
    }
  }
  // every begin/end around cropping the whole extent, in H and in W
  for (const b of [-7, -6, -5, -4, -1, 0, 2]) {
    for (const e of [-7, -6, -5, -3, -1, 0, 8]) add(5, 4, [b, 0, e, 0]);
  }
  for (const b of [-5, -4, -1, 0, 2]) {
    for (const e of [-5, -3, -1, 0, 2]) add(3, 4, [0, b, 0, e]);
  }
  // both extents negative (a shape whose product is >= 0), one 0 and one negative
  add(5, 5, [-3, -3, -3, -3], 1);
  add(5, 5, [-3, -3, -3, -3], 2);
  add(5, 5, [-6, -7, 0, 0], 1);
  add(5, 5, [-5, -7, 0, 0], 1);
  add(5, 5, [0, 0, -6, -6], 3, 2);
  add(5, 5, [-6, 0, 0, 0], 2, 1);
  add(5, 5, [-6, 0, 0, 0], 1, 1);
  add(0, 5, [0, -7, -1, 0], 1, 2);
  // large pads
  add(3, 4, [1000, 0, 0, 0], 1, 1);
  add(3, 4, [0, 0, 0, 1000], 1, 1);
  add(5, 6, [100, 0, 100, 3]);
  add(5, 6, [0, 250, 1, 250]);
  add(5, 6, [-5, 100, 0, 100]);
  add(5, 6, [-100, 0, 100, 0]);
  add(7, 2, [1000, 0, -7, 0], 1, 1);
  // zero and symmetric pads
  for (const [h, w] of [[1, 1], [pick(2, 9), pick(2, 9)], [pick(2, 9), pick(2, 9)]]) add(h, w, [0, 0, 0, 0]);
  for (const p of [1, 2, 3, -1, -2]) add(pick(5, 9), pick(5, 9), [p, p, p, p]);
  // empty input extents, empty batch or channels
  add(0, 4, [0, 0, 0, 0]);
  add(0, 4, [1, 1, 1, 1]);
  add(3, 0, [0, 1, 0, 0]);
  add(3, 0, [-1, 0, 0, 0]);
  add(3, 0, [0, -1, 0, 0]);
  add(4, 5, [0, 0, 0, 0], 0);
  add(4, 5, [1, 1, 2, 2], 0);
  add(4, 5, [1, 1, -1, -1], 1, 0);
  add(4, 5, [-1, -1, -1, -1], 1, 0);
  return out;
}

// --- answers

function reference(x, shape, pads) {  // zero padding with negative pads as cropping
  const [n, h, w, c] = shape;
  const oh = h + pads[0] + pads[2];
  const ow = w + pads[1] + pads[3];
  const y = new Float32Array(n * oh * ow * c);
  for (let b = 0; b < n; ++b) {
    for (let i = 0; i < oh; ++i) {
      for (let j = 0; j < ow; ++j) {
        const si = i - pads[0];
        const sj = j - pads[1];
        if (si < 0 || si >= h || sj < 0 || sj >= w) continue;
        for (let k = 0; k < c; ++k) y[((b * oh + i) * ow + j) * c + k] = x[((b * h + si) * w + sj) * c + k];
      }
    }
  }
  return y;
}

// What tfjs 4.22 does: every extent is in + begin + end, unchecked; the
// buffer of their product cannot be allocated if that is negative.
function rule({input, pads}) {
  const shape = [input[0], input[1] + pads[0] + pads[2], input[2] + pads[1] + pads[3], input[3]];
  const size = shape.reduce((a, b) => a * b, 1);
  if (size < 0) return {error: true, why: `Invalid typed array length: ${size}`};
  return {output: shape};
}

function layer(pads) {
  return tf.layers.zeroPadding2d({padding: [[pads[0], pads[2]], [pads[1], pads[3]]]});
}

function answer({input, pads}) {
  const count = input.reduce((a, b) => a * b, 1);
  const symbolic = (() => {
    try {
      return layer(pads).apply(tf.input({batchShape: input})).shape;
    } catch (e) {
      return 'error: ' + String(e.message).split('\n')[0];
    }
  })();
  try {
    return tf.tidy(() => {
      const x = tf.tensor(Float32Array.from({length: count}, (_, i) => i + 1), input);
      const y = layer(pads).apply(x);
      const shape = y.shape;
      if (JSON.stringify(shape) !== JSON.stringify(symbolic)) {
        throw new Error(`symbolic shape ${JSON.stringify(symbolic)} differs from ${JSON.stringify(shape)}: stop`);
      }
      const res = {expect: {output: shape}};
      if (shape.some((v) => v < 0)) {
        res.note = 'tfjs returns a tensor with a negative extent: in + begin + end is not checked, and the ' +
          'product of the extents is >= 0, so the buffer can be allocated';
      } else if (shape.some((v) => v === 0)) {
        res.note = shape.slice(1, 3).some((v) => v === 0) ? 'tfjs returns an empty tensor' :
          'tfjs returns an empty tensor (empty batch or channels)';
      } else if (y.size <= MAX_VALUES) {
        const got = y.dataSync();
        const want = reference(x.dataSync(), input, pads);
        if (got.length !== want.length || got.some((v, i) => v !== want[i])) {
          res.note = 'wrong values: a negative pad does not crop; the CPU kernel (PadV2) writes each input cell ' +
            'at the flat output index of its coordinates + begin, so cells outside the output wrap into other rows';
          res.wrongValues = true;
        } else {
          res.checked = true;
        }
      }
      return res;
    });
  } catch (e) {
    if (String(e.message).endsWith(': stop')) throw e;
    const res = {expect: {error: true, why: String(e.message).split('\n')[0].slice(0, 300)}};
    if (e instanceof RangeError && String(e.message).startsWith('Invalid typed array length')) {
      res.note = 'in + begin + end is not checked: the product of the extents is negative, so the buffer ' +
        'cannot be allocated';
    }
    return res;
  }
}

function main() {
  const t0 = Date.now();
  const lines = [];
  const counts = {output: 0, empty: 0, negative: 0, error: 0, checked: 0, wrongValues: 0, offRule: 0};
  for (const c of cases()) {
    const a = answer(c);
    if (JSON.stringify(a.expect) !== JSON.stringify(rule(c))) {
      counts.offRule += 1;
      console.log(`  not as rule() says: ${JSON.stringify(c)} -> ${JSON.stringify(a.expect)}`);
    }
    const obj = {framework: 'keras', layout: 'NHWC', input: c.input, pads: c.pads, expect: a.expect};
    if (a.note) obj.note = a.note;
    lines.push(JSON.stringify(obj));
    if (a.expect.error) counts.error += 1;
    else if (Math.min(...a.expect.output) < 0) counts.negative += 1;
    else if (Math.min(...a.expect.output) === 0) counts.empty += 1;
    else counts.output += 1;
    if (a.checked) counts.checked += 1;
    if (a.wrongValues) counts.wrongValues += 1;
  }
  // Keep the other frameworks' lines; frameworks in a fixed order.
  const kept = Object.fromEntries(FRAMEWORKS.map((f) => [f, []]));
  if (fs.existsSync(FILE)) {
    for (const t of fs.readFileSync(FILE, 'utf8').split('\n')) {
      if (t && JSON.parse(t).framework !== 'keras') kept[JSON.parse(t).framework].push(t);
    }
  }
  kept.keras = lines;
  fs.writeFileSync(FILE, FRAMEWORKS.flatMap((f) => kept[f]).map((t) => t + '\n').join(''));
  const has = (n) => `${n} ${typeof tf.layers[n] === 'function' ? 'present' : 'absent'}`;
  console.log(`keras ${path.relative(process.cwd(), FILE)}: ${lines.length} cases (tfjs ${tf.version.tfjs}; ` +
              `${['zeroPadding1d', 'zeroPadding2d', 'zeroPadding3d'].map(has).join(', ')}), ` +
              `${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`  NHWC   output ${counts.output}  empty ${counts.empty}  negative extent ${counts.negative}  ` +
              `error ${counts.error}`);
  console.log(`  values checked against zero padding with cropping: ${counts.checked} agree, ` +
              `${counts.wrongValues} differ; answers not as rule() says: ${counts.offRule}`);
}

main();
