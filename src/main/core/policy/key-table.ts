/**
 * An open-addressing hash table from 32-bit feature keys to the model's weight rows: looked up
 * for every feature of every message, so a typed-array table, without the cost of a Map.
 */
const EMPTY = -1;

export class KeyTable {
  private keys: Uint32Array;
  private slots: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1024) {
    let n = 16;
    // At most two thirds full: short probes, and a table small enough to stay in the cache.
    while (n < capacity * 1.5) n *= 2;
    this.keys = new Uint32Array(n);
    this.slots = new Int32Array(n).fill(EMPTY);
    this.mask = n - 1;
  }

  private slot(key: number): number {
    let i = (Math.imul(key, 0x9e3779b1) >>> 0) & this.mask;
    while (this.slots[i] !== EMPTY && this.keys[i] !== key) i = (i + 1) & this.mask;
    return i;
  }

  /** The value stored for `key`, or -1. */
  get(key: number): number {
    return this.slots[this.slot(key)];
  }

  set(key: number, value: number): void {
    const i = this.slot(key);
    if (this.slots[i] === EMPTY) {
      if ((this.size + 1) * 3 > this.slots.length * 2) {
        this.grow();
        this.set(key, value);
        return;
      }
      this.size++;
      this.keys[i] = key;
    }
    this.slots[i] = value;
  }

  private grow(): void {
    const { keys, slots } = this;
    const n = slots.length * 2;
    this.keys = new Uint32Array(n);
    this.slots = new Int32Array(n).fill(EMPTY);
    this.mask = n - 1;
    this.size = 0;
    for (let i = 0; i < slots.length; i++) if (slots[i] !== EMPTY) this.set(keys[i], slots[i]);
  }
}
