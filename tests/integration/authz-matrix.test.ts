// The authorization matrix (tests/authz/matrix.ts) against the real route handlers: every app/**/route.ts is
// found by reading the tree, each exported method is called as every principal with a minimal request, and
// the outcome must match the table: 401/403 for "deny", anything else for "allow" — and never a 500.
// A route or page without a row fails here, naming it; so does a row whose route is gone.
import { beforeAll, describe, expect, it } from "vitest";
import { discoverPages, discoverRoutes } from "../authz/discover";
import { API_MATRIX, API_PRINCIPALS, type ApiPrincipal, type Outcome, PAGE_MATRIX } from "../authz/matrix";
import { type Credentials, matrixPrincipals } from "../authz/principals";
import { useTestDatabase } from "../helpers/database";

const routes = discoverRoutes();

/** Values for dynamic segments: none exists, so an allowed request ends in a 404 or a 400, never a change. */
const PLACEHOLDER: Record<string, string> = {
  id: "999999",
  model: "no-such-model",
  name: "no-such-name",
  key: "no-such-experiment",
  uid: "no-such-dashboard",
};

function fill(path: string): { url: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const url = path.replace(/\[([^\]]+)\]/g, (_, name: string) => {
    params[name] = PLACEHOLDER[name] ?? `no-such-${name}`;
    return encodeURIComponent(params[name]!);
  });
  return { url, params };
}

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function callAs(route: (typeof routes)[number], credentials: Credentials): Promise<Response> {
  const mod = (await import(`@/${route.file}`)) as Record<string, Handler>;
  const handler = mod[route.method]!;
  const { url, params } = fill(route.path);
  const search = new URLSearchParams(credentials.query).toString();
  const hasBody = route.method !== "GET" && route.method !== "HEAD";
  const req = new Request(`http://localhost${url}${search ? `?${search}` : ""}`, {
    method: route.method,
    headers: { ...credentials.headers, ...(hasBody ? { "content-type": "application/json" } : {}) },
    body: hasBody ? "{}" : undefined,
  });
  return handler(req, { params: Promise.resolve(params) });
}

const outcomeOf = (status: number): Outcome => (status === 401 || status === 403 ? "deny" : "allow");

describe("the matrix covers the tree", () => {
  it("has a row for every route handler and method", () => {
    const missing = routes.filter((r) => !(r.key in API_MATRIX)).map((r) => `${r.key} (${r.file})`);
    expect(missing, "add these to API_MATRIX in tests/authz/matrix.ts").toEqual([]);
  });

  it("has no row for a route that no longer exists", () => {
    const known = new Set(routes.map((r) => r.key));
    expect(Object.keys(API_MATRIX).filter((k) => !known.has(k))).toEqual([]);
  });

  it("has a row for every page, and none for a page that is gone", () => {
    const pages = discoverPages();
    expect(
      pages.filter((p) => !(p in PAGE_MATRIX)),
      "add these to PAGE_MATRIX",
    ).toEqual([]);
    expect(Object.keys(PAGE_MATRIX).filter((p) => !pages.includes(p))).toEqual([]);
  });
});

describe("every route as every principal", () => {
  let credentialsOf: (p: ApiPrincipal) => Promise<Credentials>;
  beforeAll(async () => {
    // A signing secret, so the embed data routes check tokens instead of answering "embeds are disabled".
    const database = await useTestDatabase({
      VIGIL_EMBED_SECRET: "matrix-test-embed-secret-0123456789abcdef",
    });
    credentialsOf = await matrixPrincipals(database);
  });

  for (const route of routes) {
    const expected = API_MATRIX[route.key];
    if (!expected) continue; // reported by the coverage test above
    it(route.key, async () => {
      const seen: Record<string, string> = {};
      const want: Record<string, string> = {};
      for (const principal of API_PRINCIPALS) {
        const res = await callAs(route, await credentialsOf(principal));
        const body = await res.text();
        expect(res.status, `${route.key} as ${principal} answered 500: ${body.slice(0, 300)}`).not.toBe(500);
        seen[principal] = `${outcomeOf(res.status)} (${res.status})`;
        want[principal] = expected[principal];
      }
      const outcomes = Object.fromEntries(Object.entries(seen).map(([p, s]) => [p, s.split(" ")[0]]));
      expect(outcomes, `${route.key}: ${JSON.stringify(seen)}`).toEqual(want);
    });
  }
});
