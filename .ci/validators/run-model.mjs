// Runs one of Loupe's exports in an independent runtime on pixels Loupe decoded and resized, and prints the
// probabilities as JSON (one array per image) to OUT.json. Used by ExportAgreementTest; see docs/deploy.md.
//   node run-model.mjs onnx MODEL.onnx PIXELS.f32 N HEIGHT WIDTH OUT.json
//   node run-model.mjs tfjs MODEL_FOLDER PIXELS.f32 N HEIGHT WIDTH OUT.json
// PIXELS.f32: N images, NHWC, RGB values 0-255 as little-endian float32.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const [format, model, pixelsFile, n, h, w, outFile] = process.argv.slice(2);
const shape = [Number(n), Number(h), Number(w), 3];
const bytes = readFileSync(pixelsFile);
const pixels = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
if (pixels.length !== shape.reduce((a, b) => a * b)) {
  throw new Error(`${pixelsFile} holds ${pixels.length} values, not ${shape.join('x')}`);
}

function rows(flat, classes) {
  const out = [];
  for (let i = 0; i < shape[0]; i++) out.push(Array.from(flat.slice(i * classes, (i + 1) * classes)));
  return out;
}

if (format === 'onnx') {
  const ort = require('onnxruntime-node');
  const session = await ort.InferenceSession.create(model);
  const result = await session.run({ image: new ort.Tensor('float32', pixels, shape) });
  const p = result.probabilities;
  writeFileSync(outFile, JSON.stringify(rows(p.data, p.dims[1])));
} else if (format === 'tfjs') {
  const tf = require('@tensorflow/tfjs');
  await tf.setBackend('cpu');
  const json = JSON.parse(readFileSync(join(model, 'model.json'), 'utf8'));
  const weights = json.weightsManifest.flatMap(g => g.paths.map(p => readFileSync(join(model, p))));
  const all = Buffer.concat(weights);
  const artifacts = {
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap(g => g.weights),
    weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
  };
  const net = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
  // Teachable Machine's convention, which the export takes: x / 127 - 1.
  const input = tf.tensor4d(pixels, shape).div(127).sub(1);
  const p = net.predict(input);
  writeFileSync(outFile, JSON.stringify(rows(await p.data(), p.shape[1])));
} else {
  throw new Error(`unknown format ${format}`);
}
