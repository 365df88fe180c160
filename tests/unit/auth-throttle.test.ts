// The login lockout: per username (10 failures in 15 minutes) and per client address (50), each window
// sliding; a success clears the username's count only.
import { describe, expect, it } from "vitest";
import {
  clearLoginFailures,
  clientAddress,
  loginBlocked,
  MAX_FAILURES_PER_ADDRESS,
  MAX_FAILURES_PER_USER,
  recordLoginFailure,
} from "@/lib/auth/login-throttle";

const MIN = 60_000;

describe("login throttle", () => {
  it("locks a username after 10 failures within 15 minutes, from any address, until the window passes", () => {
    const t0 = 1_000_000_000;
    for (let i = 0; i < MAX_FAILURES_PER_USER - 1; i++) recordLoginFailure("alice", `10.0.0.${i}`, t0 + i);
    expect(loginBlocked("alice", "10.9.9.9", t0 + MIN)).toBeNull();
    recordLoginFailure("alice", "10.0.0.99", t0 + 2 * MIN);
    expect(loginBlocked("alice", "10.9.9.9", t0 + 3 * MIN)).toBe("user");
    expect(loginBlocked("ALICE", null, t0 + 3 * MIN)).toBe("user"); // case does not dodge it
    expect(loginBlocked("bob", "10.9.9.9", t0 + 3 * MIN)).toBeNull();
    // The first nine age out 15 minutes after they happened.
    expect(loginBlocked("alice", null, t0 + 15 * MIN + 10)).toBeNull();
  });

  it("locks an address after 50 failures across usernames", () => {
    const t0 = 2_000_000_000;
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) recordLoginFailure(`user-${i}`, "192.0.2.7", t0 + i);
    expect(loginBlocked("someone-new", "192.0.2.7", t0 + MIN)).toBe("address");
    expect(loginBlocked("someone-new", "192.0.2.8", t0 + MIN)).toBeNull();
    expect(loginBlocked("someone-new", "192.0.2.7", t0 + 16 * MIN)).toBeNull();
  });

  it("a success clears the username's failures", () => {
    const t0 = 3_000_000_000;
    for (let i = 0; i < MAX_FAILURES_PER_USER; i++) recordLoginFailure("carol", null, t0);
    expect(loginBlocked("carol", null, t0)).toBe("user");
    clearLoginFailures("carol");
    expect(loginBlocked("carol", null, t0)).toBeNull();
  });

  it("reads the client address from the nearest proxy's X-Forwarded-For entry", () => {
    const req = (headers: Record<string, string>) => new Request("http://x/", { headers });
    expect(clientAddress(req({ "x-forwarded-for": "6.6.6.6, 203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientAddress(req({ "x-real-ip": "198.51.100.1" }))).toBe("198.51.100.1");
    expect(clientAddress(req({}))).toBeNull();
  });
});
