// Go's container/heap Push/Pop, so topk/bottomk keep exactly the elements Prometheus keeps among ties.
export function heapPush<T>(h: T[], x: T, less: (a: T, b: T) => boolean): void {
  h.push(x);
  let j = h.length - 1;
  while (j > 0) {
    const i = Math.floor((j - 1) / 2);
    if (!less(h[j]!, h[i]!)) break;
    [h[i], h[j]] = [h[j]!, h[i]!];
    j = i;
  }
}

export function heapPop<T>(h: T[], less: (a: T, b: T) => boolean): T {
  const n = h.length - 1;
  [h[0], h[n]] = [h[n]!, h[0]!];
  let i = 0;
  for (;;) {
    const j1 = 2 * i + 1;
    if (j1 >= n) break;
    let j = j1;
    const j2 = j1 + 1;
    if (j2 < n && less(h[j2]!, h[j1]!)) j = j2;
    if (!less(h[j]!, h[i]!)) break;
    [h[i], h[j]] = [h[j]!, h[i]!];
    i = j;
  }
  return h.pop()!;
}
