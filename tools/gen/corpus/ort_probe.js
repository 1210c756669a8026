// Step 2 of the ONNX corpus: runs every WORK/NAME.probe.onnx that
// onnx_export.py wrote (the model with its weights, every node output made a
// graph output) in ONNX Runtime on a fixed-seed random input, and writes
// tests/corpus/onnx/NAME.dims.json with the dims of every node output (for
// the opset sweep, WORK/opsetN/NAME.probe.onnx gives
// tests/corpus/onnx/opsetN/NAME.dims.json: the folder is the meta's
// corpus_dir).
//
//   cd tools/gen && npm install --ignore-scripts     # onnxruntime-node 1.30.0
//   node tools/gen/corpus/ort_probe.js WORK [NAME ...]
//
// Without names it probes every WORK/*.meta.json, then every
// WORK/opsetN/*.meta.json; with names, those of WORK alone (give WORK/opsetN
// for the sweep's).
//
// Output (one tensor a line, node order):
//   {"model": NAME, "opset": 17, "inputs": {name: dims},
//    "outputs": {graph output: dims}, "tensors": {node output: dims, ...},
//    "params": sum of initializer element counts, "nodes": node count,
//    "torch_params": PyTorch's parameter count (before BatchNorm folding),
//    "producer": {torch, torchvision, onnx, onnxruntime versions}}
const fs = require('fs');
const path = require('path');
const ort = require(path.join(__dirname, '..', 'node_modules', 'onnxruntime-node'));

const OUT = path.join(__dirname, '..', '..', '..', 'tests', 'corpus', 'onnx');

// mulberry32: a small seeded PRNG, so reruns feed the same input.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function write(file, obj) {
  // JSON with one entry a line inside "tensors", "inputs" and "outputs".
  const lines = ['{'];
  const keys = Object.keys(obj);
  keys.forEach((k, i) => {
    const v = obj[k];
    const comma = i + 1 < keys.length ? ',' : '';
    if (v && typeof v === 'object' && !Array.isArray(v) && k !== 'producer') {
      const inner = Object.keys(v).map((n) => `  ${JSON.stringify(n)}: ${JSON.stringify(v[n])}`);
      lines.push(`  ${JSON.stringify(k)}: {`);
      lines.push(inner.map((l) => '  ' + l).join(',\n'));
      lines.push(`  }${comma}`);
    } else {
      lines.push(`  ${JSON.stringify(k)}: ${JSON.stringify(v)}${comma}`);
    }
  });
  lines.push('}');
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

async function probe(work, name) {
  const meta = JSON.parse(fs.readFileSync(path.join(work, name + '.meta.json'), 'utf8'));
  const session = await ort.InferenceSession.create(path.join(work, name + '.probe.onnx'), {
    graphOptimizationLevel: 'disabled',
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    logSeverityLevel: 3,
  });
  const feeds = {};
  const random = rng(20250118);
  for (const [input, dims] of Object.entries(meta.inputs)) {
    const count = dims.reduce((a, b) => a * b, 1);
    const data = new Float32Array(count);
    for (let i = 0; i < count; ++i) data[i] = 2 * random() - 1;
    feeds[input] = new ort.Tensor('float32', data, dims);
  }
  const result = await session.run(feeds);
  const tensors = {};
  for (const o of meta.outputs) {
    if (!(o in result)) throw new Error(`${name}: ONNX Runtime returned no ${o}`);
    tensors[o] = result[o].dims.map(Number);
  }
  const outputs = {};
  for (const o of Object.keys(meta.graph_outputs)) outputs[o] = result[o].dims.map(Number);
  const out = path.join(OUT, meta.corpus_dir || '');
  fs.mkdirSync(out, { recursive: true });
  write(path.join(out, name + '.dims.json'), {
    model: meta.model,
    opset: meta.opset,
    inputs: meta.inputs,
    outputs,
    tensors,
    params: meta.params,
    nodes: meta.nodes,
    torch_params: meta.torch_params,
    producer: {
      torch: meta.torch,
      torchvision: meta.torchvision,
      onnx: meta.onnx,
      onnxruntime: ort.env.versions.node,
    },
  });
  console.log(`${path.join(meta.corpus_dir || '', name)}: ${Object.keys(tensors).length} tensors, output ${JSON.stringify(outputs)}`);
}

(async () => {
  ort.env.logLevel = 'error';
  const work = process.argv[2];
  if (!work) throw new Error('usage: node ort_probe.js WORK [NAME ...]');
  const metas = (dir) =>
    fs.readdirSync(dir).filter((f) => f.endsWith('.meta.json')).map((f) => f.slice(0, -'.meta.json'.length)).sort();
  const names = process.argv.slice(3);
  if (names.length > 0) {
    for (const name of names) await probe(work, name);
    return;
  }
  for (const name of metas(work)) await probe(work, name);
  const sweep = fs.readdirSync(work).filter((f) => /^opset[0-9]+$/.test(f) && fs.statSync(path.join(work, f)).isDirectory());
  sweep.sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)));
  for (const dir of sweep) for (const name of metas(path.join(work, dir))) await probe(path.join(work, dir), name);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
