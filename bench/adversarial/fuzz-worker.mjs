// A worker thread of the adversarial suite: runs inputs through the library API (parse, lint, every
// output format) and reports what went wrong. The main thread watches a shared counter and this
// thread's CPU time, and terminates the worker when one input takes longer than the limit (a hang).
import { workerData, parentPort } from 'node:worker_threads';
import { kernelThreadId, threadCpuMs } from './cpu-time.mjs';

const { dist, inputs, progress: progressBuffer, limitMs } = workerData;
const { parseDiagram, lintText, formatReport, FORMATS } = await import(`${dist}/index.js`);
const progress = new Int32Array(progressBuffer);
const tid = kernelThreadId();
Atomics.store(progress, 1, tid);
/** This thread's CPU time, ms (wall time where it cannot be read): what the watchdog counts. */
const elapsed = () => threadCpuMs(tid) ?? performance.now();

/** Control characters a terminal acts on; chalk's own colours are not produced (NO_COLOR). */
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

async function runOne(input) {
  if (input.kind === 'diagram') {
    const parse = await parseDiagram(input.text);
    const lines = input.text.split(/\r\n?|\n/).length;
    for (const e of parse.errors) if (!(e.line >= 1 && e.line <= lines + 1 && e.column >= 1)) throw new Error(`error outside the text: ${e.line}:${e.column}`);
  }
  const text = input.kind === 'diagram' ? `# 3-scale_up\n\n\`\`\`mermaid\n${input.text}\n\`\`\`\n` : input.text;
  const result = await lintText(text, { rubric: input.rubric ?? '3-scale_up' });
  const report = { tool: { name: 'infralint', version: '0' }, results: [result] };
  // Every format on a share of the inputs (all of them cost ~1 ms each): control characters must never come out raw.
  if (input.formats) {
    for (const format of FORMATS) {
      const out = formatReport(report, format, { env: { NO_COLOR: '1' }, isTTY: false });
      if (RAW.test(out)) return { injected: format };
    }
  }
  return {};
}

/**
 * A smaller input that still throws the same error (greedy removal of halves, quarters...), within
 * the per-input limit counted from `started`: the watchdog counts the search as the input's own time.
 */
async function minimise(input, message, started) {
  const until = started + limitMs * 0.8;
  let text = input.text;
  const fails = async (t) => {
    try {
      await runOne({ ...input, text: t, formats: false });
      return false;
    } catch (error) {
      return String(error?.message ?? error).slice(0, 60) === message.slice(0, 60);
    }
  };
  let trials = 0;
  for (let chunk = Math.ceil(text.length / 2); chunk >= 1 && trials < 300 && elapsed() < until; chunk = Math.floor(chunk / 2)) {
    for (let i = 0; i < text.length && trials < 300 && elapsed() < until; ) {
      trials++;
      const candidate = text.slice(0, i) + text.slice(i + chunk);
      if (await fails(candidate)) text = candidate;
      else i += chunk;
    }
  }
  return text;
}

// Problems are sent as they are found: a later input may hang and have the worker terminated.
let slowest = { index: -1, ms: 0 };
for (let k = 0; k < inputs.length; k++) {
  Atomics.store(progress, 0, k + 1);
  const input = inputs[k];
  const started = elapsed();
  try {
    const r = await runOne(input);
    if (r.injected) parentPort.postMessage({ type: 'injected', index: input.index, format: r.injected });
  } catch (error) {
    const message = String(error?.stack ?? error?.message ?? error);
    parentPort.postMessage({ type: 'exception', index: input.index, message, minimal: await minimise(input, String(error?.message ?? error), started) });
  }
  const ms = elapsed() - started;
  if (ms > slowest.ms) slowest = { index: input.index, ms };
}
parentPort.postMessage({ type: 'done', done: inputs.length, slowest });
