/**
 * The trained R12 model at run time: a linear (multinomial logistic regression) model over the
 * features of `features.ts`, its weights in `model/policy-model.json` (written by
 * `npm run train:policy`). Linear, so every decision splits exactly into the words that made it.
 */
import { Buffer } from 'node:buffer';
import type { MessageCategory } from '../../../shared/domain.js';
import { explainTokens } from './features.js';
import type { Features } from './features.js';
import { KeyTable } from './key-table.js';
import modelFile from './model/policy-model.json' with { type: 'json' };

export interface ModelFile {
  format: 'parley-r12-linear';
  version: string;
  labels: MessageCategory[];
  /** Feature keys (32-bit hashes, see features.ts) as little-endian uint32, in the order of the weight rows. */
  features: string;
  /** Weights as little-endian int16, row-major (feature × label), times `scale`. */
  weights: string;
  scale: number;
  bias: number[];
  /** Softmax temperature fitted on cross-validation: makes "80 % sure" right 80 % of the time. */
  temperature: number;
  /** Below this probability the model says "not sure" and the category is 'other'. */
  threshold: number;
  trainedOn?: Record<string, unknown>;
}

export interface LinearModel {
  version: string;
  labels: MessageCategory[];
  index: KeyTable;
  /** int16 weights as stored (half the memory of floats, so fewer cache misses); times `scale`. */
  weights: Int16Array;
  scale: number;
  bias: Float64Array;
  temperature: number;
  threshold: number;
}

export function loadModel(file: ModelFile): LinearModel {
  if (file.format !== 'parley-r12-linear') throw new Error(`unknown policy model format "${String(file.format)}"`);
  const keyBytes = Buffer.from(file.features, 'base64');
  const keys = new Uint32Array(keyBytes.buffer.slice(keyBytes.byteOffset, keyBytes.byteOffset + keyBytes.length));
  const bytes = Buffer.from(file.weights, 'base64');
  const ints = new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  const L = file.labels.length;
  if (ints.length !== keys.length * L) throw new Error('policy model: weights do not match the feature list');
  const index = new KeyTable(keys.length);
  keys.forEach((k, i) => index.set(k, i));
  return {
    version: file.version,
    labels: file.labels,
    index,
    weights: ints,
    scale: file.scale,
    bias: Float64Array.from(file.bias),
    temperature: file.temperature,
    threshold: file.threshold,
  };
}

let shipped: LinearModel | null = null;

/** The model that ships with Parley, loaded on first use. */
export function shippedModel(): LinearModel {
  shipped ??= loadModel(modelFile as ModelFile);
  return shipped;
}

/** Each feature's weight row in the model, or -1 for a feature the model does not know. */
export function rowsOf(model: LinearModel, features: Features): Int32Array {
  const rows = new Int32Array(features.keys.length);
  for (let u = 0; u < rows.length; u++) rows[u] = model.index.get(features.keys[u]);
  return rows;
}

/** Raw scores (logits) of each label. */
export function logits(model: LinearModel, features: Features, rows = rowsOf(model, features)): Float64Array {
  const L = model.labels.length;
  const out = Float64Array.from(model.bias);
  for (let u = 0; u < rows.length; u++) {
    if (rows[u] < 0) continue;
    const base = rows[u] * L;
    const value = features.values[u];
    const scaled = value * model.scale;
    for (let k = 0; k < L; k++) out[k] += scaled * model.weights[base + k];
  }
  return out;
}

export function softmax(scores: ArrayLike<number>, temperature = 1): number[] {
  let max = -Infinity;
  for (let i = 0; i < scores.length; i++) max = Math.max(max, scores[i] / temperature);
  const exps = Array.from(scores, (s) => Math.exp(s / temperature - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/**
 * How much each word pushed towards label `a` rather than label `b`: every feature's share of
 * the difference of the two scores, split among the words it came from.
 */
export function tokenContributions(
  model: LinearModel,
  features: Features,
  a: number,
  b: number,
  rows = rowsOf(model, features),
): Float64Array {
  const L = model.labels.length;
  const push = new Float64Array(rows.length);
  for (let u = 0; u < rows.length; u++) {
    const row = rows[u];
    if (row >= 0)
      push[u] = features.values[u] * model.scale * (model.weights[row * L + a] - model.weights[row * L + b]);
  }
  return explainTokens(features, push);
}
