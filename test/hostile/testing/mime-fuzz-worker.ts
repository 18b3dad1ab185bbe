/**
 * The MIME fuzz run's worker thread (mime-fuzz.ts starts it through ts-worker.mjs): builds message after message of
 * its share and runs each through the pipeline, reporting every result to the main thread, which watches for a
 * message that never finishes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadFixtures, mutant } from './mime-mutator.js';
import { runPipeline } from './mime-pipeline.js';

export interface WorkerResult {
  index: number;
  ms: number;
  bytes: number;
  fixture: string;
  mutations: string[];
  outcome: Awaited<ReturnType<typeof runPipeline>>['outcome'];
}

const { seed, indices } = workerData as { seed: number; indices: number[] };
const fixtures = loadFixtures();
for (const index of indices) {
  parentPort!.postMessage({ type: 'start', index });
  const m = mutant(seed, index, fixtures);
  const { outcome, ms } = await runPipeline(m.raw, index);
  const result: WorkerResult = { index, ms, bytes: m.raw.length, fixture: m.fixture, mutations: m.mutations, outcome };
  parentPort!.postMessage({ type: 'result', result });
}
parentPort!.postMessage({ type: 'done' });
