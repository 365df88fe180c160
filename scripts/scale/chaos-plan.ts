// When the run kills what: one random worker early in the middle of the run and one random web process later
// (never both at once), each restarted a few seconds after on the same port / with the same settings.

export interface Kill {
  role: "worker" | "web";
  index: number;
  /** ms after the load started */
  atMs: number;
  /** how long the process stays down before it is started again */
  downMs: number;
}

/** `random` returns [0, 1) like Math.random (injectable for tests). */
export function planKills(
  durationMs: number,
  counts: { workers: number; webs: number },
  random: () => number = Math.random,
): Kill[] {
  const between = (a: number, b: number) => a + (b - a) * random();
  const worker: Kill = {
    role: "worker",
    index: Math.floor(random() * counts.workers),
    atMs: Math.round(between(0.2, 0.45) * durationMs),
    downMs: Math.round(between(3000, 6000)),
  };
  const web: Kill = {
    role: "web",
    index: Math.floor(random() * counts.webs),
    atMs: Math.round(between(0.55, 0.75) * durationMs),
    downMs: Math.round(between(3000, 6000)),
  };
  // Never both down at once, however short the run.
  web.atMs = Math.max(web.atMs, worker.atMs + worker.downMs + 1000);
  return [worker, web];
}
