// The part of numpy's legacy global RandomState that Evidently's permutation test uses:
// np.random.seed(s) (MT19937 init_genrand), then np.random.choice(a, k, replace=False), which is
// a[permutation(len(a))[:k]] — an in-place Fisher–Yates shuffle of arange(n) from the top index down,
// each swap index drawn by random_interval(i) (masked rejection sampling on 32-bit outputs).

const N = 624;
const M = 397;

export class MT19937 {
  private readonly mt = new Uint32Array(N);
  private pos = N;

  constructor(seed: number) {
    const mt = this.mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.pos = N;
  }

  private twist(): void {
    const mt = this.mt;
    for (let i = 0; i < N; i++) {
      const y = (mt[i]! & 0x80000000) | (mt[(i + 1) % N]! & 0x7fffffff);
      let v = mt[(i + M) % N]! ^ (y >>> 1);
      if (y & 1) v ^= 0x9908b0df;
      mt[i] = v >>> 0;
    }
    this.pos = 0;
  }

  /** Next tempered 32-bit output (genrand_int32). */
  nextUint32(): number {
    if (this.pos >= N) this.twist();
    let y = this.mt[this.pos++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** numpy random_interval(max) for max < 2^32: uniform integer in [0, max]. */
  interval(max: number): number {
    if (max === 0) return 0;
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    let value: number;
    do {
      value = (this.nextUint32() & mask) >>> 0;
    } while (value > max);
    return value;
  }

  /** Legacy RandomState.shuffle on a 1-d array, in place. */
  shuffle(arr: Int32Array | Uint32Array | Float64Array): void {
    if (arr.length > 0xffffffff) throw new Error("shuffle: array too long for 32-bit intervals");
    for (let i = arr.length - 1; i >= 1; i--) {
      const j = this.interval(i);
      const t = arr[i]!;
      arr[i] = arr[j]!;
      arr[j] = t;
    }
  }

  /** np.random.permutation(n). */
  permutation(n: number): Int32Array {
    const arr = new Int32Array(n);
    for (let i = 0; i < n; i++) arr[i] = i;
    this.shuffle(arr);
    return arr;
  }
}
