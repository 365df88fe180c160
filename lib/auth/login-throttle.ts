// Slows password guessing: after 10 failures for one username within 15 minutes, refuse until the window ends.
const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES = 10;
const failures = new Map<string, number[]>();

export function loginBlocked(username: string, now = Date.now()): boolean {
  const recent = (failures.get(username) ?? []).filter((t) => now - t < WINDOW_MS);
  failures.set(username, recent);
  return recent.length >= MAX_FAILURES;
}

export function recordLoginFailure(username: string, now = Date.now()): void {
  failures.set(username, [...(failures.get(username) ?? []), now]);
}

export function clearLoginFailures(username: string): void {
  failures.delete(username);
}
