// Runs the one-node Pad models that golden_pad_onnx.py wrote, with ONNX
// Runtime, and prints one JSON answer per model, from the index given on:
// {"output": dims, "data": values} (data only for outputs of at most
// MAX_DATA cells) or {"error": true, "why": ...}. The input x holds 1, 2, 3, ...
// so that golden_pad_onnx.py can check where each cell went; an entry with
// "pads" feeds them as the int64 input of that name.
const path = require('path');
const ort = require('onnxruntime-node');

const MAX_DATA = 100000;
ort.env.logLevel = 'fatal';
const dir = process.argv[2];
const index = require(path.resolve(dir, 'index.json')).slice(Number(process.argv[3] || 0));

(async () => {
  for (const entry of index) {
    try {
      const session = await ort.InferenceSession.create(path.join(dir, entry.file), {logSeverityLevel: 4});
      const count = entry.input.reduce((a, b) => a * b, 1);
      const x = new ort.Tensor('float32', Float32Array.from({length: count}, (_, i) => i + 1), entry.input);
      const feeds = {x};
      if (entry.pads) {
        feeds.pads = new ort.Tensor('int64', BigInt64Array.from(entry.pads.map(BigInt)), [entry.pads.length]);
      }
      const y = (await session.run(feeds)).y;
      const answer = {output: y.dims.map(Number)};
      if (y.data.length <= MAX_DATA) answer.data = Array.from(y.data);
      console.log(JSON.stringify(answer));
    } catch (e) {
      // Without the temporary directory, so that reruns give the same file.
      const why = String(e.message).split('\n')[0].split(dir + '/').join('');
      console.log(JSON.stringify({error: true, why: why.slice(0, 300)}));
    }
  }
})();
