/**
 * A small seeded PRNG (mulberry32) so the demo data set is the same for the same seed on every
 * machine; Math.random would make the demo and its tests irreproducible.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('cannot pick from an empty list');
    return item;
  }

  /** Picks from [item, weight] pairs, proportionally to the weights. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [item, weight] of entries) {
      roll -= weight;
      if (roll < 0) return item;
    }
    const last = entries[entries.length - 1];
    if (last === undefined) throw new Error('cannot pick from an empty list');
    return last[0];
  }

  hex(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += Math.floor(this.next() * 16).toString(16);
    return out;
  }

  /** A version-4 shaped UUID. */
  uuid(): string {
    const variant = '89ab'[this.int(0, 3)] ?? '8';
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${variant}${this.hex(3)}-${this.hex(12)}`;
  }

  /** A Keeper-style record/app UID: 22 characters of URL-safe base64. */
  uid(): string {
    let out = '';
    for (let i = 0; i < 22; i++) out += UID_ALPHABET[Math.floor(this.next() * 64)];
    return out;
  }
}

/**
 * A stable id derived from a name (FNV-1a), independent of the seed: the same person or host keeps
 * the same id in every demo data set, as they would in a real deployment.
 */
export function stableHex(key: string, length: number): string {
  let out = '';
  for (let round = 0; out.length < length; round++) {
    let hash = 0x811c9dc5 ^ round;
    for (let i = 0; i < key.length; i++) {
      hash ^= key.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    out += hash.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

export function stableUuid(key: string): string {
  const h = stableHex(key, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const UID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A Keeper-style UID (22 URL-safe base64 characters) that is the same for the same name. */
export function stableUid(key: string): string {
  const hex = stableHex(key, 44);
  let out = '';
  for (let i = 0; i < 44; i += 2) out += UID_ALPHABET[parseInt(hex.slice(i, i + 2), 16) % 64];
  return out;
}
