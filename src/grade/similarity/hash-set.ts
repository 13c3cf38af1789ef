/**
 * A set of 32-bit unsigned integers (hashed shingles and words), open addressing in one typed array.
 * A `Set<number>` holds a value of 2^30 or more (three hashes in four) as a heap number: each one
 * added is allocated, and each one looked up is hashed as a double. Sketching a student looks up
 * and adds every shingle of their prose, so that set was most of the sketch's cost and garbage.
 */
export class Uint32Set {
  /** Slots; 0 marks an empty one (the value 0 itself is `hasZero`). */
  private slots: Uint32Array;
  private mask: number;
  private hasZero = false;
  private count = 0;

  /** `expected`: values it is expected to hold (it grows past them). */
  constructor(expected = 64) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Uint32Array(capacity);
    this.mask = capacity - 1;
  }

  /** How many distinct values were added. */
  get size(): number {
    return this.count;
  }

  has(value: number): boolean {
    if (value === 0) return this.hasZero;
    const slots = this.slots;
    for (let i = slotOf(value, this.mask); ; i = (i + 1) & this.mask) {
      const at = slots[i]!;
      if (at === value) return true;
      if (at === 0) return false;
    }
  }

  /** Adds `value` (an unsigned 32-bit integer); false when it was there already. */
  add(value: number): boolean {
    if (value === 0) {
      if (this.hasZero) return false;
      this.hasZero = true;
      this.count++;
      return true;
    }
    if (!this.place(this.slots, this.mask, value)) return false;
    // At most half full: probe sequences stay a slot or two long.
    if (++this.count * 2 > this.slots.length) this.grow();
    return true;
  }

  /** Puts `value` into `slots`; false when it is there already. */
  private place(slots: Uint32Array, mask: number, value: number): boolean {
    for (let i = slotOf(value, mask); ; i = (i + 1) & mask) {
      const at = slots[i]!;
      if (at === value) return false;
      if (at === 0) {
        slots[i] = value;
        return true;
      }
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    this.mask = this.slots.length - 1;
    for (const value of old) if (value !== 0) this.place(this.slots, this.mask, value);
  }
}

/**
 * The first slot of a value: the top bits of its product with 2^32 / phi (Fibonacci hashing), which
 * depend on all of its bits, so that values sharing their low bits spread too. `mask` is the
 * capacity less one (2^k - 1, whose leading zeros are the 32 - k bits to shift away).
 */
function slotOf(value: number, mask: number): number {
  return Math.imul(value, 0x9e3779b1) >>> Math.clz32(mask);
}
