import v8 from 'node:v8';
import vm from 'node:vm';
import { HeapTrimmer, TRIM_FLOOR_BYTES, TRIM_GROWTH } from '../../src/grade/heap-trim.js';

v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;
const MIB = 1024 * 1024;

/** Old-generation pages left mostly empty: objects promoted together, every other one then dropped. */
function fragmentedHeap(): unknown[] {
  const kept: unknown[] = [];
  for (let i = 0; i < 400_000; i++) kept.push({ i, text: `object ${i}` });
  collect();
  for (let i = 0; i < kept.length; i++) if (i % 8) kept[i] = null;
  return kept;
}

describe('HeapTrimmer', () => {
  it('gives back the pages an ordinary full collection keeps', async () => {
    const kept = fragmentedHeap();
    collect();
    const afterCollection = v8.getHeapStatistics().total_heap_size;
    const trimmer = new HeapTrimmer(TRIM_GROWTH, 0);
    expect(await trimmer.trimIfGrown()).toBe(true);
    const afterTrim = v8.getHeapStatistics().total_heap_size;
    expect(afterCollection - afterTrim).toBeGreaterThan(10 * MIB);
    expect(kept.length).toBe(400_000);
  });

  it('trims only past the floor, then only once the heap has grown by TRIM_GROWTH since', async () => {
    let heap = 40 * MIB;
    const trimmer = new HeapTrimmer(1.5, 48 * MIB, () => heap);
    expect(await trimmer.trimIfGrown()).toBe(false);
    heap = 70 * MIB;
    expect(await trimmer.trimIfGrown()).toBe(true);
    // 70 MB after the trim (this heap does not shrink): the next one past 105.
    heap = 100 * MIB;
    expect(await trimmer.trimIfGrown()).toBe(false);
    heap = 106 * MIB;
    expect(await trimmer.trimIfGrown()).toBe(true);
  });

  it('never sets its limit below the floor (a worker after warm-up), however far a trim brings the heap down', async () => {
    // What the heap measures at each reading: before the first trim, after it, then at the next batches.
    const readings = [60, 10, 47, 49, 10].map((mb) => mb * MIB);
    const trimmer = new HeapTrimmer(1.5, 48 * MIB, () => readings.shift()!);
    expect(await trimmer.trimIfGrown()).toBe(true);
    // 10 MB after it: the limit is the floor, not 15 MB.
    expect(await trimmer.trimIfGrown()).toBe(false);
    expect(await trimmer.trimIfGrown()).toBe(true);
  });
});
