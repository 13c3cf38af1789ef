// Runs one third-party validator in a worker thread, so that a diagram it loops on (merval never
// returns on `A <-. kitty .-> B`) costs a timeout, not the whole benchmark.
import { parentPort, workerData } from 'node:worker_threads';

const t0 = performance.now();
const mod = await import(workerData.module);
const importMs = performance.now() - t0;
const check = workerData.module === '@probelabs/maid'
  ? (text) => !mod.validate(text).errors.some((e) => e.severity !== 'warning')
  : (text) => mod.isValidMermaid(text);
parentPort.postMessage({ ready: true, importMs });
parentPort.on('message', ({ id, text }) => {
  const s = performance.now();
  let valid;
  try {
    valid = check(text);
  } catch {
    valid = false;
  }
  parentPort.postMessage({ id, valid, ms: performance.now() - s });
});
