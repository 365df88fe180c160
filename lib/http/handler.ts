// The one wrapper every API route goes through: database, authentication, authorisation, query/params
// parsing with zod, and mapping errors to HTTP statuses. Plain Web Request/Response, no framework import.
import { z } from "zod";
import type { Permission } from "../auth/api-keys";
import type { Database } from "../db/client";
import { describeIssues } from "../ingest/validate-batch";
import { getDatabase } from "../runtime/instance";
import { HttpError } from "./errors";
import { authenticate, authorize, checkSameOrigin, type Principal } from "./principal";

export interface RouteSpec<Q extends z.ZodType, P extends z.ZodType> {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  summary: string;
  /** null: public (health, openapi.json, login) */
  permission: Permission | null;
  query?: Q;
  params?: P;
  body?: z.ZodType;
  /** A body that is not JSON (documented only; the handler reads it). */
  rawBody?: { contentType: string; description: string };
  /** Status of success when not 200 (204: no body). */
  successStatus?: number;
  response?: z.ZodType;
  responses?: Record<number, string>;
}

export interface RouteContext<Q, P> {
  req: Request;
  database: Database;
  principal: Principal | null;
  query: Q;
  params: P;
}

type NextContext = { params?: Promise<Record<string, string | string[]>> };

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

function parse<T extends z.ZodType>(schema: T | undefined, input: unknown, what: string): z.output<T> {
  if (!schema) return undefined as z.output<T>;
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new HttpError(400, `${what}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

export function handle<Q extends z.ZodType = z.ZodUndefined, P extends z.ZodType = z.ZodUndefined>(
  spec: RouteSpec<Q, P>,
  handler: (ctx: RouteContext<z.output<Q>, z.output<P>>) => Promise<Response | object>,
) {
  return async (req: Request, next?: NextContext): Promise<Response> => {
    try {
      const database = await getDatabase();
      let principal: Principal | null = null;
      if (spec.permission) {
        principal = await authenticate(req, database);
        authorize(principal, spec.permission, `${spec.method} ${spec.path}`);
        checkSameOrigin(req, principal);
      }
      const url = new URL(req.url);
      const query = parse(spec.query, Object.fromEntries(url.searchParams), "query");
      const params = parse(spec.params, next?.params ? await next.params : {}, "path");
      const result = await handler({ req, database, principal, query, params });
      return result instanceof Response ? result : json(result);
    } catch (error) {
      if (error instanceof HttpError) return json({ error: error.message, ...error.extra }, error.status);
      if (error instanceof z.ZodError) return json({ error: describeIssues(error) }, 400);
      const requestId = crypto.randomUUID();
      console.error(`[vigil] ${spec.method} ${spec.path} failed (request ${requestId})`, error);
      return json({ error: "internal error; the server log has the details", requestId }, 500);
    }
  };
}
