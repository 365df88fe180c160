"use client";
// Requests that change alerting settings: same-origin JSON (or YAML text for rule-file import), errors as
// ProblemsError carrying the server's {error, problems:[{path, message, line}]} so forms can place them.
import { ApiError } from "./fetch-json";

export interface ServerProblem {
  path: string;
  message: string;
  line?: number | null;
}

export class ProblemsError extends ApiError {
  constructor(
    status: number,
    message: string,
    readonly problems: ServerProblem[],
  ) {
    super(status, message);
    this.name = "ProblemsError";
  }
}

function problemsOf(data: unknown): ServerProblem[] {
  if (!data || typeof data !== "object" || !("problems" in data) || !Array.isArray(data.problems)) return [];
  return data.problems.filter(
    (p): p is ServerProblem =>
      !!p && typeof p === "object" && typeof p.message === "string" && typeof (p.path ?? "") === "string",
  );
}

export type Method = "POST" | "PUT" | "PATCH" | "DELETE";

export async function sendAlerting<T>(
  method: Method,
  url: string,
  body?: unknown,
  contentType = "application/json",
): Promise<T> {
  const res = await fetch(url, {
    method,
    credentials: "same-origin",
    headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": contentType }) },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  if (res.status === 401 && typeof window !== "undefined") {
    const here = window.location.pathname + window.location.search;
    window.location.assign(`/login?next=${encodeURIComponent(here)}`);
  }
  const data: unknown = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) {
    const message =
      data && typeof data === "object" && "error" in data && typeof data.error === "string"
        ? data.error
        : `Request failed (HTTP ${res.status})`;
    throw new ProblemsError(res.status, message, problemsOf(data));
  }
  return data as T;
}
