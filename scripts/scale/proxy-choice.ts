// The proxy's backend choice: plain round robin; a backend that refuses the connection is skipped and the next
// one tried (the request never reached it), so each request tries every backend at most once, starting with
// the next in turn.

export class RoundRobin {
  private turn = 0;
  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new Error("round robin needs at least one backend");
  }

  /** The order in which one request tries the backends: the next in turn first, then the others in order. */
  order(): number[] {
    const start = this.turn;
    this.turn = (this.turn + 1) % this.size;
    return tryOrder(start, this.size);
  }
}

export function tryOrder(start: number, size: number): number[] {
  return Array.from({ length: size }, (_, i) => (start + i) % size);
}

/** Errors that mean the backend never received the request, so another one may be tried safely. */
export function neverReached(code: string | undefined): boolean {
  return code === "ECONNREFUSED";
}
