// Finds what the authorization matrix must cover by reading the source tree, not a list kept by hand: every
// route handler file (app/**/route.ts) with the HTTP methods it exports, and every page (app/**/page.tsx).
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface DiscoveredRoute {
  /** "GET /api/v1/models/[model]": the key of the matrix's API table */
  key: string;
  method: HttpMethod;
  /** the URL path with Next's [segment] placeholders, e.g. /api/v1/models/[model] */
  path: string;
  /** the file, relative to the repository root */
  file: string;
}

function walk(dir: string, name: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full, name));
    else if (entry.name === name) out.push(full);
  }
  return out;
}

/** app/api/v1/models/[model]/route.ts → /api/v1/models/[model]; route groups "(x)" and "_private" folders drop out. */
export function urlPathOf(file: string, root = "app"): string {
  const parts = relative(root, file).split(sep).slice(0, -1);
  const kept = parts.filter((p) => !/^\(.*\)$/.test(p) && !p.startsWith("@"));
  return `/${kept.join("/")}`;
}

/**
 * The HTTP methods a route module exports, read from its text: `export const GET =`, `export async function
 * POST(`, `export { handler as PATCH }`, `export { GET, POST } from …`.
 */
export function exportedMethods(source: string): HttpMethod[] {
  const found = new Set<HttpMethod>();
  const isMethod = (name: string): name is HttpMethod => (HTTP_METHODS as readonly string[]).includes(name);
  for (const m of source.matchAll(/export\s+(?:const|let|var|(?:async\s+)?function)\s+([A-Z]+)\b/g))
    if (isMethod(m[1]!)) found.add(m[1]!);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1]!.split(",")) {
      const name =
        part
          .trim()
          .split(/\s+as\s+/)
          .pop()
          ?.trim() ?? "";
      if (isMethod(name)) found.add(name);
    }
  }
  return HTTP_METHODS.filter((m) => found.has(m));
}

export function discoverRoutes(root = "app"): DiscoveredRoute[] {
  return walk(root, "route.ts")
    .flatMap((file) => {
      const path = urlPathOf(file, root);
      return exportedMethods(readFileSync(file, "utf8")).map((method) => ({
        key: `${method} ${path}`,
        method,
        path,
        file: relative(".", file),
      }));
    })
    .sort((a, b) => a.key.localeCompare(b.key));
}

/** Every page's URL pattern, e.g. /models/[model]. */
export function discoverPages(root = "app"): string[] {
  return walk(root, "page.tsx")
    .map((file) => urlPathOf(file, root).replace(/^\/$/, "/"))
    .map((p) => (p === "/" ? "/" : p))
    .sort();
}
