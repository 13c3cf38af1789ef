import v8 from 'node:v8';
import vm from 'node:vm';
import { cachedByKey, cachedByObject, cachedByString, cachedByText, ownCopy } from '../../src/bounded-cache.js';

v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;

/** Bytes of heap still held, after a full collection, by what `keep` kept of 64 files of 512 KiB each (a 200-character slice of each). */
function heldOfFiles(keep: (slice: string) => void): number {
  collect();
  const before = v8.getHeapStatistics().used_heap_size;
  for (let i = 0; i < 64; i++) {
    const file = `${String(i).padStart(8, '-')}`.repeat(65_536);
    keep(file.slice(800, 1000));
  }
  collect();
  return v8.getHeapStatistics().used_heap_size - before;
}
const MIB = 1024 * 1024;

describe('ownCopy', () => {
  it('is the same string, and keeps none of the string it was cut from', () => {
    const file = 'a heading cut from a file'.repeat(100);
    expect(ownCopy(file.slice(2, 40))).toBe(file.slice(2, 40));
    expect(ownCopy('')).toBe('');
    const slices: string[] = [];
    const copies: string[] = [];
    // A slice of 13 characters or more keeps its whole file (V8's sliced strings): what the copies avoid.
    expect(heldOfFiles((slice) => slices.push(slice))).toBeGreaterThan(24 * MIB);
    expect(heldOfFiles((slice) => copies.push(ownCopy(slice)))).toBeLessThan(4 * MIB);
    expect(copies.length + slices.length).toBe(128);
  });

  it('is one copy for equal strings: a line several caches keep, a heading every student writes', () => {
    const copies: string[] = [];
    collect();
    const before = v8.getHeapStatistics().used_heap_size;
    // 64 equal lines of 256 KiB, each cut from a file of its own: one copy held, not 64 (16 MiB).
    for (let i = 0; i < 64; i++) copies.push(ownCopy(`${String(i).padStart(8, '-')}${'x'.repeat(262_144)}`.slice(8)));
    collect();
    expect(v8.getHeapStatistics().used_heap_size - before).toBeLessThan(4 * MIB);
    expect(new Set(copies).size).toBe(1);
  });

  it('gives back every string as it is: names an object has, index-like, and one after another', () => {
    const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '0', '42', '007', '-1', '4294967295', '1e3', ' ', 'x'];
    expect(names.map(ownCopy)).toEqual(names);
    // Nothing is left behind from one call to the next: each gets its own string back, twice over.
    expect([...names, ...names].map(ownCopy)).toEqual([...names, ...names]);
  });
});

describe('cachedByString', () => {
  it('keeps no file its strings were cut from, in its keys or in results made of them', () => {
    const read = cachedByString((text: string) => ({ start: text.slice(0, 100), whole: text }));
    expect(heldOfFiles((slice) => read(slice))).toBeLessThan(4 * MIB);
    expect(read(`${'7'.padStart(8, '-')}`.repeat(200).slice(800, 1000)).whole).toHaveLength(200);
  });

  it('computes each string once, including results that are undefined or empty', () => {
    const seen: string[] = [];
    const read = cachedByString((text: string) => {
      seen.push(text);
      return text === 'none' ? undefined : text.toUpperCase();
    });
    expect([read('a'), read('a'), read('none'), read('none'), read('')]).toEqual(['A', 'A', undefined, undefined, '']);
    expect(seen).toEqual(['a', 'none', '']);
  });

  /** A cache of `limit` results of text.length, and the texts it computed, in order. */
  function lengthsKept(limit: number): { read: (text: string) => number; seen: string[] } {
    const seen: string[] = [];
    const read = cachedByString((text: string) => {
      seen.push(text);
      return text.length;
    }, limit);
    return { read, seen };
  }

  it('computes a string longer than longestKept at every call and keeps none of them; frozen results either way', () => {
    const calls: string[] = [];
    const read = cachedByString((text: string) => { calls.push(text); return { length: text.length }; }, 1_000, { longestKept: 5 });
    const long = 'x'.repeat(6);
    expect(read(long)).toEqual({ length: 6 });
    expect(read(long)).toEqual({ length: 6 });
    expect(Object.isFrozen(read(long))).toBe(true);
    read('short');
    read('short');
    expect(Object.isFrozen(read('short'))).toBe(true);
    expect(calls).toEqual([long, long, long, 'short']);
  });

  it('drops what it holds once the limit is reached, so a cohort cannot grow it', () => {
    const { read, seen } = lengthsKept(2);
    for (const text of ['a', 'bb', 'ccc', 'a', 'ccc']) read(text);
    // Two generations of one: 'ccc' turned 'a' out, so 'a' is computed again, and 'ccc' is still held.
    expect(seen).toEqual(['a', 'bb', 'ccc', 'a']);
  });

  it('keeps what is asked for again across a turn of its generations, and drops what is not', () => {
    const { read, seen } = lengthsKept(4);
    // a and b fill the recent half; c turns them into the older one; a, asked for again, moves back;
    // d turns c and a older and drops b; so b is computed again, and a (moved back in time) is not.
    for (const text of ['a', 'b', 'c', 'a', 'd', 'b', 'a']) read(text);
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'b']);
  });

  it('freezes an object result, so that no caller changes what the next one reads', () => {
    const read = cachedByString((text: string) => ({ text }));
    expect(() => {
      (read('a') as { text: string }).text = 'b';
    }).toThrow(TypeError);
    expect(read('a').text).toBe('a');
  });
});

describe('cachedByKey', () => {
  it('computes once per key, whatever else the argument holds, and is bounded the same way', () => {
    const seen: string[] = [];
    const read = cachedByKey((a: { text: string; line: number }) => a.text, (a) => {
      seen.push(`${a.text}@${a.line}`);
      return [a.text.length];
    }, 2);
    expect(read({ text: 'ab', line: 1 })).toEqual([2]);
    // The same key from another argument: the first result, frozen.
    const again = read({ text: 'ab', line: 9 });
    expect(again).toEqual([2]);
    expect(Object.isFrozen(again)).toBe(true);
    for (const text of ['c', 'dd', 'ab']) read({ text, line: 3 });
    expect(seen).toEqual(['ab@1', 'c@3', 'dd@3', 'ab@3']);
  });
});

describe('cachedByText', () => {
  interface Read {
    text: string;
    section: string[];
    line: number;
  }
  const reader = (limit?: number) => {
    const seen: string[] = [];
    const read = cachedByText(
      (a: Read) => a.text,
      (a: Read) => ({ section: a.section }),
      (kept, a) => kept.section.length === a.section.length && kept.section.every((s, k) => s === a.section[k]),
      (a: Read) => {
        seen.push(`${a.text}@${a.line}`);
        return [a.text, ...a.section];
      },
      limit,
    );
    return { read, seen };
  };

  it('computes once per text and context, a context equal but not the same array included', () => {
    const { read, seen } = reader();
    expect(read({ text: 'ab', section: ['Why'], line: 1 })).toEqual(['ab', 'Why']);
    // The same text in another context is read again; in an equal one, not.
    expect(read({ text: 'ab', section: ['Issues'], line: 2 })).toEqual(['ab', 'Issues']);
    const again = read({ text: 'ab', section: ['Why'], line: 3 });
    expect(again).toEqual(['ab', 'Why']);
    expect(Object.isFrozen(again)).toBe(true);
    expect(read({ text: 'ab', section: [], line: 4 })).toEqual(['ab']);
    expect(seen).toEqual(['ab@1', 'ab@2', 'ab@4']);
  });

  it('keeps no file the texts it reads were cut from, under its keys', () => {
    const read = cachedByText((a: Read) => a.text, () => null, () => true, (a: Read) => a.text.length);
    expect(heldOfFiles((slice) => read({ text: slice, section: [], line: 1 }))).toBeLessThan(4 * MIB);
  });

  it('drops what it holds once `limit` readings are kept', () => {
    const { read, seen } = reader(2);
    for (const [text, line] of [['a', 1], ['a', 2], ['b', 3], ['a', 4], ['c', 5], ['a', 6]] as const) read({ text, section: line === 2 ? ['x'] : [], line });
    // a and a-under-x fill it; b drops both; a is read again, c drops b and a; a once more.
    expect(seen).toEqual(['a@1', 'a@2', 'b@3', 'a@4', 'c@5', 'a@6']);
  });
});

describe('cachedByObject', () => {
  it('computes once per object, equal objects apart, undefined results included', () => {
    const seen: string[] = [];
    const read = cachedByObject((list: readonly string[]) => {
      seen.push(list.join());
      return list.length ? list.join('+') : undefined;
    });
    const a = ['x', 'y'];
    const b = ['x', 'y'];
    const none: string[] = [];
    expect([read(a), read(a), read(b), read(none), read(none)]).toEqual(['x+y', 'x+y', 'x+y', undefined, undefined]);
    expect(seen).toEqual(['x,y', 'x,y', '']);
  });

  it('keeps no failure: a compute that throws is tried again', () => {
    let calls = 0;
    const read = cachedByObject((_: object) => {
      calls++;
      if (calls === 1) throw new Error('first time');
      return calls;
    });
    const key = {};
    expect(() => read(key)).toThrow('first time');
    expect([read(key), read(key)]).toEqual([2, 2]);
  });

  it('leaves its results open to the reader that fills them in on first need', () => {
    const read = cachedByObject((_: object) => ({ filled: undefined as number | undefined }));
    const key = {};
    read(key).filled ??= 3;
    expect(read(key).filled).toBe(3);
    expect(Object.isFrozen(read(key))).toBe(false);
  });
});
