/**
 * The one seeded PRNG of the engine: initialisation, shuffling and dropout all draw from it.
 * sfc32 (Chris Doty-Humphrey's Small Fast Counter): 128 bits of state, passes PractRand,
 * and its whole state is four uint32 — easy to checkpoint and restore exactly.
 */
export type RngState = [number, number, number, number]

export class Rng {
  private a: number
  private b: number
  private c: number
  private d: number
  /** The second value of a Box–Muller pair, kept so normals cost one uniform pair per two. */
  private spareNormal: number | null = null

  constructor(seed: number) {
    // splitmix32 spreads a small integer seed over the four words.
    let s = seed >>> 0
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0
      let z = s
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
      return (z ^ (z >>> 16)) >>> 0
    }
    this.a = next()
    this.b = next()
    this.c = next()
    this.d = next()
    for (let i = 0; i < 12; i++) this.nextU32()
  }

  nextU32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0
    this.d = (this.d + 1) >>> 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) >>> 0
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0
    this.c = (this.c + t) >>> 0
    return t
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextU32() / 4294967296
  }

  uniform(low: number, high: number): number {
    return low + (high - low) * this.next()
  }

  /** Standard normal by Box–Muller. */
  normal(mean = 0, std = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal
      this.spareNormal = null
      return mean + std * z
    }
    let u = 0
    while (u === 0) u = this.next()
    const v = this.next()
    const r = Math.sqrt(-2 * Math.log(u))
    this.spareNormal = r * Math.sin(2 * Math.PI * v)
    return mean + std * r * Math.cos(2 * Math.PI * v)
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n)
  }

  /** Fisher–Yates shuffle in place. */
  shuffle<T extends { length: number; [i: number]: unknown }>(arr: T): T {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = this.int(i + 1)
      const tmp = arr[i]
      arr[i] = arr[j]
      arr[j] = tmp
    }
    return arr
  }

  /** A permutation of 0..n-1. */
  permutation(n: number): Uint32Array {
    const p = new Uint32Array(n)
    for (let i = 0; i < n; i++) p[i] = i
    return this.shuffle(p)
  }

  getState(): { words: RngState; spareNormal: number | null } {
    return { words: [this.a, this.b, this.c, this.d], spareNormal: this.spareNormal }
  }

  setState(state: { words: RngState; spareNormal: number | null }): void {
    ;[this.a, this.b, this.c, this.d] = state.words
    this.spareNormal = state.spareNormal
  }
}
