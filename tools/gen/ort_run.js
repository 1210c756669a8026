// Runs the one-node models that ort_check.py wrote, with ONNX Runtime, and
// prints one JSON answer per model, from the index given on: {"output": dims}
// or {"error": true, "why": ...}.
const path = require('path');
const ort = require('onnxruntime-node');

ort.env.logLevel = 'fatal';
const dir = process.argv[2];
const index = require(path.resolve(dir, 'index.json')).slice(Number(process.argv[3] || 0));

(async () => {
  for (const entry of index) {
    if (!entry.file) {
      console.log(JSON.stringify({error: true, why: entry.why}));
      continue;
    }
    try {
      const session = await ort.InferenceSession.create(path.join(dir, entry.file), {logSeverityLevel: 4});
      const count = entry.input.reduce((a, b) => a * b, 1);
      const x = new ort.Tensor('float32', new Float32Array(count).fill(1), entry.input);
      const y = (await session.run({x})).y;
      console.log(JSON.stringify({output: y.dims.map(Number)}));
    } catch (e) {
      // Without the temporary directory, so that reruns give the same file.
      const why = String(e.message).split('\n')[0].split(dir + '/').join('');
      console.log(JSON.stringify({error: true, why: why.slice(0, 300)}));
    }
  }
})();
