import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { UsageError } from '../errors.js';
import type { ResultsHeader, StudentRecord } from './record.js';

/** The file each run (or shard) writes: a header line, then one student per line, sorted by student. */
export const RESULTS_FILE = 'results.jsonl';

export interface ResultsReader {
  file: string;
  header: ResultsHeader;
  records: () => AsyncGenerator<StudentRecord>;
}

/** The non-empty lines of a file, streamed. */
export async function* jsonLines(file: string): AsyncGenerator<string> {
  const input = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of input) if (line) yield line;
}

/** A header line longer than this is not one infralint wrote. */
const HEADER_LIMIT = 1 << 20;

/**
 * The first line of a file, read in small chunks: opening a results file of 10,000 students must
 * not read its 100+ MB (a line stream keeps reading ahead after the first line is taken).
 */
async function firstLine(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.alloc(16 * 1024);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, length);
      const end = chunk.subarray(0, bytesRead).indexOf(10);
      chunks.push(chunk.subarray(0, end < 0 ? bytesRead : end));
      length += bytesRead;
      if (end >= 0 || bytesRead === 0 || length >= HEADER_LIMIT) return Buffer.concat(chunks).toString('utf8').replace(/\r$/, '');
    }
  } finally {
    await handle.close();
  }
}

/** The records of a results file after its header, streamed. */
export async function* resultRecords(file: string): AsyncGenerator<StudentRecord> {
  let skipped = false;
  for await (const line of jsonLines(file)) {
    if (!skipped) {
      skipped = true;
      continue;
    }
    yield JSON.parse(line) as StudentRecord;
  }
}

/** Opens a results file and checks that it is one infralint wrote; reads only its header line. */
export async function openResults(file: string): Promise<ResultsReader> {
  let first: string;
  try {
    first = await firstLine(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let header: ResultsHeader | null = null;
  try {
    header = first ? (JSON.parse(first) as ResultsHeader) : null;
  } catch {
    header = null;
  }
  if (!header || header.infralint !== 'grade-results') throw new UsageError(`${file} is not a results file of infralint grade`);
  return { file, header, records: () => resultRecords(file) };
}

/** Merges sorted record streams into one sorted stream; a student in two streams is an error. */
export async function* mergeSorted(streams: AsyncGenerator<StudentRecord>[]): AsyncGenerator<StudentRecord> {
  const heads = await Promise.all(streams.map(async (s) => (await s.next()).value as StudentRecord | undefined));
  let last: string | null = null;
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      const head = heads[i];
      if (head && (best < 0 || head.student < heads[best]!.student)) best = i;
    }
    if (best < 0) return;
    const record = heads[best]!;
    if (record.student === last) throw new UsageError(`student "${record.student}" appears in two results files`);
    last = record.student;
    yield record;
    heads[best] = (await streams[best]!.next()).value as StudentRecord | undefined;
  }
}
