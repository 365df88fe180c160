// Slows password guessing, in two ways: after 10 failures for one username within 15 minutes that username is
// locked until the window ends (guessing one account's password), and after 50 failures from one client
// address within 15 minutes that address is locked (trying a few passwords on many accounts). Counts live in
// the process: with several web replicas each keeps its own, so the limits scale with the replica count.
const WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_USER = 10;
export const MAX_FAILURES_PER_ADDRESS = 50;
/** Above this many tracked keys, the oldest are dropped (a flood of random usernames must not grow memory). */
const MAX_TRACKED = 100_000;

const failures = new Map<string, number[]>();

const userKey = (username: string) => `u:${username.toLowerCase()}`;
const addressKey = (address: string) => `a:${address}`;

function recent(key: string, now: number): number[] {
  const list = (failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
  if (list.length) failures.set(key, list);
  else failures.delete(key);
  return list;
}

function add(key: string, now: number): void {
  const list = [...recent(key, now), now];
  failures.delete(key); // re-insert: Map order is then least recently failed first
  failures.set(key, list);
  if (failures.size > MAX_TRACKED) failures.delete(failures.keys().next().value!);
}

/** What locks this attempt, if anything: the username, the client address, or nothing. */
export function loginBlocked(
  username: string,
  address: string | null = null,
  now = Date.now(),
): "user" | "address" | null {
  if (recent(userKey(username), now).length >= MAX_FAILURES_PER_USER) return "user";
  if (address && recent(addressKey(address), now).length >= MAX_FAILURES_PER_ADDRESS) return "address";
  return null;
}

export function recordLoginFailure(username: string, address: string | null = null, now = Date.now()): void {
  add(userKey(username), now);
  if (address) add(addressKey(address), now);
}

/** A successful login clears the username's count (not the address's: one right password proves little). */
export function clearLoginFailures(username: string): void {
  failures.delete(userKey(username));
}

/**
 * The client's address as the nearest proxy reports it: the last X-Forwarded-For entry (the one that proxy
 * appended; earlier entries are whatever the client claimed), else X-Real-IP. Next.js fills X-Forwarded-For
 * from the socket when no proxy set it. null when nothing says.
 */
export function clientAddress(req: Request): string | null {
  const forwarded = req.headers.get("x-forwarded-for");
  const last = forwarded
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .pop();
  return last || req.headers.get("x-real-ip")?.trim() || null;
}
