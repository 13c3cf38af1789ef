import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadRubric } from '../../src/config/rubric.js';
import { gradeCohort } from '../../src/grade/grade-cohort.js';
import { workerOldGenerationMb } from '../../src/grade/run-pool.js';
import { DEFAULT_MAX_BYTES } from '../../src/read/safe-read.js';
import { makeCohort } from '../helpers/cohort.js';

/**
 * The grading workers' memory cap follows --max-bytes (issue 17 item 2, issue 18 item 6): small for
 * an ordinary run, so that V8 keeps each worker's heap small, and large enough for the largest task
 * file the run admits. Proven at the limit with room to spare: a task file of --max-bytes 32M, read
 * whole, is graded by a worker held to half its cap, with the answer of the main thread (no cap).
 */
const MIB = 1024 * 1024;
const MAX_BYTES = 32 * MIB;

/** A task file of just under `bytes`: prose and diagrams repeated, as a student pasting a lot would write. */
function taskFileOf(bytes: number): string {
  const diagram = '```mermaid\nflowchart TD\n  U[User] --> LB[HAProxy]\n  LB --> W1[Nginx]\n  LB --> W2[Nginx]\n```\n';
  const unit = `${'The load balancer spreads the traffic between the web servers because one server alone is a single point of failure. '.repeat(20)}\n\n${diagram}`;
  const head = `# 3-scale_up\n\n${diagram}\n`;
  return head + unit.repeat(Math.floor((bytes - head.length) / unit.length));
}

describe('the workers\' memory cap', () => {
  it('is the floor for the default --max-bytes and grows with --max-bytes', () => {
    expect(workerOldGenerationMb()).toBe(256);
    expect(workerOldGenerationMb(DEFAULT_MAX_BYTES)).toBe(256);
    expect(workerOldGenerationMb(MAX_BYTES)).toBe(800);
    expect(workerOldGenerationMb(64 * MIB)).toBeGreaterThan(workerOldGenerationMb(MAX_BYTES));
  });

  it('leaves room for a task file at the --max-bytes limit: graded under half the cap, as in the main thread', async () => {
    const text = taskFileOf(MAX_BYTES - 1024);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_BYTES);
    const cohort = makeCohort({ heavy: { 'web_infrastructure_design/3-scale_up.md': text } });
    const rubrics = [loadRubric('3-scale_up')];
    const answer = async (jobs: number, maxWorkerMemoryMb?: number) => {
      const out = mkdtempSync(path.join(os.tmpdir(), 'infralint-worker-cap-'));
      await gradeCohort({ dir: cohort, out, rubrics, jobs, lint: { maxBytes: MAX_BYTES }, report: false, timeoutMs: 600_000, ...(maxWorkerMemoryMb ? { maxWorkerMemoryMb } : {}) });
      const record = JSON.parse(readFileSync(path.join(out, 'results.jsonl'), 'utf8').split('\n')[1]!);
      return { status: record.status, error: record.error, tasks: record.tasks.map((t: { task: string; score: number; verdict: string }) => [t.task, t.score, t.verdict]) };
    };
    const inWorker = await answer(1, workerOldGenerationMb(MAX_BYTES) / 2);
    expect(inWorker.status).toBe('graded');
    expect(inWorker).toEqual(await answer(0));
  }, 600_000);
});
