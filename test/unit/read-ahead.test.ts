import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ReadAhead } from '../../src/grade/atomic-file.js';

describe('ReadAhead: parts of a file read back through a window', () => {
  // Parts of 1 to 90 bytes, each filled with its own number, one of them larger than the window.
  const lengths = Array.from({ length: 200 }, (_, k) => (k === 57 ? 300 : 1 + ((k * 37) % 90)));
  const offsets = lengths.map((_, k) => lengths.slice(0, k).reduce((a, b) => a + b, 0));
  const size = lengths.reduce((a, b) => a + b, 0);
  const folder = mkdtempSync(path.join(os.tmpdir(), 'infralint-read-ahead-'));
  const file = path.join(folder, 'parts');
  writeFileSync(file, Buffer.concat(lengths.map((length, k) => Buffer.alloc(length, k))));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  const readInOrder = (order: number[], windowBytes: number) => {
    const fd = openSync(file, 'r');
    try {
      const reader = new ReadAhead(fd, size, 'parts', windowBytes);
      // Each view checked before the next read: it is valid until then.
      return order.filter((k) => {
        const part = reader.read(offsets[k]!, lengths[k]!);
        return part.byteLength !== lengths[k] || part.some((byte) => byte !== k);
      });
    } finally {
      closeSync(fd);
    }
  };

  it('gives each part whole, in order, out of order (backwards, jumps) and across window edges', () => {
    const inOrder = lengths.map((_, k) => k);
    // Mostly in order, with neighbours swapped (as natural order moves a few names) and a jump back.
    const nearly = inOrder.map((k) => (k % 10 === 3 ? k + 1 : k % 10 === 4 ? k - 1 : k));
    nearly.splice(150, 0, 2, 199, 0);
    for (const windowBytes of [64, 100, 256, 1 << 20]) {
      expect(readInOrder(inOrder, windowBytes)).toEqual([]);
      expect(readInOrder(nearly, windowBytes)).toEqual([]);
      expect(readInOrder([...inOrder].reverse(), windowBytes)).toEqual([]);
    }
  });

  it('says a file that ends before its parts was cut, and never reads a part past the size it was given', () => {
    const fd = openSync(file, 'r');
    try {
      expect(() => new ReadAhead(fd, size + 50, 'parts', 64).read(size - 10, 40)).toThrow('parts ended early');
      // The file goes on past `size` here: a part beyond it is refused, not read from what follows.
      expect(() => new ReadAhead(fd, size - 50, 'parts', 64).read(size - 60, 40)).toThrow('parts ended early');
    } finally {
      closeSync(fd);
    }
  });
});
