import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { AtomicFile } from './atomic-file.js';
import { openResults, mergeSorted, resultsTrailer, RESULTS_FILE, type ResultsReader } from './results-file.js';
import { digestRecord } from './record-digest.js';
import type { ResultsHeader } from './record.js';
import { OutFolder, writeError } from './out-folder.js';
import { CohortOutputs, commitOutputs, discardOutputs, type OutputOptions, type OutputResult, type PendingOutputs } from './write-outputs.js';
import { headerDifference } from './merge-checks.js';
import type { SimilarityOptions } from './similarity/find-similar.js';

export interface MergeOptions {
  /** Results files, or folders holding one (the `--out` of each shard). */
  partials: string[];
  out: string;
  report?: boolean;
  similarity?: SimilarityOptions;
  bom?: boolean;
  exports?: OutputOptions['exports'];
}

/**
 * `infralint merge`: the outputs of one run from the results of its shards. Refuses partials graded
 * with different settings or versions, a shard given twice, and a missing shard.
 */
export async function mergePartials(options: MergeOptions): Promise<{ header: ResultsHeader; outputs: OutputResult }> {
  if (!options.partials.length) throw new UsageError('merge needs at least one results file or shard folder');
  const readers: ResultsReader[] = [];
  for (const partial of options.partials) {
    const file = existsSync(partial) && statSync(partial).isDirectory() ? path.join(partial, RESULTS_FILE) : partial;
    readers.push(await openResults(file));
  }
  const first = readers[0]!.header;
  const seen = new Map<number, string>();
  for (const reader of readers) {
    const h = reader.header;
    const difference = headerDifference(readers[0]!, reader);
    if (difference) throw new UsageError(`cannot merge: ${difference}; grade every shard of one cohort the same way`);
    if (h.shard.count !== first.shard.count) throw new UsageError(`${reader.file} is shard ${h.shard.index}/${h.shard.count}, but ${readers[0]!.file} is one of ${first.shard.count}`);
    if (seen.has(h.shard.index)) throw new UsageError(`shard ${h.shard.index}/${h.shard.count} is given twice (${seen.get(h.shard.index)} and ${reader.file})`);
    seen.set(h.shard.index, reader.file);
  }
  const missing = [];
  for (let k = 1; k <= first.shard.count; k++) if (!seen.has(k)) missing.push(`${k}/${first.shard.count}`);
  if (missing.length) throw new UsageError(`shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')} missing: merge needs every shard of the run`);

  const header: ResultsHeader = { ...first, shard: { index: 1, count: 1 } };
  const folder = OutFolder.acquire(options.out);
  try {
    return await mergeInto(options, readers, header);
  } catch (error) {
    throw writeError(error, options.out);
  } finally {
    folder.release();
  }
}

async function mergeInto(options: MergeOptions, readers: ResultsReader[], header: ResultsHeader): Promise<{ header: ResultsHeader; outputs: OutputResult }> {
  const pending: PendingOutputs = { files: [], folders: [] };
  let writer: CohortOutputs | null = null;
  try {
    // The merged results file too: `grade --resume` then works from a merged run as from one run.
    const results = new AtomicFile(path.join(options.out, RESULTS_FILE));
    pending.files.push(results);
    results.write(`${JSON.stringify(header)}\n`);
    const merged = () => mergeSorted(readers.map((r) => r.records()));
    writer = new CohortOutputs(header, { out: options.out, report: options.report ?? true, copyRecordsTo: results, bom: options.bom ?? true, ...(options.exports ? { exports: options.exports } : {}), ...(options.similarity ? { similarity: options.similarity } : {}) }, pending);
    let students = 0;
    for await (const record of merged()) {
      writer.add(digestRecord(record, header));
      students++;
    }
    results.write(`${resultsTrailer(students)}\n`);
    const outputs = await writer.finish(merged);
    commitOutputs(pending, options.out);
    return { header, outputs };
  } catch (error) {
    writer?.discard();
    discardOutputs(pending);
    throw error;
  }
}
