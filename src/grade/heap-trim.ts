import type { Session } from 'node:inspector';
import { getHeapStatistics } from 'node:v8';

const MIB = 1024 * 1024;

/**
 * How far a grading worker's heap may grow past its size after the last trim before it is trimmed
 * again, and the size below which it is never trimmed (a worker's heap after warm-up: 35-50 MB).
 */
export const TRIM_GROWTH = 1.5;
export const TRIM_FLOOR_BYTES = 48 * MIB;

/**
 * Gives a grading worker's heap back to its live data now and then. Over a long run the workers'
 * old generations fragment: each full collection V8 makes on its own frees objects but keeps most
 * of their pages, so a worker's heap climbed from ~50 MB after 500 students to ~85 MB after 5,000
 * for 30-40 MB of live data, and the peak of a run grew with the cohort. A memory-reducing
 * collection (V8's last-resort one: it compacts every fragmented page and gives the free ones back,
 * twice over) brings it back to its live data; it costs one or two full collections (40-80 ms),
 * so it is made only when the heap has grown past TRIM_GROWTH times its size after the last one.
 *
 * JavaScript asks for one through the inspector protocol (HeapProfiler.collectGarbage), on a
 * session of the worker's own thread: no port, no other process. V8's `gc` (--expose-gc) would
 * expose a global to every module, and makes one only on Node 24 (`flavor: 'last-resort'`): on
 * Node 20 it makes an ordinary full collection, which keeps the pages. Where Node is built without
 * the inspector, nothing is trimmed.
 */
export class HeapTrimmer {
  private session: Session | null | undefined;
  private limit: number;

  constructor(
    private readonly growth = TRIM_GROWTH,
    private readonly floor = TRIM_FLOOR_BYTES,
    private readonly heapBytes = () => getHeapStatistics().total_heap_size,
  ) {
    this.limit = floor;
  }

  /** Trims the heap when it has outgrown the limit; between two batches, where no student waits. Whether it did. */
  async trimIfGrown(): Promise<boolean> {
    if (this.heapBytes() <= this.limit) return false;
    const session = await this.ownSession();
    if (!session) return false;
    await new Promise<void>((resolve) => session.post('HeapProfiler.collectGarbage', () => resolve()));
    this.limit = Math.max(this.floor, this.heapBytes() * this.growth);
    return true;
  }

  private async ownSession(): Promise<Session | null> {
    if (this.session === undefined) {
      try {
        const { Session } = await import('node:inspector');
        this.session = new Session();
        this.session.connect();
      } catch {
        this.session = null;
      }
    }
    return this.session;
  }
}
