/**
 * `npm run train:policy`: trains the R12 model on test/fixtures/policy/train.jsonl and writes
 * src/main/core/policy/model/policy-model.json. Calibration (temperature) and the "not sure"
 * threshold come from 5-fold cross-validation by writer on the training part; the held-out part
 * is not read.
 */
import { Buffer } from 'node:buffer';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TRAIN_FILE, readJsonl } from './corpus.js';
import {
  DEFAULTS,
  LABELS,
  accuracyAt,
  crossValidate,
  featurize,
  fitOffsets,
  fitTemperature,
  fitThreshold,
  predict,
  probabilities,
  toModelFile,
  train,
  writerFolds,
} from './learn.js';

const MODEL_FILE = join(import.meta.dirname, '../../src/main/core/policy/model/policy-model.json');
/** Bump when features, corpus or training change: the version is shown in `parley check`. */
const MODEL_VERSION = '2026-12-04.3';

const started = Date.now();
const examples = readJsonl(TRAIN_FILE);
const samples = examples.map((e) => featurize(e));
const labels = samples.map((s) => s.y);
// Calibrated on writers the fold's model never read: confidence as it will be on new mail.
const oof = crossValidate(
  samples,
  5,
  DEFAULTS,
  writerFolds(
    examples.map((e) => e.id),
    5,
  ),
);
const temperature = fitTemperature(oof, labels);
const offsets = fitOffsets(oof, labels, temperature);
console.log(`label offsets: ${LABELS.map((l, c) => `${l} ${offsets[c]}`).join(', ')}`);
// The threshold is chosen on the scores as shipped: with the offsets in.
const shifted = oof.map((z) => Float64Array.from(z, (x, c) => x + offsets[c] * temperature));
const threshold = fitThreshold(shifted, labels, temperature);
for (const t of [0, 0.3, 0.4, threshold, 0.5]) {
  console.log(
    `out-of-fold accuracy with "not sure" below ${t}: ${accuracyAt(oof, labels, temperature, t).toFixed(4)} without offsets, ${accuracyAt(shifted, labels, temperature, t).toFixed(4)} with`,
  );
}
const recalls = (scores: Float64Array[]) =>
  LABELS.map((l, c) => {
    const mine = labels.flatMap((y, i) => (y === c ? [i] : []));
    return `${l} ${(mine.filter((i) => predict(probabilities(scores[i], temperature), threshold) === c).length / mine.length).toFixed(3)}`;
  }).join(', ');
console.log(`out-of-fold recall without offsets: ${recalls(oof)}`);
console.log(`out-of-fold recall with offsets:    ${recalls(shifted)}`);
const model = train(samples, DEFAULTS);
const file = toModelFile(model, {
  version: MODEL_VERSION,
  temperature,
  threshold,
  offsets,
  trainedOn: { messages: examples.length, options: DEFAULTS },
});
const json = JSON.stringify(file);
writeFileSync(MODEL_FILE, json + '\n');
const features = Buffer.from(file.features, 'base64').length / 4;
console.log(
  `trained on ${examples.length} messages in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
    `${features} features, temperature ${temperature}, threshold ${threshold}, ${(json.length / 1024 / 1024).toFixed(2)} MB → ${MODEL_FILE}`,
);
